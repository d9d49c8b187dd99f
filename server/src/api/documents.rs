//! Documents in the JSON API: list and start them in a space, read one (Markdown and the safe
//! HTML pages show), save a version from a base (merged if someone saved meanwhile), history,
//! one version, and a word-by-word comparison.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::JsonRejection},
    http::StatusCode,
};
use domain::documents::merge::Piece;
use domain::documents::{
    Agreement, ConsentResponse, Decision, DocumentKind, DocumentStatus, DocumentSummary, DocumentView, PublishedDocument, PublishedSummary, RevisionSummary,
    SaveOutcome, StatusChange, VisionCheck, VisionRating, agreeing, service,
};
use domain::page::Page;
use domain::people::CurrentUser;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ListParams, json_body, page_request, parse_id, signed_in};
use crate::AppState;

fn viewer(user: &Option<Extension<CurrentUser>>) -> Option<uuid::Uuid> {
    user.as_ref().map(|Extension(u)| u.id)
}

/// The documents of a space that the caller may see, oldest first. Drafts are for people in the
/// space; anyone else sees the published ones.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/documents", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The space's id"), ListParams),
    responses((status = 200, description = "A page of documents", body = Page<DocumentSummary>), (status = 400, body = ApiError), (status = 404, description = "No such space", body = ApiError)))]
