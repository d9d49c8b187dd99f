//! Accounts and signing in: passwords (argon2id), one-time sign-in links, sessions, rate limits
//! and the audit log. Tokens given to people (session cookies, links, API tokens) are random
//! 32-byte values; only their SHA-256 is stored, so the database alone cannot be used to sign in.

mod audit;
mod invitations;
mod rate_limit;
mod sessions;
mod supporters;
mod tokens;

pub use audit::{Actor, AuditAction, AuditEntry, recent_audit, record_audit};
pub use invitations::{INVITATION_DAYS, AcceptDetails, InvitationView, accept_invitation, invitation_by_token, invite};
pub use rate_limit::{Attempt, Limit, address_bucket, clear_limit, uncount};
pub use tokens::{ApiTokenInfo, TOKEN_PREFIX, create_api_token, list_api_tokens, revoke_api_token, token_user};
pub use supporters::{name_supporter, people_supported_by, revoke_supporter, start_supporting, stop_supporting, supporters_of};
pub use sessions::{SESSION_DAYS, SESSION_DAYS_SECONDS, SessionInfo, end_all_sessions, end_session, end_session_by_id, list_sessions, session_user, start_session};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::Argon2;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entities::{membership, person, sign_in_link, space};
use crate::people::{CurrentUser, Perspective, PersonSummary, Role, service::{parse_access_needs, parse_display_name, parse_pronouns}};
use crate::spaces::SpaceKind;
use crate::{DomainError, DomainResult};

pub const MIN_PASSWORD_CHARS: usize = 10;
pub const SIGN_IN_LINK_MINUTES: i64 = 15;

/// A new random token for a person to hold, and the hash we keep.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    let token = base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// SHA-256, hex. Tokens are long and random, so a fast hash is enough (unlike passwords).
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Trims and lower-cases an email address, and checks it looks like one.
pub fn parse_email(raw: &str) -> DomainResult<String> {
    let email = raw.trim().to_lowercase();
    let problem = || DomainError::invalid("email", "Please enter an email address like name@example.org.");
    if email.is_empty() {
        return Err(DomainError::invalid("email", "Please enter your email address."));
    }
    if email.len() > 254 || email.chars().any(char::is_whitespace) {
        return Err(problem());
    }
    match email.split_once('@') {
        Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.contains('@') => Ok(email),
        _ => Err(problem()),
    }
}

/// Checks a new password: long enough, and not one of the most common choices.
pub fn check_new_password(password: &str) -> DomainResult<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(DomainError::invalid(
            "password",
            format!("Please use at least {MIN_PASSWORD_CHARS} characters. Three random words make a strong password that is easy to remember."),
        ));
    }
    if chars > 200 {
        return Err(DomainError::invalid("password", "Please use 200 characters or fewer."));
    }
    let lower = password.to_lowercase();
    let common = include_str!("accounts/common_passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|l| l == lower);
    let one_character = password.chars().all(|c| Some(c) == password.chars().next());
    if common || one_character {
        return Err(DomainError::invalid(
            "password",
            "That password is one of the most commonly used, so it is easy to guess. Please choose another: three random words work well.",
        ));
    }
    Ok(())
}

/// Hashes a new password with argon2id, off the async workers (see `argon2_work`).
pub async fn hash_password(password: &str) -> DomainResult<String> {
    let password = password.to_owned();
    argon2_work(move || hash_password_now(&password)).await?
}

fn hash_password_now(password: &str) -> DomainResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|err| {
        tracing::error!(error = %err, "could not hash a password");
        DomainError::Internal
    })
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Spent when there is no account, so a wrong email takes as long to refuse as a wrong password.
fn dummy_verify(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password_now("not a real password, only for timing").unwrap_or_default());
    let _ = verify_password(hash, password);
}

/// Whether `password` matches `hash`. With no hash (no account, or one that signs in by link
/// only) it checks a dummy hash instead, so every answer takes as long.
async fn password_matches(hash: Option<String>, password: &str) -> DomainResult<bool> {
    let password = password.to_owned();
    argon2_work(move || match hash {
        Some(hash) => verify_password(&hash, &password),
        None => {
            dummy_verify(&password);
            false
        }
    })
    .await
}

/// Runs argon2 on tokio's blocking threads, at most two at a time in this process. Argon2 is
/// slow on purpose (tens of milliseconds of a core, and memory); on the async workers a burst of
/// sign-ins would stall every other request, and without a cap it would take every core.
async fn argon2_work<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> DomainResult<T> {
    static PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);
    let _permit = PERMITS.acquire().await.map_err(|_| DomainError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!(error = %err, "password hashing stopped unexpectedly");
        DomainError::Internal
    })
}

