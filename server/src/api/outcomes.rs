//! Outcomes in the JSON API: read them (signed out, published ones only), write and change them
//! (the board's members), publish them (co-chairs).

use axum::{
    Extension, Json,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
};
use domain::outcomes::service::{self, Draft};
use domain::outcomes::{Outcome, Outcomes};
use domain::people::CurrentUser;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{ApiError, json_body, parse_id, signed_in};
use crate::AppState;

/// Published outcomes, newest first (with a token from a member of the board, drafts first).
#[utoipa::path(get, path = "/api/v1/outcomes", tag = "outcomes", responses((status = 200, description = "The outcomes", body = Outcomes), (status = 404, body = ApiError)))]
pub async fn list(State(state): State<AppState>, user: Option<Extension<CurrentUser>>) -> Result<Json<Outcomes>, ApiError> {
    Ok(Json(service::list(&state.app.db, user.map(|Extension(u)| u.id)).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOutcome {
    pub title: String,
    /// Markdown.
    pub story: String,
    /// `document:<id>`, `decision:<id>` or `feedback:<id>`, in order.
    #[serde(default)]
    pub links: Vec<String>,
}

/// Writes a draft outcome (the board's members).
#[utoipa::path(post, path = "/api/v1/outcomes", tag = "outcomes", request_body = NewOutcome, security(("personal_access_token" = [])),
    responses((status = 201, description = "Written, as a draft", body = Outcome), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<NewOutcome>, JsonRejection>) -> Result<(StatusCode, Json<Outcome>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"title": "Timesheets are now one page", "story": "...", "links": ["document:<id>"]}"#)?;
    let id = service::save(&state.app.db, &user, None, Draft { title: &b.title, story: &b.story, links: b.links }).await?;
    Ok((StatusCode::CREATED, Json(service::get(&state.app.db, Some(user.id), id).await?)))
}

/// One outcome (signed out: only a published one).
#[utoipa::path(get, path = "/api/v1/outcomes/{id}", tag = "outcomes", params(("id" = uuid::Uuid, Path, description = "The outcome's id")),
    responses((status = 200, description = "The outcome", body = Outcome), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Outcome>, ApiError> {
    Ok(Json(service::get(&state.app.db, user.map(|Extension(u)| u.id), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomePatch {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub story: Option<String>,
    #[serde(default)]
    pub links: Option<Vec<String>>,
    /// `true` publishes it for everyone, `false` takes it down (co-chairs).
    #[serde(default)]
    pub published: Option<bool>,
}

/// Changes an outcome (the board's members) or publishes it (co-chairs).
#[utoipa::path(patch, path = "/api/v1/outcomes/{id}", tag = "outcomes", request_body = OutcomePatch, params(("id" = uuid::Uuid, Path, description = "The outcome's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Changed", body = Outcome), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn change(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<OutcomePatch>, JsonRejection>) -> Result<Json<Outcome>, ApiError> {
    let user = signed_in(user)?;
    let id = parse_id(&id)?;
    let b = json_body(body, r#"{"story": "...", "published": true}"#)?;
    let db = &state.app.db;
    if b.title.is_some() || b.story.is_some() || b.links.is_some() {
        let now = service::get(db, Some(user.id), id).await?;
        let links = b.links.unwrap_or_else(|| now.links.iter().map(|l| format!("{}:{}", l.kind.as_str(), l.id)).collect());
        service::save(db, &user, Some(id), Draft { title: b.title.as_deref().unwrap_or(&now.title), story: b.story.as_deref().unwrap_or(&now.story), links }).await?;
    }
    if let Some(on) = b.published {
        service::publish(db, &user, id, on).await?;
    }
    Ok(Json(service::get(db, Some(user.id), id).await?))
}
