//! Actions: what someone agreed to do, by when, from which meeting and item. Whether one is
//! overdue is judged at the board's local day: an action due on 3 March is overdue from
//! midnight at the start of 4 March in Europe/London, whatever the server's clock zone.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::service::{MeetingContext, space_and_role};
use super::{ActionItem, ActionStatus, Named};
use crate::entities::{action, agenda_item, meeting};
use crate::people::{CurrentUser, Role};
use crate::permissions::{Action, can};
use crate::{DomainError, DomainResult};

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that action.".into())
}

/// An action as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct NewAction<'a> {
    pub item_id: Option<Uuid>,
    pub what: &'a str,
    pub owner: Option<Uuid>,
    pub due: &'a str,
}

/// Records an action from a meeting (the minute-taker or the leads). Its owner is told.
pub async fn add(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, meeting_id: Uuid, new: NewAction<'_>) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = add_in(&txn, actor, meeting_id, new).await?;
    crate::search::index::action(&txn, done).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn add_in(db: &impl ConnectionTrait, actor: &CurrentUser, meeting_id: Uuid, new: NewAction<'_>) -> DomainResult<Uuid> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    if !ctx.record() {
        return Err(DomainError::Forbidden("Only the minute-taker, co-chairs or convenors can record actions from a meeting.".into()));
    }
    let what = new.what.trim();
    if what.is_empty() {
        return Err(DomainError::invalid("what", "Please say what needs doing."));
    }
    if what.chars().count() > 2_000 {
        return Err(DomainError::invalid("what", "Please keep the action to 2,000 characters or fewer."));
    }
    let owner = new.owner.ok_or_else(|| DomainError::invalid("owner", "Please choose who will do it."))?;
    if !matches!(crate::accounts::role_in(db, owner, ctx.space.id).await?, Some(Role::CoChair | Role::Member)) {
        return Err(DomainError::invalid("owner", "Please choose someone who is a member here."));
    }
    let due = crate::dates::parse_date("due", new.due)?.ok_or_else(|| DomainError::invalid("due", "Please give the date it should be done by, as day/month/year."))?;
    let item_title = match new.item_id {
        Some(item) => {
            let i = agenda_item::Entity::find_by_id(item).one(db).await?.filter(|i| i.meeting_id == meeting_id).ok_or_else(|| DomainError::invalid("item_id", "Please choose one of this meeting's agenda items."))?;
            Some(i.title)
        }
        None => None,
    };
    let now = Utc::now();
    let id = Uuid::now_v7();
    action::ActiveModel {
        id: Set(id),
        space_id: Set(ctx.space.id),
        meeting_id: Set(Some(meeting_id)),
        item_id: Set(new.item_id),
        what: Set(what.replace("\r\n", "\n")),
        owner_id: Set(owner),
        due_on: Set(due),
        progress: Set(None),
        progress_at: Set(None),
        done_at: Set(None),
        done_note: Set(None),
        done_by: Set(None),
        created_by: Set(actor.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    if owner != actor.id {
        let from = item_title.map(|t| format!(" (item \u{201c}{t}\u{201d})")).unwrap_or_default();
        let summary = format!("You have a new action from {}{from}: \u{201c}{}\u{201d}, due by {}.", ctx.meeting.title, what.chars().take(200).collect::<String>(), crate::dates::long_date(due));
        crate::conversations::notifications::tell(db, owner, "action", ctx.space.id, &summary, &format!("/actions/{id}")).await?;
    }
    Ok(id)
}

/// What changes about an action.
#[derive(Debug, Clone, Default)]
pub struct ActionChange<'a> {
    /// New words on how it is going.
    pub progress: Option<&'a str>,
    /// Marks it done, with a note on what was done.
    pub done: Option<&'a str>,
    /// Opens it again.
    pub reopen: bool,
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<action::Model> {
    action::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)
}

fn may_update(a: &action::Model, viewer: Option<Uuid>, role: Option<Role>) -> bool {
    (viewer == Some(a.owner_id) && can(role, Action::ViewSpace)) || can(role, Action::RunMeetings)
}

/// The owner (or the space's leads) updates progress, marks it done with a note, or reopens it.
pub async fn update(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, change: ActionChange<'_>) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let done = update_in(&txn, actor, id, change).await?;
    crate::search::index::action(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn update_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, change: ActionChange<'_>) -> DomainResult<()> {
    let a = find(db, id).await?;
    let (_, _, role) = space_and_role(db, Some(actor.id), a.space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(not_found());
    }
    if !may_update(&a, Some(actor.id), role) {
        return Err(DomainError::Forbidden("Only the person the action belongs to, or a co-chair or convenor, can update it.".into()));
    }
    let clean = |field: &str, raw: &str, empty: &str| -> DomainResult<String> {
        let t = raw.trim();
        if t.is_empty() {
            return Err(DomainError::invalid(field, empty.to_owned()));
        }
        if t.chars().count() > 2_000 {
            return Err(DomainError::invalid(field, "Please keep this to 2,000 characters or fewer."));
        }
        Ok(t.replace("\r\n", "\n"))
    };
    let now = Utc::now();
    let mut m = a.clone().into_active_model();
    if let Some(p) = change.progress {
        m.progress = Set(Some(clean("progress", p, "Please write how the action is going.")?));
        m.progress_at = Set(Some(now));
    }
    if let Some(note) = change.done {
        if a.done_at.is_some() {
            return Err(DomainError::Conflict("This action is already marked done.".into()));
        }
        m.done_note = Set(Some(clean("note", note, "Please write a short note on what was done, so everyone knows.")?));
        m.done_at = Set(Some(now));
        m.done_by = Set(Some(actor.id));
    }
    if change.reopen {
        m.done_at = Set(None);
        m.done_by = Set(None);
    }
    if change.progress.is_none() && change.done.is_none() && !change.reopen {
        return Err(DomainError::invalid("progress", "Please write how the action is going, or mark it done."));
    }
    m.updated_at = Set(now);
    m.update(db).await?;
    Ok(())
}

/// Which actions a tracker lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    /// Open and overdue.
    #[default]
    Open,
    Overdue,
    Done,
    All,
}

impl Show {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "" | "open" => Some(Self::Open),
            "overdue" => Some(Self::Overdue),
            "done" => Some(Self::Done),
            "all" => Some(Self::All),
            _ => None,
        }
    }
}

