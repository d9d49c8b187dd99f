//! The event log behind live updates (`GET /api/v1/events`). Every change to a conversation
//! appends one row; a page following along reads the rows after the last id it saw, so a
//! reconnect replays exactly what it missed, from the database, on any instance.
//!
//! Ids must become visible in order, or a reader could see event 7, move its mark past 6, and
//! miss 6 when it commits a moment later. SQLite writes one at a time. On PostgreSQL each insert
//! first takes a transaction-scoped advisory lock, so the next id is only drawn once the one
//! before it has committed.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::{event, membership, space};
use crate::permissions::{Action, can, effective_role};
use crate::people::Role;
use crate::{DomainError, DomainResult};

/// The advisory lock that puts event ids in commit order on PostgreSQL.
const ORDER_LOCK: i64 = 0x636f_626f_6172_64;

/// An event about to be recorded.
#[derive(Debug, Clone)]
pub struct NewEvent {
    space_id: Option<Uuid>,
    person_id: Option<Uuid>,
    kind: &'static str,
    thread_id: Option<Uuid>,
    comment_id: Option<Uuid>,
    data: serde_json::Value,
}

impl NewEvent {
    /// For everyone who may read the space's work.
    pub fn in_space(space_id: Uuid, kind: &'static str, thread_id: Uuid, comment_id: Option<Uuid>) -> Self {
        Self { space_id: Some(space_id), person_id: None, kind, thread_id: Some(thread_id), comment_id, data: serde_json::Value::Null }
    }

    /// For one person only (a notification of theirs).
    pub fn for_person(person_id: Uuid, kind: &'static str, thread_id: Option<Uuid>, comment_id: Option<Uuid>) -> Self {
        Self { space_id: None, person_id: Some(person_id), kind, thread_id, comment_id, data: serde_json::Value::Null }
    }

    pub fn with_data(mut self, data: serde_json::Value) -> Self {
        self.data = data;
        self
    }
}

/// An event as a reader receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    /// Whose it is: the members of a space, or one person.
    #[serde(skip)]
    pub space_id: Option<Uuid>,
    #[serde(skip)]
    pub person_id: Option<Uuid>,
    pub kind: String,
    pub thread_id: Option<Uuid>,
    pub comment_id: Option<Uuid>,
    pub data: serde_json::Value,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Appends an event; returns its id.
pub async fn record(db: &impl ConnectionTrait, e: NewEvent) -> DomainResult<i64> {
    let backend = db.get_database_backend();
    let data = if e.data.is_null() { serde_json::json!({}) } else { e.data };
    let values: Vec<sea_orm::Value> = vec![
        e.space_id.into(),
        e.person_id.into(),
        e.kind.into(),
        e.thread_id.into(),
        e.comment_id.into(),
        data.to_string().into(),
        chrono::Utc::now().into(),
    ];
    let sql = match backend {
        DatabaseBackend::Postgres => format!(
            "INSERT INTO events (space_id, person_id, kind, thread_id, comment_id, data, created_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7 FROM (SELECT pg_advisory_xact_lock({ORDER_LOCK})) AS turn RETURNING id"
        ),
        _ => "INSERT INTO events (space_id, person_id, kind, thread_id, comment_id, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id".to_owned(),
    };
    let row = db.query_one_raw(Statement::from_sql_and_values(backend, sql, values)).await?.ok_or(DomainError::Internal)?;
    Ok(row.try_get::<i64>("", "id")?)
}

/// The newest event's id (0 when there is none): where a new reader starts.
pub async fn latest_id(db: &impl ConnectionTrait) -> DomainResult<i64> {
    let id: Option<i64> = event::Entity::find().select_only().column(event::Column::Id).order_by_desc(event::Column::Id).limit(1).into_tuple::<i64>().one(db).await?;
    Ok(id.unwrap_or(0))
}

/// The spaces whose work `viewer` may read (two queries: their memberships, and the spaces).
pub async fn readable_spaces(db: &impl ConnectionTrait, viewer: Uuid) -> DomainResult<HashSet<Uuid>> {
    let held: std::collections::HashMap<Uuid, Role> = membership::Entity::find()
        .filter(membership::Column::PersonId.eq(viewer))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Role::parse(&m.role).map(|r| (m.space_id, r)))
        .collect();
    if held.is_empty() {
        return Ok(HashSet::new());
    }
    let spaces = space::Entity::find().all(db).await?;
    Ok(spaces
        .into_iter()
        .filter(|s| {
            let on_board = s.parent_id.and_then(|b| held.get(&b).copied());
            let ended = s.status.as_deref() == Some(crate::spaces::GroupStatus::Finished.as_str());
            can(effective_role(held.get(&s.id).copied(), on_board, ended), Action::ViewSpace)
        })
        .map(|s| s.id)
        .collect())
}

