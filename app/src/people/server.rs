//! Server functions behind the people pages. Each checks who is asking, then calls a service.

use domain::account_types::{ApiTokenInfo, AuditEntry, InvitationView, SessionInfo};
use domain::page::Page;
use domain::people::{CurrentUser, PersonSummary, Role};
use domain::spaces::Space;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// Whether this install still needs its first account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetupInfo {
    pub needed: bool,
    pub board_exists: bool,
}

#[server(prefix = "/fn", endpoint = "people/setup-status")]
pub async fn setup_status() -> Result<SetupInfo, AppError> {
    let db = crate::state::db()?;
    let needed = domain::accounts::account_count(&db).await? == 0;
    let board_exists = domain::spaces::service::home_board(&db).await?.is_some();
    Ok(SetupInfo { needed, board_exists })
}

/// A space the person belongs to, with their role there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MySpace {
    pub space: Space,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountView {
    pub user: CurrentUser,
    pub access_needs: Option<String>,
    pub spaces: Vec<MySpace>,
    pub sessions: Vec<SessionInfo>,
    pub tokens: Vec<ApiTokenInfo>,
    pub can_view_audit: bool,
    /// Who may act for this person.
    pub supporters: Vec<PersonSummary>,
    /// Whom this person may act for.
    pub supporting: Vec<PersonSummary>,
}

#[cfg(feature = "ssr")]
fn signed_in() -> Result<CurrentUser, AppError> {
    super::viewer().ok_or_else(|| AppError::Forbidden("Please sign in to see this page.".into()))
}

#[server(prefix = "/fn", endpoint = "people/account")]
pub async fn my_account() -> Result<AccountView, AppError> {
    let user = signed_in()?;
    let db = crate::state::db()?;
    let current_hash = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<super::SessionHash>().map(|h| h.0.clone()))
        .unwrap_or_default();
    let sessions = domain::accounts::list_sessions(&db, user.id, &current_hash).await?;
    let (access_needs, spaces) = domain::people::service::profile(&db, user.id).await?;
    let can_view_audit = can_view_audit(&db, user.id).await?;
    // A supporter acting for someone sees their account, but not the keys to it.
    let (sessions, tokens, supporters) = if user.supporter.is_some() {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        (sessions, domain::accounts::list_api_tokens(&db, user.id).await?, domain::accounts::supporters_of(&db, user.id).await?)
    };
    let supporting = match &user.supporter {
        Some(_) => Vec::new(),
        None => domain::accounts::people_supported_by(&db, user.id).await?,
    };
    Ok(AccountView {
        supporters,
        supporting,
        user,
        access_needs,
        spaces: spaces.into_iter().map(|(space, role)| MySpace { space, role }).collect(),
        sessions,
        tokens,
        can_view_audit,
    })
}

#[cfg(feature = "ssr")]
async fn can_view_audit(db: &sea_orm::DatabaseConnection, person: uuid::Uuid) -> Result<bool, AppError> {
    let Some(board) = domain::spaces::service::home_board(db).await? else { return Ok(false) };
    let role = domain::accounts::role_in(db, person, board.space.id).await?;
    Ok(domain::permissions::can(role, domain::permissions::Action::ViewAuditLog))
}

#[server(prefix = "/fn", endpoint = "people/invitation")]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    let db = crate::state::db()?;
    Ok(domain::accounts::invitation_by_token(&db, &token).await?)
}

/// The space an invitation would be for, and whether the viewer may invite people into it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteTargetInfo {
    pub space: Space,
    pub allowed: bool,
    pub signed_in: bool,
}

#[server(prefix = "/fn", endpoint = "people/invite-target")]
pub async fn invite_target(slug: String) -> Result<InviteTargetInfo, AppError> {
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    let viewer = super::viewer();
    let role = match &viewer {
        Some(user) => domain::accounts::role_in(&db, user.id, detail.space.id).await?,
        None => None,
    };
    Ok(InviteTargetInfo {
        allowed: domain::permissions::can(role, domain::permissions::Action::InviteMembers),
        signed_in: viewer.is_some(),
        space: detail.space,
    })
}

#[server(prefix = "/fn", endpoint = "people/audit")]
pub async fn audit_log(cursor: Option<String>) -> Result<Page<AuditEntry>, AppError> {
    let user = signed_in()?;
    let db = crate::state::db()?;
    if !can_view_audit(&db, user.id).await? {
        return Err(AppError::Forbidden("Only the board's co-chairs can read the audit log.".into()));
    }
    let page = domain::page::PageRequest::parse(None, cursor.as_deref())?;
    Ok(domain::accounts::recent_audit(&db, page).await?)
}

/// A person's page: who they are and where they take part.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileView {
    pub person: PersonSummary,
    pub spaces: Vec<MySpace>,
    /// Shown to the person themselves and to the board's co-chairs, who plan meetings.
    pub access_needs: Option<String>,
    /// What they have done lately, where the reader may see it.
    pub contributions: Vec<domain::conversations::Contribution>,
}

#[server(prefix = "/fn", endpoint = "people/profile")]
pub async fn person_profile(id: String) -> Result<ProfileView, AppError> {
    let viewer = signed_in()?;
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that person.".into()))?;
    let person = domain::people::service::person(&db, id).await?;
    let (access_needs, spaces) = domain::people::service::profile(&db, id).await?;
    let sees_needs = viewer.id == id || can_view_audit(&db, viewer.id).await?;
    Ok(ProfileView {
        person,
        spaces: spaces.into_iter().map(|(space, role)| MySpace { space, role }).collect(),
        access_needs: if sees_needs { access_needs } else { None },
        contributions: domain::conversations::service::recent_contributions(&db, Some(viewer.id), id, 10).await?,
    })
}

/// The members of a space, for a co-chair or convenor managing roles.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MembersView {
    pub space: Space,
    pub members: Vec<domain::people::Member>,
}

#[server(prefix = "/fn", endpoint = "people/members")]
pub async fn members_of(slug: String) -> Result<MembersView, AppError> {
    let user = signed_in()?;
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    let role = domain::accounts::role_in(&db, user.id, detail.space.id).await?;
    if !domain::permissions::can(role, domain::permissions::Action::ManageRoles) {
        return Err(AppError::Forbidden(format!(
            "Only a {} of the {} can change roles here.",
            super::role_name(Role::CoChair, detail.space.kind),
            detail.space.name
        )));
    }
    Ok(MembersView { space: detail.space, members: detail.members })
}
