//! Form handlers for outcomes (no JavaScript needed): write or change one (the board's
//! members), publish or take it down (co-chairs). Each calls one service in
//! `domain::outcomes::service`, then redirects (303) or shows the form again with a kind message
//! and everything typed and ticked.

use axum::{
    Form,
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::outcomes::service::{self, Draft};
use domain::people::CurrentUser;

use crate::AppState;
use crate::auth::forms::fail;
use crate::spaces::field;

type Fields = Vec<(String, String)>;

/// More fields than the form can hold (its links are capped at `MAX_LINKS`).
const MAX_FIELDS: usize = 200;

fn user(parts: &Parts, form: &Fields) -> Result<CurrentUser, DomainError> {
    if form.len() > MAX_FIELDS {
        return Err(DomainError::invalid("links", "This form has more answers than we expected. Please reload the page and try again."));
    }
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to do this. What you typed is still below.".into()))
}

fn draft(form: &Fields) -> Draft<'_> {
    Draft { title: field(form, "title"), story: field(form, "story"), links: form.iter().filter(|(k, _)| k == "link").map(|(_, v)| v.clone()).collect() }
}

fn kept(form: &Fields) -> Fields {
    form.iter().take(MAX_FIELDS).cloned().collect()
}

fn answer_on(parts: &mut Parts, path: &str) {
    parts.uri = path.parse().unwrap_or_else(|_| "/outcomes".parse().expect("static"));
}

fn id_of(raw: &str) -> Result<uuid::Uuid, DomainError> {
    uuid::Uuid::try_parse(raw).map_err(|_| DomainError::NotFound("We could not find that outcome.".into()))
}

/// `POST /outcomes`: a new draft.
pub async fn create(State(state): State<AppState>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, "/outcomes/new");
    let result = async {
        let user = user(&parts, &form)?;
        service::save(&state.app.db, &user, None, draft(&form)).await
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/outcomes/{id}?done=saved")).into_response(),
        Err(err) => fail(&state, parts, "outcome", err, kept(&form)).await,
    }
}

/// `POST /outcomes/{id}/edit`.
pub async fn change(State(state): State<AppState>, Path(raw): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/outcomes/{raw}/edit"));
    let result = async {
        let user = user(&parts, &form)?;
        service::save(&state.app.db, &user, Some(id_of(&raw)?), draft(&form)).await
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/outcomes/{id}?done=saved")).into_response(),
        Err(err) => fail(&state, parts, "outcome", err, kept(&form)).await,
    }
}

/// `POST /outcomes/{id}/publish` (`publish=on|off`).
pub async fn publish(State(state): State<AppState>, Path(raw): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/outcomes/{raw}"));
    let on = field(&form, "publish") != "off";
    let result = async {
        let user = user(&parts, &form)?;
        let id = id_of(&raw)?;
        service::publish(&state.app.db, &user, id, on).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/outcomes/{id}?done={}", if on { "published" } else { "unpublished" })).into_response(),
        Err(err) => fail(&state, parts, "outcome-publish", err, kept(&form)).await,
    }
}
