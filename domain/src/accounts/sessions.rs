//! Sessions kept in the database (SQLite or PostgreSQL), so any server instance can serve any
//! request, and a person can see and end their sessions.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{Actor, AuditAction, current_user, hash_token, new_token, record_audit};
use crate::entities::{person, session};
use crate::people::CurrentUser;
pub use crate::account_types::SessionInfo;
use crate::{DomainError, DomainResult};

pub const SESSION_DAYS: i64 = 30;
pub const SESSION_DAYS_SECONDS: i64 = SESSION_DAYS * 24 * 60 * 60;
/// How often `last_seen_at` is written: often enough to be useful, rarely enough to be cheap.
const TOUCH_EVERY_MINUTES: i64 = 5;

/// Starts a new session and returns the token for the cookie. A fresh one at every sign-in, so
/// a session id known before signing in is worthless after.
pub async fn start_session(db: &impl ConnectionTrait, person_id: Uuid, user_agent: Option<&str>) -> DomainResult<String> {
    let (token, hash) = new_token();
    let now = chrono::Utc::now();
    session::ActiveModel {
        id: Set(hash),
        person_id: Set(person_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(SESSION_DAYS)),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(300).collect())),
        acting_for: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The person a session token belongs to, if the session is live. Extends it while in use.
pub async fn session_user(db: &impl ConnectionTrait, token: &str) -> DomainResult<Option<(CurrentUser, String)>> {
    let hash = hash_token(token);
    let now = chrono::Utc::now();
    // The session and its owner in one statement: this runs at every signed-in request.
    let Some((found, owner)) = session::Entity::find_by_id(hash.clone()).find_also_related(person::Entity).one(db).await? else {
        return Ok(None);
    };
    if found.expires_at <= now {
        session::Entity::delete_by_id(hash).exec(db).await?;
        return Ok(None);
    }
    let Some(owner) = owner else {
        return Ok(None);
    };
    let acting_for = found.acting_for;
    if now - found.last_seen_at > chrono::Duration::minutes(TOUCH_EVERY_MINUTES) {
        let mut active: session::ActiveModel = found.into();
        active.last_seen_at = Set(now);
        active.expires_at = Set(now + chrono::Duration::days(SESSION_DAYS));
        crate::error::unless_cannot_write(active.update(db).await)?;
    }
    let owner = current_user(owner)?;
    if let Some(member_id) = acting_for {
        // Consent is checked on every request, so revoking it takes effect at once.
        if let Some(member) = super::supporters::consented_member(db, member_id, owner.id).await? {
            let supporter = crate::people::PersonSummary {
                id: owner.id,
                display_name: owner.display_name,
                pronouns: owner.pronouns,
                perspective: owner.perspective,
            };
            return Ok(Some((CurrentUser { supporter: Some(supporter), ..member }, hash)));
        }
        super::supporters::clear_acting(db, &hash).await?;
    }
    Ok(Some((owner, hash)))
}

/// Ends the session behind a cookie token (signing out). `by` names the supporter too, when the
/// session was acting for someone.
pub async fn end_session(db: &impl ConnectionTrait, token: &str, by: Actor) -> DomainResult<()> {
    session::Entity::delete_by_id(hash_token(token)).exec(db).await?;
    record_audit(db, Some(by), AuditAction::SignedOut, None, None, None).await?;
    Ok(())
}

/// Ends one of a person's sessions, named by the short id on "Your sessions".
pub async fn end_session_by_id(db: &impl ConnectionTrait, person_id: Uuid, short_id: &str) -> DomainResult<()> {
    let short_id = short_id.trim();
    let mine = session::Entity::find().filter(session::Column::PersonId.eq(person_id)).all(db).await?;
    let Some(found) = mine.into_iter().find(|s| short_id.len() == 12 && s.id.starts_with(short_id)) else {
        return Err(DomainError::NotFound("That session has already ended.".into()));
    };
    session::Entity::delete_by_id(found.id).exec(db).await?;
    record_audit(db, Some(Actor::own(person_id)), AuditAction::SessionEnded, Some(short_id), None, None).await?;
    Ok(())
}

/// Signs a person out everywhere.
pub async fn end_all_sessions(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<u64> {
    let ended = session::Entity::delete_many().filter(session::Column::PersonId.eq(person_id)).exec(db).await?;
    record_audit(db, Some(Actor::own(person_id)), AuditAction::SignedOut, None, Some("everywhere"), None).await?;
    Ok(ended.rows_affected)
}

pub async fn list_sessions(db: &impl ConnectionTrait, person_id: Uuid, current_hash: &str) -> DomainResult<Vec<SessionInfo>> {
    let now = chrono::Utc::now();
    Ok(session::Entity::find()
        .filter(session::Column::PersonId.eq(person_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SessionInfo {
            id: s.id[..12].to_owned(),
            current: s.id == current_hash,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            device: s.user_agent.map(|ua| describe_device(&ua)),
        })
        .collect())
}

/// "Chrome on Android" rather than a user-agent string nobody can read.
fn describe_device(ua: &str) -> String {
    let browser = [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
        .into_iter()
        .find(|(needle, _)| ua.contains(needle))
        .map_or("A browser", |(_, name)| name);
    let system = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS", "Mac"), ("Linux", "Linux")]
        .into_iter()
        .find(|(needle, _)| ua.contains(needle))
        .map(|(_, name)| name);
    match system {
        Some(system) => format!("{browser} on {system}"),
        None => browser.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn devices_are_described_in_words() {
        let ua = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert_eq!(super::describe_device(ua), "Chrome on Android");
        assert_eq!(super::describe_device("curl/8.0"), "A browser");
    }
}
