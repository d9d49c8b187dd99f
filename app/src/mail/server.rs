//! Server functions behind the email pages.

use domain::mail::OutboxOverview;
use domain::people::EmailFrequency;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// The outbox for a co-chair, optionally only the messages in one state.
#[server(prefix = "/fn", endpoint = "mail/outbox")]
pub async fn outbox_page(status: Option<String>, cursor: Option<String>) -> Result<OutboxOverview, AppError> {
    let user = crate::people::viewer().ok_or_else(|| AppError::Forbidden("Please sign in to see the outbox.".into()))?;
    let db = crate::state::db()?;
    let only = status.as_deref().and_then(domain::mail::MailStatus::parse);
    let page = domain::page::PageRequest::parse(None, cursor.as_deref())?;
    Ok(domain::mail::outbox::overview(&db, user.id, only, page).await?)
}

/// Who an email's link is for, and how often they hear from Coboard now.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailSettingsView {
    pub name: String,
    pub frequency: EmailFrequency,
}

#[server(prefix = "/fn", endpoint = "mail/settings")]
pub async fn email_settings(key: String) -> Result<EmailSettingsView, AppError> {
    let db = crate::state::db()?;
    match domain::mail::outbox::settings_for_key(&db, &key).await? {
        Some((_, name, frequency)) => Ok(EmailSettingsView { name, frequency }),
        None => Err(AppError::NotFound("We do not recognise that link. To change how often we email you, sign in and open \u{201c}Text and colours\u{201d}.".into())),
    }
}
