//! The audit log: an append-only record of sign-ins, failed sign-ins, invitations and role
//! changes, for co-chairs to read.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::DomainResult;
use crate::entities::{audit_entry, person};
use crate::page::{Page, PageRequest, encode_cursor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    AccountCreated,
    SignedIn,
    SignInFailed,
    SignInRefused,
    SignInLinkSent,
    SignedOut,
    SessionEnded,
    InvitationSent,
    InvitationAccepted,
    RoleChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        Self::AccountCreated,
        Self::SignedIn,
        Self::SignInFailed,
        Self::SignInRefused,
        Self::SignInLinkSent,
        Self::SignedOut,
        Self::SessionEnded,
        Self::InvitationSent,
        Self::InvitationAccepted,
        Self::RoleChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccountCreated => "account_created",
            Self::SignedIn => "signed_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignInRefused => "sign_in_refused",
            Self::SignInLinkSent => "sign_in_link_sent",
            Self::SignedOut => "signed_out",
            Self::SessionEnded => "session_ended",
            Self::InvitationSent => "invitation_sent",
            Self::InvitationAccepted => "invitation_accepted",
            Self::RoleChanged => "role_changed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }

    /// How the entry reads on the audit page.
    pub fn label(self) -> &'static str {
        match self {
            Self::AccountCreated => "Account created",
            Self::SignedIn => "Signed in",
            Self::SignInFailed => "Sign-in failed",
            Self::SignInRefused => "Sign-in paused after too many tries",
            Self::SignInLinkSent => "Sign-in link sent",
            Self::SignedOut => "Signed out",
            Self::SessionEnded => "Session ended",
            Self::InvitationSent => "Invitation sent",
            Self::InvitationAccepted => "Invitation accepted",
            Self::RoleChanged => "Role changed",
        }
    }
}

/// One line of the audit log as the audit page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: Uuid,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Option<String>,
    pub action: AuditAction,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
}

pub async fn record_audit(
    db: &impl ConnectionTrait,
    actor_id: Option<Uuid>,
    action: AuditAction,
    subject: Option<&str>,
    detail: Option<&str>,
    ip: Option<&str>,
) -> DomainResult<()> {
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor_id),
        action: Set(action.as_str().to_owned()),
        subject: Set(subject.map(|s| s.chars().take(300).collect())),
        detail: Set(detail.map(str::to_owned)),
        ip: Set(ip.map(|s| s.chars().take(64).collect())),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest entries first, a page at a time.
pub async fn recent_audit(db: &impl ConnectionTrait, page: PageRequest) -> DomainResult<Page<AuditEntry>> {
    let mut query = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).limit(page.limit + 1);
    if let Some(before) = page.after {
        query = query.filter(audit_entry::Column::Id.lt(before));
    }
    let rows = query.all(db).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let actor = match row.actor_id {
            Some(id) => person::Entity::find_by_id(id).one(db).await?.map(|p| p.display_name),
            None => None,
        };
        items.push(AuditEntry {
            id: row.id,
            at: row.at,
            actor,
            action: AuditAction::parse(&row.action).unwrap_or(AuditAction::SignedIn),
            subject: row.subject,
            detail: row.detail,
            ip: row.ip,
        });
    }
    let next_cursor = if items.len() as u64 > page.limit {
        items.truncate(page.limit as usize);
        items.last().map(|e| encode_cursor(e.id))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}
