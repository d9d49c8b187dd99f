//! The pages every signed-out visitor sees alike, kept ready in memory, and the last touches every
//! HTML page gets on its way out.
//!
//! **What is kept.** A page is kept only when all of these hold: the request is a `GET` from a
//! visitor who is not signed in (no session cookie, no access token); the page said it shows
//! the same to every signed-out visitor ([`app::state::same_for_everyone`]); it answered 200 and
//! set no cookie. It is kept under its address plus the visitor's display preferences (text
//! size, contrast, motion, easy read), so two visitors with different preferences each get their
//! own. Nothing signed in is ever kept or served from here.
//!
//! **When it is dropped.** Every request that may change something (any method but `GET`,
//! `HEAD` and `OPTIONS`: forms, server functions, the API) drops every kept page when it
//! finishes, after its transaction has committed. A page whose rendering began before such a
//! drop is not kept, so a render that read the old rows can never outlive the change. On
//! PostgreSQL, where several instances may share one database, each drop is announced with
//! `NOTIFY` and every instance listening drops its pages too; while an instance cannot listen
//! (starting up, or its connection lost) it keeps nothing, because it could not hear about other
//! instances' changes. Pages also go after [`KEEP_FOR`], so what depends on the clock ("started
//! today") and changes made outside any server (the command line on SQLite) show within a minute.
//!
//! **Scripts.** Every HTML page leaves here with a Content-Security-Policy worked out from the
//! page itself: a page with no island (nothing interactive to wake up) loses the loader and
//! downloads no JavaScript or WASM at all, and a page that keeps the loader allows exactly that
//! inline script by its SHA-256 hash. Leptos's per-response nonce is taken out, so a kept page
//! never replays one nonce to everyone and the same page always has the same bytes and `ETag`.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::db::Backend;

/// How long a kept page is served before it is rendered afresh, at most.
pub const KEEP_FOR: Duration = Duration::from_secs(60);
/// Kept pages (with their compressed copies) never take more memory than this; past it, the
/// oldest are let go.
const MAX_BYTES: usize = 6 * 1024 * 1024;
/// Addresses longer than this (a long made-up query string) are rendered but never kept.
const MAX_KEY: usize = 1024;
/// The PostgreSQL channel instances announce their changes on.
pub const CHANNEL: &str = "coboard_changes";
/// The header a page sets (through [`app::state::same_for_everyone`]) to say it may be kept;
/// taken off before the response leaves.
const PUBLIC_MARKER: &str = app::state::SAME_FOR_EVERYONE_HEADER;
/// Says whether a response came from the kept pages (`hit`), was just kept (`stored`), or was
/// rendered for this request only (`pass`): for tests, benchmarks and anyone curious.
pub const CACHE_HEADER: &str = "x-coboard-cache";

/// The kept pages of one app instance.
#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

struct Inner {
    /// Goes up at every change; a page is kept only if it did not move while the page was rendered.
    generation: AtomicU64,
    /// False while changes made elsewhere could go unheard (PostgreSQL without its listener).
    listening: AtomicBool,
    pages: RwLock<Pages>,
    backend: Backend,
    /// What page loads share (`domain::memo`), dropped with the pages.
    shared: Arc<domain::memo::Shared>,
    /// This instance's name in its announcements, so it does not drop its pages twice.
    instance: String,
    /// Addresses being rendered for keeping right now, so that visitors arriving at the same
    /// moment wait for that one rendering rather than each making their own.
    flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Moves on at every change here or heard from another instance: what open event streams
    /// wait on (`api::conversations::stream`).
    changes: tokio::sync::watch::Sender<u64>,
    /// Addresses whose last rendering could not be kept (a form, a file, a page for signed-in
    /// people only): nobody waits for those.
    never_kept: Mutex<HashSet<String>>,
}

#[derive(Default)]
struct Pages {
    entries: HashMap<String, Arc<Entry>>,
    /// Keys from oldest to newest, to let the oldest go first when memory runs short.
    order: std::collections::VecDeque<String>,
    bytes: usize,
}