/// What a person types to create an account.
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub display_name: String,
    pub email: String,
    pub pronouns: Option<String>,
    pub perspective: Option<Perspective>,
    pub access_needs: Option<String>,
    /// `None`: this person signs in by emailed link only.
    pub password: Option<String>,
}

/// Checks everything typed; every problem is reported with its field.
pub fn check_new_account(new: &NewAccount) -> DomainResult<(String, String, Perspective)> {
    let name = parse_display_name(&new.display_name)?;
    let email = parse_email(&new.email)?;
    parse_pronouns(new.pronouns.as_deref())?;
    parse_access_needs(new.access_needs.as_deref())?;
    let perspective = new.perspective.ok_or_else(|| {
        DomainError::invalid("perspective", "Please choose the experience you bring. It is shown to others, and never limits what you can do.")
    })?;
    if let Some(password) = &new.password {
        check_new_password(password)?;
    }
    Ok((name, email, perspective))
}

/// How many people can sign in.
pub async fn account_count(db: &impl ConnectionTrait) -> DomainResult<u64> {
    Ok(person::Entity::find().filter(person::Column::Email.is_not_null()).count(db).await?)
}

/// Creates an account. The very first account on an install becomes a co-chair of the board, so
/// whoever sets Coboard up is never locked out. Returns the person and whether they were first.
#[tracing::instrument(skip_all)]
pub async fn create_account(db: &DatabaseConnection, new: NewAccount) -> DomainResult<(PersonSummary, bool)> {
    let checked = check_new_account(&new)?;
    let txn = crate::begin(db).await?;
    if person::Entity::find().filter(person::Column::Email.eq(checked.1.as_str())).one(&txn).await?.is_some() {
        return Err(DomainError::Conflict("That email address already has an account. You can sign in instead.".into()));
    }
    let first = account_count(&txn).await? == 0;
    let model = insert_account(&txn, checked, new).await?;
    if first {
        let board = space::Entity::find()
            .filter(space::Column::Kind.eq(SpaceKind::Board.as_str()))
            .order_by_asc(space::Column::Id)
            .one(&txn)
            .await?;
        if let Some(board) = board {
            set_role(&txn, board.id, model.id, Role::CoChair).await?;
        }
    }
    record_audit(&txn, Some(Actor::own(model.id)), AuditAction::AccountCreated, Some(&model.display_name), first.then_some("first account: co-chair of the board"), None).await?;
    txn.commit().await?;
    Ok((model.into(), first))
}

/// Stores an account whose details `check_new_account` has passed (name, email, perspective).
pub(crate) async fn insert_account(
    db: &impl ConnectionTrait,
    (display_name, email, perspective): (String, String, Perspective),
    new: NewAccount,
) -> DomainResult<person::Model> {
    let password_hash = match new.password.as_deref() {
        Some(password) => Some(hash_password(password).await?),
        None => None,
    };
    Ok(person::ActiveModel {
        id: Set(Uuid::now_v7()),
        display_name: Set(display_name),
        pronouns: Set(parse_pronouns(new.pronouns.as_deref())?),
        perspective: Set(perspective.as_str().to_owned()),
        created_at: Set(chrono::Utc::now()),
        email: Set(Some(email)),
        password_hash: Set(password_hash),
        access_needs: Set(parse_access_needs(new.access_needs.as_deref())?),
    }
    .insert(db)
    .await?)
}

