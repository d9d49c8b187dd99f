//! Form handlers for the glossary: ask about a word (anyone), add a word, change an explanation
//! and explain a word someone asked about (people who take part in the board).

use axum::{
    Form,
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::glossary::{AskOutcome, service};
use domain::people::CurrentUser;
use serde::Deserialize;

use crate::AppState;
use crate::auth::forms::{fail, kept};

fn on_glossary_page(parts: &mut Parts) {
    parts.uri = "/glossary".parse().expect("a fixed address");
}

async fn board(state: &AppState) -> Result<uuid::Uuid, DomainError> {
    Ok(domain::spaces::service::home_board(&state.app.db).await?.ok_or_else(|| DomainError::NotFound("There is no board yet.".into()))?.space.id)
}

fn signed_in(parts: &Parts) -> Result<CurrentUser, DomainError> {
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to do this. What you wrote is still below.".into()))
}

#[derive(Deserialize)]
pub struct AskForm {
    #[serde(default)]
    word: String,
    #[serde(default)]
    page: String,
}

/// "I don't understand a word here". Known words go straight to their explanation.
pub async fn ask(State(state): State<AppState>, mut parts: Parts, Form(form): Form<AskForm>) -> Response {
    let values = kept(&[("word", &form.word)]);
    let asker = parts.extensions.get::<CurrentUser>().map(|u| u.id);
    let address = crate::auth::client_ip(&parts.extensions);
    let result = async { service::ask(&state.app.db, asker, board(&state).await?, &form.word, Some(&form.page), &address).await }.await;
    match result {
        Ok(AskOutcome::Explained { term }) => Redirect::to(&format!("/glossary#{}", term.slug)).into_response(),
        Ok(AskOutcome::Queued { request }) => {
            let from = if domain::is_local_path(&form.page) { form.page.as_str() } else { "/" };
            Redirect::to(&format!("/glossary/ask?asked={}&from={}", encode(&request.word), encode(from))).into_response()
        }
        Err(err) => {
            parts.uri = format!("/glossary/ask?from={}", encode(&form.page)).parse().unwrap_or_else(|_| "/glossary/ask".parse().expect("fixed"));
            fail(&state, parts, "ask", err, values).await
        }
    }
}

/// Percent-encodes a query value (letters, digits and `-._~/` pass through).
fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[derive(Deserialize)]
pub struct TermForm {
    #[serde(default)]
    term: String,
    #[serde(default)]
    explanation: String,
}

pub async fn add(State(state): State<AppState>, mut parts: Parts, Form(form): Form<TermForm>) -> Response {
    on_glossary_page(&mut parts);
    let values = kept(&[("term", &form.term), ("explanation", &form.explanation)]);
    let result = async {
        let user = signed_in(&parts)?;
        service::add_term(&state.app.db, user.id, board(&state).await?, &form.term, &form.explanation).await
    }
    .await;
    match result {
        Ok(term) => Redirect::to(&format!("/glossary#{}", term.slug)).into_response(),
        Err(err) => fail(&state, parts, "add", err, values).await,
    }
}

pub async fn change(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<TermForm>) -> Response {
    on_glossary_page(&mut parts);
    let form_name = format!("change-{id}");
    let values = kept(&[("explanation", &form.explanation)]);
    let result = async {
        let user = signed_in(&parts)?;
        let id = uuid::Uuid::try_parse(&id).map_err(|_| DomainError::NotFound("That word is not in the glossary.".into()))?;
        service::update_term(&state.app.db, user.id, id, &form.explanation).await
    }
    .await;
    match result {
        Ok(term) => Redirect::to(&format!("/glossary#{}", term.slug)).into_response(),
        Err(err) => fail(&state, parts, &form_name, err, values).await,
    }
}

pub async fn answer(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<TermForm>) -> Response {
    on_glossary_page(&mut parts);
    let form_name = format!("answer-{id}");
    let values = kept(&[("explanation", &form.explanation)]);
    let result = async {
        let user = signed_in(&parts)?;
        let id = uuid::Uuid::try_parse(&id).map_err(|_| DomainError::NotFound("We could not find that question.".into()))?;
        service::answer(&state.app.db, user.id, id, &form.explanation).await
    }
    .await;
    match result {
        Ok(term) => Redirect::to(&format!("/glossary#{}", term.slug)).into_response(),
        Err(err) => fail(&state, parts, &form_name, err, values).await,
    }
}
