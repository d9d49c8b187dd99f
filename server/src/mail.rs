//! Sending the outbox. Every email is written to the outbox table with the change that caused
//! it (`domain::mail`); the worker here sends it through SMTP when `COBOARD_SMTP_URL` is set,
//! or writes it as an `.eml` file into `<data dir>/mail/` (so a fresh install works without a
//! mail server and nothing is lost). It tries again with a growing wait when the mail server
//! does not answer, records every try, and puts the outbox id in the Message-ID.
//!
//! Each instance runs one worker. It is woken at once when a request writes urgent mail (a
//! sign-in link), looks for due mail every couple of seconds otherwise, and makes the daily and
//! weekly digests when they are due.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use domain::mail::{MailStatus, outbox::Claimed};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{HeaderName, HeaderValue},
    },
};
use sea_orm::DatabaseConnection;
use tokio::sync::Notify;

/// How long a sender holds a message it has claimed. Longer than one SMTP conversation can take
/// (`SMTP_TIMEOUT`), so no other instance takes a message that is still being sent.
const HOLD: Duration = Duration::from_secs(120);
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the worker looks for due mail when nothing wakes it.
const LOOK_EVERY: Duration = Duration::from_secs(2);
/// How often it checks whether digests are due.
const DIGESTS_EVERY: Duration = Duration::from_secs(60);

#[derive(Clone)]
pub enum Transport {
    Files { dir: PathBuf, transport: AsyncFileTransport<Tokio1Executor> },
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor> },
}

/// The outbox's sender: what the server's requests need to wake it and wait for a message.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    wake: Arc<Notify>,
    /// Which instance this is, in the record of each try.
    instance: Arc<str>,
    /// The first wait before trying a message again; it doubles with each try, up to an hour.
    retry_base: Duration,
}

/// What became of a message a request has just written, after waiting a moment for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The mail server has it (or, without SMTP, it is written to its file).
    Sent,
    /// Not sent yet: the mail server is not answering or refused it for now. It waits in the
    /// outbox and will be tried again.
    Late,
    /// The mail server refused it for good (no such address, say). It will not be tried again
    /// unless a co-chair retries it from the outbox.
    Refused,
}

