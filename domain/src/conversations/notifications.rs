//! Notifications: what a person should know about, kept in one table. The header shows how many
//! are unread, and emails are made from the same rows by each person's frequency (`crate::mail`):
//! written to the outbox here, in the same transaction as the change, or kept for a digest.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr};
use uuid::Uuid;

use super::Notification;
use super::events::{self, NewEvent};
use crate::DomainResult;
use crate::entities::{notification, thread};

/// Tells `person` something about a conversation, and lets their open pages know at once.
pub(crate) async fn notify(db: &impl ConnectionTrait, person: Uuid, kind: &'static str, t: &thread::Model, comment: Option<Uuid>, summary: &str, link: &str) -> DomainResult<()> {
    save(db, person, kind, t.space_id, Some(t.id), comment, summary, link).await
}

/// Tells `person` something that is not about a conversation (papers sent, an action), and lets
/// their open pages know at once.
pub(crate) async fn tell(db: &impl ConnectionTrait, person: Uuid, kind: &'static str, space_id: Uuid, summary: &str, link: &str) -> DomainResult<()> {
    save(db, person, kind, space_id, None, None, summary, link).await
}

#[allow(clippy::too_many_arguments)]
async fn save(db: &impl ConnectionTrait, person: Uuid, kind: &'static str, space_id: Uuid, thread: Option<Uuid>, comment: Option<Uuid>, summary: &str, link: &str) -> DomainResult<()> {
    let email = crate::mail::letters::plan(db, person).await?;
    let state = crate::mail::letters::state_for(email.as_ref().map(|(_, _, f)| *f));
    // The email's id is chosen first, so the notification names it as it is written.
    let mail = (state == "instant").then(Uuid::now_v7);
    let saved = notification::ActiveModel {
        id: Set(Uuid::now_v7()),
        person_id: Set(person),
        kind: Set(kind.into()),
        space_id: Set(Some(space_id)),
        thread_id: Set(thread),
        comment_id: Set(comment),
        summary: Set(summary.chars().take(600).collect()),
        link: Set(link.into()),
        created_at: Set(chrono::Utc::now()),
        read_at: Set(None),
        email_state: Set(state.into()),
        outbox_id: Set(mail),
    }
    .insert(db)
    .await?;
    if let (Some((to, name, _)), Some(mail)) = (&email, mail) {
        crate::mail::letters::instant(db, mail, &saved, to, name).await?;
    }
    events::record(db, NewEvent::for_person(person, "notification", thread, comment).with_data(serde_json::json!({ "summary": saved.summary, "link": saved.link }))).await?;
    Ok(())
}

/// How many of a person's notifications are unread.
pub async fn unread_count(db: &impl ConnectionTrait, person: Uuid) -> DomainResult<u64> {
    Ok(notification::Entity::find().filter(notification::Column::PersonId.eq(person)).filter(notification::Column::ReadAt.is_null()).count(db).await?)
}

/// A person's notifications, newest first, a page at a time.
pub async fn list(db: &impl ConnectionTrait, person: Uuid, page: crate::page::PageRequest) -> DomainResult<crate::page::Page<Notification>> {
    let mut q = notification::Entity::find().filter(notification::Column::PersonId.eq(person));
    if let Some(before) = page.after {
        q = q.filter(notification::Column::Id.lt(before));
    }
    let mut rows = q.order_by_desc(notification::Column::Id).limit(page.limit + 1).all(db).await?;
    let more = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    let next_cursor = if more { rows.last().map(|r| crate::page::encode_cursor(r.id)) } else { None };
    let items = rows
        .into_iter()
        .map(|r| Notification { id: r.id, kind: r.kind, summary: r.summary, link: r.link, created_at: r.created_at, read: r.read_at.is_some() })
        .collect();
    Ok(crate::page::Page { items, next_cursor })
}

/// Marks a person's notifications read: all of them, or one.
pub async fn mark_read(db: &impl ConnectionTrait, person: Uuid, only: Option<Uuid>) -> DomainResult<u64> {
    let mut q = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(chrono::Utc::now())))
        .filter(notification::Column::PersonId.eq(person))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = only {
        q = q.filter(notification::Column::Id.eq(id));
    }
    Ok(q.exec(db).await?.rows_affected)
}
