//! `/api/v1/spaces`: the board and its task-and-finish groups.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
};
use domain::page::{Page, PageRequest};
use domain::spaces::{GroupStatus, Space, SpaceDetail, SpaceEvent, SpaceKind, life, service};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{ApiError, parse_id};
use crate::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// How many to return: 1 to 200, 50 if left out.
    limit: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<String>,
    /// `board` or `group`; both if left out.
    kind: Option<String>,
}

/// Lists the board and its groups, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/spaces",
    tag = "spaces",
    params(ListParams),
    responses(
        (status = 200, description = "A page of spaces", body = Page<Space>),
        (status = 400, description = "A parameter is not valid", body = ApiError),
    )
)]
pub async fn list_spaces(
    State(state): State<AppState>,
    params: Result<Query<ListParams>, QueryRejection>,
) -> Result<Json<Page<Space>>, ApiError> {
    let Query(params) = params.map_err(|rejection| {
        ApiError::invalid("query", format!("{rejection}. The parameters allowed are limit, cursor and kind."))
    })?;
    let page = PageRequest::parse(params.limit.as_deref(), params.cursor.as_deref())?;
    let kind = match params.kind.as_deref() {
        None | Some("") => None,
        Some(raw) => Some(SpaceKind::parse(raw).ok_or_else(|| ApiError::invalid("kind", "kind must be board or group."))?),
    };
    Ok(Json(service::list_spaces(&state.app.db, kind, page).await?))
}

/// One space with its vision statements, groups and the people who lead it. Its members are
/// named only for people in the space; anyone else sees the leads and how many people take part
/// from each perspective.
#[utoipa::path(
    get,
    path = "/api/v1/spaces/{id}",
    tag = "spaces",
    params(("id" = Uuid, Path, description = "The space's id")),
    responses(
        (status = 200, description = "The space", body = SpaceDetail),
        (status = 400, description = "The id is not a valid id", body = ApiError),
        (status = 404, description = "No such space", body = ApiError),
    )
)]
pub async fn get_space(
    State(state): State<AppState>,
    user: Option<axum::Extension<domain::people::CurrentUser>>,
    Path(id): Path<String>,
) -> Result<Json<SpaceDetail>, ApiError> {
    let detail = service::space_by_id(&state.app.db, parse_id(&id)?).await?;
    Ok(Json(service::as_seen_by(&state.app.db, user.map(|u| u.id), detail).await?))
}

/// A new task-and-finish group.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGroup {
    /// The board the group reports to; the board on this install's home page if left out.
    #[serde(default)]
    pub board_id: Option<uuid::Uuid>,
    pub name: String,
    /// What the group is for (Markdown).
    pub remit: String,
    pub start_date: chrono::NaiveDate,
    pub planned_end_date: chrono::NaiveDate,
    /// People on the board who will convene it.
    #[serde(default)]
    pub convenor_ids: Vec<uuid::Uuid>,
    /// Someone to invite by email as convenor.
    #[serde(default)]
    pub invite_convenor: Option<String>,
    /// Board documents to copy into the group as its own drafts.
    #[serde(default)]
    pub from_document_ids: Vec<uuid::Uuid>,
}

