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
    /// The remit as safe HTML, glossary words linked to `explained`.
    pub remit_html: String,
    pub explained: Vec<domain::glossary::Term>,
}

/// May the signed-in person (if any) do `action` in `space_id`?
#[cfg(feature = "ssr")]
pub(crate) async fn viewer_can(db: &sea_orm::DatabaseConnection, space_id: uuid::Uuid, action: domain::permissions::Action) -> Result<bool, AppError> {
    Ok(domain::permissions::can(viewer_role(db, space_id).await?, action))
}

/// The viewer's role in a space, for a page that asks several permission questions: look it up
/// once and answer each with `domain::permissions::can`.
#[cfg(feature = "ssr")]
pub(crate) async fn viewer_role(db: &sea_orm::DatabaseConnection, space_id: uuid::Uuid) -> Result<Option<domain::people::Role>, AppError> {
    let Some(user) = crate::people::viewer() else { return Ok(None) };
    Ok(domain::accounts::role_in(db, user.id, space_id).await?)
}

/// The board on the home page (nothing on a fresh install) and what is happening in its groups.
#[server(prefix = "/fn", endpoint = "spaces/home")]
pub async fn home_board() -> Result<Home, AppError> {
    let db = crate::state::db()?;
    // Spaces are public today; the permission check joins here with the people issue.
    let board = domain::spaces::service::home_board(&db).await?;
    let today = chrono::Utc::now().date_naive();
    let happening = board.as_ref().map(|b| domain::spaces::happenings(&b.groups, today)).unwrap_or_default();
    use domain::permissions::{Action, can};
    let role = match &board {
        Some(b) => viewer_role(&db, b.space.id).await?,
        None => None,
    };
    let (can_invite, can_edit) = (can(role, Action::InviteMembers), can(role, Action::EditSpace));
    // Named members with their perspectives are for people on the board (the role was looked up
    // above, so this needs no other query).
    let board = if can(role, Action::ViewSpace) { board } else { board.map(SpaceDetail::seen_from_outside) };
    // People who can explain words see how many are waiting, so a visitor's question reaches them.
    let waiting_words = match &board {
        Some(b) if can(role, Action::Contribute) => {
            domain::glossary::service::open_requests(&db, crate::people::viewer().map(|u| u.id), b.space.id).await?.len()
        }
        _ => 0,
    };
    let (mut purpose_html, mut home_vision_html, mut explained, mut vision_html, mut vision_explained) = Default::default();
    if let Some(b) = &board {
        let bodies: Vec<&str> = b.vision.iter().map(|v| v.body.as_str()).collect();
        let home: Vec<&str> = std::iter::once(b.space.purpose.as_str()).chain(bodies.iter().copied()).collect();
        let (mut html, used) = domain::glossary::service::explain(&db, b.space.id, &home).await?;
        purpose_html = html.remove(0);
        (home_vision_html, explained) = (html, used);
        (vision_html, vision_explained) = domain::glossary::service::explain(&db, b.space.id, &bodies).await?;
    }
    Ok(Home { board, happening, can_invite, can_edit, waiting_words, purpose_html, home_vision_html, explained, vision_html, vision_explained })
}

/// One task-and-finish group by the readable part of its address.
#[server(prefix = "/fn", endpoint = "spaces/group")]
pub async fn group_by_slug(slug: String) -> Result<GroupView, AppError> {
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    if detail.space.kind != domain::spaces::SpaceKind::Group {
        return Err(AppError::NotFound("There is no group at that address.".into()));
    }
    use domain::permissions::{Action, can};
    let role = viewer_role(&db, detail.space.id).await?;
    let can_invite = can(role, Action::InviteMembers);
    let detail = if can(role, Action::ViewSpace) { detail } else { detail.seen_from_outside() };
    let board = detail.space.parent_id.unwrap_or(detail.space.id);
    let (mut html, explained) = domain::glossary::service::explain(&db, board, &[&detail.space.purpose]).await?;
    Ok(GroupView { remit_html: html.pop().unwrap_or_default(), explained, detail, can_invite })
}
