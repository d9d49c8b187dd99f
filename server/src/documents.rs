//! Form handlers for documents: start one, and save a new version (merging if needed).

use axum::{
    Form,
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::documents::{DocumentKind, service};
use domain::people::CurrentUser;
use serde::Deserialize;

use crate::AppState;
use crate::auth::forms::{fail, kept};

#[derive(Deserialize)]
pub struct NewDocumentForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
}

pub async fn create(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<NewDocumentForm>) -> Response {
    let values = kept(&[("title", &form.title), ("kind", &form.kind), ("body", &form.body)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "document", DomainError::Forbidden("Please sign in to start a document.".into()), values).await;
    };
    let result = async {
        let space = domain::spaces::service::space_by_slug(&state.app.db, &slug).await?.space;
        service::create_document(&state.app.db, &user, space.id, &form.title, DocumentKind::parse(&form.kind), &form.body, None).await
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}?saved=1")).into_response(),
        Err(err) => fail(&state, parts, "document", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    base_revision_id: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    note: String,
}

pub async fn save(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<EditForm>) -> Response {
    // What was typed is kept on any problem, so nobody loses their edit.
    let values = kept(&[("body", &form.body), ("note", &form.note)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "edit", DomainError::Forbidden("Please sign in to edit. Your text is still in the box below.".into()), values).await;
    };
    let result = async {
        let not_found = || DomainError::NotFound("We could not find that document.".into());
        let id = uuid::Uuid::try_parse(&id).map_err(|_| not_found())?;
        let base = uuid::Uuid::try_parse(&form.base_revision_id).map_err(|_| DomainError::invalid("body", "This form is missing the version you started from. Please copy your text, reload the page and paste it back."))?;
        let outcome = service::save(&state.app.db, &user, id, base, &form.body, Some(&form.note)).await?;
        Ok::<_, DomainError>((id, outcome))
    }
    .await;
    match result {
        Ok((id, outcome)) => {
            let mut to = format!("/documents/{id}?saved={}", outcome.number);
            if outcome.merged {
                to.push_str(&format!("&merged=1&clashes={}", outcome.clashes));
            }
            Redirect::to(&to).into_response()
        }
        Err(err) => fail(&state, parts, "edit", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    number: String,
}

pub async fn restore(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<RestoreForm>) -> Response {
    parts.uri = format!("/documents/{id}/history").parse().unwrap_or_else(|_| "/".parse().expect("static"));
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "restore", DomainError::Forbidden("Please sign in to do this.".into()), Vec::new()).await;
    };
    let result = async {
        let id = uuid::Uuid::try_parse(&id).map_err(|_| DomainError::NotFound("We could not find that document.".into()))?;
        let number = form.number.trim().parse::<i32>().map_err(|_| DomainError::NotFound("We could not find that version.".into()))?;
        Ok::<_, DomainError>((id, service::restore(&state.app.db, &user, id, number).await?))
    }
    .await;
    match result {
        Ok((id, outcome)) => Redirect::to(&format!("/documents/{id}?saved={}", outcome.number)).into_response(),
        Err(err) => fail(&state, parts, "restore", err, Vec::new()).await,
    }
}

/// Any version as a Markdown file, for people who keep papers on their own computer.
pub async fn download(State(state): State<AppState>, Path((id, number)): Path<(String, String)>, parts: Parts) -> Response {
    use axum::http::header;
    let viewer = parts.extensions.get::<CurrentUser>().map(|u| u.id);
    let result = async {
        let not_found = || DomainError::NotFound("We could not find that version of the document.".into());
        let id = uuid::Uuid::try_parse(&id).map_err(|_| not_found())?;
        let number = number.trim_end_matches(".md").parse::<i32>().map_err(|_| not_found())?;
        let view = service::view(&state.app.db, viewer, id).await?;
        let (_, body) = service::revision_text(&state.app.db, viewer, id, number).await?;
        Ok::<_, DomainError>((domain::spaces::slugify(&view.title), number, body))
    }
    .await;
    match result {
        Ok((slug, number, body)) => (
            [
                (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{slug}-version-{number}.md\"")),
            ],
            body,
        )
            .into_response(),
        Err(err) => fail(&state, parts, "download", err, Vec::new()).await,
    }
}