struct Entry {
    generation: u64,
    kept_at: Instant,
    last_modified: HeaderValue,
    modified: SystemTime,
    etag: HeaderValue,
    headers: HeaderMap,
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

impl Entry {
    fn size(&self) -> usize {
        self.identity.len() + self.gzip.as_ref().map_or(0, Bytes::len) + self.brotli.as_ref().map_or(0, Bytes::len) + 512
    }
}

impl PageCache {
    pub fn new(backend: Backend) -> Self {
        Self {
            inner: Arc::new(Inner {
                generation: AtomicU64::new(1),
                // SQLite has one server per file: nothing to listen for.
                listening: AtomicBool::new(backend == Backend::Sqlite),
                pages: RwLock::new(Pages::default()),
                backend,
                shared: domain::memo::Shared::new(backend == Backend::Sqlite),
                instance: uuid::Uuid::now_v7().simple().to_string(),
                flights: Mutex::default(),
                never_kept: Mutex::default(),
                changes: tokio::sync::watch::channel(0).0,
            }),
        }
    }

    /// What this instance's page loads share until anything changes.
    pub fn shared(&self) -> Arc<domain::memo::Shared> {
        self.inner.shared.clone()
    }

    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Acquire)
    }

    /// Whether this instance may keep and serve pages now.
    pub fn active(&self) -> bool {
        self.inner.listening.load(Ordering::Acquire)
    }

    /// How many pages are kept now.
    pub fn len(&self) -> usize {
        self.inner.pages.read().map(|p| p.entries.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What changes to follow: the value moves on at every change this instance makes or hears.
    pub fn changes(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.changes.subscribe()
    }

    /// Drops every kept page of this instance, and wakes whoever follows its changes.
    pub fn drop_all(&self) {
        self.inner.shared.changed();
        self.inner.changes.send_modify(|n| *n = n.wrapping_add(1));
        self.inner.generation.fetch_add(1, Ordering::AcqRel);
        if let Ok(mut pages) = self.inner.pages.write() {
            *pages = Pages::default();
        }
        if let Ok(mut never) = self.inner.never_kept.lock() {
            never.clear();
        }
    }

    /// Waits while another visitor's request renders `key` for keeping. Returns the turn to
    /// hold while this request renders it itself, when it is the first.
    async fn wait_for_flight(&self, key: &str) -> Option<Flight> {
        if !self.active() || self.inner.never_kept.lock().map_or(true, |n| n.contains(key)) {
            return None;
        }
        let (flight, first) = {
            let mut flights = self.inner.flights.lock().ok()?;
            match flights.get(key) {
                Some(flight) => (flight.clone(), false),
                None => {
                    let flight = Arc::new(tokio::sync::Mutex::new(()));
                    flights.insert(key.to_owned(), flight.clone());
                    (flight, true)
                }
            }
        };
        let turn = flight.clone().lock_owned().await;
        if first {
            Some(Flight { cache: self.clone(), key: key.to_owned(), _turn: turn })
        } else {
            // The first one has finished: its page is kept now, or it could not be, and this
            // request renders its own.
            None
        }
    }

    fn never_keep(&self, key: &str) {
        if let Ok(mut never) = self.inner.never_kept.lock() {
            if never.len() < 10_000 {
                never.insert(key.to_owned());
            }
        }
    }

    /// Something may have changed: drop this instance's pages and tell the others.
    pub async fn changed(&self, db: &DatabaseConnection) {
        self.drop_all();
        if self.inner.backend == Backend::Postgres {
            announce(db, &self.inner.instance).await;
        }
    }

    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        if !self.active() {
            return None;
        }
        let generation = self.generation();
        let pages = self.inner.pages.read().ok()?;
        pages.entries.get(key).filter(|e| e.generation == generation && e.kept_at.elapsed() < KEEP_FOR).cloned()
    }

    /// Keeps `entry` unless something changed since its rendering began.
    fn keep(&self, key: String, entry: Arc<Entry>) -> bool {
        if !self.active() || entry.generation != self.generation() || entry.size() > MAX_BYTES / 4 {
            return false;
        }
        let Ok(mut pages) = self.inner.pages.write() else { return false };
        // Checked again under the lock: a change that dropped everything a moment ago wins.
        if entry.generation != self.generation() {
            return false;
        }
        let size = entry.size();
        if let Some(old) = pages.entries.insert(key.clone(), entry) {
            pages.bytes -= old.size();
            pages.order.retain(|k| k != &key);
        }
        pages.order.push_back(key);
        pages.bytes += size;
        while pages.bytes > MAX_BYTES {
            let Some(oldest) = pages.order.pop_front() else { break };
            if let Some(gone) = pages.entries.remove(&oldest) {
                pages.bytes -= gone.size();
            }
        }
        true
    }

    /// On PostgreSQL: listens for other instances' changes for as long as the process runs,
    /// reconnecting when the connection drops. Pages are kept only while it listens.
    pub fn listen(&self, database_url: &str) {
        if self.inner.backend != Backend::Postgres {
            return;
        }
        let cache = self.clone();
        let url = database_url.to_owned();
        tokio::spawn(async move {
            use sea_orm::sqlx::postgres::PgListener;
            loop {
                match PgListener::connect(&url).await {
                    Ok(mut listener) => match listener.listen(CHANNEL).await {
                        Ok(()) => {
                            // Anything kept before now might have missed a change.
                            cache.drop_all();
                            cache.inner.listening.store(true, Ordering::Release);
                            cache.inner.shared.set_trusted(true);
                            loop {
                                match listener.try_recv().await {
                                    Ok(Some(note)) => {
                                        if note.payload() != cache.inner.instance {
                                            cache.drop_all();
                                        }
                                    }
                                    // The connection dropped and came back: changes announced
                                    // meanwhile were missed, so nothing kept can be trusted.
                                    Ok(None) => cache.drop_all(),
                                    Err(error) => {
                                        tracing::warn!(%error, "lost the PostgreSQL listener; keeping no pages until it is back");
                                        break;
                                    }
                                }
                            }
                        }
                        Err(error) => tracing::warn!(%error, "could not listen for changes on PostgreSQL"),
                    },
                    Err(error) => tracing::warn!(%error, "could not connect to listen for changes on PostgreSQL"),
                }
                cache.inner.listening.store(false, Ordering::Release);
                cache.inner.shared.set_trusted(false);
                cache.drop_all();
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
    }
}

/// The first request's turn at rendering an address: the others wait until it is dropped.
struct Flight {
    cache: PageCache,
    key: String,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl Drop for Flight {
    fn drop(&mut self) {
        if let Ok(mut flights) = self.cache.inner.flights.lock() {
            flights.remove(&self.key);
        }
    }
}

/// Tells every instance sharing this PostgreSQL database that something changed. For the
/// command line too, which writes without a server.
pub async fn announce(db: &DatabaseConnection, instance: &str) {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return;
    }
    if let Err(error) = notify(db, CHANNEL, instance).await {
        tracing::warn!(%error, "could not tell other instances about a change; their pages may lag by up to a minute");
    }
}

/// `NOTIFY channel, payload` on PostgreSQL (for the kept pages here, and for live editing).
pub async fn notify(db: &DatabaseConnection, channel: &str, payload: &str) -> Result<(), sea_orm::DbErr> {
    let statement = Statement::from_sql_and_values(sea_orm::DatabaseBackend::Postgres, "SELECT pg_notify($1, $2)", [channel.into(), payload.into()]);
    db.execute_raw(statement).await.map(|_| ())
}

/// The middleware: serves kept pages, keeps new ones, drops them all after a change, and gives
/// every HTML page its finishing touches (see the module's notes).
pub async fn pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache = &state.pages;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let response = next.run(req).await;
        cache.changed(&state.app.db).await;
        // A form sent back with a kind message about what to fix is a page like any other.
        return match finish(response).await {
            Ok((parts, html, _)) => personal(parts, html),
            Err(response) => response,
        };
    }
    let key = key_for(&req);
    let conditions = Conditions::of(req.headers());
    if let Some(entry) = key.as_deref().and_then(|k| cache.get(k)) {
        return entry.respond(&conditions, "hit");
    }
    // Many visitors arriving at once for a page nobody has kept yet wait for one rendering of
    // it. (Each rendering its own once took the server from 55 MB to 78 MB.)
    let _flight = match key.as_deref() {
        Some(k) => {
            let flight = cache.wait_for_flight(k).await;
            if let Some(entry) = cache.get(k) {
                return entry.respond(&conditions, "hit");
            }
            flight
        }
        None => None,
    };
    let generation = cache.generation();
    let (parts, html, may_keep) = match finish(next.run(req).await).await {
        Ok(finished) => finished,
        Err(response) => {
            if let Some(k) = key.as_deref() {
                cache.never_keep(k);
            }
            return response;
        }
    };
    let signed_out_public =
        may_keep && key.is_some() && parts.status == StatusCode::OK && !parts.headers.contains_key(header::SET_COOKIE);
    if !signed_out_public {
        if let Some(k) = key.as_deref() {
            cache.never_keep(k);
        }
        return personal(parts, html);
    }
    let key = key.unwrap_or_default();
    let entry = Entry::new(generation, parts.headers, html);
    if !cache.active() || generation != cache.generation() {
        // It could not be kept (changes may go unheard, or one came while it was rendered):
        // sent as it is, compressed on the way out like any other response.
        return entry.respond(&conditions, "pass");
    }
    // One page is compressed at a time, whichever address it is for. (Compressing many at once,
    // each on a blocking thread of its own, once took the server from 40 MB to 260 MB, as every
    // thread kept its own allocator arena.) Visitors for the same address already wait for one
    // rendering above, so no page is compressed twice.
    let _turn = COMPRESSING.acquire().await;
    let entry = Arc::new(entry.compressed().await);
    let outcome = if cache.keep(key, entry.clone()) { "stored" } else { "pass" };
    entry.respond(&conditions, outcome)
}

/// Whose turn it is to compress a page for keeping.
static COMPRESSING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);