pub async fn list(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<DocumentSummary>>, ApiError> {
    let page = page_request(params)?;
    let space = domain::spaces::service::space_by_id(&state.app.db, parse_id(&id)?).await?.space;
    Ok(Json(service::list_page(&state.app.db, viewer(&user), space.id, page).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDocument {
    pub title: String,
    pub kind: DocumentKind,
    /// Markdown.
    pub body: String,
    /// Words to find it by, such as "finance".
    #[serde(default)]
    pub tags: Vec<String>,
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
    let body = json_body(body, r#"{"title": "...", "kind": "policy", "body": "Markdown", "tags": ["finance"]}"#)?;
    let space = parse_id(&id)?;
    let doc = service::create_document(&state.app.db, &user, space, &body.title, Some(body.kind), &body.body, &domain::documents::parse_tags(&body.tags.join(","))).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state.app.db, Some(user.id), doc).await?)))
}

/// A document with its newest version, as Markdown and as the sanitised HTML pages show.
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The document", body = DocumentView), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<DocumentView>, ApiError> {
    Ok(Json(service::view(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

/// Every version, newest first.
/// The versions of a document, newest first, a page at a time.
#[utoipa::path(get, path = "/api/v1/documents/{id}/revisions", tag = "documents", params(("id" = uuid::Uuid, Path, description = "The document's id"), ListParams),
    responses((status = 200, description = "The versions", body = Page<RevisionSummary>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn revisions(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    params: Result<axum::extract::Query<ListParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<RevisionSummary>>, ApiError> {
    let page = page_request(params)?;
    Ok(Json(service::history_list(&state.app.db, viewer(&user), parse_id(&id)?, page).await?))
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
    let id = parse_id(&id)?;
    let outcome = service::save(&state.app.db, &user, id, body.base_revision_id, &body.body, body.note.as_deref()).await?;
    if outcome.live_update.is_some() {
        state.live.catch_up(id).await;
    }
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

/// Brings an earlier version back: its text is saved as a new version ("Brought back version
/// 3"), so nothing in between is lost.
#[utoipa::path(post, path = "/api/v1/documents/{id}/revisions/{rev}/restore", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The document's id"), ("rev" = i32, Path, description = "The version number to bring back")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Saved as a new version", body = SaveOutcome), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn restore(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, rev)): Path<(String, String)>,
) -> Result<(StatusCode, Json<SaveOutcome>), ApiError> {
    let user = signed_in(user)?;
    let number = rev.parse::<i32>().map_err(|_| ApiError::invalid("rev", "The version must be a number, such as 3."))?;
    let id = parse_id(&id)?;
    let outcome = service::restore(&state.app.db, &user, id, number).await?;
    if outcome.live_update.is_some() {
        state.live.catch_up(id).await;
    }
    Ok((StatusCode::CREATED, Json(outcome)))
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
    Ok(Json(domain::text_work::off_the_async_workers(move || domain::documents::merge::word_diff(&old, &new)).await))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusReport {
    pub status: DocumentStatus,
    /// Where it can go from here (whether the caller may make each move depends on their role).
    pub next_steps: Vec<DocumentStatus>,
    /// Every move so far, newest first.
    pub changes: Vec<StatusChange>,
}

/// Where a document is, where it can go next, and every move so far.
#[utoipa::path(get, path = "/api/v1/documents/{id}/status", tag = "agreeing", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The status", body = StatusReport), (status = 404, body = ApiError)))]
pub async fn status(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<StatusReport>, ApiError> {
    let id = parse_id(&id)?;
    let changes = agreeing::status_history(&state.app.db, viewer(&user), id).await?;
    let status = service::view(&state.app.db, viewer(&user), id).await?.status;
    Ok(Json(StatusReport { status, next_steps: status.next_steps().to_vec(), changes }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusMove {
    /// `out_for_comment`, `agreed` (records the consent decision), `published`, `withdrawn` or `draft`.
    pub status: DocumentStatus,
    /// A note for the record, such as "agreed at the board meeting on 4 March".
    #[serde(default)]
    pub note: Option<String>,
    /// The version the caller read. If someone has saved since, nothing moves (409).
    #[serde(default)]
    pub revision_id: Option<uuid::Uuid>,
}

/// Moves a document on. Moving to `agreed` is a consent decision: it needs nobody objecting and,
/// where the space asks for it, an expert by experience and a member of staff agreeing.
#[utoipa::path(post, path = "/api/v1/documents/{id}/status", tag = "agreeing", request_body = StatusMove,
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Moved", body = DocumentView), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, description = "Not a step it can take now, or not agreed yet; the message says why", body = ApiError)))]
pub async fn change_status(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<StatusMove>, JsonRejection>,
) -> Result<Json<DocumentView>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"status": "out_for_comment", "note": "...", "revision_id": "..."}"#)?;
    let id = parse_id(&id)?;
    agreeing::change_status(&state.app.db, &user, id, Some(body.status), body.note.as_deref(), body.revision_id).await?;
    Ok(Json(service::view(&state.app.db, Some(user.id), id).await?))
}

/// Where agreeing the newest version stands: everyone's views, the co-production check, and
/// what is still needed.
#[utoipa::path(get, path = "/api/v1/documents/{id}/consent", tag = "agreeing", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The views so far", body = Agreement), (status = 404, body = ApiError)))]
pub async fn consent(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(agreeing::agreement(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MyView {
    /// The version the caller read; it must still be the newest.
    pub revision_id: uuid::Uuid,
    /// `agree`, `concerns` (agree, with concerns) or `object` (do not agree yet).
    pub response: ConsentResponse,
    /// Needed with `concerns` and `object`.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Gives (or changes) the caller's view on the newest version while it is out for comment.
#[utoipa::path(put, path = "/api/v1/documents/{id}/consent", tag = "agreeing", request_body = MyView,
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Saved; the views so far", body = Agreement), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, description = "Not out for comment, or the text changed since that version", body = ApiError)))]
pub async fn give_view(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<MyView>, JsonRejection>,
) -> Result<Json<Agreement>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"revision_id": "...", "response": "agree", "reason": "..."}"#)?;
    let id = parse_id(&id)?;
    agreeing::give_view(&state.app.db, &user, id, body.revision_id, Some(body.response), body.reason.as_deref()).await?;
    Ok(Json(agreeing::agreement(&state.app.db, Some(user.id), id).await?))
}

/// The consent decisions made on a document, newest first, with everyone's views as they stood.
#[utoipa::path(get, path = "/api/v1/documents/{id}/decisions", tag = "agreeing", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The decisions", body = Vec<Decision>), (status = 404, body = ApiError)))]
pub async fn decisions(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<Decision>>, ApiError> {
    Ok(Json(agreeing::decisions(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

/// The published version of a document, for anyone (no sign-in needed).
#[utoipa::path(get, path = "/api/v1/documents/{id}/published", tag = "agreeing", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The published version", body = PublishedDocument), (status = 404, description = "Nothing published", body = ApiError)))]
pub async fn published(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<PublishedDocument>, ApiError> {
    Ok(Json(agreeing::published(&state.app.db, parse_id(&id)?).await?))
}

/// Every published document, newest first (for anyone).
#[utoipa::path(get, path = "/api/v1/published", tag = "agreeing", params(ListParams),
    responses((status = 200, description = "A page of published documents", body = Page<PublishedSummary>), (status = 400, body = ApiError)))]
pub async fn published_list(State(state): State<AppState>, params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>) -> Result<Json<Page<PublishedSummary>>, ApiError> {
    let page = page_request(params)?;
    Ok(Json(super::page_of(agreeing::list_published(&state.app.db).await?, page, |d| d.id)))
}

/// The document checked against the board's vision statements, statement by statement.
#[utoipa::path(get, path = "/api/v1/documents/{id}/vision", tag = "agreeing", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The vision check", body = VisionCheck), (status = 404, body = ApiError)))]
pub async fn vision(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<VisionCheck>, ApiError> {
    Ok(Json(domain::documents::vision::vision_check(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementRating {
    pub statement_id: uuid::Uuid,
    pub rating: VisionRating,
    /// Needed with `partly` and `not_yet`.
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MyVisionCheck {
    /// The version the caller read.
    pub revision_id: uuid::Uuid,
    pub ratings: Vec<StatementRating>,
}

/// Gives (or changes) the caller's ratings against the vision statements.
#[utoipa::path(put, path = "/api/v1/documents/{id}/vision", tag = "agreeing", request_body = MyVisionCheck,
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Saved; the check so far", body = VisionCheck), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn rate_vision(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<MyVisionCheck>, JsonRejection>,
) -> Result<Json<VisionCheck>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"revision_id": "...", "ratings": [{"statement_id": "...", "rating": "yes", "comment": "..."}]}"#)?;
    let ratings: Vec<domain::documents::vision::Rating> = body
        .ratings
        .iter()
        .map(|r| domain::documents::vision::Rating { statement_id: r.statement_id, rating: Some(r.rating), comment: r.comment.as_deref().unwrap_or("") })
        .collect();
    Ok(Json(domain::documents::vision::rate(&state.app.db, &user, parse_id(&id)?, body.revision_id, &ratings).await?))
}

/// The easy-read companion, section by section, each flagged when its full text changed.
#[utoipa::path(get, path = "/api/v1/documents/{id}/easy-read", tag = "easy read", params(("id" = uuid::Uuid, Path, description = "The document's id")),
    responses((status = 200, description = "The easy-read version", body = domain::documents::EasyRead), (status = 404, body = ApiError)))]
pub async fn easy_read(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<domain::documents::EasyRead>, ApiError> {
    Ok(Json(domain::documents::easy_read::easy_read(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EasyReadPartBody {
    /// Markdown: short sentences, everyday words.
    pub body: String,
    #[serde(default)]
    pub image_url: Option<String>,
    /// Needed with a picture.
    #[serde(default)]
    pub image_alt: Option<String>,
}

/// Writes the easy-read version of the section `key` (see `GET .../easy-read` for the keys).
#[utoipa::path(put, path = "/api/v1/documents/{id}/easy-read/{key}", tag = "easy read", request_body = EasyReadPartBody,
    params(("id" = uuid::Uuid, Path, description = "The document's id"), ("key" = String, Path, description = "The section's key")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Saved; the whole easy-read version", body = domain::documents::EasyRead), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn write_easy_read(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, key)): Path<(String, String)>,
    body: Result<Json<EasyReadPartBody>, JsonRejection>,
) -> Result<Json<domain::documents::EasyRead>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"body": "Short sentences.", "image_url": "https://...", "image_alt": "..."}"#)?;
    Ok(Json(domain::documents::easy_read::write_part(&state.app.db, &user, parse_id(&id)?, &key, &body.body, body.image_url.as_deref(), body.image_alt.as_deref()).await?))
}

/// What saving a live session's text did.
#[derive(Debug, Serialize, ToSchema)]
pub struct LiveSaved {
    /// The version saved, or `null` when nobody had typed since the last one.
    pub saved: Option<SaveOutcome>,
}

/// Saves the text being written live (`/documents/{id}/live/socket`) as a version now, credited
/// to everyone who typed since the last one. `saved` is `null` when there was nothing new.
#[utoipa::path(post, path = "/api/v1/documents/{id}/live/save", tag = "documents",
    params(("id" = uuid::Uuid, Path, description = "The document's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Saved, or nothing new to save", body = LiveSaved), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn save_live(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<LiveSaved>, ApiError> {
    let user = signed_in(user)?;
    let id = parse_id(&id)?;
    domain::documents::live::may_write(&state.app.db, user.id, id).await?;
    let saved = state.live.save_now(id, &format!("Saved during live writing by {}", user.attribution())).await;
    Ok(Json(LiveSaved { saved }))
}
