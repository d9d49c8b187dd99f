//! Supported participation: a member names a supporter (a personal assistant, family member or
//! advocate) who may act for them. Consent is the member's own act, can be withdrawn at any
//! time, and is checked on every request while the supporter acts.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{Actor, AuditAction, current_user, parse_email, record_audit};
use crate::entities::{person, session, supporter};
use crate::people::{CurrentUser, PersonSummary};
use crate::{DomainError, DomainResult};

/// `member_id` names the account with `email` as their supporter. An email with no account
/// changes nothing, and answers the same (with the same kind of work, an audit entry), so
/// this cannot be used to find out whether an email has an account.
pub async fn name_supporter(db: &impl ConnectionTrait, member_id: Uuid, email: &str) -> DomainResult<()> {
    let email = parse_email(email)?;
    let Some(found) = person::Entity::find().filter(person::Column::Email.eq(email.as_str())).one(db).await? else {
        record_audit(db, Some(Actor::own(member_id)), AuditAction::SupporterNamed, Some(&email), Some("no account has this email, so nothing changed"), None).await?;
        return Ok(());
    };
    if found.id == member_id {
        return Err(DomainError::invalid("email", "That is your own email. Please give your supporter's email."));
    }
    let now = chrono::Utc::now();
    match supporter::Entity::find_by_id((member_id, found.id)).one(db).await? {
        Some(existing) => {
            let mut active: supporter::ActiveModel = existing.into();
            active.consented_at = Set(now);
            active.revoked_at = Set(None);
            active.update(db).await?;
        }
        None => {
            supporter::ActiveModel { member_id: Set(member_id), supporter_id: Set(found.id), consented_at: Set(now), revoked_at: Set(None) }
                .insert(db)
                .await?;
        }
    }
    record_audit(db, Some(Actor::own(member_id)), AuditAction::SupporterNamed, Some(&found.display_name), None, None).await?;
    Ok(())
}

/// The member withdraws consent; any session acting for them stops at its next request.
pub async fn revoke_supporter(db: &impl ConnectionTrait, member_id: Uuid, supporter_id: Uuid) -> DomainResult<()> {
    let changed = supporter::Entity::update_many()
        .col_expr(supporter::Column::RevokedAt, Expr::value(chrono::Utc::now()))
        .filter(supporter::Column::MemberId.eq(member_id))
        .filter(supporter::Column::SupporterId.eq(supporter_id))
        .filter(supporter::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if changed.rows_affected == 0 {
        return Err(DomainError::NotFound("That person is no longer your supporter.".into()));
    }
    record_audit(db, Some(Actor::own(member_id)), AuditAction::SupporterRemoved, Some(&supporter_id.to_string()), None, None).await?;
    Ok(())
}

async fn people(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<Vec<PersonSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(person::Entity::find().filter(person::Column::Id.is_in(ids)).all(db).await?.into_iter().map(PersonSummary::from).collect())
}

/// Who may act for `member_id` now.
pub async fn supporters_of(db: &impl ConnectionTrait, member_id: Uuid) -> DomainResult<Vec<PersonSummary>> {
    let rows = supporter::Entity::find()
        .filter(supporter::Column::MemberId.eq(member_id))
        .filter(supporter::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    people(db, rows.into_iter().map(|r| r.supporter_id).collect()).await
}

/// Whom `supporter_id` may act for now.
pub async fn people_supported_by(db: &impl ConnectionTrait, supporter_id: Uuid) -> DomainResult<Vec<PersonSummary>> {
    let rows = supporter::Entity::find()
        .filter(supporter::Column::SupporterId.eq(supporter_id))
        .filter(supporter::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    people(db, rows.into_iter().map(|r| r.member_id).collect()).await
}

/// The member, if they still consent to `supporter_id` acting for them.
pub(crate) async fn consented_member(db: &impl ConnectionTrait, member_id: Uuid, supporter_id: Uuid) -> DomainResult<Option<CurrentUser>> {
    let consent = supporter::Entity::find_by_id((member_id, supporter_id)).one(db).await?;
    if !consent.is_some_and(|c| c.revoked_at.is_none()) {
        return Ok(None);
    }
    match person::Entity::find_by_id(member_id).one(db).await? {
        Some(member) => Ok(Some(current_user(member)?)),
        None => Ok(None),
    }
}

/// The supporter's session starts acting for the member.
pub async fn start_supporting(db: &impl ConnectionTrait, session_hash: &str, supporter_id: Uuid, member_id: Uuid) -> DomainResult<()> {
    let Some(member) = consented_member(db, member_id, supporter_id).await? else {
        return Err(DomainError::Forbidden("You can act for someone only after they name you as their supporter.".into()));
    };
    session::Entity::update_many()
        .col_expr(session::Column::ActingFor, Expr::value(member_id))
        .filter(session::Column::Id.eq(session_hash))
        .filter(session::Column::PersonId.eq(supporter_id))
        .exec(db)
        .await?;
    record_audit(db, Some(Actor::own(supporter_id)), AuditAction::SupportStarted, Some(&member.display_name), None, None).await?;
    Ok(())
}

/// The session goes back to acting as its owner.
pub async fn stop_supporting(db: &impl ConnectionTrait, session_hash: &str) -> DomainResult<()> {
    clear_acting(db, session_hash).await
}

pub(crate) async fn clear_acting(db: &impl ConnectionTrait, session_hash: &str) -> DomainResult<()> {
    session::Entity::update_many()
        .col_expr(session::Column::ActingFor, Expr::value(Option::<Uuid>::None))
        .filter(session::Column::Id.eq(session_hash))
        .exec(db)
        .await?;
    Ok(())
}