/// An HTML response's parts and finished bytes, and whether its page may be kept; anything
/// else comes back untouched as `Err`.
async fn finish(response: Response) -> Result<(axum::http::response::Parts, Bytes, bool), Response> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return Err(response);
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
    };
    let may_keep = parts.headers.remove(PUBLIC_MARKER).is_some();
    let finished = finish_html(&bytes);
    parts.headers.insert(header::CONTENT_SECURITY_POLICY, finished.policy);
    parts.headers.remove(header::CONTENT_LENGTH);
    Ok((parts, finished.html, may_keep))
}

/// A page rendered for this request only: no shared cache may keep it.
fn personal(mut parts: axum::http::response::Parts, html: Bytes) -> Response {
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    parts.headers.insert(CACHE_HEADER, HeaderValue::from_static("pass"));
    Response::from_parts(parts, Body::from(html))
}

/// The key a signed-out visitor's `GET` is kept under, or `None` when it must not be kept.
fn key_for(req: &Request) -> Option<String> {
    if req.method() != Method::GET
        || req.headers().contains_key(header::AUTHORIZATION)
        || crate::auth::cookie(req.headers(), crate::auth::SESSION_COOKIE).is_some()
        || req.extensions().get::<domain::people::CurrentUser>().is_some()
    {
        return None;
    }
    let preferences = req.extensions().get::<domain::people::Preferences>().copied().unwrap_or_default();
    let address = req.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let key = format!("{address} {}", preferences.to_cookie());
    (key.len() <= MAX_KEY).then_some(key)
}

