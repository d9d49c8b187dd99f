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
    Ok(rows
        .into_iter()
        .map(|r| Event {
            id: r.id,
            kind: r.kind,
            thread_id: r.thread_id,
            comment_id: r.comment_id,
            data: serde_json::from_str(&r.data).unwrap_or(serde_json::Value::Null),
            at: r.created_at,
        })
        .collect())
}
