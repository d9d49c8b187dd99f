//! Invitations: a co-chair or convenor invites someone by email into a space with a role; the
//! emailed link lets them set up their account (or, if they have one, join straight away).

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{Actor, AuditAction, NewAccount, check_new_account, hash_token, insert_account, new_token, parse_email, record_audit, set_role};
use crate::entities::{invitation, person, space};
use crate::people::{CurrentUser, Perspective, Role};
use crate::permissions::Action;
use crate::spaces::SpaceKind;
pub use crate::account_types::InvitationView;
use crate::{DomainError, DomainResult};

pub const INVITATION_DAYS: i64 = 14;

/// What a new person types when accepting.
#[derive(Debug, Clone, Default)]
pub struct AcceptDetails {
    pub display_name: String,
    pub pronouns: Option<String>,
    pub perspective: Option<Perspective>,
    pub access_needs: Option<String>,
    pub password: Option<String>,
}

/// Invites `email` into a space, writing the invitation email to the outbox in the same
/// transaction. Returns the outbox message and what the invitation is for.
#[tracing::instrument(skip_all)]
pub async fn invite(
    db: &DatabaseConnection,
    inviter: &CurrentUser,
    space_id: Uuid,
    email: &str,
    role: Role,
    ip: Option<&str>,
) -> DomainResult<(Uuid, InvitationView)> {
    let email = parse_email(email)?;
    super::authorize(db, Some(inviter.id), space_id, Action::InviteMembers).await?;
    if let Some(supporter) = &inviter.supporter {
        let own_email = person::Entity::find_by_id(supporter.id).one(db).await?.and_then(|p| p.email);
        if own_email.as_deref() == Some(email.as_str()) {
            tracing::info!(supporter = %supporter.id, "refused a supporter inviting themselves");
            return Err(super::not_for_the_supporter_themselves(inviter));
        }
    }
    let (token, hash) = new_token();
    let now = chrono::Utc::now();
    let txn = crate::begin(db).await?;
    invitation::ActiveModel {
        id: Set(Uuid::now_v7()),
        token_hash: Set(hash.clone()),
        email: Set(email.clone()),
        space_id: Set(space_id),
        role: Set(role.as_str().to_owned()),
        invited_by: Set(inviter.id),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(INVITATION_DAYS)),
        accepted_at: Set(None),
        accepted_by: Set(None),
    }
    .insert(&txn)
    .await?;
    let view = view_of(&txn, &hash).await?;
    let space_kind = crate::entities::space::Entity::find_by_id(space_id).one(&txn).await?.and_then(|s| crate::spaces::SpaceKind::parse(&s.kind)).unwrap_or(crate::spaces::SpaceKind::Board);
    let letter = crate::mail::letters::invitation(&email, &inviter.display_name, &view.space_name, role.name_in(space_kind), &token, INVITATION_DAYS);
    let mail = crate::mail::outbox::enqueue(&txn, letter).await?;
    record_audit(&txn, Some(Actor::from(inviter)), AuditAction::InvitationSent, Some(&email), Some(&format!("{} as {}", view.space_name, role.as_str())), ip).await?;
    txn.commit().await?;
    Ok((mail, view))
}

/// The invitation behind a link, or a plain reason it cannot be used.
pub async fn invitation_by_token(db: &DatabaseConnection, token: &str) -> DomainResult<InvitationView> {
    view_of(db, &hash_token(token.trim())).await
}

