//! `GET /healthz`: for load balancers and people running the server.

use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` while the database cannot be reached.
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
}

/// 200 once migrations are applied (the server only listens after that), 503 while the database
/// is unreachable.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    responses(
        (status = 200, description = "Coboard and its database are working", body = Health),
        (status = 503, description = "The database cannot be reached", body = Health),
    )
)]
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let database = crate::db::Backend::of_url(&state.database_url).name();
    match state.app.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(Health { status: "ok", database })),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(Health { status: "unavailable", database }))
        }
    }
}
