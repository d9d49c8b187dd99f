//! Email in the JSON API: how often the caller hears from Coboard, the outbox for co-chairs
//! (with retry), and following documents.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::StatusCode,
};
use domain::mail::{MailStatus, OutboxMessage, OutboxOverview};
use domain::people::{CurrentUser, EmailFrequency};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, json_body, parse_id, signed_in};
use crate::AppState;

/// How often a person hears from Coboard by email.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// `instant` (an email for each thing), `daily` or `weekly` (one digest), or `none`.
    /// Sign-in links and invitations are always sent, at once.
    pub email_frequency: EmailFrequency,
}

/// How often the caller hears from Coboard by email.
#[utoipa::path(get, path = "/api/v1/notifications/settings", tag = "conversations", security(("personal_access_token" = [])),
    responses((status = 200, body = EmailSettings), (status = 401, body = ApiError)))]
pub async fn settings(State(state): State<AppState>, user: Option<Extension<CurrentUser>>) -> Result<Json<EmailSettings>, ApiError> {
    let user = signed_in(user)?;
    let prefs = domain::people::service::preferences(&state.app.db, user.id).await?;
    Ok(Json(EmailSettings { email_frequency: prefs.email_frequency }))
}

/// Changes how often the caller hears from Coboard by email.
#[utoipa::path(put, path = "/api/v1/notifications/settings", tag = "conversations", request_body = EmailSettings, security(("personal_access_token" = [])),
    responses((status = 200, body = EmailSettings), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn change_settings(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<EmailSettings>, JsonRejection>) -> Result<Json<EmailSettings>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"email_frequency": "instant" | "daily" | "weekly" | "none"}"#)?;
    domain::people::service::set_email_frequency(&state.app.db, user.id, b.email_frequency).await?;
    Ok(Json(EmailSettings { email_frequency: b.email_frequency }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    /// Only messages in this state: `waiting`, `sent` or `failed`.
    status: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The outbox (co-chairs): how many emails are waiting, sent and failed, and the newest ones.
#[utoipa::path(get, path = "/api/v1/outbox", tag = "conversations", params(OutboxQuery), security(("personal_access_token" = [])),
    responses((status = 200, body = OutboxOverview), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn outbox(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, query: Result<Query<OutboxQuery>, QueryRejection>) -> Result<Json<OutboxOverview>, ApiError> {
    let user = signed_in(user)?;
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameters allowed are status, limit and cursor.")))?;
    let only = match q.status.as_deref() {
        None => None,
        Some(raw) => Some(MailStatus::parse(raw).ok_or_else(|| ApiError::invalid("status", "status must be waiting, sent or failed."))?),
    };
    let page = domain::page::PageRequest::parse(q.limit.as_deref(), q.cursor.as_deref())?;
    Ok(Json(domain::mail::outbox::overview(&state.app.db, user.id, only, page).await?))
}

/// Sends a failed email again, or a waiting one now (co-chairs).
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", tag = "conversations", params(("id" = String, Path)), security(("personal_access_token" = [])),
    responses((status = 200, body = OutboxMessage), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn retry(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<OutboxMessage>, ApiError> {
    let user = signed_in(user)?;
    let message = domain::mail::outbox::retry(&state.app.db, user.id, parse_id(&id)?).await?;
    state.mailer.wake();
    Ok(Json(message))
}

/// Follows a document: the caller hears when it changes status or is published.
#[utoipa::path(put, path = "/api/v1/documents/{id}/follow", tag = "documents", params(("id" = String, Path)), security(("personal_access_token" = [])),
    responses((status = 204, description = "Following"), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn follow(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let user = signed_in(user)?;
    domain::documents::follows::set(&state.app.db, &user, parse_id(&id)?, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Stops following a document.
#[utoipa::path(delete, path = "/api/v1/documents/{id}/follow", tag = "documents", params(("id" = String, Path)), security(("personal_access_token" = [])),
    responses((status = 204, description = "Not following"), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unfollow(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let user = signed_in(user)?;
    domain::documents::follows::set(&state.app.db, &user, parse_id(&id)?, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// How pages look for the caller, and how often they hear by email. A field left out stays as
/// it is.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesChange {
    /// `standard`, `large` or `largest`.
    #[serde(default)]
    pub text_size: Option<domain::people::TextSize>,
    #[serde(default)]
    pub high_contrast: Option<bool>,
    #[serde(default)]
    pub reduced_motion: Option<bool>,
    /// Show the easy-read version of a document first, where there is one.
    #[serde(default)]
    pub easy_read: Option<bool>,
    #[serde(default)]
    pub email_frequency: Option<EmailFrequency>,
}

/// The caller's choices: text size, high contrast, reduced motion, easy read first, and email.
#[utoipa::path(get, path = "/api/v1/preferences", tag = "members", security(("personal_access_token" = [])),
    responses((status = 200, body = domain::people::Preferences), (status = 401, body = ApiError)))]
pub async fn preferences(State(state): State<AppState>, user: Option<Extension<CurrentUser>>) -> Result<Json<domain::people::Preferences>, ApiError> {
    let user = signed_in(user)?;
    Ok(Json(domain::people::service::preferences(&state.app.db, user.id).await?))
}

/// Changes the caller's choices, as the Preferences page does; pages follow them at once.
#[utoipa::path(put, path = "/api/v1/preferences", tag = "members", request_body = PreferencesChange, security(("personal_access_token" = [])),
    responses((status = 200, body = domain::people::Preferences), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn change_preferences(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<PreferencesChange>, JsonRejection>) -> Result<Json<domain::people::Preferences>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"text_size": "large", "high_contrast": true}"#)?;
    let now = domain::people::service::preferences(&state.app.db, user.id).await?;
    let prefs = domain::people::Preferences {
        text_size: b.text_size.unwrap_or(now.text_size),
        high_contrast: b.high_contrast.unwrap_or(now.high_contrast),
        reduced_motion: b.reduced_motion.unwrap_or(now.reduced_motion),
        easy_read: b.easy_read.unwrap_or(now.easy_read),
        email_frequency: b.email_frequency.unwrap_or(now.email_frequency),
    };
    domain::people::service::save_preferences(&state.app.db, user.id, prefs).await?;
    Ok(Json(prefs))
}