/// Up to `limit` events after `after` that `viewer` may receive, oldest first: their own, and
/// those of the spaces they may read.
pub async fn after(db: &impl ConnectionTrait, viewer: Uuid, readable: &HashSet<Uuid>, after: i64, limit: u64) -> DomainResult<Vec<Event>> {
    use sea_orm::Condition;
    let mut mine = Condition::any().add(event::Column::PersonId.eq(viewer));
    if !readable.is_empty() {
        mine = mine.add(Condition::all().add(event::Column::PersonId.is_null()).add(event::Column::SpaceId.is_in(readable.iter().copied())));
    }
    let rows = event::Entity::find().filter(event::Column::Id.gt(after)).filter(mine).order_by_asc(event::Column::Id).limit(limit).all(db).await?;
    Ok(rows.into_iter().map(Event::from).collect())
}

impl From<event::Model> for Event {
    fn from(r: event::Model) -> Self {
        Event {
            id: r.id,
            space_id: r.space_id,
            person_id: r.person_id,
            kind: r.kind,
            thread_id: r.thread_id,
            comment_id: r.comment_id,
            data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
            at: r.created_at,
        }
    }
}

impl Event {
    /// Whether `viewer`, who may read `readable`, receives this event.
    fn is_for(&self, viewer: Uuid, readable: &HashSet<Uuid>) -> bool {
        match self.person_id {
            Some(person) => person == viewer,
            None => self.space_id.is_some_and(|s| readable.contains(&s)),
        }
    }
}

/// The newest events, read once for every stream an instance holds. Each stream used to read the
/// log itself at every change anywhere and every 15 seconds: with 10,000 streams open, one
/// comment meant 30,000 statements and took 7 seconds to reach them all, and streams doing
/// nothing cost most of a core. Now one read serves them all, and what each person may read is
/// worked out once per person per change (never kept across one, so a role taken away stops
/// their events at once).
pub struct Tail {
    state: tokio::sync::Mutex<TailState>,
}

#[derive(Default)]
struct TailState {
    /// Whether the log has been read since the tail began.
    started: bool,
    /// The change counter as it stood at the last read, and when that was.
    read_at_change: u64,
    read_at: Option<std::time::Instant>,
    /// Every event after `floor`, up to `last`, in order (at most `TAIL_KEPT`).
    events: std::collections::VecDeque<Event>,
    floor: i64,
    last: i64,
    /// What each person may read, as worked out since the last read: worked out once however
    /// many of their streams ask at the same moment.
    readable: std::collections::HashMap<Uuid, std::sync::Arc<tokio::sync::OnceCell<std::sync::Arc<HashSet<Uuid>>>>>,
}

/// How many recent events the tail keeps; a stream further behind reads the log itself.
const TAIL_KEPT: usize = 5_000;

impl Default for Tail {
    fn default() -> Self {
        Self { state: tokio::sync::Mutex::new(TailState::default()) }
    }
}

impl Tail {
    /// Up to `limit` events after `after` for `viewer`, oldest first. `change` is the instance's
    /// change counter: when it has moved since the last read (or `recheck` has passed), the log is
    /// read again, once, for everyone.
    pub async fn after(&self, db: &impl ConnectionTrait, viewer: Uuid, after_id: i64, limit: usize, change: u64, recheck: std::time::Duration) -> DomainResult<Vec<Event>> {
        let (candidates, readable) = {
            let mut t = self.state.lock().await;
            let stale = !t.started || t.read_at_change != change || t.read_at.is_none_or(|at| at.elapsed() >= recheck);
            if stale {
                if !t.started {
                    // From now: a stream from before reads what it missed from the log itself.
                    t.last = latest_id(db).await?;
                    t.floor = t.last;
                    t.started = true;
                }
                loop {
                    let rows = event::Entity::find().filter(event::Column::Id.gt(t.last)).order_by_asc(event::Column::Id).limit(1_000).all(db).await?;
                    let more = rows.len() == 1_000;
                    for row in rows {
                        t.last = row.id;
                        t.events.push_back(Event::from(row));
                    }
                    if !more {
                        break;
                    }
                }
                while t.events.len() > TAIL_KEPT {
                    if let Some(gone) = t.events.pop_front() {
                        t.floor = gone.id;
                    }
                }
                t.read_at_change = change;
                t.read_at = Some(std::time::Instant::now());
                t.readable.clear();
            }
            if after_id < t.floor {
                // Further behind than the tail reaches (a stream resuming after a long time).
                drop(t);
                let readable = readable_spaces(db, viewer).await?;
                return after(db, viewer, &readable, after_id, limit as u64).await;
            }
            let candidates: Vec<Event> = t.events.iter().filter(|e| e.id > after_id && (e.person_id.is_none() || e.person_id == Some(viewer))).cloned().collect();
            let needs_spaces = candidates.iter().any(|e| e.person_id.is_none());
            (candidates, needs_spaces.then(|| t.readable.entry(viewer).or_default().clone()))
        };
        let readable = match readable {
            Some(cell) => cell.get_or_try_init(|| async { readable_spaces(db, viewer).await.map(std::sync::Arc::new) }).await?.clone(),
            None => std::sync::Arc::new(HashSet::new()),
        };
        Ok(candidates.into_iter().filter(|e| e.is_for(viewer, &readable)).take(limit).collect())
    }
}