impl Mailer {
    pub fn from_config(config: &crate::Config) -> anyhow::Result<Self> {
        let from: Mailbox = config.mail_from.parse().with_context(|| format!("COBOARD_MAIL_FROM is not an email address: {:?}", config.mail_from))?;
        let transport = match &config.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("COBOARD_SMTP_URL must look like smtp://127.0.0.1:2525, smtp://user:password@host:587 or smtps://host")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Transport::Smtp { transport }
            }
            None => {
                let dir = config.data_dir.join("mail");
                std::fs::create_dir_all(&dir).with_context(|| format!("could not create {}", dir.display()))?;
                Transport::Files { transport: AsyncFileTransport::new(&dir), dir }
            }
        };
        let host = std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| "coboard".into());
        let instance = format!("{host}-{}-{}", std::process::id(), &uuid::Uuid::new_v4().simple().to_string()[..8]);
        Ok(Self { transport, from, wake: Arc::new(Notify::new()), instance: instance.into(), retry_base: config.mail_retry })
    }

    /// Where mail goes, in words for the start-up log.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Files { dir, .. } => format!("written to files in {}", dir.display()),
            Transport::Smtp { .. } => "sent by SMTP".into(),
        }
    }

    /// Asks the worker to look at the outbox now (a request has just written urgent mail).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Wakes the worker and waits (at most a few seconds) for its first try at `id`, so a page can
    /// say truthfully whether the email has gone or may be late.
    pub async fn settle(&self, db: &DatabaseConnection, id: uuid::Uuid) -> Delivery {
        self.wake();
        let until = tokio::time::Instant::now() + Duration::from_secs(4);
        loop {
            match domain::mail::outbox::state_of(db, id).await {
                Ok(Some((MailStatus::Sent, _))) => return Delivery::Sent,
                Ok(Some((MailStatus::Failed, _))) => return Delivery::Refused,
                Ok(Some((_, attempts))) if attempts > 0 => return Delivery::Late,
                Ok(None) => return Delivery::Late,
                Err(err) => {
                    tracing::error!(error = %err, "could not read the outbox");
                    return Delivery::Late;
                }
                Ok(Some(_)) if tokio::time::Instant::now() >= until => return Delivery::Late,
                Ok(Some(_)) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Starts this instance's worker on its own connection handle (its queries are not counted
    /// against any page's budget).
    pub fn start_worker(&self, db: DatabaseConnection, site_url: Arc<str>) {
        let mailer = self.clone();
        tokio::spawn(async move {
            let mut last_digests: Option<tokio::time::Instant> = None;
            loop {
                mailer.send_due(&db, &site_url).await;
                if last_digests.is_none_or(|t| t.elapsed() >= DIGESTS_EVERY) {
                    last_digests = Some(tokio::time::Instant::now());
                    match domain::mail::digest::make_due(&db, chrono::Utc::now()).await {
                        Ok(0) => {}
                        Ok(made) => {
                            tracing::info!(made, "digests written to the outbox");
                            continue;
                        }
                        Err(err) => tracing::error!(error = %err, "could not make the digests"),
                    }
                }
                tokio::select! {
                    _ = mailer.wake.notified() => {}
                    _ = tokio::time::sleep(LOOK_EVERY) => {}
                }
            }
        });
    }

    /// Sends every message that is due, one claimed at a time.
    async fn send_due(&self, db: &DatabaseConnection, site_url: &str) {
        loop {
            let claimed = match domain::mail::outbox::claim(db, &self.instance, HOLD, 1).await {
                Ok(claimed) => claimed,
                Err(err) => {
                    tracing::error!(error = %err, "could not read the outbox");
                    return;
                }
            };
            let Some(message) = claimed.into_iter().next() else { return };
            let outcome = match self.build(db, &message, site_url).await {
                Ok(email) => self.deliver(email).await,
                // An address the mail server could never take: no use trying again.
                Err(err) => Err((format!("{err:#}"), true)),
            };
            let recorded = match outcome {
                Ok(()) => domain::mail::outbox::mark_sent(db, message.id, &self.instance).await.map(|_| MailStatus::Sent),
                Err((error, permanent)) => {
                    tracing::warn!(id = %message.id, error = %error, "an email could not be sent yet");
                    domain::mail::outbox::mark_failed(db, message.id, &self.instance, &error, permanent, self.retry_base).await
                }
            };
            if let Err(err) = recorded {
                tracing::error!(error = %err, id = %message.id, "could not record how sending an email went");
                return;
            }
        }
    }

    async fn deliver(&self, email: Message) -> Result<(), (String, bool)> {
        match &self.transport {
            Transport::Files { transport, .. } => transport.send(email).await.map(|_| ()).map_err(|err| (format!("could not write the email to a file: {err}"), false)),
            Transport::Smtp { transport } => transport.send(email).await.map(|_| ()).map_err(|err| {
                let permanent = err.is_permanent();
                (format!("the mail server did not take the email: {err}"), permanent)
            }),
        }
    }

    /// The email for a message: both parts, the words it uses explained, a Message-ID made from
    /// the outbox id (so a mail server that is handed one twice can tell), and one-click
    /// `List-Unsubscribe` headers on every email a person can turn down.
    async fn build(&self, db: &DatabaseConnection, m: &Claimed, site_url: &str) -> anyhow::Result<Message> {
        let words = match domain::spaces::service::home_board(db).await {
            Ok(Some(board)) => domain::glossary::service::terms_in_plain_text(db, board.space.id, &domain::mail::render::words_of(&m.subject, &m.letter)).await.unwrap_or_default(),
            _ => Vec::new(),
        };
        let (text, html) = domain::mail::render::render(&m.subject, &m.letter, site_url, &words);
        let host = site_url.split("://").nth(1).and_then(|rest| rest.split(['/', ':']).next()).filter(|h| !h.is_empty()).unwrap_or("coboard.local");
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(m.to.parse().with_context(|| format!("{:?} is not an email address a mail server can take", m.to))?)
            .subject(m.subject.clone())
            .message_id(Some(format!("<{}@{host}>", m.id)));
        if let Some(key) = &m.letter.settings_key {
            let url = domain::mail::render::settings_url(site_url, key);
            builder = builder
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".into()));
        }
        Ok(builder.multipart(MultiPart::alternative_plain_html(text, html))?)
    }
}

/// What the page says once an invitation is made: sent, or saved and on its way later.
pub fn invitation_words(email: &str, delivery: Delivery) -> String {
    match delivery {
        Delivery::Sent => format!("We have sent an invitation to {email}. It lasts 14 days."),
        Delivery::Late => format!(
            "We have saved the invitation to {email}, but our mail server is not answering just now, so the email may be late. Coboard keeps trying and will send it as soon as it can. It lasts 14 days from today."
        ),
        Delivery::Refused => format!(
            "We have saved the invitation, but the mail server refused the email to {email}, so it has not been sent. Please check the address and invite them again. A co-chair can see what the mail server said on the outbox page."
        ),
    }
}
