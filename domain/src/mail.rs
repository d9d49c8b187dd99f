//! Email that never gets lost. Every email is a [`Letter`] written to the outbox in the same
//! transaction as the change that caused it (`outbox::enqueue`); the server's mail worker sends
//! it, retrying with backoff, and records each attempt. Notifications become emails by each
//! person's frequency: one email each (`instant`), a daily or weekly digest (`digest`), or none.
//! Sign-in links and invitations always go, at once.
//!
//! The types here travel to the outbox page; the services need the `db` feature.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "db")]
pub mod digest;
#[cfg(feature = "db")]
pub mod letters;
#[cfg(feature = "db")]
pub mod outbox;
pub mod render;

/// What an email says, before it is made into text and HTML with the site's address. Links are
/// paths on the site (`/threads/…`), so the same letter reads right wherever it is sent from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Letter {
    /// "Hello Priya,".
    pub greeting: String,
    pub paragraphs: Vec<String>,
    /// A digest's parts: one per space, most important first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// The one link to act on.
    pub action: Option<Link>,
    /// Why this person got it, in one or two sentences.
    pub why: String,
    /// The key of this email's "change how often we email you" link, for emails that may be
    /// turned down (not sign-in links or invitations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub items: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub label: String,
    pub path: String,
}

/// What kind of email it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    SignIn,
    Invitation,
    Notification,
    Digest,
    Ask,
}

impl MailKind {
    pub const ALL: [MailKind; 5] = [Self::SignIn, Self::Invitation, Self::Notification, Self::Digest, Self::Ask];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignIn => "sign_in",
            Self::Invitation => "invitation",
            Self::Notification => "notification",
            Self::Digest => "digest",
            Self::Ask => "ask",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SignIn => "Sign-in link",
            Self::Invitation => "Invitation",
            Self::Notification => "Notification",
            Self::Digest => "Summary (digest)",
            Self::Ask => "\u{201c}Did it make a difference?\u{201d}",
        }
    }

    /// Sign-in links and invitations go before anything else, and always go.
    pub fn urgent(self) -> bool {
        matches!(self, Self::SignIn | Self::Invitation)
    }
}

/// Where a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Not sent yet: new, or waiting to try again.
    Waiting,
    Sent,
    /// Given up on (the mail server refused it for good, or too many tries); a co-chair may retry.
    Failed,
}

impl MailStatus {
    pub const ALL: [MailStatus; 3] = [Self::Waiting, Self::Sent, Self::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Waiting => "Waiting",
            Self::Sent => "Sent",
            Self::Failed => "Failed",
        }
    }
}

/// One message as the outbox page shows it (never its words: they may hold a sign-in link).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct OutboxMessage {
    pub id: Uuid,
    pub to: String,
    pub kind: MailKind,
    pub subject: String,
    pub status: MailStatus,
    pub attempts: i32,
    /// The mail server's last answer, when a try failed.
    pub last_error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub next_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The outbox at a glance: how many messages are in each state, and the newest ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct OutboxOverview {
    pub waiting: u64,
    pub sent: u64,
    pub failed: u64,
    /// Waiting messages that have been tried and could not be sent yet: the mail server is not
    /// answering, or is refusing for now.
    pub delayed: u64,
    pub messages: Vec<OutboxMessage>,
    pub next_cursor: Option<String>,
}

/// How many tries before a message is marked failed (about 12 hours with the default backoff).
pub const MAX_ATTEMPTS: i32 = 12;

/// How long to wait before try number `attempts + 1`: doubling from `base`, at most an hour.
pub fn backoff(attempts: i32, base: std::time::Duration) -> std::time::Duration {
    let doubled = base.saturating_mul(1u32 << attempts.clamp(1, 16).saturating_sub(1));
    doubled.min(std::time::Duration::from_secs(3600).max(base))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_and_stops_at_an_hour() {
        let base = Duration::from_secs(30);
        assert_eq!(backoff(1, base), Duration::from_secs(30));
        assert_eq!(backoff(2, base), Duration::from_secs(60));
        assert_eq!(backoff(5, base), Duration::from_secs(480));
        assert_eq!(backoff(11, base), Duration::from_secs(3600));
        assert_eq!(backoff(40, base), Duration::from_secs(3600));
    }

    #[test]
    fn kinds_and_states_read_back() {
        for k in MailKind::ALL {
            assert_eq!(MailKind::parse(k.as_str()), Some(k));
        }
        for s in MailStatus::ALL {
            assert_eq!(MailStatus::parse(s.as_str()), Some(s));
        }
        assert!(MailKind::SignIn.urgent() && MailKind::Invitation.urgent() && !MailKind::Digest.urgent());
    }
}