/// What the browser already has, from its conditional request headers.
struct Conditions {
    if_none_match: Option<String>,
    if_modified_since: Option<SystemTime>,
    brotli: bool,
    gzip: bool,
}

impl Conditions {
    fn of(headers: &HeaderMap) -> Self {
        let accepted = headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
        // A coding counts unless the browser gave it `q=0` (RFC 9110 §12.5.3).
        let accepts = |name: &str| {
            accepted.split(',').any(|part| {
                let mut bits = part.split(';');
                let coding = bits.next().unwrap_or("").trim();
                let weight = bits
                    .filter_map(|p| p.trim().strip_prefix("q=").map(|q| q.trim().parse::<f32>().unwrap_or(0.0)))
                    .next()
                    .unwrap_or(1.0);
                coding.eq_ignore_ascii_case(name) && weight > 0.0
            })
        };
        Self {
            if_none_match: headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).map(str::to_owned),
            if_modified_since: headers.get(header::IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).and_then(|v| httpdate::parse_http_date(v).ok()),
            brotli: accepts("br"),
            gzip: accepts("gzip"),
        }
    }

    /// Whether the browser's copy is this one (RFC 9110 §13.1: `If-None-Match` wins when sent).
    fn fresh(&self, etag: &HeaderValue, modified: SystemTime) -> bool {
        let tag = etag.to_str().unwrap_or_default();
        if let Some(list) = &self.if_none_match {
            return list.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == "*" || t == tag);
        }
        self.if_modified_since.is_some_and(|since| modified <= since)
    }
}