/// Starts a task-and-finish group (the board's co-chairs). An invited convenor is emailed.
#[utoipa::path(post, path = "/api/v1/spaces", tag = "spaces", request_body = NewGroup, security(("personal_access_token" = [])),
    responses((status = 201, description = "Started", body = Space), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn start_group(
    State(state): State<AppState>,
    user: Option<axum::Extension<domain::people::CurrentUser>>,
    body: Result<Json<NewGroup>, axum::extract::rejection::JsonRejection>,
) -> Result<(axum::http::StatusCode, Json<Space>), ApiError> {
    let user = super::signed_in(user)?;
    let body = super::json_body(body, r#"{"name": "...", "remit": "...", "start_date": "2027-01-01", "planned_end_date": "2027-06-30", "convenor_ids": ["..."]}"#)?;
    let board_id = match body.board_id {
        Some(id) => id,
        None => service::home_board(&state.app.db).await?.map(|b| b.space.id).ok_or_else(|| ApiError::from(domain::DomainError::NotFound("There is no board here yet.".into())))?,
    };
    let start = life::GroupStart {
        name: &body.name,
        remit: &body.remit,
        start_date: Some(body.start_date),
        planned_end_date: Some(body.planned_end_date),
        convenors: &body.convenor_ids,
        invite_convenor: body.invite_convenor.as_deref(),
        documents: &body.from_document_ids,
    };
    let started = life::start_group(&state.app.db, &user, board_id, start).await?;
    // The convenor's invitation is in the outbox with the group: it goes as soon as the mail
    // server takes it.
    if started.invitation.is_some() {
        state.mailer.wake();
    }
    Ok((axum::http::StatusCode::CREATED, Json(started.group)))
}

/// What a board or group has been through: started, changed, reported back, finished.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/history", tag = "spaces",
    params(("id" = uuid::Uuid, Path, description = "The space's id")),
    responses((status = 200, description = "Oldest first", body = Vec<SpaceEvent>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn history(
    State(state): State<AppState>,
    user: Option<axum::Extension<domain::people::CurrentUser>>,
    Path(id): Path<String>,
) -> Result<Json<Vec<SpaceEvent>>, ApiError> {
    Ok(Json(life::history(&state.app.db, user.map(|u| u.id), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpaceChange {
    /// Ask for at least one expert by experience and one member of staff to agree before a
    /// document here is agreed.
    #[serde(default)]
    pub require_coproduction: Option<bool>,
    /// Ask for every vision statement to be checked before a document here is agreed.
    #[serde(default)]
    pub require_vision_check: Option<bool>,
    /// Ask for an up-to-date easy-read version before a document here is published.
    #[serde(default)]
    pub require_easy_read: Option<bool>,
    #[serde(default)]
    pub name: Option<String>,
    /// The board's purpose, or a group's remit (Markdown).
    #[serde(default)]
    pub purpose: Option<String>,
    /// Groups only.
    #[serde(default)]
    pub start_date: Option<chrono::NaiveDate>,
    /// Groups only; moving it needs a `reason`.
    #[serde(default)]
    pub planned_end_date: Option<chrono::NaiveDate>,
    /// Why the dates move, kept in the group's history.
    #[serde(default)]
    pub reason: Option<String>,
    /// Boards only: an IANA time zone name such as `Europe/London`.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Groups only: `reporting` (with `report_summary`) from `active`, then `finished`.
    #[serde(default)]
    pub status: Option<GroupStatus>,
    /// What the group found, when it reports back (Markdown).
    #[serde(default)]
    pub report_summary: Option<String>,
}

/// Changes a space: its rules (co-chairs and convenors); its name, purpose or remit, dates and
/// time zone; and a group's status (reporting back, then finished). Fields left out stay as they
/// are. The status moves last, after the other changes.
#[utoipa::path(patch, path = "/api/v1/spaces/{id}", tag = "spaces", request_body = SpaceChange,
    params(("id" = uuid::Uuid, Path, description = "The space's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Changed", body = Space), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_space(
    State(state): State<AppState>,
    user: Option<axum::Extension<domain::people::CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<SpaceChange>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Space>, ApiError> {
    let user = super::signed_in(user)?;
    let body = super::json_body(body, r#"{"planned_end_date": "2027-06-30", "reason": "..."}"#)?;
    let id = parse_id(&id)?;
    let mut space = None;
    let rules = service::AgreeingRules { coproduction: body.require_coproduction, vision_check: body.require_vision_check, easy_read: body.require_easy_read };
    if rules.coproduction.is_some() || rules.vision_check.is_some() || rules.easy_read.is_some() {
        space = Some(service::set_rules(&state.app.db, Some(user.id), id, rules).await?);
    }
    let change = life::SpaceChange {
        name: body.name.as_deref(),
        purpose: body.purpose.as_deref(),
        start_date: body.start_date,
        planned_end_date: body.planned_end_date,
        reason: body.reason.as_deref(),
        time_zone: body.time_zone.as_deref(),
    };
    if change.name.is_some() || change.purpose.is_some() || change.start_date.is_some() || change.planned_end_date.is_some() || change.time_zone.is_some() {
        space = Some(life::change_space(&state.app.db, &user, id, change).await?.0);
    }
    if let Some(to) = body.status {
        let current = service::space_row(&state.app.db, id).await?;
        if current.status != Some(to) || body.report_summary.is_some() {
            space = Some(life::move_on(&state.app.db, &user, id, to, body.report_summary.as_deref()).await?);
        }
    }
    match space {
        Some(space) => Ok(Json(space)),
        // Nothing asked to change: the space as it is, if the caller may change it.
        None => {
            domain::accounts::authorize(&state.app.db, Some(user.id), id, domain::permissions::Action::EditSpace).await?;
            Ok(Json(service::space_row(&state.app.db, id).await?))
        }
    }
}

/// New words for a vision statement; a field left out stays as it is.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisionChange {
    /// The short name, such as "Open and honest".
    #[serde(default)]
    pub title: Option<String>,
    /// What the statement means in practice (Markdown).
    #[serde(default)]
    pub body: Option<String>,
}

/// Rewrites one of the board's vision statements (co-chairs). The statements and their ids are
/// in the board's `vision` (`GET /api/v1/spaces/{id}`); every page that uses the vision shows
/// the new words from then on.
#[utoipa::path(patch, path = "/api/v1/vision/{id}", tag = "spaces", request_body = VisionChange,
    params(("id" = uuid::Uuid, Path, description = "The vision statement's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Changed", body = domain::spaces::VisionStatement), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn change_vision(
    State(state): State<AppState>,
    user: Option<axum::Extension<domain::people::CurrentUser>>,
    Path(id): Path<String>,
    body: Result<Json<VisionChange>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<domain::spaces::VisionStatement>, ApiError> {
    let user = super::signed_in(user)?;
    let body = super::json_body(body, r#"{"title": "Clear and simple", "body": "..."}"#)?;
    let id = parse_id(&id)?;
    let board = service::home_board(&state.app.db).await?.ok_or_else(|| domain::DomainError::NotFound("There is no board yet.".into()))?;
    let now = board.vision.iter().find(|v| v.id == id).ok_or_else(|| domain::DomainError::NotFound("We could not find that vision statement.".into()))?;
    let title = body.title.as_deref().unwrap_or(&now.title);
    let words = body.body.as_deref().unwrap_or(&now.body);
    Ok(Json(service::change_vision(&state.app.db, Some(user.id), id, title, words).await?))
}
