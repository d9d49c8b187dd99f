//! The outbox: messages written with the change that caused them, claimed by one sender at a
//! time, every try recorded.
//!
//! Claiming: a sender reads the due messages with `FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite
//! has one writer at a time and needs no row locks) and marks each one `claimed_until` a little
//! while ahead, only if nobody holds it: two instances never take the same message. If a sender
//! dies mid-send, the claim runs out and another takes the message up.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, LockBehavior, LockType},
};
use uuid::Uuid;

use super::{Letter, MailKind, MailStatus, OutboxMessage, OutboxOverview};
use crate::entities::{outbox, outbox_attempt};
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

/// An email to write to the outbox.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub person_id: Option<Uuid>,
    pub to: String,
    pub kind: MailKind,
    pub subject: String,
    pub letter: Letter,
}

/// Writes a message to the outbox, to be sent by the mail worker. Call it inside the
/// transaction of the change that causes it, so both happen or neither does.
pub async fn enqueue(db: &impl ConnectionTrait, out: Outgoing) -> DomainResult<Uuid> {
    let id = Uuid::now_v7();
    enqueue_as(db, id, out).await?;
    Ok(id)
}

/// As `enqueue`, with the id chosen already (a digest claims its notifications with it first).
pub async fn enqueue_as(db: &impl ConnectionTrait, id: Uuid, mut out: Outgoing) -> DomainResult<()> {
    let now = chrono::Utc::now();
    // Emails that can be turned down carry a key of their own for the "change how often" link,
    // so it works without signing in; only its hash is looked up.
    let key_hash = if out.person_id.is_some() && !out.kind.urgent() && out.kind != MailKind::Ask {
        let (key, hash) = crate::accounts::new_token();
        out.letter.settings_key = Some(key);
        Some(hash)
    } else {
        None
    };
    outbox::ActiveModel {
        id: Set(id),
        person_id: Set(out.person_id),
        to_address: Set(out.to.chars().take(320).collect()),
        kind: Set(out.kind.as_str().into()),
        urgent: Set(out.kind.urgent()),
        subject: Set(out.subject.chars().take(300).collect()),
        content: Set(serde_json::to_string(&out.letter).map_err(|_| DomainError::Internal)?),
        status: Set(MailStatus::Waiting.as_str().into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        claimed_by: Set(None),
        last_error: Set(None),
        settings_key_hash: Set(key_hash),
        created_at: Set(now),
        sent_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A message claimed for sending, with its letter read back.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: Uuid,
    pub to: String,
    pub kind: MailKind,
    pub subject: String,
    pub letter: Letter,
    pub person_id: Option<Uuid>,
}

/// Takes up to `limit` due messages for `instance` to send, holding each for `hold`. Urgent ones
/// first, then oldest first.
pub async fn claim(db: &DatabaseConnection, instance: &str, hold: std::time::Duration, limit: u64) -> DomainResult<Vec<Claimed>> {
    let now = chrono::Utc::now();
    let free = Condition::any().add(outbox::Column::ClaimedUntil.is_null()).add(outbox::Column::ClaimedUntil.lt(now));
    let txn = crate::begin(db).await?;
    let due = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(MailStatus::Waiting.as_str()))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(free.clone())
        .order_by_desc(outbox::Column::Urgent)
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&txn)
        .await?;
    let until = now + chrono::Duration::from_std(hold).unwrap_or(chrono::Duration::minutes(2));
    let mut claimed = Vec::with_capacity(due.len());
    for row in due {
        // Only if still free: on a database without row locks this is what keeps it to one.
        let taken = outbox::Entity::update_many()
            .col_expr(outbox::Column::ClaimedUntil, Expr::value(Some(until)))
            .col_expr(outbox::Column::ClaimedBy, Expr::value(Some(instance.to_owned())))
            .filter(outbox::Column::Id.eq(row.id))
            .filter(outbox::Column::Status.eq(MailStatus::Waiting.as_str()))
            .filter(free.clone())
            .exec(&txn)
            .await?;
        if taken.rows_affected == 1 {
            let letter = serde_json::from_str(&row.content).unwrap_or_default();
            let kind = MailKind::parse(&row.kind).unwrap_or(MailKind::Notification);
            claimed.push(Claimed { id: row.id, to: row.to_address, kind, subject: row.subject, letter, person_id: row.person_id });
        }
    }
    txn.commit().await?;
    Ok(claimed)
}

fn attempt(id: Uuid, instance: &str, outcome: &str, error: Option<String>) -> outbox_attempt::ActiveModel {
    outbox_attempt::ActiveModel {
        id: Set(Uuid::now_v7()),
        outbox_id: Set(id),
        attempted_at: Set(chrono::Utc::now()),
        instance: Set(instance.chars().take(100).collect()),
        outcome: Set(outcome.into()),
        error: Set(error),
    }
}

