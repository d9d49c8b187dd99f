//! The Coboard server as a library, so tests start the real application on a random port
//! (`Application::build` with `LEPTOS_SITE_ADDR` port 0), and `main.rs` stays thin.

pub mod api;
pub mod auth;
pub mod cli;
pub mod config;
pub mod conversations;
pub mod db;
pub mod documents;
pub mod feedback;
pub mod glossary;
pub mod health;
pub mod input;
pub mod live;
pub mod mail;
pub mod meetings;
pub mod outbox;
pub mod outcomes;
pub mod page_cache;
pub mod public;
pub mod spaces;

use std::net::SocketAddr;
use std::sync::Arc;

use app::{App, shell, state::AppState as PageState};
use axum::{
    Router,
    extract::FromRef,
    http::{HeaderName, HeaderValue, header},
    middleware,
    routing::{get, post},
};
use leptos::prelude::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, set_header::SetResponseHeaderLayer, trace::TraceLayer,
};

pub use config::Config;

/// A small page of its own, for answers given before (or without) the app rendering one: a
/// request refused at the door, or the database away. `message` is shown as an alert; nothing
/// in it needs the database. `link` is where to go next: its address and words.
pub(crate) fn plain_page(status: axum::http::StatusCode, title: &str, heading: &str, message: &str, link: (&str, &str)) -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title} – Coboard</title>\
         <link rel=\"stylesheet\" href=\"/pkg/coboard.css\"></head><body><main id=\"main\" class=\"wrap\">\
         <h1>{heading}</h1><p role=\"alert\">{message}</p><p><a href=\"{}\">{}</a></p></main></body></html>",
        link.0, link.1
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Largest request body accepted anywhere (413 beyond it).
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// Everything a request handler may need. Cloned by each layer at every request, so it is one
/// `Arc` (cloning the fields themselves, Leptos's options above all, took a fifth of the time
/// of serving a kept page).
#[derive(Clone)]
pub struct AppState(Arc<AppStateParts>);

impl std::ops::Deref for AppState {
    type Target = AppStateParts;
    fn deref(&self) -> &AppStateParts {
        &self.0
    }
}

pub struct AppStateParts {
    /// What pages and server functions see.
    pub app: PageState,
    pub database_url: Arc<str>,
    pub mailer: mail::Mailer,
    /// The address people use to reach Coboard, without a trailing slash (for links in emails).
    pub site_url: Arc<str>,
    pub secure_cookies: bool,
    /// Reverse proxies allowed to say who the client is (`COBOARD_TRUSTED_PROXIES`).
    pub trusted_proxies: Arc<config::TrustedProxies>,
    /// Pages kept for signed-out visitors, dropped at every change.
    pub pages: page_cache::PageCache,
    /// `/feed.atom` and `/sitemap.xml`, kept until anything changes.
    pub feeds: public::Feeds,
    /// Documents being written live on this instance.
    pub live: live::LiveHub,
    /// The newest live events, read once for every event stream this instance holds.
    pub events: domain::conversations::events::Tail,
}

impl FromRef<AppState> for PageState {
    fn from_ref(state: &AppState) -> Self {
        state.app.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.app.leptos_options.clone()
    }
}

/// A bound, migrated, ready-to-serve Coboard.
pub struct Application {
    listener: TcpListener,
    router: Router,
    addr: SocketAddr,
    queries: Arc<std::sync::atomic::AtomicU64>,
    pages: page_cache::PageCache,
}

impl Application {
    /// Connects to the database, applies migrations, binds the listener.
    pub async fn build(config: &Config) -> anyhow::Result<Self> {
        let mut db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        // The mail worker shares the pool but not the counter below: its looking at the outbox
        // every few seconds is no page's queries.
        let worker_db = db.clone();
        // Every statement this server sends is counted (one atomic add), so tests can hold each
        // page to a query budget and benchmarks can report queries per request.
        let queries = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = queries.clone();
        // COBOARD_PRINT_SQL=1 prints each statement, to see where a page's queries come from.
        let print = std::env::var("COBOARD_PRINT_SQL").is_ok_and(|v| v == "1");
        db.set_metric_callback(move |info| {
            counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if print {
                eprintln!("SQL {:?} {}", info.elapsed, info.statement.sql.chars().take(160).collect::<String>());
            }
        });
        let listener = TcpListener::bind(config.listen).await?;
        let addr = listener.local_addr()?;
        let leptos_options = LeptosOptions::builder()
            .output_name("coboard")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .build();
        let mailer = mail::Mailer::from_config(config)?;
        let pages = page_cache::PageCache::new(config.backend());
        pages.listen(&config.database_url);
        // Live editing's own work (keeping every keystroke) is no page's queries either.
        let live = live::LiveHub::new(worker_db.clone(), uuid::Uuid::now_v7().to_string(), pages.clone());
        live.listen(&config.database_url);
        tracing::info!("email is {}", mailer.describe());
        let site_url: Arc<str> = config.site_url.clone().unwrap_or_else(|| format!("http://{addr}")).trim_end_matches('/').into();
        let state = AppState(Arc::new(AppStateParts {
            app: PageState::new(db, leptos_options, pages.shared(), site_url.clone()),
            database_url: config.database_url.as_str().into(),
            mailer,
            site_url,
            secure_cookies: config.secure_cookies(),
            trusted_proxies: Arc::new(config.trusted_proxies.clone()),
            pages: pages.clone(),
            feeds: Default::default(),
            live,
            events: Default::default(),
        }));
        // Papers go out by themselves when their day comes (COBOARD_JOBS_EVERY_SECS, 60 by default).
        state.mailer.start_worker(worker_db, state.site_url.clone());
        let every = std::env::var("COBOARD_JOBS_EVERY_SECS").ok().and_then(|s| s.parse::<u64>().ok()).filter(|s| *s > 0).unwrap_or(60);
        meetings::send_papers_when_due(state.clone(), std::time::Duration::from_secs(every));
        Ok(Self { listener, router: router(state), addr, queries, pages })
    }

