//! Search in the JSON API: the same results as the search page, for the same reader (signed out,
//! only what is published).

use axum::{
    Extension, Json,
    extract::{Query, State, rejection::QueryRejection},
};
use domain::people::CurrentUser;
use domain::search::Results;
use serde::Deserialize;

use super::ApiError;
use crate::AppState;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// The words to look for (up to 200 characters; only letters and digits count).
    q: Option<String>,
    /// How many to return: 1 to 50, 20 if left out.
    limit: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<String>,
}

pub const MAX_LIMIT: u64 = 50;

/// Finds documents, minutes, comments, actions, You Said We Did and glossary words containing
/// every word given, best first, with an excerpt showing where they were found (pieces marked
/// `found`). Signed out, only published material; with a token, also what your spaces hold.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, description = "A page of results", body = Results), (status = 400, body = ApiError)))]
pub async fn search(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, params: Result<Query<SearchParams>, QueryRejection>) -> Result<Json<Results>, ApiError> {
    let Query(params) = params.map_err(|rejection| ApiError::invalid("query", format!("{rejection}. The parameters allowed are q, limit and cursor.")))?;
    let q = params.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::invalid("q", "Please say what to look for: ?q=direct payments"));
    }
    let limit = match params.limit.as_deref() {
        None | Some("") => 20,
        Some(raw) => raw.parse::<u64>().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| ApiError::invalid("limit", format!("The limit must be a whole number from 1 to {MAX_LIMIT}.")))?,
    };
    let offset = match params.cursor.as_deref() {
        None | Some("") => 0,
        Some(raw) => domain::search::decode_cursor(raw).ok_or_else(|| ApiError::invalid("cursor", "That cursor is not one we gave out. Start again without it."))?,
    };
    let viewer = user.map(|Extension(u)| u.id);
    Ok(Json(domain::search::query::search(&state.app.db, viewer, &q, offset, limit).await?))
}
