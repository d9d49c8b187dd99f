//! Documents in the JSON API: list and start them in a space, read one (Markdown and the safe
//! HTML pages show), save a version from a base (merged if someone saved meanwhile), history,
//! one version, and a word-by-word comparison.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::JsonRejection},
    http::StatusCode,
};
use domain::documents::merge::Piece;
use domain::documents::{DocumentKind, DocumentSummary, DocumentView, RevisionSummary, SaveOutcome, service};
use domain::people::CurrentUser;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, json_body, parse_id, signed_in};
use crate::AppState;

fn viewer(user: &Option<Extension<CurrentUser>>) -> Option<uuid::Uuid> {
    user.as_ref().map(|Extension(u)| u.id)
}

/// The documents of a space that the caller may see (drafts are for people in the space).
#[utoipa::path(get, path = "/api/v1/spaces/{id}/documents", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The space's id")),
    responses((status = 200, description = "The documents", body = Vec<DocumentSummary>), (status = 404, description = "No such space", body = ApiError)))]
pub async fn list(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<DocumentSummary>>, ApiError> {
    let space = domain::spaces::service::space_by_id(&state.app.db, parse_id(&id)?).await?.space;
    Ok(Json(service::list_in_space(&state.app.db, viewer(&user), space.id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDocument {
    pub title: String,
    pub kind: DocumentKind,
    /// Markdown.
    pub body: String,
}

/// Starts a document with its first version.
#[utoipa::path(post, path = "/api/v1/spaces/{id}/documents", tag = "documents", request_body = NewDocument,
    params(("id" = uuid::Uuid, Path, description = "The space's id")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Started", body = DocumentView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<NewDocument>, JsonRejection>,
) -> Result<(StatusCode, Json<DocumentView>), ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"title": "...", "kind": "policy", "body": "Markdown"}"#)?;
    let space = parse_id(&id)?;
    let doc = service::create_document(&state.app.db, &user, space, &body.title, Some(body.kind), &body.body, None).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state.app.db, Some(user.id), doc).await?)))
}

/// A document with its newest version, as Markdown and as the sanitised HTML pages show.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The document", body = DocumentView), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<DocumentView>, ApiError> {
    Ok(Json(service::view(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

/// Every version, newest first.
#[utoipa::path(get, path = "/api/v1/documents/{id}/revisions", tag = "documents", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The versions", body = Vec<RevisionSummary>), (status = 404, body = ApiError)))]
pub async fn revisions(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<RevisionSummary>>, ApiError> {
    Ok(Json(service::history(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRevision {
    /// The version this edit started from.
    pub base_revision_id: uuid::Uuid,
    /// The whole text, as Markdown.
    pub body: String,
    /// What changed, in a few words.
    #[serde(default)]
    pub note: Option<String>,
}

/// Saves a new version. If someone saved after `base_revision_id`, the two are merged; where
/// both changed the same words, both are kept between plain-words markers (`clashes` > 0).
#[utoipa::path(post, path = "/api/v1/documents/{id}/revisions", tag = "documents", request_body = NewRevision,
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Saved", body = SaveOutcome), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn save(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<NewRevision>, JsonRejection>,
) -> Result<(StatusCode, Json<SaveOutcome>), ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"base_revision_id": "...", "body": "Markdown", "note": "..."}"#)?;
    let outcome = service::save(&state.app.db, &user, parse_id(&id)?, body.base_revision_id, &body.body, body.note.as_deref()).await?;
    Ok((StatusCode::CREATED, Json(outcome)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionText {
    pub revision: RevisionSummary,
    pub body: String,
}

/// One version's text, by its number.
#[utoipa::path(get, path = "/api/v1/documents/{id}/revisions/{rev}", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The document's id"), ("rev" = i32, Path, description = "The version number")),
    responses((status = 200, description = "The version", body = RevisionText), (status = 404, body = ApiError)))]
pub async fn revision(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, rev)): Path<(String, String)>,
) -> Result<Json<RevisionText>, ApiError> {
    let number = rev.parse::<i32>().map_err(|_| ApiError::invalid("rev", "The version must be a number, such as 3."))?;
    let (revision, body) = service::revision_text(&state.app.db, viewer(&user), parse_id(&id)?, number).await?;
    Ok(Json(RevisionText { revision, body }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DiffParams {
    /// The older version number.
    from: String,
    /// The newer version number.
    to: String,
}

/// Two versions compared word by word: pieces that are the same, added or removed.
#[utoipa::path(get, path = "/api/v1/documents/{id}/diff", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The document's id"), DiffParams),
    responses((status = 200, description = "The comparison", body = Vec<Object>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn diff(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    params: Result<Query<DiffParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Vec<Piece>>, ApiError> {
    let Query(params) = params.map_err(|_| ApiError::invalid("query", "Please give two version numbers: ?from=1&to=2."))?;
    let number = |raw: &str| raw.parse::<i32>().map_err(|_| ApiError::invalid("from", "Version numbers are whole numbers, such as 1 and 2."));
    let id = parse_id(&id)?;
    let (_, old) = service::revision_text(&state.app.db, viewer(&user), id, number(&params.from)?).await?;
    let (_, new) = service::revision_text(&state.app.db, viewer(&user), id, number(&params.to)?).await?;
    Ok(Json(domain::documents::merge::word_diff(&old, &new)))
}