    /// How many database statements this server has sent since it started.
    pub fn query_counter(&self) -> Arc<std::sync::atomic::AtomicU64> {
        self.queries.clone()
    }

    /// The pages this instance keeps for signed-out visitors.
    pub fn page_cache(&self) -> page_cache::PageCache {
        self.pages.clone()
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until the process is asked to stop (Ctrl+C or SIGTERM), finishing requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await
    }

    /// Serves until the returned future is dropped (tests).
    pub async fn run(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>()).await
    }
}

/// The page routes, worked out once per process.
///
/// Working them out renders the app with resource loading switched off through a flag Leptos keeps
/// for the whole process (leptos-rs/leptos#4773). Any page that starts loading data at that moment,
/// in another app in the same process, waits forever. Tests start many apps side by side, and one
/// such page hung CI for 90 minutes. Doing it once, before any app serves a page, closes the gap.
pub fn page_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// All routes: health, the JSON API, the pages and their server functions, static files.
pub fn router(state: AppState) -> Router {
    // Behind an `Arc`: the route handlers, and so this closure, are cloned at every request, and
    // Leptos's options are only needed when a page is rendered.
    let leptos_options = Arc::new(state.app.leptos_options.clone());
    let routes = page_routes();
    // Pages and server functions find the database through this context.
    let page_state = state.app.clone();
    let provide_page_state = move || leptos::prelude::provide_context(page_state.clone());
    let api = api::router();
    use auth::forms;
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/feed.atom", get(public::feed))
        .route("/sitemap.xml", get(public::sitemap))
        .nest("/api/v1", api)
        // Forms that work without JavaScript: each POSTs to the page it is on.
        .route("/sign-in", post(forms::sign_in))
        .route("/sign-in/link", post(forms::request_link))
        .route("/sign-in/link/{token}", post(forms::use_link))
        .route("/sign-out", post(forms::sign_out))
        .route("/sign-out/everywhere", post(forms::sign_out_everywhere))
        .route("/account/sessions/end", post(forms::end_session))
        .route("/setup", post(forms::setup))
        .route("/invite/{slug}", post(forms::invite))
        .route("/invitations/{token}", post(forms::accept))
        .route("/preferences", post(forms::save_preferences))
        .route("/outbox/{id}/retry", post(outbox::retry))
        .route("/email-settings/{key}", post(outbox::email_settings))
        .route("/documents/{id}/follow", post(outbox::follow))
        .route("/account/tokens", post(forms::create_token))
        .route("/account/tokens/revoke", post(forms::revoke_token))
        .route("/members/{slug}", post(forms::change_role))
        .route("/vision/edit", post(forms::edit_vision))
        .route("/groups/new", post(spaces::start_group))
        .route("/groups/{slug}/edit", post(spaces::edit_group))
        .route("/groups/{slug}/report", post(spaces::move_group_on))
        .route("/groups/{slug}/take-part", post(spaces::take_part))
        .route("/board/edit", post(spaces::edit_board))
        .route("/documents/new/{slug}", post(documents::create))
        .route("/documents/{id}/edit", post(documents::save))
        .route("/documents/{id}/restore", post(documents::restore))
        .route("/documents/{id}/live/socket", get(live::socket))
        .route("/documents/{id}/live/save", post(live::save_form))
        .route("/documents/{id}/status", post(documents::change_status))
        .route("/documents/{id}/view", post(documents::give_view))
        .route("/documents/{id}/rule", post(documents::coproduction_rule))
        .route("/documents/{id}/vision", post(documents::rate_vision))
        .route("/documents/{id}/easy-read/{key}", post(documents::write_easy_read))
        .route("/documents/{id}/suggest", post(documents::suggest))
        .route("/suggestions/{id}/comment", post(documents::comment_on_suggestion))
        .route("/suggestions/{id}/accept", post(documents::accept_suggestion))
        .route("/suggestions/{id}/decline", post(documents::decline_suggestion))
        .route("/documents/{id}/comments", post(conversations::on_document))
        .route("/discussions/{slug}", post(conversations::discussion))
        .route("/threads/{id}/comments", post(conversations::post))
        .route("/threads/{id}/resolve", post(conversations::resolve))
        .route("/comments/{id}/edit", post(conversations::edit))
        .route("/comments/{id}/remove", post(conversations::remove))
        .route("/comments/{id}/react", post(conversations::react))
        .route("/comments/{id}/hide", post(conversations::hide))
        .route("/comments/{id}/show", post(conversations::show))
        .route("/comments/{id}/report", post(conversations::report))
        .route("/notifications/read", post(conversations::read_notifications))
        .route("/meetings/new/{slug}", post(meetings::plan))
        .route("/meetings/{id}/edit", post(meetings::change))
        .route("/meetings/{id}/items", post(meetings::add_item))
        .route("/meetings/{id}/send-papers", post(meetings::send_papers))
        .route("/meetings/{id}/reply", post(meetings::reply))
        .route("/meetings/{id}/attendance", post(meetings::record_attendance))
        .route("/meetings/{id}/minutes", post(meetings::start_minutes))
        .route("/meetings/{id}/decisions", post(meetings::record_decision))
        .route("/meetings/{id}/actions", post(meetings::add_action))
        .route("/meetings/{id}/comments", post(meetings::comment))
        .route("/meetings/{id}/calendar.ics", get(meetings::meeting_ics_page))
        .route("/agenda-items/{id}/move", post(meetings::move_item))
        .route("/agenda-items/{id}/remove", post(meetings::remove_item))
        .route("/agenda-items/{id}/papers", post(meetings::add_paper))
        .route("/actions/{id}", post(meetings::update_action))
        .route("/account/calendar", post(meetings::new_feed))
        .route("/calendar/{file}", get(meetings::feed))
        .route("/outcomes", post(outcomes::create))
        .route("/outcomes/{id}/edit", post(outcomes::change))
        .route("/outcomes/{id}/publish", post(outcomes::publish))
        .route("/tell-us", post(feedback::tell_us))
        .route("/feedback", post(feedback::add))
        .route("/feedback/import", post(feedback::import))
        .route("/you-said-we-did/feed.atom", get(feedback::feed))
        .route("/you-said-we-did/feedback.csv", get(feedback::csv))
        .route("/you-said-we-did/{id}/edit", post(feedback::change))
        .route("/you-said-we-did/{id}/status", post(feedback::status))
        .route("/you-said-we-did/{id}/updates", post(feedback::update))
        .route("/you-said-we-did/{id}/links", post(feedback::link))
        .route("/you-said-we-did/{id}/merge", post(feedback::merge))
        .route("/you-said-we-did/{id}/publish", post(feedback::publish))
        .route("/you-said-we-did/{id}/comments", post(feedback::comment))
        .route("/feedback-links/{id}/remove", post(feedback::unlink))
        .route("/did-it-help/{secret}", post(feedback::answer))
        .route("/glossary", post(glossary::add))
        .route("/glossary/ask", post(glossary::ask))
        .route("/glossary/terms/{id}", post(glossary::change))
        .route("/glossary/requests/{id}", post(glossary::answer))
        .route("/documents/{id}/versions/{number}", get(documents::download))
        .route("/account/supporters", post(forms::name_supporter))
        .route("/account/supporters/revoke", post(forms::revoke_supporter))
        .route("/account/supporting/start", post(forms::start_supporting))
        .route("/account/supporting/stop", post(forms::stop_supporting))
        .leptos_routes_with_context(&state, routes, provide_page_state.clone(), move || shell((*leptos_options).clone()))
        // Files from target/site (CSS, WASM, public/), served precompressed when the build made
        // .br/.gz copies; anything else is the accessible 404 page.
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(provide_page_state, shell))
        // Inside the session layer, which says who is asking and with what display preferences.
        .layer(middleware::from_fn_with_state(state.clone(), page_cache::pages))
        .layer(middleware::from_fn_with_state(state.clone(), auth::sessions))
        // Before anything reads the database: a form that is not UTF-8 text is refused.
        .layer(middleware::from_fn(input::forms_are_utf8))
        .layer(middleware::from_fn_with_state(state.clone(), auth::same_origin))
        .layer(middleware::from_fn_with_state(state.clone(), auth::client_address))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        // Outside the body limit, so its 413 is JSON for API clients too.
        .layer(middleware::from_fn(api::json_errors))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static("content-security-policy"),
            HeaderValue::from_static("frame-ancestors 'none'"),
        ))
        // Files are not fingerprinted, so browsers check back (a cheap 304) rather than keep stale copies.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .layer(TraceLayer::new_for_http())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("stopping: finishing requests in flight");
}