async fn view_of(db: &impl sea_orm::ConnectionTrait, hash: &str) -> DomainResult<InvitationView> {
    let Some(found) = invitation::Entity::find().filter(invitation::Column::TokenHash.eq(hash)).one(db).await? else {
        return Err(DomainError::NotFound(
            "This invitation link is not one we recognise. Please check you used the whole link from the email.".into(),
        ));
    };
    if found.accepted_at.is_some() {
        return Err(DomainError::Conflict("This invitation has already been accepted. You can sign in instead.".into()));
    }
    if found.expires_at <= chrono::Utc::now() {
        return Err(DomainError::Conflict(format!(
            "This invitation has expired. Invitations last {INVITATION_DAYS} days. Please ask whoever invited you to send a new one."
        )));
    }
    let space = space::Entity::find_by_id(found.space_id).one(db).await?.ok_or(DomainError::Internal)?;
    let inviter = person::Entity::find_by_id(found.invited_by).one(db).await?.map(|p| p.display_name).unwrap_or_default();
    let has_account = person::Entity::find().filter(person::Column::Email.eq(found.email.as_str())).one(db).await?.is_some();
    Ok(InvitationView {
        email: found.email,
        space_kind: SpaceKind::parse(&space.kind).unwrap_or(SpaceKind::Group),
        space_name: space.name,
        space_slug: space.slug,
        role: Role::parse(&found.role).unwrap_or(Role::Member),
        invited_by: inviter,
        has_account,
    })
}

/// Accepts an invitation: sets up the account if needed, and gives the role. Returns the person
/// and whether their account was made now (and so needs a session).
///
/// Holding the emailed link proves the email, which is enough to set up a new account. It is not
/// enough to open an account that already exists (a forwarded or leaked invitation would sign
/// anyone in for weeks), so then the person must already be signed in as that account.
#[tracing::instrument(skip_all)]
pub async fn accept_invitation(
    db: &DatabaseConnection,
    token: &str,
    details: AcceptDetails,
    signed_in: Option<&CurrentUser>,
    ip: Option<&str>,
) -> DomainResult<(Uuid, bool)> {
    let hash = hash_token(token.trim());
    let view = view_of(db, &hash).await?;
    let txn = crate::begin(db).await?;
    let existing = person::Entity::find().filter(person::Column::Email.eq(view.email.as_str())).one(&txn).await?;
    let mut accepted_by = None;
    let person_id = match existing {
        Some(p) => match signed_in {
            Some(user) if user.id == p.id => {
                accepted_by = Some(Actor::from(user));
                p.id
            }
            Some(_) => {
                return Err(DomainError::Forbidden(format!(
                    "This invitation is for {}, and you are signed in as someone else. Please sign out, sign in as {}, then open the invitation link again.",
                    view.email, view.email
                )));
            }
            None => {
                return Err(DomainError::Forbidden(format!(
                    "{} already has an account, so please sign in first. Then open the invitation link again to accept it.",
                    view.email
                )));
            }
        },
        None => {
            let new = NewAccount {
                display_name: details.display_name,
                email: view.email.clone(),
                pronouns: details.pronouns,
                perspective: details.perspective,
                access_needs: details.access_needs,
                password: details.password,
            };
            let checked = check_new_account(&new)?;
            let model = insert_account(&txn, checked, new).await?;
            record_audit(&txn, Some(Actor::own(model.id)), AuditAction::AccountCreated, Some(&model.display_name), Some("from an invitation"), ip).await?;
            model.id
        }
    };
    let created = accepted_by.is_none();
    // Claim the invitation in one statement, so it cannot be used twice.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .col_expr(invitation::Column::AcceptedBy, sea_orm::sea_query::Expr::value(person_id))
        .filter(invitation::Column::TokenHash.eq(hash.as_str()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(DomainError::Conflict("This invitation has already been accepted. You can sign in instead.".into()));
    }
    let space_id = space::Entity::find().filter(space::Column::Slug.eq(view.space_slug.as_str())).one(&txn).await?.ok_or(DomainError::Internal)?.id;
    // Accepting never lowers a role someone already holds.
    let current = super::role_in(&txn, person_id, space_id).await?;
    if current != Some(Role::CoChair) && !(current == Some(Role::Member) && view.role == Role::Observer) {
        set_role(&txn, space_id, person_id, view.role).await?;
    }
    let by = accepted_by.unwrap_or(Actor::own(person_id));
    record_audit(&txn, Some(by), AuditAction::InvitationAccepted, Some(&view.email), Some(&format!("{} as {}", view.space_name, view.role.as_str())), ip).await?;
    txn.commit().await?;
    Ok((person_id, created))
}
