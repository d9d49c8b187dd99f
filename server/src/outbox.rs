//! Form handlers for email: a co-chair retrying an email from the outbox page, the
//! "change how often we email you" link (its page's form, and the one-click unsubscribe mail
//! programs send, RFC 8058), and following a document.

use axum::{
    Form,
    extract::{Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::people::{CurrentUser, EmailFrequency};

use crate::AppState;
use crate::auth::forms::{fail, show_again};
use crate::spaces::field;

type Fields = Vec<(String, String)>;

/// `POST /outbox/{id}/retry`: sends a failed email again (or a waiting one now).
pub async fn retry(State(state): State<AppState>, Path(raw): Path<String>, mut parts: Parts) -> Response {
    parts.uri = "/outbox".parse().expect("static");
    let result = async {
        let user = parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to see the outbox.".into()))?;
        let id = uuid::Uuid::try_parse(raw.trim()).map_err(|_| DomainError::NotFound("We could not find that email in the outbox.".into()))?;
        let message = domain::mail::outbox::retry(&state.app.db, user.id, id).await?;
        Ok::<_, DomainError>((message, state.mailer.settle(&state.app.db, id).await))
    }
    .await;
    match result {
        Ok((m, delivery)) => {
            let words = match delivery {
                crate::mail::Delivery::Sent => format!("The email to {} has been sent.", m.to),
                crate::mail::Delivery::Late => format!("The email to {} could not be sent yet. Coboard will keep trying; this page shows what the mail server said.", m.to),
                crate::mail::Delivery::Refused => format!("The mail server refused the email to {} again. This page shows what it said.", m.to),
            };
            show_again(&state, parts, app::people::forms::FormFeedback::success("outbox", words), StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "outbox", err, Vec::new()).await,
    }
}

/// `POST /email-settings/{key}`: from the page's form (`email_frequency`), or the one-click
/// unsubscribe a mail program sends for the `List-Unsubscribe` header (`List-Unsubscribe=One-Click`),
/// which means "no more of these emails".
pub async fn email_settings(State(state): State<AppState>, Path(key): Path<String>, parts: Parts, Form(form): Form<Fields>) -> Response {
    let one_click = field(&form, "List-Unsubscribe") == "One-Click";
    let chosen = if one_click { Some(EmailFrequency::None) } else { EmailFrequency::parse(field(&form, "email_frequency")) };
    let Some(frequency) = chosen else {
        let err = DomainError::invalid("email_frequency", "Please choose how often we should email you.");
        return fail(&state, parts, "email-settings", err, Vec::new()).await;
    };
    match domain::mail::outbox::set_frequency_by_key(&state.app.db, &key, frequency).await {
        // A mail program reads only the status; a short plain answer is enough.
        Ok(_) if one_click => (StatusCode::OK, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Done: Coboard will not email you about what is happening. Sign-in links and invitations still arrive.\n").into_response(),
        Ok(_) => Redirect::to(&format!("/email-settings/{}?saved=1", key.trim())).into_response(),
        Err(err) => fail(&state, parts, "email-settings", err, form).await,
    }
}

/// `POST /documents/{id}/follow` (`follow` = `yes` or `no`).
pub async fn follow(State(state): State<AppState>, Path(raw): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    let id = uuid::Uuid::try_parse(raw.trim()).ok();
    parts.uri = id.map(|id| format!("/documents/{id}")).unwrap_or_else(|| "/".into()).parse().unwrap_or_else(|_| "/".parse().expect("static"));
    let result = async {
        let user = parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to follow a document.".into()))?;
        let id = id.ok_or_else(|| DomainError::NotFound("We could not find that document.".into()))?;
        domain::documents::follows::set(&state.app.db, &user, id, field(&form, "follow") != "no").await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}#follow")).into_response(),
        Err(err) => fail(&state, parts, "status", err, Vec::new()).await,
    }
}
