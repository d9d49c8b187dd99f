//! Test helpers: start the real Coboard on a random port against a fresh SQLite file or a fresh
//! PostgreSQL database, and talk to it over HTTP.

#![allow(dead_code)]

use std::net::SocketAddr;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::{Application, Config};

/// A password the sign-in rules accept, for test accounts.
pub const GOOD_PASSWORD: &str = "purple kettle island";

impl TestApp {
    /// A new account (`name@example.org`) with a personal access token, and its id; with `role`,
    /// also that role in the demo's policy group. After the demo, the first account made is a
    /// co-chair of the board.
    pub async fn person_with_token(&self, name: &str, perspective: domain::people::Perspective, role: Option<domain::people::Role>) -> (String, uuid::Uuid) {
        let email = format!("{}@example.org", name.to_lowercase());
        let (p, _) = domain::accounts::create_account(&self.db, domain::accounts::NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), ..Default::default() })
            .await
            .unwrap();
        if let Some(role) = role {
            let policy = domain::spaces::service::space_by_slug(&self.db, "policy").await.unwrap().space.id;
            domain::accounts::set_role(&self.db, policy, p.id, role).await.unwrap();
        }
        (server::cli::create_token(&self.db, &email, None).await.unwrap(), p.id)
    }

    /// One API call with a token (or signed out with `None`): the status and the JSON answer
    /// (`null` when the answer is not JSON).
    pub async fn call(&self, method: reqwest::Method, path: &str, body: Option<serde_json::Value>, token: Option<&str>) -> (u16, serde_json::Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
    }
}

