//! Sending email: through SMTP when `COBOARD_SMTP_URL` is set, otherwise written as `.eml` files
//! into `<data dir>/mail/`, so a fresh install works without a mail server and nothing is lost.
//! (A durable outbox with retries comes with notifications; today mail is sent as it is made.)

use std::path::PathBuf;

use anyhow::Context;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

#[derive(Clone)]
pub enum Mailer {
    Files { dir: PathBuf, transport: AsyncFileTransport<Tokio1Executor>, from: Mailbox },
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
}

impl Mailer {
    pub fn from_config(config: &crate::Config) -> anyhow::Result<Self> {
        let from: Mailbox = config.mail_from.parse().with_context(|| format!("COBOARD_MAIL_FROM is not an email address: {:?}", config.mail_from))?;
        match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("COBOARD_SMTP_URL must look like smtp://user:password@host:587 or smtps://host")?
                    .build();
                Ok(Self::Smtp { transport, from })
            }
            None => {
                let dir = config.data_dir.join("mail");
                std::fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
                Ok(Self::Files { transport: AsyncFileTransport::new(&dir), dir, from })
            }
        }
    }

    /// Where mail goes, in words for the start-up log.
    pub fn describe(&self) -> String {
        match self {
            Self::Files { dir, .. } => format!("written to files in {}", dir.display()),
            Self::Smtp { .. } => "sent by SMTP".into(),
        }
    }

    /// Sends a plain-text email. Plain text reads well in every mail program and screen reader.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> anyhow::Result<()> {
        let from = match self {
            Self::Files { from, .. } | Self::Smtp { from, .. } => from.clone(),
        };
        let message = Message::builder()
            .from(from)
            .to(to.parse().context("recipient address")?)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)?;
        match self {
            Self::Files { transport, .. } => {
                transport.send(message).await.context("could not write the email to a file")?;
            }
            Self::Smtp { transport, .. } => {
                transport.send(message).await.context("the mail server did not accept the email")?;
            }
        }
        Ok(())
    }
}

pub fn sign_in_link_email(name: &str, link: &str) -> (String, String) {
    (
        "Your link to sign in to Coboard".into(),
        format!(
            "Hello {name},\n\n\
             Here is your link to sign in to Coboard:\n\n{link}\n\n\
             Open it and press the Sign in button. It works once, for 15 minutes.\n\n\
             If you did not ask for this, you can ignore this email: nobody can sign in without the link.\n"
        ),
    )
}

/// Emails an invitation just made: its link, what it is for, and plain explanations of any
/// glossary words the email uses. Each caller says in its own words what a failure means.
pub async fn send_invitation(state: &crate::AppState, inviter: &str, token: &str, view: &domain::accounts::InvitationView, role: &str) -> anyhow::Result<()> {
    let link = format!("{}/invitations/{token}", state.site_url);
    let (subject, body) = invitation_email(inviter, &view.space_name, role, &link);
    let body = with_words_explained(&state.app.db, body).await;
    state.mailer.send(&view.email, &subject, body).await
}

pub fn invitation_email(inviter: &str, space: &str, role: &str, link: &str) -> (String, String) {
    (
        format!("{inviter} has invited you to the {space} on Coboard"),
        format!(
            "Hello,\n\n\
             {inviter} has invited you to join the {space} as a {role}.\n\n\
             Coboard is where the board and its groups share drafts, decisions and meetings. \
             To accept, open this link and tell us your name. You can choose a password, or sign in with emailed links.\n\n\
             {link}\n\n\
             The link lasts 14 days. If you were not expecting this, you can ignore this email.\n"
        ),
    )
}

/// Adds "Words explained" to the end of an email that uses words from the board's glossary, so
/// the explanation arrives with the word, as it does on every page.
pub async fn with_words_explained(db: &sea_orm::DatabaseConnection, body: String) -> String {
    let Ok(Some(board)) = domain::spaces::service::home_board(db).await else { return body };
    match domain::glossary::service::explain_plain_text(db, board.space.id, &body).await {
        Ok(Some(words)) => format!("{body}\n{words}"),
        _ => body,
    }
}
