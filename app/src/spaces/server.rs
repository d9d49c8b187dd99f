//! Server functions for spaces: thin wrappers over `domain::spaces::service`.

use domain::people::{PersonSummary, Role};
use domain::spaces::{Home, SpaceDetail, SpaceEvent};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// A group's page: the group, its history, and what the person looking may do there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GroupView {
    pub detail: SpaceDetail,
    pub can_invite: bool,
    /// May change the name, remit and dates (convenors and the board's co-chairs, until it ends).
    pub can_edit: bool,
    /// May report back and finish.
    pub can_move_on: bool,
    /// The role the person looking holds in the group themselves (not through the board).
    pub held: Option<Role>,
    /// May join as a member or follow (by their role on the board), while the group runs.
    pub can_join: bool,
    pub can_follow: bool,
    /// The remit as safe HTML, glossary words linked to `explained`.
    pub remit_html: String,
    /// What the group reported back, as safe HTML.
    pub report_html: Option<String>,
    pub explained: Vec<domain::glossary::Term>,
    pub history: Vec<SpaceEvent>,
    /// Set when the address asked for is one the group had before a rename: where it is now.
    pub moved_to: Option<String>,
    pub documents: crate::documents::SpaceDocumentsView,
}

/// What the "Start a group" page needs: the board, its people (to choose convenors from) and its
/// documents (to start from).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewGroupView {
    pub board: Option<domain::spaces::Space>,
    pub can_start: bool,
    pub people: Vec<PersonSummary>,
    pub documents: Vec<(uuid::Uuid, String)>,
    /// Today in the board's time zone: the start date offered.
    pub today: chrono::NaiveDate,
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
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    let db = crate::state::db()?;
    crate::state::reading(async move { Ok(load_home(&db).await?.0) }).await
}

/// The home page: the board, and its documents, in one load.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HomeView {
    pub home: Home,
    pub documents: Option<crate::documents::SpaceDocumentsView>,
}

#[server(prefix = "/fn", endpoint = "spaces/home-page")]
pub async fn home_page() -> Result<HomeView, AppError> {
    let db = crate::state::db()?;
    crate::state::reading(async move {
        let (home, role) = load_home(&db).await?;
        let documents = match &home.board {
            Some(b) => Some(crate::documents::space_documents(&db, b.space.clone(), role).await?),
            None => None,
        };
        Ok(HomeView { home, documents })
    })
    .await
}

/// What the board's pages share, and the viewer's role on the board.
#[cfg(feature = "ssr")]
async fn load_home(db: &sea_orm::DatabaseConnection) -> Result<(Home, Option<Role>), AppError> {
    let db = db.clone();
    // Spaces are public today; the permission check joins here with the people issue.
    let board = domain::spaces::service::home_board(&db).await?;
    let today = chrono::Utc::now().date_naive();
    let happening = board.as_ref().map(|b| domain::spaces::happenings(&b.groups, today)).unwrap_or_default();
    use domain::permissions::{Action, can};
    let role = match &board {
        Some(b) => viewer_role(&db, b.space.id).await?,
        None => None,
    };
    let (can_invite, can_edit, can_start_group) = (can(role, Action::InviteMembers), can(role, Action::EditSpace), can(role, Action::StartGroup));
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
    Ok((Home { board, happening, can_invite, can_edit, can_start_group, waiting_words, purpose_html, home_vision_html, explained, vision_html, vision_explained }, role))
}

/// One task-and-finish group by the readable part of its address.
#[server(prefix = "/fn", endpoint = "spaces/group")]
pub async fn group_by_slug(slug: String) -> Result<GroupView, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    if detail.space.kind != domain::spaces::SpaceKind::Group {
        return Err(AppError::NotFound("There is no group at that address.".into()));
    }
    use domain::permissions::{Action, can};
    let viewer = crate::people::viewer();
    let role = viewer_role(&db, detail.space.id).await?;
    let inside = can(role, Action::ViewSpace);
    let held = viewer.as_ref().and_then(|v| detail.members.iter().find(|m| m.person.id == v.id)).filter(|_| inside).map(|m| m.role);
    let board = detail.space.parent_id.unwrap_or(detail.space.id);
    // Joining and following are open to people on the board, by their role there.
    let on_board = match &viewer {
        Some(v) if !detail.space.has_ended() => domain::accounts::role_in(&db, v.id, board).await?,
        _ => None,
    };
    let moved_to = (detail.space.slug != slug).then(|| format!("/groups/{}", detail.space.slug));
    let detail = if inside { detail } else { detail.seen_from_outside() };
    let texts: Vec<&str> = std::iter::once(detail.space.purpose.as_str()).chain(detail.space.report_summary.as_deref()).collect();
    let (mut html, explained) = domain::glossary::service::explain(&db, board, &texts).await?;
    let report_html = (html.len() > 1).then(|| html.pop()).flatten();
    let zone = domain::dates::zone_or_default(detail.parent.as_ref().and_then(|b| b.time_zone.as_deref()));
    let history = domain::spaces::life::events(&db, detail.space.id, zone, inside).await?;
    let documents = crate::documents::space_documents(&db, detail.space.clone(), role).await?;
    Ok(GroupView {
        documents,
        remit_html: html.pop().unwrap_or_default(),
        report_html,
        explained,
        can_invite: can(role, Action::InviteMembers),
        can_edit: can(role, Action::EditSpace),
        can_move_on: can(role, Action::MoveGroupOn),
        held,
        can_join: can(on_board, Action::JoinGroup),
        can_follow: can(on_board, Action::FollowGroup),
        history,
        moved_to,
        detail,
    })
    })
    .await
}

/// The "Start a group" page: who can convene it and which documents it can start from.
#[server(prefix = "/fn", endpoint = "spaces/new-group")]
pub async fn new_group_page() -> Result<NewGroupView, AppError> {
    let db = crate::state::db()?;
    let Some(board) = domain::spaces::service::home_board(&db).await? else {
        return Ok(NewGroupView { board: None, can_start: false, people: Vec::new(), documents: Vec::new(), today: chrono::Utc::now().date_naive() });
    };
    let today = domain::dates::local_day(chrono::Utc::now(), domain::dates::zone_or_default(board.space.time_zone.as_deref()));
    let role = viewer_role(&db, board.space.id).await?;
    if !domain::permissions::can(role, domain::permissions::Action::StartGroup) {
        return Ok(NewGroupView { board: Some(board.space), can_start: false, people: Vec::new(), documents: Vec::new(), today });
    }
    let documents = domain::spaces::life::board_documents(&db, board.space.id).await?;
    Ok(NewGroupView { people: board.members.into_iter().map(|m| m.person).collect(), board: Some(board.space), can_start: true, documents, today })
}