/// The board's local day at `now`.
fn today(zone: chrono_tz::Tz, now: DateTime<Utc>) -> NaiveDate {
    crate::dates::local_day(now, zone)
}

/// Actions as people read them: owners, meetings and items named in a few queries.
async fn items(db: &impl ConnectionTrait, viewer: Option<Uuid>, rows: Vec<action::Model>, today: NaiveDate, roles: &HashMap<Uuid, Option<Role>>) -> DomainResult<Vec<ActionItem>> {
    let people: Vec<Uuid> = rows.iter().map(|a| a.owner_id).collect::<HashSet<_>>().into_iter().collect();
    let names = crate::people::service::display_names(db, people).await?;
    let meeting_ids: HashSet<Uuid> = rows.iter().filter_map(|a| a.meeting_id).collect();
    let meetings: HashMap<Uuid, String> = if meeting_ids.is_empty() {
        HashMap::new()
    } else {
        meeting::Entity::find().filter(meeting::Column::Id.is_in(meeting_ids)).all(db).await?.into_iter().map(|m| (m.id, m.title)).collect()
    };
    let item_ids: HashSet<Uuid> = rows.iter().filter_map(|a| a.item_id).collect();
    let titles: HashMap<Uuid, String> = if item_ids.is_empty() {
        HashMap::new()
    } else {
        agenda_item::Entity::find().filter(agenda_item::Column::Id.is_in(item_ids)).all(db).await?.into_iter().map(|i| (i.id, i.title)).collect()
    };
    let mut spaces: HashMap<Uuid, String> = HashMap::new();
    for id in rows.iter().map(|a| a.space_id).collect::<HashSet<_>>() {
        if let Some(s) = crate::memo::space(db, id).await? {
            spaces.insert(id, s.name);
        }
    }
    Ok(rows
        .into_iter()
        .map(|a| {
            let status = ActionStatus::of(a.due_on, a.done_at.is_some(), today);
            let role = roles.get(&a.space_id).copied().flatten();
            ActionItem {
                id: a.id,
                space_id: a.space_id,
                space_name: spaces.get(&a.space_id).cloned().unwrap_or_default(),
                owner: Named { id: a.owner_id, name: names.get(&a.owner_id).cloned().unwrap_or_else(|| "Someone".into()) },
                due_on: a.due_on,
                status,
                status_words: status.words(a.due_on, today, a.done_at.map(|d| d.date_naive())),
                progress: a.progress.clone(),
                done_note: a.done_note.clone(),
                meeting: a.meeting_id.map(|id| Named { id, name: meetings.get(&id).cloned().unwrap_or_else(|| "A meeting".into()) }),
                item_title: a.item_id.and_then(|i| titles.get(&i).cloned()),
                link: format!("/actions/{}", a.id),
                can_update: may_update(&a, viewer, role),
                what: a.what,
            }
        })
        .collect())
}