impl Entry {
    /// The page ready to keep, without its compressed copies yet.
    fn new(generation: u64, mut headers: HeaderMap, html: Bytes) -> Self {
        let digest = Sha256::digest(&html);
        let etag = HeaderValue::from_str(&format!("\"{}\"", hex(&digest[..12]))).expect("hex is a valid header");
        // Whole seconds, as HTTP dates carry, so an If-Modified-Since echo compares equal.
        let modified = SystemTime::UNIX_EPOCH
            + Duration::from_secs(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()));
        let last_modified = HeaderValue::from_str(&httpdate::fmt_http_date(modified)).expect("an HTTP date is a valid header");
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::CACHE_CONTROL);
        headers.remove(header::VARY);
        Self { generation, kept_at: Instant::now(), last_modified, modified, etag, headers, identity: html, gzip: None, brotli: None }
    }

    /// Compresses the page once, here, rather than at every request; off the async workers, as
    /// it takes a millisecond or two.
    async fn compressed(mut self) -> Self {
        let source = self.identity.clone();
        let (gzip, brotli) =
            tokio::task::spawn_blocking(move || (compress_gzip(&source), compress_brotli(&source))).await.unwrap_or((None, None));
        self.gzip = gzip;
        self.brotli = brotli;
        self
    }

    fn respond(&self, conditions: &Conditions, outcome: &'static str) -> Response {
        let mut response = if conditions.fresh(&self.etag, self.modified) {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            let (body, encoding) = match (&self.brotli, &self.gzip) {
                (Some(br), _) if conditions.brotli => (br.clone(), Some("br")),
                (_, Some(gz)) if conditions.gzip => (gz.clone(), Some("gzip")),
                _ => (self.identity.clone(), None),
            };
            let mut r = Response::new(Body::from(body));
            *r.headers_mut() = self.headers.clone();
            if let Some(encoding) = encoding {
                r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            r
        };
        let headers = response.headers_mut();
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::LAST_MODIFIED, self.last_modified.clone());
        // Browsers and proxies may keep it, but must ask (a cheap 304) before using it again.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(header::VARY, HeaderValue::from_static("Cookie, Accept-Encoding"));
        headers.insert(CACHE_HEADER, HeaderValue::from_static(outcome));
        response
    }
}

fn compress_gzip(bytes: &[u8]) -> Option<Bytes> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::default());
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok().map(Bytes::from)
}

fn compress_brotli(bytes: &[u8]) -> Option<Bytes> {
    let mut out = Vec::with_capacity(bytes.len() / 4);
    // A 256 KB window is more than a page needs, and keeps the encoder's memory small (the
    // default 4 MB window made it take tens of megabytes).
    let params = brotli::enc::BrotliEncoderParams { quality: 8, lgwin: 18, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(Bytes::from(out))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An HTML page ready to leave: its bytes and its script policy.
struct Finished {
    html: Bytes,
    policy: HeaderValue,
}

/// Takes Leptos's nonce out, drops the island loader from a page with no island, and works out
/// the Content-Security-Policy that allows exactly the inline scripts left.
fn finish_html(bytes: &Bytes) -> Finished {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Finished { html: bytes.clone(), policy: policy(&[], false, false) };
    };
    let mut html = without_nonce(text);
    let has_islands = html.contains("<leptos-island");
    if !has_islands {
        html = without_hydration_data(&without_loader(&html));
    }
    let hashes = leptos_scripts(&html).map(|script| format!("'sha256-{}'", base64_sha256(script))).collect::<Vec<_>>();
    // The live editor (CodeMirror) writes its own stylesheet into the page and colours each
    // person's cursor with a style attribute; scripts stay as strict as everywhere else. Known by
    // its element as rendered, not by the words anywhere in the page (a comment can say them).
    let live_editor = html.contains("<div class=\"live\" data-live-editor=");
    Finished { policy: policy(&hashes, has_islands, live_editor), html: Bytes::from(html) }
}

fn policy(script_hashes: &[String], wasm: bool, inline_styles: bool) -> HeaderValue {
    let mut scripts = String::from("'self'");
    for hash in script_hashes {
        scripts.push(' ');
        scripts.push_str(hash);
    }
    if wasm {
        scripts.push_str(" 'wasm-unsafe-eval'");
    }
    let styles = if inline_styles { "style-src 'self' 'unsafe-inline'" } else { "style-src 'self'" };
    let policy = format!(
        "default-src 'self'; script-src {scripts}; {styles}; img-src 'self' data: https:; connect-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'"))
}

