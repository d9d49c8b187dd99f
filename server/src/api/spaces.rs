//! `/api/v1/spaces`: the board and its task-and-finish groups.

use axum::{
    Json,
    extract::{Path, Query, State, rejection::QueryRejection},
};
use domain::page::{Page, PageRequest};
use domain::spaces::{Space, SpaceDetail, SpaceKind, service};
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
}

/// Changes a space's rules (co-chairs and convenors).
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
    let body = super::json_body(body, r#"{"require_coproduction": true, "require_vision_check": false}"#)?;
    let rules = service::AgreeingRules { coproduction: body.require_coproduction, vision_check: body.require_vision_check, easy_read: body.require_easy_read };
    Ok(Json(service::set_rules(&state.app.db, Some(user.id), parse_id(&id)?, rules).await?))
}