/// The mail server took the message. Links that let someone in (sign-in, invitations, the
/// "did it help?" question) are taken out of the kept copy: they are no use to anyone now.
pub async fn mark_sent(db: &DatabaseConnection, id: Uuid, instance: &str) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let Some(row) = outbox::Entity::find_by_id(id).one(&txn).await? else { return Ok(()) };
    let mut update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(MailStatus::Sent.as_str()))
        .col_expr(outbox::Column::SentAt, Expr::value(Some(chrono::Utc::now())))
        .col_expr(outbox::Column::Attempts, Expr::value(row.attempts + 1))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .col_expr(outbox::Column::LastError, Expr::value(Option::<String>::None))
        .filter(outbox::Column::Id.eq(id));
    if matches!(MailKind::parse(&row.kind), Some(MailKind::SignIn | MailKind::Invitation | MailKind::Ask)) {
        let mut letter: Letter = serde_json::from_str(&row.content).unwrap_or_default();
        letter.action = None;
        letter.paragraphs.push("(The link in this email is not kept once it has been sent.)".into());
        update = update.col_expr(outbox::Column::Content, Expr::value(serde_json::to_string(&letter).map_err(|_| DomainError::Internal)?));
    }
    update.exec(&txn).await?;
    attempt(id, instance, "sent", None).insert(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A try failed. The message waits and is tried again later (doubling the wait from `base`),
/// unless the mail server refused it for good or it has been tried `MAX_ATTEMPTS` times.
pub async fn mark_failed(db: &DatabaseConnection, id: Uuid, instance: &str, error: &str, permanent: bool, base: std::time::Duration) -> DomainResult<MailStatus> {
    let txn = crate::begin(db).await?;
    let Some(row) = outbox::Entity::find_by_id(id).one(&txn).await? else { return Ok(MailStatus::Failed) };
    let attempts = row.attempts + 1;
    let status = if permanent || attempts >= super::MAX_ATTEMPTS { MailStatus::Failed } else { MailStatus::Waiting };
    let wait = chrono::Duration::from_std(super::backoff(attempts, base)).unwrap_or(chrono::Duration::hours(1));
    let error: String = error.chars().take(500).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status.as_str()))
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(chrono::Utc::now() + wait))
        .col_expr(outbox::Column::ClaimedUntil, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .col_expr(outbox::Column::LastError, Expr::value(Some(error.clone())))
        .filter(outbox::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    attempt(id, instance, if status == MailStatus::Failed { "failed" } else { "will_retry" }, Some(error)).insert(&txn).await?;
    txn.commit().await?;
    Ok(status)
}

/// Where one message is, and how many times it has been tried.
pub async fn state_of(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<(MailStatus, i32)>> {
    Ok(outbox::Entity::find_by_id(id).one(db).await?.map(|r| (MailStatus::parse(&r.status).unwrap_or(MailStatus::Waiting), r.attempts)))
}

/// Is mail late? True when a message is waiting after a try that failed: the mail server is not
/// answering or is refusing for now. The same for everyone, so it says nothing about who has an
/// account.
pub async fn delayed(db: &impl ConnectionTrait) -> DomainResult<bool> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(MailStatus::Waiting.as_str()))
        .filter(outbox::Column::Attempts.gt(0))
        .limit(1)
        .one(db)
        .await?
        .is_some())
}

/// How many messages are due to be sent now (tests wait for this to reach nought).
pub async fn due_now(db: &impl ConnectionTrait) -> DomainResult<u64> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Status.eq(MailStatus::Waiting.as_str()))
        .filter(outbox::Column::NextAttemptAt.lte(chrono::Utc::now()))
        .count(db)
        .await?)
}

async fn must_see_outbox(db: &impl ConnectionTrait, actor: Uuid) -> DomainResult<()> {
    let board = crate::spaces::service::home_board(db).await?.ok_or_else(|| DomainError::NotFound("There is no board here yet.".into()))?;
    crate::accounts::authorize(db, Some(actor), board.space.id, Action::ViewAuditLog)
        .await
        .map_err(|_| DomainError::Forbidden("Only the board's co-chairs can see the outbox, because it shows who is emailed about what.".into()))
}