impl TestApp {
    /// Creates the first account (Marcia Okafor, a co-chair of the board) through the set-up
    /// form, naming the board; returns her session cookie.
    pub async fn set_up_first_account(&self) -> String {
        let response = self
            .post_form(
                "/setup",
                &[
                    ("board_name", "Direct Payments Board"),
                    ("board_purpose", "We decide together."),
                    ("display_name", "Marcia Okafor"),
                    ("perspective", "expert"),
                    ("email", "marcia@example.org"),
                    ("password", GOOD_PASSWORD),
                ],
                None,
            )
            .await;
        assert_eq!(response.status().as_u16(), 303);
        session_from(&response).expect("signed in after set-up")
    }
}

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL server for tests is: a database we may connect to in order to create
/// one fresh database per test.
pub fn postgres_admin_url() -> String {
    std::env::var("COBOARD_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Whether anything answers at the PostgreSQL address: asked once per test binary, with a short
/// timeout, so a machine without PostgreSQL skips quickly instead of waiting on a pool.
fn postgres_answers() -> bool {
    static ANSWERS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ANSWERS.get_or_init(|| {
        use std::net::ToSocketAddrs;
        let url = postgres_admin_url();
        let host_port = url.split("://").nth(1).and_then(|rest| rest.rsplit('@').next()).and_then(|rest| rest.split('/').next()).unwrap_or("127.0.0.1:5432");
        let host_port = if host_port.contains(':') { host_port.to_owned() } else { format!("{host_port}:5432") };
        host_port
            .to_socket_addrs()
            .ok()
            .and_then(|mut addrs| addrs.next())
            .is_some_and(|addr| std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(1)).is_ok())
    })
}

pub fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A running Coboard and what a test needs to reach it.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub backend: Backend,
    pub database_url: String,
    /// A connection of the test's own, for arranging data through the domain services.
    pub db: DatabaseConnection,
    pub mail_dir: std::path::PathBuf,
    /// Statements the server (not the test's own connection) has sent to the database.
    pub queries: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// The pages the server keeps for signed-out visitors. A test that changes rows through
    /// `db` (not through the server) drops them, as a server would after its own writes.
    pub pages: server::page_cache::PageCache,
    server: tokio::task::JoinHandle<()>,
    pg_database: Option<String>,
    _data_dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request reaches the server")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        // Leptos marks text-node boundaries with `<!>` comments; they are invisible to people.
        (status, response.text().await.expect("a text body").replace("<!>", ""))
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("a JSON body"))
    }

    /// POSTs a form, with a session cookie if given, as a browser on the same site would.
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> reqwest::Response {
        let mut request = self.client.post(self.url(path)).form(form).header("Origin", format!("http://{}", self.addr));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        request.send().await.expect("request reaches the server")
    }

    /// GETs a page as the holder of `cookie`; returns the status and the HTML.
    pub async fn get_as(&self, path: &str, cookie: &str) -> (u16, String) {
        let response = self.client.get(self.url(path)).header("Cookie", cookie).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.text().await.unwrap().replace("<!>", ""))
    }

    /// GETs `path` (as the holder of `cookie`, if given) and counts the database statements the
    /// server sent to answer it. Returns the status and the count.
    pub async fn queries_for(&self, path: &str, cookie: Option<&str>) -> (u16, u64) {
        use std::sync::atomic::Ordering;
        let before = self.queries.load(Ordering::SeqCst);
        let mut request = self.client.get(self.url(path));
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        let response = request.send().await.expect("request reaches the server");
        let status = response.status().as_u16();
        let _ = response.bytes().await;
        (status, self.queries.load(Ordering::SeqCst) - before)
    }

    /// Waits until the outbox has nothing due (the mail worker has tried everything it can try
    /// now), for at most 20 seconds.
    pub async fn mail_settled(&self) {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while domain::mail::outbox::due_now(&self.db).await.expect("the outbox can be read") > 0 {
            assert!(std::time::Instant::now() < until, "the mail worker did not empty the outbox within 20 seconds");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // Claimed but not yet recorded: give the worker a moment to finish the file or the send.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    /// Every email written so far (mail goes to files in tests), oldest first, decoded; once the
    /// outbox has nothing due.
    pub async fn mails(&self) -> Vec<String> {
        self.mail_settled().await;
        let Ok(dir) = std::fs::read_dir(&self.mail_dir) else { return Vec::new() };
        let mut files: Vec<_> = dir.flatten().map(|e| (e.metadata().unwrap().modified().unwrap(), e.path())).collect();
        files.sort();
        files.into_iter().map(|(_, path)| decode_mail(&std::fs::read_to_string(path).unwrap())).collect()
    }

    /// The first link in the newest email to `to` that starts with `prefix`.
    pub async fn link_in_mail_to(&self, to: &str, prefix: &str) -> String {
        let mail = self.mails().await.into_iter().rev().find(|m| m.contains(&format!("To: {to}"))).unwrap_or_else(|| panic!("no mail to {to}"));
        let start = mail.find(prefix).unwrap_or_else(|| panic!("no {prefix} link in: {mail}"));
        mail[start..].split_whitespace().next().unwrap().trim_end_matches(['"', '<', '>']).to_owned()
    }

    /// Loads the demo board through the same code `coboard demo` runs.
    pub async fn load_demo(&self) {
        let outcome = domain::demo::load(&self.db).await.expect("demo loads");
        assert_eq!(outcome, domain::demo::DemoOutcome::Loaded);
        self.pages.drop_all();
    }

    /// Another Coboard instance on the same database (as behind a load balancer), with its own
    /// kept pages. It stops when the returned value is dropped.
    pub async fn second_instance(&self) -> SecondInstance {
        self.second_instance_with(|_| {}).await
    }

    /// As `second_instance`, with the configuration changed by `adjust` first.
    pub async fn second_instance_with(&self, adjust: impl FnOnce(&mut Config)) -> SecondInstance {
        let mut config = Config {
            database_url: self.database_url.clone(),
            data_dir: self._data_dir.path().to_owned(),
            listen: "127.0.0.1:0".parse().unwrap(),
            site_root: self._data_dir.path().join("site").display().to_string(),
            site_url: None,
            log: "warn".into(),
            smtp_url: None,
            mail_from: "Coboard <coboard@localhost>".into(),
            mail_retry: std::time::Duration::from_secs(1),
            trusted_proxies: Default::default(),
        };
        adjust(&mut config);
        let app = Application::build(&config).await.expect("a second instance starts");
        let (addr, pages) = (app.addr(), app.page_cache());
        let server = tokio::spawn(async move {
            let _ = app.run().await;
        });
        SecondInstance { addr, pages, server }
    }
}

/// A second instance started by [`TestApp::second_instance`].
pub struct SecondInstance {
    pub addr: SocketAddr,
    pub pages: server::page_cache::PageCache,
    server: tokio::task::JoinHandle<()>,
}

impl SecondInstance {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for SecondInstance {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
        // Tidy up the per-test PostgreSQL database, even when the test failed.
        if let Some(name) = self.pg_database.take() {
            drop_database(name);
        }
    }
}

/// Starts Coboard on `backend`. Returns `None` only when PostgreSQL is unreachable outside CI;
/// under CI (`CI=true`) a missing PostgreSQL fails the test.
pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with_smtp(backend, None).await
}

