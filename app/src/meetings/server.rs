//! Server functions for meetings and actions: who is asking, then the service.

use domain::conversations::{Thread, ThreadAbilities};
use domain::meetings::{ActionItem, Meeting, MeetingSummary};
use domain::spaces::Space;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn viewer_id() -> Option<uuid::Uuid> {
    crate::people::viewer().map(|u| u.id)
}

#[cfg(feature = "ssr")]
async fn space_for(db: &sea_orm::DatabaseConnection, slug: Option<String>) -> Result<Space, AppError> {
    Ok(match slug {
        Some(slug) => domain::spaces::service::space_by_slug(db, &slug).await?.space,
        None => domain::spaces::service::home_board(db).await?.ok_or_else(|| AppError::NotFound("There is no board yet.".into()))?.space,
    })
}

/// A board's or group's meetings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingsView {
    pub space: Space,
    /// The space's meetings (empty when the reader is not in it).
    pub meetings: Vec<MeetingSummary>,
    pub in_space: bool,
    /// On `/meetings`: the reader's meetings to come across the board and its groups.
    pub yours: Vec<MeetingSummary>,
    pub can_plan: bool,
    /// Signed in: whether they have a calendar feed address, and since when.
    pub feed_made: Option<String>,
    pub signed_in: bool,
}

#[server(prefix = "/fn", endpoint = "meetings/list")]
pub async fn meetings_page(slug: Option<String>) -> Result<MeetingsView, AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id();
    crate::state::reading(async move {
        let whole_board = slug.is_none();
        let space = space_for(&db, slug).await?;
        let role = match viewer {
            Some(v) => domain::accounts::role_in(&db, v, space.id).await?,
            None => None,
        };
        let in_space = domain::permissions::can(role, domain::permissions::Action::ViewSpace);
        // Someone only in a group still has their own meetings at /meetings.
        if !in_space && (!whole_board || viewer.is_none()) {
            return Err(AppError::Forbidden("Meetings are for the people in this board or group. Please sign in, or ask a co-chair to invite you.".into()));
        }
        let meetings = if in_space { domain::meetings::service::list(&db, viewer, space.id).await? } else { Vec::new() };
        let yours = match viewer {
            Some(v) if whole_board => domain::meetings::service::upcoming_for(&db, v).await?,
            _ => Vec::new(),
        };
        let feed_made = match viewer {
            Some(v) => domain::meetings::service::feed_made_at(&db, v).await?.map(|t| domain::dates::long_date(t.date_naive())),
            None => None,
        };
        Ok(MeetingsView { space, meetings, in_space, yours, can_plan: domain::permissions::can(role, domain::permissions::Action::RunMeetings), feed_made, signed_in: viewer.is_some() })
    })
    .await
}

/// The plan-a-meeting form: the space, and who could take the minutes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanView {
    pub space: Space,
    pub members: Vec<domain::meetings::Named>,
}

#[server(prefix = "/fn", endpoint = "meetings/plan")]
pub async fn plan_page(slug: String) -> Result<PlanView, AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id().ok_or_else(|| AppError::Forbidden("Please sign in to plan a meeting.".into()))?;
    crate::state::reading(async move {
        let space = domain::spaces::service::space_by_slug(&db, &slug).await?.space;
        let role = domain::accounts::role_in(&db, viewer, space.id).await?;
        if !domain::permissions::can(role, domain::permissions::Action::RunMeetings) {
            return Err(AppError::Forbidden("Only the co-chairs or convenors can plan a meeting here.".into()));
        }
        let members = members_of(&db, space.id).await?;
        Ok(PlanView { space, members })
    })
    .await
}

#[cfg(feature = "ssr")]
async fn members_of(db: &sea_orm::DatabaseConnection, space_id: uuid::Uuid) -> Result<Vec<domain::meetings::Named>, AppError> {
    use domain::people::Role;
    let mut members: Vec<domain::meetings::Named> = domain::spaces::service::space_by_id(db, space_id)
        .await?
        .members
        .into_iter()
        .filter(|m| matches!(m.role, Role::CoChair | Role::Member))
        .map(|m| domain::meetings::Named { id: m.person.id, name: m.person.display_name })
        .collect();
    members.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    Ok(members)
}

/// A meeting's page: the meeting, and its conversations.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingPageView {
    pub meeting: Meeting,
    pub threads: Vec<Thread>,
    pub can_talk: ThreadAbilities,
    pub names: Vec<String>,
}

#[server(prefix = "/fn", endpoint = "meetings/one")]
pub async fn meeting_page(id: String) -> Result<MeetingPageView, AppError> {
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that meeting.".into()))?;
    let viewer = viewer_id();
    crate::state::reading(async move {
        let ctx = domain::meetings::service::MeetingContext::load(&db, viewer, id).await?;
        let meeting = domain::meetings::service::view_in(&db, &ctx).await?;
        let (threads, can_talk) = domain::conversations::service::threads_on_meeting(&db, &ctx, meeting.items.iter().map(|i| i.id).collect()).await?;
        let names = if can_talk.contribute { domain::conversations::service::mentionable(&db, ctx.space.id).await? } else { Vec::new() };
        Ok(MeetingPageView { meeting, threads, can_talk, names })
    })
    .await
}

/// The action tracker of a space, or of every space the reader can see.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionsView {
    pub space: Option<Space>,
    pub show: String,
    pub actions: Vec<ActionItem>,
}

#[server(prefix = "/fn", endpoint = "meetings/actions")]
pub async fn actions_page(slug: Option<String>, show: String) -> Result<ActionsView, AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id().ok_or_else(|| AppError::Forbidden("Please sign in to see the actions.".into()))?;
    crate::state::reading(async move {
        let space = match slug {
            Some(slug) => Some(domain::spaces::service::space_by_slug(&db, &slug).await?.space),
            None => None,
        };
        let which = domain::meetings::actions::Show::parse(&show).unwrap_or_default();
        let actions = domain::meetings::actions::tracker(&db, Some(viewer), space.as_ref().map(|s| s.id), which, chrono::Utc::now()).await?;
        let show = match which {
            domain::meetings::actions::Show::Open => "open",
            domain::meetings::actions::Show::Overdue => "overdue",
            domain::meetings::actions::Show::Done => "done",
            domain::meetings::actions::Show::All => "all",
        };
        Ok(ActionsView { space, show: show.to_owned(), actions })
    })
    .await
}

#[server(prefix = "/fn", endpoint = "meetings/action")]
pub async fn action_page(id: String) -> Result<ActionItem, AppError> {
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that action.".into()))?;
    let viewer = viewer_id();
    crate::state::reading(async move { Ok(domain::meetings::actions::get(&db, viewer, id, chrono::Utc::now()).await?) }).await
}
