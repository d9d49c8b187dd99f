//! Account types shared with the browser build (the services live in `accounts`, behind `db`).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::people::Role;
use crate::spaces::SpaceKind;

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
    SupporterNamed,
    SupporterRemoved,
    SupportStarted,
    GroupStarted,
    SpaceChanged,
    GroupStatusChanged,
    CommentHidden,
    CommentShown,
    EmailRetried,
    EmailSettingsChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 20] = [
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
        Self::SupporterNamed,
        Self::SupporterRemoved,
        Self::SupportStarted,
        Self::GroupStarted,
        Self::SpaceChanged,
        Self::GroupStatusChanged,
        Self::CommentHidden,
        Self::CommentShown,
        Self::EmailRetried,
        Self::EmailSettingsChanged,
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
            Self::SupporterNamed => "supporter_named",
            Self::SupporterRemoved => "supporter_removed",
            Self::SupportStarted => "support_started",
            Self::GroupStarted => "group_started",
            Self::SpaceChanged => "space_changed",
            Self::GroupStatusChanged => "group_status_changed",
            Self::CommentHidden => "comment_hidden",
            Self::CommentShown => "comment_shown",
            Self::EmailRetried => "email_retried",
            Self::EmailSettingsChanged => "email_settings_changed",
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
            Self::SupporterNamed => "Supporter named",
            Self::SupporterRemoved => "Supporter removed",
            Self::SupportStarted => "Supporter started acting for someone",
            Self::GroupStarted => "Group started",
            Self::SpaceChanged => "Board or group changed",
            Self::GroupStatusChanged => "Group reported back or finished",
            Self::CommentHidden => "Comment hidden by a lead",
            Self::CommentShown => "Hidden comment shown again",
            Self::EmailRetried => "Email sent again from the outbox",
            Self::EmailSettingsChanged => "Email frequency changed from an email link",
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

/// A session as its owner sees it on "Your sessions".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The first 12 characters of the stored hash: enough to name it, useless to sign in.
    pub id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub device: Option<String>,
    pub current: bool,
}

/// What the invitation page shows before someone accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub space_name: String,
    pub space_slug: String,
    pub space_kind: SpaceKind,
    pub role: Role,
    pub invited_by: String,
    /// Whoever has this email already has an account: accepting needs no set-up.
    pub has_account: bool,
}


/// A personal access token as its owner sees it (never the token itself, after it is made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiTokenInfo {
    pub id: Uuid,
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}
