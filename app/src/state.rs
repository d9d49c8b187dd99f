//! What the server hands every request: the database and Leptos's options.

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::AppError;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub leptos_options: LeptosOptions,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database, from inside a server function or a page rendered on the server.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<AppState>().map(|s| s.db).ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
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
