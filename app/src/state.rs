//! What the server hands every request: the database and Leptos's options.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::AppError;

/// Cloned at every request (into each page's context), so it is one `Arc`.
#[derive(Clone)]
pub struct AppState(std::sync::Arc<AppStateParts>);

impl std::ops::Deref for AppState {
    type Target = AppStateParts;
    fn deref(&self) -> &AppStateParts {
        &self.0
    }
}

impl AppState {
    pub fn new(db: DatabaseConnection, leptos_options: LeptosOptions, shared: std::sync::Arc<domain::memo::Shared>, site_url: std::sync::Arc<str>) -> Self {
        Self(std::sync::Arc::new(AppStateParts { db, leptos_options, shared, site_url }))
    }
}

pub struct AppStateParts {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
    /// What page loads read and share until anything changes (`domain::memo::Shared`); the
    /// server drops it at every change, with the pages it keeps.
    pub shared: std::sync::Arc<domain::memo::Shared>,
    /// The address people use to reach Coboard, without a trailing slash (for canonical links).
    pub site_url: std::sync::Arc<str>,
}

/// The site's address without a trailing slash, for canonical links.
pub fn site_url() -> String {
    use_context::<AppState>().map(|s| s.site_url.to_string()).unwrap_or_default()
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database, from inside a server function or a page rendered on the server.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>().map(|s| s.db.clone()).ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}

/// Runs a read-only page load: what it reads more than once is read once, and what page loads
/// read is shared until anything changes (`domain::memo`). Never wrap a write in this.
pub async fn reading<F: std::future::Future>(load: F) -> F::Output {
    match use_context::<AppState>() {
        Some(state) => domain::memo::reading_shared(state.shared.clone(), load).await,
        None => domain::memo::reading(load).await,
    }
}

/// Sets the HTTP status of the page being rendered (404 for a missing group, for example).
pub fn set_status(status: u16) {
    if let (Some(options), Ok(code)) =
        (use_context::<leptos_axum::ResponseOptions>(), axum::http::StatusCode::from_u16(status))
    {
        options.set_status(code);
    }
}

/// Sends the browser on to where a page lives now (a group renamed since the link was made).
pub fn moved_permanently(to: &str) {
    if let (Some(options), Ok(location)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(to)) {
        options.set_status(axum::http::StatusCode::MOVED_PERMANENTLY);
        options.insert_header(axum::http::header::LOCATION, location);
    }
}

/// The header by which a page says "signed out, everyone sees me the same"; the server's page
/// cache reads it and takes it off (see `server::page_cache`).
pub const SAME_FOR_EVERYONE_HEADER: &str = "x-coboard-same-for-everyone";

/// Says the page being rendered shows the same to every signed-out visitor with the same display
/// preferences: nothing from the request but its address and those preferences, no form that
/// carries something of the visitor's. The server may then keep it for the next such visitor
/// (never for anyone signed in), until something changes.
pub fn same_for_everyone() {
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.insert_header(axum::http::HeaderName::from_static(SAME_FOR_EVERYONE_HEADER), axum::http::HeaderValue::from_static("1"));
    }
}