/// Gives someone a role in a space, replacing any role they held there.
pub async fn set_role(db: &impl ConnectionTrait, space_id: Uuid, person_id: Uuid, role: Role) -> DomainResult<()> {
    match membership::Entity::find_by_id((space_id, person_id)).one(db).await? {
        Some(existing) => {
            let mut active: membership::ActiveModel = existing.into();
            active.role = Set(role.as_str().to_owned());
            active.update(db).await?;
        }
        None => {
            membership::ActiveModel {
                space_id: Set(space_id),
                person_id: Set(person_id),
                role: Set(role.as_str().to_owned()),
                created_at: Set(chrono::Utc::now()),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// The role that counts for `person_id` in a space (see `permissions::effective_role`).
pub async fn role_in(db: &impl ConnectionTrait, person_id: Uuid, space_id: Uuid) -> DomainResult<Option<Role>> {
    if let Some(known) = crate::memo::role(person_id, space_id) {
        return Ok(known);
    }
    let Some(found) = crate::memo::space(db, space_id).await? else {
        return Ok(None);
    };
    let held = |space: Uuid| async move {
        Ok::<_, DomainError>(
            membership::Entity::find_by_id((space, person_id)).one(db).await?.and_then(|m| Role::parse(&m.role)),
        )
    };
    let in_space = held(space_id).await?;
    let on_board = match found.parent_id {
        Some(board) => held(board).await?,
        None => None,
    };
    let ended = found.status.as_deref() == Some(crate::spaces::GroupStatus::Finished.as_str());
    let role = crate::permissions::effective_role(in_space, on_board, ended);
    crate::memo::remember_role(person_id, space_id, role);
    Ok(role)
}

async fn ended_group(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<bool> {
    Ok(space::Entity::find_by_id(space_id).one(db).await?.is_some_and(|s| s.status.as_deref() == Some(crate::spaces::GroupStatus::Finished.as_str())))
}

/// Refuses, in plain words, unless the person may do `action` in the space.
pub async fn authorize(
    db: &impl ConnectionTrait,
    person_id: Option<Uuid>,
    space_id: Uuid,
    action: crate::permissions::Action,
) -> DomainResult<()> {
    let role = match person_id {
        Some(id) => role_in(db, id, space_id).await?,
        None => None,
    };
    if crate::permissions::can(role, action) {
        Ok(())
    } else if person_id.is_none() {
        Err(DomainError::Forbidden("Please sign in to do this.".into()))
    } else if role.is_some() && ended_group(db, space_id).await? {
        // Said plainly, so nobody thinks their role was taken away.
        Err(DomainError::Conflict("This group has finished, so its work can be read but no longer changed.".into()))
    } else {
        Err(DomainError::Forbidden("Your role here does not include this. A co-chair or convenor can help.".into()))
    }
}

const PASSWORD_FAILURES: Limit = Limit { max: 5, minutes: 15 };
const PASSWORD_FAILURES_PER_ADDRESS: Limit = Limit { max: 30, minutes: 15 };
const LINK_REQUESTS: Limit = Limit { max: 3, minutes: 15 };
const LINK_REQUESTS_PER_ADDRESS: Limit = Limit { max: 10, minutes: 15 };

fn too_many(minutes: i64) -> DomainError {
    DomainError::TooManyAttempts(format!(
        "There have been too many tries in a short time, so we have paused signing in here to keep the account safe. \
         Please wait {minutes} minutes and try again, or ask for a sign-in link."
    ))
}

/// Counts one try against each limit, and says whether any refuses it. The audit log hears once
/// per window, not once per try: when a limit starts refusing, and (when that window has passed
/// and the next try comes) how many it refused.
async fn count_tries(
    db: &impl ConnectionTrait,
    what: &str,
    limits: [(Limit, String, Option<&str>); 2],
    ip: &str,
) -> DomainResult<bool> {
    let mut refused = false;
    for (limit, key, email) in limits {
        let attempt = limit.count(db, &key).await?;
        let whose = if email.is_some() { "this email" } else { "this address" };
        if let Some((how_many, began)) = attempt.refused_in_last_window {
            let detail = format!(
                "{how_many} {what} for {whose} were refused in the {} minutes from {} UTC",
                limit.minutes,
                began.format("%-d %b %Y %H:%M")
            );
            record_audit(db, None, AuditAction::SignInRefused, email, Some(&detail), Some(ip)).await?;
        }
        if attempt.first_refused() {
            let detail = format!(
                "{} {what} for {whose} in {} minutes: paused; further tries are refused unchecked and counted in one entry later",
                limit.max, limit.minutes
            );
            record_audit(db, None, AuditAction::SignInRefused, email, Some(&detail), Some(ip)).await?;
        }
        refused |= attempt.refused();
    }
    Ok(refused)
}

/// Checks an email and password. Whether the email has an account is never revealed: a wrong
/// email and a wrong password get the same answer, in the same time.
///
/// The try is counted before the password is checked, in one statement per limit, so a burst of
/// parallel tries gets at most the limit checked; the rest are refused without running argon2.
#[tracing::instrument(skip_all)]
pub async fn sign_in_with_password(db: &impl ConnectionTrait, email: &str, password: &str, ip: &str) -> DomainResult<CurrentUser> {
    let email = parse_email(email)?;
    if password.is_empty() {
        return Err(DomainError::invalid("password", "Please enter your password."));
    }
    let email_key = format!("password:{email}");
    let ip_key = format!("password-ip:{}", address_bucket(ip));
    let limits = [(PASSWORD_FAILURES, email_key.clone(), Some(email.as_str())), (PASSWORD_FAILURES_PER_ADDRESS, ip_key.clone(), None)];
    if count_tries(db, "sign-in tries", limits, ip).await? {
        return Err(too_many(PASSWORD_FAILURES.minutes));
    }
    let found = person::Entity::find().filter(person::Column::Email.eq(email.as_str())).one(db).await?;
    let verified = password_matches(found.as_ref().and_then(|p| p.password_hash.clone()), password).await?;
    match (found, verified) {
        (Some(person), true) => {
            // Only failures should count: forget this account's, and take this try back from
            // the address, which many people may share.
            clear_limit(db, &email_key).await?;
            uncount(db, &ip_key).await?;
            record_audit(db, Some(Actor::own(person.id)), AuditAction::SignedIn, Some(&email), Some("password"), Some(ip)).await?;
            current_user(person)
        }
        (found, _) => {
            record_audit(db, found.map(|p| p.id).map(Actor::own), AuditAction::SignInFailed, Some(&email), Some("wrong email or password"), Some(ip)).await?;
            Err(DomainError::invalid(
                "password",
                "That email and password do not match an account. Please check both, or ask for a sign-in link instead.",
            ))
        }
    }
}

/// Makes a one-time sign-in link for the account with this email, if there is one, and writes
/// the email carrying it to the outbox in the same transaction. Returns the person and the
/// outbox message; `None` when no account has the email (the caller shows the same message
/// either way).
#[tracing::instrument(skip_all)]
pub async fn request_sign_in_link(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), email: &str, ip: &str) -> DomainResult<Option<(CurrentUser, Uuid)>> {
    let email = parse_email(email)?;
    let email_key = format!("link:{email}");
    let ip_key = format!("link-ip:{}", address_bucket(ip));
    let limits = [(LINK_REQUESTS, email_key, Some(email.as_str())), (LINK_REQUESTS_PER_ADDRESS, ip_key, None)];
    if count_tries(db, "link requests", limits, ip).await? {
        return Err(DomainError::TooManyAttempts(format!(
            "We have sent several sign-in links in the last {} minutes. Please use the newest email, or wait and ask again.",
            LINK_REQUESTS.minutes
        )));
    }
    let Some(found) = person::Entity::find().filter(person::Column::Email.eq(email.as_str())).one(db).await? else {
        // Written as the other path writes, so both take about as long, and useful to read.
        record_audit(db, None, AuditAction::SignInLinkSent, Some(&email), Some("no account has this email, so nothing was sent"), Some(ip)).await?;
        return Ok(None);
    };
    let (token, hash) = new_token();
    let now = chrono::Utc::now();
    let txn = crate::begin(db).await?;
    sign_in_link::ActiveModel {
        token_hash: Set(hash),
        person_id: Set(found.id),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::minutes(SIGN_IN_LINK_MINUTES)),
        used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let mail = crate::mail::outbox::enqueue(&txn, crate::mail::letters::sign_in(found.id, &email, &found.display_name, &token, SIGN_IN_LINK_MINUTES)).await?;
    record_audit(&txn, Some(Actor::own(found.id)), AuditAction::SignInLinkSent, Some(&email), None, Some(ip)).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(Some((current_user(found)?, mail)))
}

/// Uses a sign-in link: it works once, within its time.
#[tracing::instrument(skip_all)]
pub async fn use_sign_in_link(db: &impl ConnectionTrait, token: &str, ip: &str) -> DomainResult<CurrentUser> {
    let hash = hash_token(token.trim());
    let now = chrono::Utc::now();
    // One statement marks it used, so two clicks at once cannot both sign in.
    let claimed = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, sea_orm::sea_query::Expr::value(now))
        .filter(sign_in_link::Column::TokenHash.eq(hash.as_str()))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    let link = sign_in_link::Entity::find_by_id(hash).one(db).await?;
    match (claimed.rows_affected, link) {
        (1, Some(link)) => {
            let Some(found) = person::Entity::find_by_id(link.person_id).one(db).await? else {
                return Err(DomainError::NotFound("The account for this link no longer exists.".into()));
            };
            record_audit(db, Some(Actor::own(found.id)), AuditAction::SignedIn, found.email.as_deref(), Some("sign-in link"), Some(ip)).await?;
            current_user(found)
        }
        (_, None) => Err(DomainError::NotFound(
            "This sign-in link is not one we recognise. Please check you used the whole link from the email, or ask for a new one.".into(),
        )),
        (_, Some(link)) if link.used_at.is_some() => Err(DomainError::Conflict(
            "This sign-in link has already been used. Each link works once, to keep your account safe. Please ask for a new one.".into(),
        )),
        (_, Some(_)) => Err(DomainError::Conflict(format!(
            "This sign-in link has expired. Links work for {SIGN_IN_LINK_MINUTES} minutes, to keep your account safe. Please ask for a new one."
        ))),
    }
}

pub(crate) fn current_user(model: person::Model) -> DomainResult<CurrentUser> {
    let Some(email) = model.email.clone() else {
        tracing::error!(person = %model.id, "signed-in person has no email");
        return Err(DomainError::Internal);
    };
    let summary = PersonSummary::from(model);
    Ok(CurrentUser {
        id: summary.id,
        display_name: summary.display_name,
        email,
        pronouns: summary.pronouns,
        perspective: summary.perspective,
        supporter: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_tidied_and_checked() {
        assert_eq!(parse_email("  Alex@Example.ORG ").unwrap(), "alex@example.org");
        for bad in ["", "alex", "alex@", "@example.org", "alex@example", "a b@example.org", "alex@.org"] {
            assert!(parse_email(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn passwords_must_be_long_and_uncommon() {
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("Password123").is_err(), "common, whatever the case");
        assert!(check_new_password("aaaaaaaaaaaaaaa").is_err());
        assert!(check_new_password("purple kettle island").is_ok());
    }

    #[test]
    fn password_hashes_verify_only_the_right_password() {
        let hash = hash_password_now("purple kettle island").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "purple kettle island"));
        assert!(!verify_password(&hash, "purple kettle islands"));
    }

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(hash_token(&a), hash_a);
        assert_ne!(hash_a, a);
    }
}

/// Refuses, while `actor` is a supporter acting for someone, anything that would touch the
/// supporter's own account (their role, an invitation to their email). A member lends their
/// role for a task; it must not become the supporter's own, outliving the member's consent.
pub(crate) fn not_for_the_supporter_themselves(actor: &CurrentUser) -> DomainError {
    let member = &actor.display_name;
    DomainError::Forbidden(format!(
        "While you are supporting {member}, you cannot change your own role or invite yourself: {member} lent you their role for \
         what you do for them, not to keep. Please stop supporting {member} first, then ask a co-chair or convenor."
    ))
}

/// A co-chair or convenor changes someone's role in a space, or (with `None`) removes them.
/// A space always keeps at least one co-chair or convenor.
#[tracing::instrument(skip_all)]
pub async fn change_role(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    space_id: Uuid,
    person_id: Uuid,
    new_role: Option<Role>,
) -> DomainResult<()> {
    authorize(db, Some(actor.id), space_id, crate::permissions::Action::ManageRoles).await?;
    if actor.supporter.as_ref().is_some_and(|s| s.id == person_id) {
        tracing::info!(supporter = %person_id, "refused a supporter changing their own role");
        return Err(not_for_the_supporter_themselves(actor));
    }
    let txn = crate::begin(db).await?;
    // Role changes in one space take turns, so two co-chairs demoting each other at the same
    // moment cannot both see the other still leading.
    crate::spaces::service::take_turn(&txn, space_id).await?;
    // Asked again now it is this change's turn: a change made meanwhile may have taken the
    // actor's own role away.
    authorize(&txn, Some(actor.id), space_id, crate::permissions::Action::ManageRoles).await?;
    let Some(current) = membership::Entity::find_by_id((space_id, person_id)).one(&txn).await? else {
        return Err(DomainError::NotFound("That person is not in this space any more.".into()));
    };
    let was = Role::parse(&current.role);
    if was == Some(Role::CoChair) && new_role != Some(Role::CoChair) {
        let leads = membership::Entity::find()
            .filter(membership::Column::SpaceId.eq(space_id))
            .filter(membership::Column::Role.eq(Role::CoChair.as_str()))
            .count(&txn)
            .await?;
        if leads <= 1 {
            return Err(DomainError::Conflict(
                "This is the only co-chair or convenor here. Please give someone else that role first.".into(),
            ));
        }
    }
    match new_role {
        Some(role) => set_role(&txn, space_id, person_id, role).await?,
        None => {
            membership::Entity::delete_by_id((space_id, person_id)).exec(&txn).await?;
        }
    }
    let space_name = space::Entity::find_by_id(space_id).one(&txn).await?.map(|s| s.name).unwrap_or_default();
    let person_name = person::Entity::find_by_id(person_id).one(&txn).await?.map(|p| p.display_name).unwrap_or_default();
    let detail = format!(
        "{}: {} to {}",
        space_name,
        was.map_or("none", Role::as_str),
        new_role.map_or("removed", Role::as_str)
    );
    record_audit(&txn, Some(actor.into()), AuditAction::RoleChanged, Some(&person_name), Some(&detail), None).await?;
    txn.commit().await?;
    Ok(())
}