/// The page without the per-response nonce Leptos puts on its loader (`nonce="…"`, and the same
/// value it puts in `crossorigin`), which would make every rendering differ.
fn without_nonce(html: &str) -> String {
    let Some(start) = html.find(" nonce=\"") else { return html.to_owned() };
    let value_start = start + " nonce=\"".len();
    let Some(len) = html[value_start..].find('"') else { return html.to_owned() };
    let nonce = &html[value_start..value_start + len];
    if nonce.is_empty() {
        return html.to_owned();
    }
    html.replace(&format!(" nonce=\"{nonce}\""), "").replace(&format!("crossorigin=\"{nonce}\""), "crossorigin=\"\"")
}

/// The page without Leptos's island loader: the two preload links for the bundle and the module
/// script that fetches it, which Leptos writes one after the other in the head.
fn without_loader(html: &str) -> String {
    let Some(start) = html.find("<link rel=\"modulepreload\"") else { return html.to_owned() };
    let Some(script) = html[start..].find("<script type=\"module\"") else { return html.to_owned() };
    let Some(end) = html[start + script..].find("</script>") else { return html.to_owned() };
    let end = start + script + end + "</script>".len();
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..start]);
    out.push_str(&html[end..]);
    out
}

/// The page without the scripts Leptos appends after `</html>` for hydration (resources and
/// errors already resolved on the server), which only islands read.
fn without_hydration_data(html: &str) -> String {
    let Some(end) = html.rfind("</html>").map(|i| i + "</html>".len()) else { return html.to_owned() };
    let mut rest = html[end..].trim();
    while let Some(after_open) = rest.strip_prefix("<script>") {
        let Some(close) = after_open.find("</script>") else { return html.to_owned() };
        rest = after_open[close + "</script>".len()..].trim();
    }
    if rest.is_empty() { html[..end].to_owned() } else { html.to_owned() }
}

/// The inline scripts Leptos itself writes, and only those: its island loader (the module script
/// right after the bundle's preload links in the head) and the resolved data after `</html>`.
/// Nothing else is allowed to run, so a script that found its way into a page's words (through a
/// bug in escaping somewhere) is blocked rather than approved by hash with the rest.
fn leptos_scripts(html: &str) -> impl Iterator<Item = &str> {
    let head_end = html.find("</head>").unwrap_or(0);
    let loader = html[..head_end]
        .find("<link rel=\"modulepreload\"")
        .and_then(|links| html[links..head_end].find("<script type=\"module\"").map(|s| links + s))
        .and_then(|at| inline_scripts(&html[at..head_end]).next());
    let after = html.rfind("</html>").map_or("", |end| &html[end..]);
    loader.into_iter().chain(inline_scripts(after))
}

/// The text of every inline `<script>` (those without `src`).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find("<script")?;
            let tag_end = open + rest[open..].find('>')?;
            let tag = &rest[open..tag_end];
            let body_start = tag_end + 1;
            let close = body_start + rest[body_start..].find("</script>")?;
            let body = &rest[body_start..close];
            rest = &rest[close + "</script>".len()..];
            if !tag.contains(" src=") {
                return Some(body);
            }
        }
    })
}