/// As `spawn_app`, sending mail through the SMTP server at `smtp_url`.
pub async fn spawn_app_with_smtp(backend: Backend, smtp_url: Option<String>) -> Option<TestApp> {
    spawn_app_with(backend, move |config| config.smtp_url = smtp_url).await
}

/// As `spawn_app`, with the configuration changed by `adjust` first.
pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let data_dir = tempfile::tempdir().expect("a temporary folder");
    let (database_url, pg_database) = fresh_database(backend, data_dir.path()).await?;
    let mut config = Config {
        database_url: database_url.clone(),
        data_dir: data_dir.path().to_owned(),
        listen: "127.0.0.1:0".parse().unwrap(),
        site_root: data_dir.path().join("site").display().to_string(),
        site_url: None,
        log: "warn".into(),
        smtp_url: None,
        mail_from: "Coboard <coboard@localhost>".into(),
        // Tests wait a second, not half a minute, before mail is tried again.
        mail_retry: std::time::Duration::from_secs(1),
        trusted_proxies: Default::default(),
    };
    adjust(&mut config);
    // The test's own connection goes where the server's does (a test may move the database).
    let database_url = config.database_url.clone();
    let app = Application::build(&config).await.expect("the application starts");
    let addr = app.addr();
    let queries = app.query_counter();
    let pages = app.page_cache();
    let server = tokio::spawn(async move {
        let _ = app.run().await;
    });
    let db = server::db::connect(&database_url).await.expect("the test connects too");
    // A request that gets no answer fails the test with its address, rather than waiting forever.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(90))
        .build()
        .unwrap();
    let mail_dir = data_dir.path().join("mail");
    Some(TestApp { addr, client, backend, database_url, db, mail_dir, queries, pages, server, pg_database, _data_dir: data_dir })
}

/// A fresh, empty database for `backend`: a SQLite file in `dir`, or a new PostgreSQL database
/// (its URL, and its name for dropping it later). `None` only when PostgreSQL is unreachable
/// outside CI; under CI (`CI=true`) a missing PostgreSQL fails the test.
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> Option<(String, Option<String>)> {
    match backend {
        Backend::Sqlite => Some((server::config::sqlite_url_in(dir), None)),
        Backend::Postgres => {
            let admin_url = postgres_admin_url();
            if !postgres_answers() && !under_ci() {
                eprintln!("PostgreSQL is not reachable at {admin_url}; skipping the PostgreSQL half of this test.");
                return None;
            }
            let admin = match Database::connect(admin_url.as_str()).await {
                Ok(conn) => conn,
                Err(err) if !under_ci() => {
                    eprintln!("PostgreSQL is not reachable at {admin_url} ({err}); skipping the PostgreSQL half of this test.");
                    return None;
                }
                Err(err) => panic!("PostgreSQL must be reachable under CI, at {admin_url}: {err}"),
            };
            let name = format!("coboard_test_{}", uuid::Uuid::now_v7().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create a test database");
            let base = admin_url.rsplit_once('/').map(|(base, _)| base.to_owned()).expect("the URL names a database");
            Some((format!("{base}/{name}"), Some(name)))
        }
    }
}

/// Drops a PostgreSQL database made by [`fresh_database`], waiting at most 30 seconds.
pub fn drop_database(name: String) {
    let admin = postgres_admin_url();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        // Tidying must never hold a test up: give it a while, then leave the database.
        let tidy = async move {
            if let Ok(conn) = Database::connect(admin).await {
                let _ = conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
            }
        };
        let _ = rt.block_on(async move { tokio::time::timeout(std::time::Duration::from_secs(30), tidy).await });
    })
    .join()
    .ok();
}

