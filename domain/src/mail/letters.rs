//! The letters Coboard writes: each says what happened, why this person got it, and gives one
//! link to act on. Notifications become emails here, by the person's frequency.

use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use super::outbox::{Outgoing, enqueue_as};
use super::{Letter, Link, MailKind};
use crate::DomainResult;
use crate::entities::{notification, person};
use crate::people::EmailFrequency;

/// "Hello Priya,", or "Hello," when there is no name.
pub(crate) fn hello(name: &str) -> String {
    if name.trim().is_empty() { "Hello,".into() } else { format!("Hello {},", name.trim()) }
}

/// A one-time sign-in link. Always sent, at once, whatever the person's email frequency.
pub fn sign_in(person: Uuid, to: &str, name: &str, token: &str, minutes: i64) -> Outgoing {
    Outgoing {
        person_id: Some(person),
        to: to.into(),
        kind: MailKind::SignIn,
        subject: "Your link to sign in to Coboard".into(),
        letter: Letter {
            greeting: hello(name),
            paragraphs: vec![
                "Here is your link to sign in to Coboard.".into(),
                format!("Open it and press the Sign in button. It works once, for {minutes} minutes."),
            ],
            action: Some(Link { label: "Sign in to Coboard".into(), path: format!("/sign-in/link/{token}") }),
            why: "You are getting this because someone asked for a sign-in link for this email address. If it was not you, you can ignore this email: nobody can sign in without the link.".into(),
            ..Default::default()
        },
    }
}

/// An invitation into a board or group. Always sent, at once.
pub fn invitation(to: &str, inviter: &str, space: &str, role: &str, token: &str, days: i64) -> Outgoing {
    Outgoing {
        person_id: None,
        to: to.into(),
        kind: MailKind::Invitation,
        subject: format!("{inviter} has invited you to the {space} on Coboard"),
        letter: Letter {
            greeting: "Hello,".into(),
            paragraphs: vec![
                format!("{inviter} has invited you to join the {space} as a {role}."),
                "Coboard is where the board and its groups share drafts, decisions and meetings. To accept, open the link and tell us your name. You can choose a password, or sign in with emailed links.".into(),
                format!("The link lasts {days} days."),
            ],
            action: Some(Link { label: "Accept the invitation".into(), path: format!("/invitations/{token}") }),
            why: format!("You are getting this because {inviter} invited this email address. If you were not expecting it, you can ignore this email."),
            ..Default::default()
        },
    }
}

/// How important a notification is, for ordering a digest (lower first), and why someone gets it.
pub fn about(kind: &str) -> (u8, &'static str) {
    match kind {
        "action" => (0, "an action was given to you"),
        "action_due" => (1, "an action of yours is due"),
        "mention" => (2, "someone mentioned you"),
        "reply" => (3, "someone replied to your comment"),
        "hidden" => (3, "a comment of yours was hidden"),
        "minutes" => (4, "minutes of a meeting are ready to agree"),
        "report" => (4, "a comment was reported to you as a lead"),
        "papers" | "late_paper" => (5, "papers were sent for a meeting you are invited to"),
        "document" => (6, "you follow this document"),
        "feedback" => (7, "you work on this You Said We Did item"),
        "word_explained" => (8, "you asked what a word means"),
        "glossary_waiting" => (9, "words are waiting for someone to explain them"),
        _ => (10, "something happened that you should know about"),
    }
}

/// How a notification for `person` is emailed: who to, and how often.
pub(crate) async fn plan(db: &impl ConnectionTrait, person: Uuid) -> DomainResult<Option<(String, String, EmailFrequency)>> {
    let Some(p) = person::Entity::find_by_id(person).one(db).await? else { return Ok(None) };
    let Some(email) = p.email.filter(|e| !e.trim().is_empty()) else { return Ok(None) };
    let frequency = crate::people::service::preferences(db, person).await?.email_frequency;
    Ok(Some((email, p.display_name, frequency)))
}

/// The `email_state` a new notification starts in for this frequency.
pub(crate) fn state_for(frequency: Option<EmailFrequency>) -> &'static str {
    match frequency {
        Some(EmailFrequency::Instant) => "instant",
        Some(EmailFrequency::Daily | EmailFrequency::Weekly) => "digest",
        Some(EmailFrequency::None) | None => "none",
    }
}

/// One notification as its own email (for people who hear about things as they happen).
pub(crate) async fn instant(db: &impl ConnectionTrait, id: Uuid, n: &notification::Model, to: &str, name: &str) -> DomainResult<()> {
    let (_, why) = about(&n.kind);
    let subject: String = n.summary.chars().take(150).collect();
    enqueue_as(
        db,
        id,
        Outgoing {
            person_id: Some(n.person_id),
            to: to.into(),
            kind: MailKind::Notification,
            subject,
            letter: Letter {
                greeting: hello(name),
                paragraphs: vec![n.summary.clone()],
                action: Some(Link { label: "See it on Coboard".into(), path: n.link.clone() }),
                why: format!("You are getting this because {why}, and you asked to hear about things as they happen."),
                ..Default::default()
            },
        },
    )
    .await
}

/// "Did this make a difference?" to someone who gave feedback and agreed to be asked.
pub fn ask(to: &str, name: Option<&str>, said: &str, response: Option<&str>, secret: &str) -> Outgoing {
    let mut paragraphs = vec![format!("You told the board: \u{201c}{said}\u{201d}")];
    if let Some(r) = response {
        paragraphs.push(format!("What the board did: {r}"));
    }
    paragraphs.push("The board has now marked this done. Did it make a difference to you? You can answer yes, partly or no, and add anything you like.".into());
    Outgoing {
        person_id: None,
        to: to.into(),
        kind: MailKind::Ask,
        subject: "Did this make a difference?".into(),
        letter: Letter {
            greeting: hello(name.unwrap_or("")),
            paragraphs,
            action: Some(Link { label: "Tell the board if it made a difference".into(), path: format!("/did-it-help/{secret}") }),
            why: "You are getting this because you said the board could ask you. If it did not make a difference, the board will look at it again. We will not email you about it again.".into(),
            ..Default::default()
        },
    }
}