fn base64_sha256(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = "<link rel=\"modulepreload\" href=\"/pkg/coboard.js\" crossorigin=\"abc123\">\
        <link rel=\"preload\" href=\"/pkg/coboard_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"abc123\">\
        <script type=\"module\" nonce=\"abc123\">((root) => {})(\"\")</script>";

    fn page(body: &str) -> Bytes {
        Bytes::from(format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{LOADER}<title>T</title></head><body>{body}</body></html>\
             <script>__RESOLVED_RESOURCES=[];</script><script>__INCOMPLETE_CHUNKS=[];</script>"
        ))
    }

    #[test]
    fn only_the_scripts_leptos_writes_are_allowed() {
        let done = finish_html(&page("<leptos-island data-component=\"x\"><p><script>steal()</script></p></leptos-island>"));
        let policy = done.policy.to_str().unwrap();
        assert!(!policy.contains(&base64_sha256("steal()")), "a script in the page's words is not approved: {policy}");
        assert!(policy.contains(&base64_sha256("((root) => {})(\"\")")), "the loader is: {policy}");
        assert!(policy.contains(&base64_sha256("__RESOLVED_RESOURCES=[];")), "and the resolved data: {policy}");
        // Words about the live editor do not loosen the style rules; the editor's element does.
        assert!(finish_html(&page("<p>data-live-editor</p>")).policy.to_str().unwrap().contains("style-src 'self';"));
        assert!(finish_html(&page("<div class=\"live\" data-live-editor=\"\"></div>")).policy.to_str().unwrap().contains("'unsafe-inline'"));
    }

    #[test]
    fn a_page_without_islands_loads_no_script_at_all() {
        let done = finish_html(&page("<main><p>Hello</p></main>"));
        let html = std::str::from_utf8(&done.html).unwrap();
        assert!(!html.contains("<script") && !html.contains(".wasm") && !html.contains("modulepreload"), "{html}");
        assert!(html.contains("<title>T</title>") && html.contains("<p>Hello</p>"), "the rest is untouched: {html}");
        assert!(html.ends_with("</html>"), "the hydration data is gone too: {html}");
        let policy = done.policy.to_str().unwrap();
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(!policy.contains("wasm-unsafe-eval") && !policy.contains("nonce"), "{policy}");
    }

    #[test]
    fn a_page_with_an_island_keeps_its_loader_allowed_by_hash_not_nonce() {
        let done = finish_html(&page("<leptos-island data-component=\"x\"><button>Go</button></leptos-island>"));
        let html = std::str::from_utf8(&done.html).unwrap();
        assert!(html.contains("<script type=\"module\">((root) => {})(\"\")</script>"), "loader kept, nonce gone: {html}");
        assert!(!html.contains("abc123"), "no trace of the nonce: {html}");
        let policy = done.policy.to_str().unwrap();
        let hashes: Vec<String> =
            ["((root) => {})(\"\")", "__RESOLVED_RESOURCES=[];", "__INCOMPLETE_CHUNKS=[];"].iter().map(|s| format!("'sha256-{}'", base64_sha256(s))).collect();
        assert!(policy.contains(&format!("script-src 'self' {} 'wasm-unsafe-eval';", hashes.join(" "))), "{policy}");
    }

    #[test]
    fn the_same_page_rendered_twice_has_the_same_bytes() {
        let first = finish_html(&page("<p>x</p>"));
        let second = finish_html(&Bytes::from(std::str::from_utf8(&page("<p>x</p>")).unwrap().replace("abc123", "zzz999")));
        assert_eq!(first.html, second.html);
    }

    #[test]
    fn conditional_requests() {
        let etag = HeaderValue::from_static("\"abc\"");
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let with = |name: header::HeaderName, value: &str| {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_str(value).unwrap());
            Conditions::of(&h)
        };
        assert!(with(header::IF_NONE_MATCH, "\"abc\"").fresh(&etag, now));
        assert!(with(header::IF_NONE_MATCH, "\"x\", W/\"abc\"").fresh(&etag, now));
        assert!(!with(header::IF_NONE_MATCH, "\"abd\"").fresh(&etag, now));
        assert!(with(header::IF_MODIFIED_SINCE, &httpdate::fmt_http_date(now)).fresh(&etag, now));
        assert!(!with(header::IF_MODIFIED_SINCE, &httpdate::fmt_http_date(now - Duration::from_secs(1))).fresh(&etag, now));
        assert!(!Conditions::of(&HeaderMap::new()).fresh(&etag, now));
        let enc = with(header::ACCEPT_ENCODING, "gzip, deflate, br;q=0");
        assert!(enc.gzip && !enc.brotli);
    }
}
