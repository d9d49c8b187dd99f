//! The glossary in the JSON API: read a board's words (anyone), add and reword them, ask about a
//! word (anyone, signed out too), and explain the words people asked about.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::StatusCode,
};
use domain::glossary::{AskOutcome, Term, WordRequest, service};
use domain::page::Page;
use domain::people::CurrentUser;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiError, ListParams, json_body, page_of, page_request, parse_id, signed_in};
use crate::AppState;

async fn home_board(state: &AppState) -> Result<uuid::Uuid, ApiError> {
    Ok(domain::spaces::service::home_board(&state.app.db).await?.ok_or_else(|| domain::DomainError::NotFound("There is no board yet.".into()))?.space.id)
}

/// The words a board explains, A to Z (a group uses its board's glossary).
#[utoipa::path(get, path = "/api/v1/spaces/{id}/glossary", tag = "glossary", params(("id" = uuid::Uuid, Path, description = "The board's or a group's id"), ListParams),
    responses((status = 200, description = "A page of terms", body = Page<Term>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(State(state): State<AppState>, Path(id): Path<String>, params: Result<Query<ListParams>, QueryRejection>) -> Result<Json<Page<Term>>, ApiError> {
    let page = page_request(params)?;
    let board = service::board_of(&state.app.db, parse_id(&id)?).await?;
    Ok(Json(page_of(service::terms(&state.app.db, board).await?, page, |t| t.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTerm {
    pub term: String,
    /// One or two short sentences in plain words.
    pub explanation: String,
}

/// Adds a word to the board's glossary (people who take part in the board).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/glossary", tag = "glossary", request_body = NewTerm,
    params(("id" = uuid::Uuid, Path, description = "The board's or a group's id")), security(("personal_access_token" = [])),
    responses((status = 201, description = "Added", body = Term), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 409, body = ApiError)))]
pub async fn add(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<NewTerm>, JsonRejection>,
) -> Result<(StatusCode, Json<Term>), ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"term": "support plan", "explanation": "..."}"#)?;
    let board = service::board_of(&state.app.db, parse_id(&id)?).await?;
    Ok((StatusCode::CREATED, Json(service::add_term(&state.app.db, user.id, board, &body.term, &body.explanation).await?)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TermChange {
    pub explanation: String,
}

/// Rewords a term's explanation.
#[utoipa::path(patch, path = "/api/v1/glossary/{id}", tag = "glossary", request_body = TermChange,
    params(("id" = uuid::Uuid, Path, description = "The term's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Changed", body = Term), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn change(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<TermChange>, JsonRejection>,
) -> Result<Json<Term>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"explanation": "..."}"#)?;
    Ok(Json(service::update_term(&state.app.db, user.id, parse_id(&id)?, &body.explanation).await?))
}

/// The words waiting for an explanation, oldest first (people who take part in the board).
#[utoipa::path(get, path = "/api/v1/glossary-requests", tag = "glossary", params(ListParams), security(("personal_access_token" = [])),
    responses((status = 200, description = "A page of open requests", body = Page<WordRequest>), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn requests(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<Page<WordRequest>>, ApiError> {
    let user = signed_in(user)?;
    let page = page_request(params)?;
    let board = home_board(&state).await?;
    Ok(Json(page_of(service::open_requests(&state.app.db, Some(user.id), board).await?, page, |r| r.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// The word or phrase not understood.
    pub word: String,
    /// Where it was seen, such as `/documents/…` (optional).
    #[serde(default)]
    pub page: Option<String>,
}

/// "I don't understand a word here" (anyone, signed out too). A word already explained comes
/// back with its explanation; any other joins the queue for members.
#[utoipa::path(post, path = "/api/v1/glossary-requests", tag = "glossary", request_body = Ask,
    responses((status = 200, description = "Explained already, or queued", body = AskOutcome), (status = 400, body = ApiError)))]
pub async fn ask(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    address: Option<Extension<crate::auth::ClientIp>>,
    body: Result<Json<Ask>, JsonRejection>,
) -> Result<Json<AskOutcome>, ApiError> {
    let body = json_body(body, r#"{"word": "eligibility", "page": "/documents/..."}"#)?;
    let board = home_board(&state).await?;
    let address = address.map_or_else(|| "unknown".to_owned(), |Extension(a)| a.0.to_canonical().to_string());
    Ok(Json(service::ask(&state.app.db, user.map(|Extension(u)| u.id), board, &body.word, body.page.as_deref(), &address).await?))
}

/// Explains a word someone asked about: it joins the glossary and leaves the queue.
#[utoipa::path(post, path = "/api/v1/glossary-requests/{id}/answer", tag = "glossary", request_body = TermChange,
    params(("id" = uuid::Uuid, Path, description = "The request's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Explained", body = Term), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn answer(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<TermChange>, JsonRejection>,
) -> Result<Json<Term>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"explanation": "..."}"#)?;
    Ok(Json(service::answer(&state.app.db, user.id, parse_id(&id)?, &body.explanation).await?))
}
