//! `/api/v1/spaces/{id}/members`: who takes part in a space, and inviting someone.

use axum::{
    Extension, Json,
    extract::{Path, State, rejection::JsonRejection},
    http::StatusCode,
};
use domain::people::{CurrentUser, Member, Role};
use domain::spaces::service;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ApiError, json_body, parse_id, signed_in};
use crate::AppState;

/// The people in a space, their roles and perspectives: everyone, for people in the space; only
/// its co-chairs or convenors for anyone else.
#[utoipa::path(
    get,
    path = "/api/v1/spaces/{id}/members",
    tag = "members",
    params(("id" = Uuid, Path, description = "The space's id")),
    responses(
        (status = 200, description = "The members", body = Vec<Member>),
        (status = 404, description = "No such space", body = ApiError),
    )
)]
pub async fn list_members(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<Member>>, ApiError> {
    let detail = service::space_by_id(&state.app.db, parse_id(&id)?).await?;
    Ok(Json(service::as_seen_by(&state.app.db, user.map(|u| u.id), detail).await?.members))
}

/// Invites someone by email (with `email`), or, without `email`, joins or follows a group
/// yourself: `role` `member` joins, `observer` follows.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    #[serde(default)]
    pub email: Option<String>,
    /// `co_chair` (convenor, in a group), `member` or `observer`.
    pub role: Role,
}

/// Your own place in a group, after joining, following or leaving.
#[derive(Debug, Serialize, ToSchema)]
pub struct MyPlace {
    pub space_id: Uuid,
    /// `member`, `observer` (following), or `null` after leaving.
    pub role: Option<Role>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationSent {
    pub email: String,
    pub role: Role,
    pub space_id: Uuid,
    /// How many days the emailed link lasts.
    pub expires_in_days: i64,
    /// `sent` when the mail server has taken the email; `waiting` when it is in the outbox and
    /// will be sent as soon as the mail server answers.
    pub email_status: domain::mail::MailStatus,
    /// The email in the outbox.
    pub outbox_id: Uuid,
}

/// Invites someone by email; they get a link to set up their account and join. Without `email`,
/// joins (`member`) or follows (`observer`) a group yourself, as anyone on the board may.
#[utoipa::path(
    post,
    path = "/api/v1/spaces/{id}/members",
    tag = "members",
    params(("id" = Uuid, Path, description = "The space's id")),
    request_body = InviteRequest,
    security(("personal_access_token" = [])),
    responses(
        (status = 201, description = "The invitation was sent", body = InvitationSent),
        (status = 200, description = "You joined or followed the group", body = MyPlace),
        (status = 400, description = "The request is not valid", body = ApiError),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Your role here does not allow inviting", body = ApiError),
        (status = 404, description = "No such space", body = ApiError),
    )
)]
pub async fn invite_member(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<InviteRequest>, JsonRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"email": "...", "role": "member"}"#)?;
    let space = service::space_by_id(&state.app.db, parse_id(&id)?).await?.space;
    let Some(email) = body.email else {
        let how = match body.role {
            Role::Member => domain::spaces::Participation::Member,
            Role::Observer => domain::spaces::Participation::Follower,
            Role::CoChair => {
                return Err(ApiError::invalid("role", "Nobody makes themselves a convenor. Join as member or follow as observer; a convenor can change your role."));
            }
        };
        let role = domain::spaces::life::take_part(&state.app.db, &user, space.id, Some(how)).await?;
        return Ok(Json(MyPlace { space_id: space.id, role }).into_response());
    };
    let (mail, view) = domain::accounts::invite(&state.app.db, &user, space.id, &email, body.role, None).await?;
    let email_status = match state.mailer.settle(&state.app.db, mail).await {
        crate::mail::Delivery::Sent => domain::mail::MailStatus::Sent,
        crate::mail::Delivery::Late => domain::mail::MailStatus::Waiting,
        crate::mail::Delivery::Refused => domain::mail::MailStatus::Failed,
    };
    Ok((
        StatusCode::CREATED,
        Json(InvitationSent { email: view.email, role: body.role, space_id: space.id, expires_in_days: domain::accounts::INVITATION_DAYS, email_status, outbox_id: mail }),
    )
        .into_response())
}

/// Leaves a group you joined or follow. A convenor hands the role over first.
#[utoipa::path(
    delete,
    path = "/api/v1/spaces/{id}/members/me",
    tag = "members",
    params(("id" = Uuid, Path, description = "The group's id")),
    security(("personal_access_token" = [])),
    responses(
        (status = 200, description = "You have left", body = MyPlace),
        (status = 401, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "You convene the group", body = ApiError),
    )
)]
pub async fn leave(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<MyPlace>, ApiError> {
    let user = signed_in(user)?;
    let space_id = parse_id(&id)?;
    let role = domain::spaces::life::take_part(&state.app.db, &user, space_id, None).await?;
    Ok(Json(MyPlace { space_id, role }))
}

/// A new role for someone already in the space.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    /// `co_chair` (convenor, in a group), `member` or `observer`.
    pub role: Role,
}

/// The people in the space after a change, as the caller sees them.
async fn members_now(state: &AppState, user: &CurrentUser, space_id: Uuid) -> Result<Json<Vec<Member>>, ApiError> {
    let detail = service::space_by_id(&state.app.db, space_id).await?;
    Ok(Json(service::as_seen_by(&state.app.db, Some(user.id), detail).await?.members))
}

/// Changes someone's role in a space (co-chairs and convenors). A space always keeps one
/// co-chair or convenor; the change is recorded in the audit log. Returns the members.
#[utoipa::path(
    put,
    path = "/api/v1/spaces/{id}/members/{person_id}",
    tag = "members",
    params(("id" = Uuid, Path, description = "The space's id"), ("person_id" = Uuid, Path, description = "The person's id")),
    request_body = RoleChange,
    security(("personal_access_token" = [])),
    responses(
        (status = 200, description = "Changed", body = Vec<Member>),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, description = "Your role here does not allow changing roles", body = ApiError),
        (status = 404, description = "No such space, or the person is not in it", body = ApiError),
        (status = 409, description = "They are the only co-chair or convenor", body = ApiError),
    )
)]
pub async fn change_member(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    Path((id, person)): Path<(String, String)>,
    body: Result<Json<RoleChange>, JsonRejection>,
) -> Result<Json<Vec<Member>>, ApiError> {
    let user = signed_in(user)?;
    let body = json_body(body, r#"{"role": "member"}"#)?;
    let (space_id, person_id) = (parse_id(&id)?, parse_id(&person)?);
    domain::accounts::change_role(&state.app.db, &user, space_id, person_id, Some(body.role)).await?;
    members_now(&state, &user, space_id).await
}

/// Takes someone out of a space (co-chairs and convenors). Their comments and versions stay,
/// under their name. Returns the members.
#[utoipa::path(
    delete,
    path = "/api/v1/spaces/{id}/members/{person_id}",
    tag = "members",
    params(("id" = Uuid, Path, description = "The space's id"), ("person_id" = Uuid, Path, description = "The person's id")),
    security(("personal_access_token" = [])),
    responses(
        (status = 200, description = "Removed", body = Vec<Member>),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "They are the only co-chair or convenor", body = ApiError),
    )
)]
pub async fn remove_member(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path((id, person)): Path<(String, String)>) -> Result<Json<Vec<Member>>, ApiError> {
    let user = signed_in(user)?;
    let (space_id, person_id) = (parse_id(&id)?, parse_id(&person)?);
    domain::accounts::change_role(&state.app.db, &user, space_id, person_id, None).await?;
    members_now(&state, &user, space_id).await
}