fn message(r: outbox::Model) -> OutboxMessage {
    let status = MailStatus::parse(&r.status).unwrap_or(MailStatus::Waiting);
    OutboxMessage {
        id: r.id,
        to: r.to_address,
        kind: MailKind::parse(&r.kind).unwrap_or(MailKind::Notification),
        subject: r.subject,
        status,
        attempts: r.attempts,
        last_error: r.last_error,
        created_at: r.created_at,
        next_attempt_at: (status == MailStatus::Waiting).then_some(r.next_attempt_at),
        sent_at: r.sent_at,
    }
}

/// The outbox for a co-chair: counts by state, and the newest messages (in `only` that state),
/// a page at a time.
pub async fn overview(db: &impl ConnectionTrait, actor: Uuid, only: Option<MailStatus>, page: crate::page::PageRequest) -> DomainResult<OutboxOverview> {
    must_see_outbox(db, actor).await?;
    let count = |status: MailStatus| outbox::Entity::find().filter(outbox::Column::Status.eq(status.as_str())).count(db);
    let (waiting, sent, failed) = (count(MailStatus::Waiting).await?, count(MailStatus::Sent).await?, count(MailStatus::Failed).await?);
    let delayed = outbox::Entity::find().filter(outbox::Column::Status.eq(MailStatus::Waiting.as_str())).filter(outbox::Column::Attempts.gt(0)).count(db).await?;
    let mut q = outbox::Entity::find();
    if let Some(s) = only {
        q = q.filter(outbox::Column::Status.eq(s.as_str()));
    }
    if let Some(before) = page.after {
        q = q.filter(outbox::Column::Id.lt(before));
    }
    let mut rows = q.order_by_desc(outbox::Column::Id).limit(page.limit + 1).all(db).await?;
    let more = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    let next_cursor = if more { rows.last().map(|r| crate::page::encode_cursor(r.id)) } else { None };
    Ok(OutboxOverview { waiting, sent, failed, delayed, messages: rows.into_iter().map(message).collect(), next_cursor })
}

/// A co-chair sends a failed message again (or a waiting one now, without waiting for its turn).
pub async fn retry(db: &impl ConnectionTrait, actor: Uuid, id: Uuid) -> DomainResult<OutboxMessage> {
    must_see_outbox(db, actor).await?;
    let row = outbox::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that email in the outbox.".into()))?;
    if row.status == MailStatus::Sent.as_str() {
        return Err(DomainError::Conflict("That email has been sent already, so there is nothing to try again.".into()));
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(MailStatus::Waiting.as_str()))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(chrono::Utc::now()))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.ne(MailStatus::Sent.as_str()))
        .exec(db)
        .await?;
    crate::accounts::record_audit(db, Some(crate::accounts::Actor::own(actor)), crate::accounts::AuditAction::EmailRetried, Some(&row.to_address), Some(&row.subject), None).await?;
    let row = outbox::Entity::find_by_id(id).one(db).await?.ok_or(DomainError::Internal)?;
    Ok(message(row))
}

/// The person behind an email's "change how often" link, if the key is one we sent.
pub async fn person_of_settings_key(db: &impl ConnectionTrait, key: &str) -> DomainResult<Option<Uuid>> {
    let key = key.trim();
    if key.is_empty() || key.len() > 100 {
        return Ok(None);
    }
    Ok(outbox::Entity::find()
        .filter(outbox::Column::SettingsKeyHash.eq(crate::accounts::hash_token(key)))
        .one(db)
        .await?
        .and_then(|r| r.person_id))
}

/// Who an email's "change how often" link is for, and how often they hear from Coboard now.
pub async fn settings_for_key(db: &impl ConnectionTrait, key: &str) -> DomainResult<Option<(Uuid, String, crate::people::EmailFrequency)>> {
    let Some(person) = person_of_settings_key(db, key).await? else { return Ok(None) };
    let Some(p) = crate::entities::person::Entity::find_by_id(person).one(db).await? else { return Ok(None) };
    let frequency = crate::people::service::preferences(db, person).await?.email_frequency;
    Ok(Some((person, p.display_name, frequency)))
}

/// Changes how often the person behind an email's link hears from Coboard, without signing in
/// (the link is the key). Their other preferences stay as they are.
pub async fn set_frequency_by_key(db: &impl ConnectionTrait, key: &str, frequency: crate::people::EmailFrequency) -> DomainResult<Uuid> {
    let person = person_of_settings_key(db, key)
        .await?
        .ok_or_else(|| DomainError::NotFound("We do not recognise that link. To change how often we email you, sign in and open \u{201c}Text and colours\u{201d}.".into()))?;
    crate::people::service::set_email_frequency(db, person, frequency).await?;
    crate::accounts::record_audit(db, Some(crate::accounts::Actor::own(person)), crate::accounts::AuditAction::EmailSettingsChanged, None, Some(frequency.as_str()), None).await?;
    Ok(person)
}