/// The real `coboard` binary (as a person starts it), on `database_url`, listening on `port`,
/// with `env` set too; its output is dropped but for warnings.
pub fn start_binary(database_url: &str, data_dir: &std::path::Path, port: u16, env: &[(&str, &str)]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_coboard"))
        .env("DATABASE_URL", database_url)
        .env("COBOARD_DATA_DIR", data_dir)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", data_dir.join("site"))
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the coboard binary starts")
}

/// Waits (at most a minute) until the server on `port` says it is healthy.
pub async fn wait_until_up(port: u16) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.map(|r| r.status().as_u16()).unwrap_or(0) != 200 {
        assert!(std::time::Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// A port nothing listens on just now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The longest one test may take. A test that hangs fails with this message instead of holding
/// up the whole run (and CI) until something outside kills it.
pub const TEST_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(240);

/// Runs a test body, failing it if it runs past `TEST_TIME_LIMIT`.
pub async fn within_time_limit(body: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(TEST_TIME_LIMIT, body).await.is_err() {
        panic!("this test took longer than {} seconds, so it was stopped: something is waiting forever", TEST_TIME_LIMIT.as_secs());
    }
}

/// Runs an async test body once on SQLite and once on PostgreSQL, as two named tests.
#[macro_export]
macro_rules! on_both_databases {
    ($($(#[doc = $doc:expr])* async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        $(
            $(#[doc = $doc])*
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                async fn body($app: $crate::common::TestApp) $body

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let app = $crate::common::spawn_app($crate::common::Backend::Sqlite).await.expect("SQLite always starts");
                    $crate::common::within_time_limit(body(app)).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(app) = $crate::common::spawn_app($crate::common::Backend::Postgres).await {
                        $crate::common::within_time_limit(body(app)).await;
                    }
                }
            }
        )*
    };
}

/// Undoes the quoted-printable or base64 body encoding mail programs use, part by part for a
/// multipart email: the headers, then each part's headers and decoded words.
pub fn decode_mail(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    let lower = head.to_lowercase();
    if lower.contains("content-type: multipart/") {
        // The boundary may be on a folded line: read it from the unfolded headers.
        let unfolded = head.replace("\n ", " ").replace("\n\t", " ");
        let boundary = unfolded.split("boundary=").nth(1).map(|b| b.trim_start_matches('"').split(['"', ';', '\n']).next().unwrap_or("").to_owned()).unwrap_or_default();
        let parts: Vec<String> = body
            .split(&format!("--{boundary}"))
            .map(|p| p.trim_start_matches('\n'))
            .filter(|p| !p.trim().is_empty() && !p.starts_with("--"))
            .map(decode_mail)
            .collect();
        return format!("{head}\n\n{}", parts.join("\n\n"));
    }
    let body = if lower.contains("content-transfer-encoding: quoted-printable") {
        let joined = body.replace("=\n", "");
        let mut out = Vec::new();
        let bytes = joined.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    } else if lower.contains("content-transfer-encoding: base64") {
        use base64::Engine;
        let compact: String = body.split_whitespace().collect();
        String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default()).into_owned()
    } else {
        body.to_owned()
    };
    format!("{head}\n\n{body}")
}

/// The `name=value` of a session cookie set by a response, for the next request's Cookie header.
pub fn session_from(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("coboard_session=") && !v.starts_with("coboard_session=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// A tiny SMTP server on loopback that keeps every message it is given: enough of RFC 5321
/// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a real client to deliver to it. It can be
/// stopped (nothing listens; open connections are cut) and started again on the same address,
/// and told to refuse some recipients for good (550).
pub struct SmtpSink {
    pub url: String,
    pub addr: SocketAddr,
    pub messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    /// Recipients refused with 550 (a permanent "no such mailbox").
    pub refuse: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

impl SmtpSink {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut sink = Self { url: format!("smtp://{addr}"), addr, messages: Default::default(), refuse: Default::default(), task: None };
        sink.serve(listener);
        sink
    }

    /// Stops listening and cuts every open connection, as a mail server going down does.
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    /// Listens again on the same address, keeping the messages had so far.
    pub async fn restart(&mut self) {
        self.stop();
        let mut tries = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(self.addr).await {
                Ok(l) => break l,
                Err(err) if tries < 50 => {
                    tries += 1;
                    let _ = err;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(err) => panic!("could not listen on {} again: {err}", self.addr),
            }
        };
        self.serve(listener);
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let kept = self.messages.clone();
        let refuse = self.refuse.clone();
        self.task = Some(tokio::spawn(async move {
            // Connections live in this set, so stopping the listener ends them too.
            let mut connections = tokio::task::JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                let refuse = refuse.clone();
                connections.spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    while let Ok(Some(line)) = lines.next_line().await {
                        let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                        let refused = verb == "RCPT" && refuse.lock().unwrap().iter().any(|r| line.to_lowercase().contains(&r.to_lowercase()));
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "RCPT" if refused => b"550 5.1.1 No such mailbox here\r\n",
                            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
                            "DATA" => {
                                let _ = write.write_all(b"354 End with <CRLF>.<CRLF>\r\n").await;
                                let mut message = String::new();
                                while let Ok(Some(data)) = lines.next_line().await {
                                    if data == "." {
                                        break;
                                    }
                                    message.push_str(data.strip_prefix('.').unwrap_or(&data));
                                    message.push_str("\r\n");
                                }
                                kept.lock().unwrap().push(decode_mail(&message));
                                b"250 Queued\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 Bye\r\n").await;
                                break;
                            }
                            _ => b"502 Not implemented\r\n",
                        };
                        if write.write_all(reply).await.is_err() {
                            break;
                        }
                    }
                });
            }
        }));
    }

    /// The messages had so far that are to `to`.
    pub fn to(&self, to: &str) -> Vec<String> {
        self.messages.lock().unwrap().iter().filter(|m| m.contains(&format!("To: {to}"))).cloned().collect()
    }
}

/// Reads Server-Sent Events from an open stream.
pub struct Events {
    response: reqwest::Response,
    buffer: String,
}

#[derive(Debug)]
pub struct Received {
    pub id: i64,
    pub kind: String,
    pub data: String,
}

impl Events {
    pub async fn open(url: String, token: &str, last_event_id: Option<i64>) -> Self {
        let mut request = reqwest::Client::new().get(url).bearer_auth(token);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
        Self { response, buffer: String::new() }
    }

    /// The next event within `wait`, or `None`.
    pub async fn next(&mut self, wait: std::time::Duration) -> Option<Received> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let (mut id, mut kind, mut data) = (None, String::new(), String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().ok();
                    } else if let Some(v) = line.strip_prefix("event:") {
                        kind = v.trim().to_owned();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim());
                    }
                }
                match id {
                    Some(id) => return Some(Received { id, kind, data }),
                    None => continue, // a keep-alive
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await.ok()?.ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}
