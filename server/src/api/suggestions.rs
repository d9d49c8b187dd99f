//! Suggestions in the JSON API: list and make them on a document, read one, discuss it, accept
//! it (a new version credited to the suggester) or decline it with a reason.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::StatusCode,
};
use domain::documents::{Suggestion, suggestions};
use domain::page::Page;
use domain::people::CurrentUser;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiError, ListParams, json_body, page_request, parse_id, signed_in};
use crate::AppState;

/// A document's suggestions, open ones first.
#[utoipa::path(get, path = "/api/v1/documents/{id}/suggestions", tag = "suggestions", params(("id" = uuid::Uuid, Path, description = "The document's id"), ListParams),
    responses((status = 200, description = "A page of suggestions", body = Page<Suggestion>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<Page<Suggestion>>, ApiError> {
    let page = page_request(params)?;
    Ok(Json(suggestions::list_page(&state.app.db, user.map(|Extension(u)| u.id), parse_id(&id)?, page).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSuggestion {
    /// The version the caller read.
    pub revision_id: uuid::Uuid,
    /// The exact words to change; or leave out and give `passage`.
    #[serde(default)]
    pub words: Option<String>,
    /// Which passage (paragraph) of that version to change, counting from 0.
    #[serde(default)]
    pub passage: Option<usize>,
    pub proposed: String,
    pub reason: String,
}

/// Suggests new words for a passage.
#[utoipa::path(post, path = "/api/v1/documents/{id}/suggestions", tag = "suggestions", request_body = NewSuggestion,
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Suggested", body = Suggestion), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<NewSuggestion>, JsonRejection>,
) -> Result<(StatusCode, Json<Suggestion>), ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"revision_id": "...", "words": "...", "proposed": "...", "reason": "..."}"#)?;
    let made = suggestions::suggest(&state.app.db, &user, parse_id(&id)?, body.revision_id, body.passage, body.words.as_deref().unwrap_or(""), &body.proposed, &body.reason).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// One suggestion, with its discussion and outcome.
#[utoipa::path(get, path = "/api/v1/suggestions/{id}", tag = "suggestions", params(("id" = uuid::Uuid, Path, description = "The suggestion's id")),
    responses((status = 200, description = "The suggestion", body = Suggestion), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Suggestion>, ApiError> {
    Ok(Json(suggestions::get(&state.app.db, user.map(|Extension(u)| u.id), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
}

/// Adds to a suggestion's discussion.
#[utoipa::path(post, path = "/api/v1/suggestions/{id}/comments", tag = "suggestions", request_body = NewComment,
    params(("id" = uuid::Uuid, Path, description = "The suggestion's id")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Added; the suggestion", body = Suggestion), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn comment(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<NewComment>, JsonRejection>,
) -> Result<(StatusCode, Json<Suggestion>), ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"body": "..."}"#)?;
    Ok((StatusCode::CREATED, Json(suggestions::comment(&state.app.db, &user, parse_id(&id)?, &body.body).await?)))
}

/// Accepts a suggestion: a new version credited to the suggester. 409 if its words changed.
#[utoipa::path(post, path = "/api/v1/suggestions/{id}/accept", tag = "suggestions",
    params(("id" = uuid::Uuid, Path, description = "The suggestion's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Accepted", body = Suggestion), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn accept(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Suggestion>, ApiError> {
    let user = signed_in(user)?;
    let accepted = suggestions::accept(&state.app.db, &user, parse_id(&id)?).await?;
    state.live.catch_up(accepted.document_id).await;
    Ok(Json(accepted))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Decline {
    pub reason: String,
}

/// Declines a suggestion, with the reason the suggester will read.
#[utoipa::path(post, path = "/api/v1/suggestions/{id}/decline", tag = "suggestions", request_body = Decline,
    params(("id" = uuid::Uuid, Path, description = "The suggestion's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Declined", body = Suggestion), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn decline(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<Decline>, JsonRejection>,
) -> Result<Json<Suggestion>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"reason": "..."}"#)?;
    Ok(Json(suggestions::decline(&state.app.db, &user, parse_id(&id)?, &body.reason).await?))
}