/// A meeting's own actions, and the open actions from before it (its matters arising).
pub(crate) async fn for_meeting(db: &impl ConnectionTrait, ctx: &MeetingContext, now: DateTime<Utc>) -> DomainResult<(Vec<ActionItem>, Vec<ActionItem>)> {
    let rows = action::Entity::find().filter(action::Column::SpaceId.eq(ctx.space.id)).order_by_asc(action::Column::DueOn).order_by_asc(action::Column::CreatedAt).all(db).await?;
    let wanted: Vec<action::Model> = rows.into_iter().filter(|a| a.meeting_id == Some(ctx.meeting.id) || (a.done_at.is_none() && a.created_at < ctx.meeting.starts_at)).collect();
    let roles = HashMap::from([(ctx.space.id, ctx.role)]);
    // Named together (one look-up of owners, meetings and items for both lists), then split.
    let all = items(db, ctx.viewer, wanted, today(ctx.zone, now), &roles).await?;
    Ok(all.into_iter().partition(|a| a.meeting.as_ref().map(|m| m.id) == Some(ctx.meeting.id)))
}

/// Open actions to come up under matters arising at `m` (for reminders).
pub(crate) async fn arising(db: &impl ConnectionTrait, m: &meeting::Model) -> DomainResult<Vec<action::Model>> {
    Ok(action::Entity::find()
        .filter(action::Column::SpaceId.eq(m.space_id))
        .filter(action::Column::DoneAt.is_null())
        .filter(action::Column::CreatedAt.lt(m.starts_at))
        .filter(action::Column::MeetingId.ne(m.id))
        .all(db)
        .await?)
}

/// The action tracker: one space's actions, or (`space: None`) every space the reader can see,
/// as they stand at `now`. Overdue is worked out in the query from the board's local day, so
/// the database does the filtering on SQLite and PostgreSQL alike.
pub async fn tracker(db: &impl ConnectionTrait, viewer: Option<Uuid>, space: Option<Uuid>, show: Show, now: DateTime<Utc>) -> DomainResult<Vec<ActionItem>> {
    let viewer_id = viewer.ok_or_else(|| DomainError::Forbidden("Please sign in to see the actions.".into()))?;
    let spaces: Vec<Uuid> = match space {
        Some(id) => {
            let (_, _, role) = space_and_role(db, viewer, id).await?;
            if !can(role, Action::ViewSpace) {
                return Err(DomainError::NotFound("We could not find that board or group.".into()));
            }
            vec![id]
        }
        None => crate::conversations::events::readable_spaces(db, viewer_id).await?.into_iter().collect(),
    };
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    // One board, one zone: every space here shares the home board's time zone.
    let first = spaces[0];
    let (_, zone, _) = space_and_role(db, None, first).await?;
    let day = today(zone, now);
    let mut q = action::Entity::find().filter(action::Column::SpaceId.is_in(spaces.clone()));
    q = match show {
        Show::Open => q.filter(action::Column::DoneAt.is_null()),
        Show::Overdue => q.filter(action::Column::DoneAt.is_null()).filter(action::Column::DueOn.lt(day)),
        Show::Done => q.filter(action::Column::DoneAt.is_not_null()),
        Show::All => q,
    };
    let rows = q.order_by_asc(action::Column::DueOn).order_by_asc(action::Column::CreatedAt).all(db).await?;
    let mut roles = HashMap::new();
    for s in rows.iter().map(|a| a.space_id).collect::<HashSet<_>>() {
        roles.insert(s, crate::accounts::role_in(db, viewer_id, s).await?);
    }
    items(db, viewer, rows, day, &roles).await
}

/// One action, with whether the reader may update it.
pub async fn get(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid, now: DateTime<Utc>) -> DomainResult<ActionItem> {
    let a = find(db, id).await?;
    let (_, zone, role) = space_and_role(db, viewer, a.space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(not_found());
    }
    let roles = HashMap::from([(a.space_id, role)]);
    items(db, viewer, vec![a], today(zone, now), &roles).await?.pop().ok_or(DomainError::Internal)
}
