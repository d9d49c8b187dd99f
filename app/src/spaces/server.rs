//! Server functions for spaces: thin wrappers over `domain::spaces::service`.

use domain::spaces::{Home, SpaceDetail};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// A group's page: the group, and whether the person looking may invite people into it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupView {
    pub detail: SpaceDetail,
    pub can_invite: bool,
}

/// May the signed-in person (if any) do `action` in `space_id`?
#[cfg(feature = "ssr")]
pub(crate) async fn viewer_can(db: &sea_orm::DatabaseConnection, space_id: uuid::Uuid, action: domain::permissions::Action) -> Result<bool, AppError> {
    let Some(user) = crate::people::viewer() else { return Ok(false) };
    let role = domain::accounts::role_in(db, user.id, space_id).await?;
    Ok(domain::permissions::can(role, action))
}

/// The board on the home page (nothing on a fresh install) and what is happening in its groups.
#[server(prefix = "/fn", endpoint = "spaces/home")]
pub async fn home_board() -> Result<Home, AppError> {
    let db = crate::state::db()?;
    // Spaces are public today; the permission check joins here with the people issue.
    let board = domain::spaces::service::home_board(&db).await?;
    let today = chrono::Utc::now().date_naive();
    let happening = board.as_ref().map(|b| domain::spaces::happenings(&b.groups, today)).unwrap_or_default();
    use domain::permissions::Action;
    let (can_invite, can_edit) = match &board {
        Some(b) => (viewer_can(&db, b.space.id, Action::InviteMembers).await?, viewer_can(&db, b.space.id, Action::EditSpace).await?),
        None => (false, false),
    };
    Ok(Home { board, happening, can_invite, can_edit })
}

/// One task-and-finish group by the readable part of its address.
#[server(prefix = "/fn", endpoint = "spaces/group")]
pub async fn group_by_slug(slug: String) -> Result<GroupView, AppError> {
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    if detail.space.kind != domain::spaces::SpaceKind::Group {
        return Err(AppError::NotFound("There is no group at that address.".into()));
    }
    let can_invite = viewer_can(&db, detail.space.id, domain::permissions::Action::InviteMembers).await?;
    Ok(GroupView { detail, can_invite })
}
