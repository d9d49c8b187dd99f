//! Form handlers for conversations, so all of it works without JavaScript: each form posts here,
//! and on success goes back where it came from; on a problem, the thread's page (or the page the
//! form was on) is shown again with a kind message and what was typed still in the box.

use axum::{
    Form,
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::conversations::service::{self, NewTarget, Words};
use domain::people::CurrentUser;
use serde::Deserialize;

use crate::AppState;
use crate::auth::forms::{fail, kept};

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    said_by: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    part: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    resolved: String,
    #[serde(default)]
    return_to: String,
}

fn answer_on(parts: &mut Parts, path: &str) {
    parts.uri = path.parse().unwrap_or_else(|_| "/".parse().expect("static"));
}

fn signed_in(parts: &Parts) -> Result<CurrentUser, DomainError> {
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to take part. What you wrote is still below.".into()))
}

fn parse(raw: &str, what: &str) -> Result<uuid::Uuid, DomainError> {
    uuid::Uuid::try_parse(raw.trim()).map_err(|_| DomainError::NotFound(format!("We could not find that {what}.")))
}

/// Where to go after a form: the page it was on when that is a path here, or the thread.
fn back(form: &CommentForm, thread: uuid::Uuid, done: &str, anchor: Option<uuid::Uuid>) -> Response {
    let base = if domain::is_local_path(&form.return_to) { form.return_to.clone() } else { format!("/threads/{thread}") };
    let sep = if base.contains('?') { '&' } else { '?' };
    let anchor = anchor.map(|c| format!("#comment-{c}")).unwrap_or_else(|| format!("#thread-{thread}"));
    Redirect::to(&format!("{base}{sep}done={done}{anchor}")).into_response()
}

/// Starts a thread on a document or one of its parts (`part`: a section key, or empty).
pub async fn on_document(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<CommentForm>) -> Response {
    answer_on(&mut parts, &format!("/documents/{id}"));
    let values = kept(&[("body", &form.body), ("said_by", &form.said_by), ("part", &form.part)]);
    let result = async {
        let user = signed_in(&parts)?;
        let doc = parse(&id, "document")?;
        let target = if form.part.trim().is_empty() { NewTarget::Document(doc) } else { NewTarget::Section { document_id: doc, key: form.part.trim().to_owned() } };
        service::start(&state.app.db, &user, target, Words { body: &form.body, said_by: Some(&form.said_by) }).await
    }
    .await;
    match result {
        Ok((_, comment)) => Redirect::to(&format!("/documents/{id}?commented=1#comment-{comment}")).into_response(),
        Err(err) => fail(&state, parts, "comment", err, values).await,
    }
}

/// Starts a discussion in a board or group.
pub async fn discussion(State(state): State<AppState>, Path(slug): Path<String>, mut parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let values = kept(&[("title", &form.title), ("body", &form.body), ("said_by", &form.said_by)]);
    let space = domain::spaces::service::space_by_slug(&state.app.db, &slug).await.map(|d| d.space);
    let page = match &space {
        Ok(s) if s.parent_id.is_some() => format!("/groups/{}/discussions", s.slug),
        _ => "/discussions".to_owned(),
    };
    answer_on(&mut parts, &page);
    let result = async {
        let user = signed_in(&parts)?;
        let space = space?;
        service::start(&state.app.db, &user, NewTarget::Discussion { space_id: space.id, title: form.title.clone() }, Words { body: &form.body, said_by: Some(&form.said_by) }).await
    }
    .await;
    match result {
        Ok((thread, _)) => Redirect::to(&format!("/threads/{thread}?done=posted")).into_response(),
        Err(err) => fail(&state, parts, "discussion", err, values).await,
    }
}

/// Posts a comment in a thread, or a reply (`parent_id`).
pub async fn post(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<CommentForm>) -> Response {
    answer_on(&mut parts, &format!("/threads/{id}"));
    let parent = uuid::Uuid::try_parse(form.parent_id.trim()).ok();
    let form_id = parent.map_or_else(|| format!("thread-{id}"), |p| format!("reply-{p}"));
    let values = kept(&[("body", &form.body), ("said_by", &form.said_by)]);
    let result = async {
        let user = signed_in(&parts)?;
        let thread = parse(&id, "conversation")?;
        let comment = service::post(&state.app.db, &user, thread, parent, Words { body: &form.body, said_by: Some(&form.said_by) }).await?;
        Ok::<_, DomainError>((thread, comment))
    }
    .await;
    match result {
        Ok((thread, comment)) => back(&form, thread, "posted", Some(comment)),
        Err(err) => fail(&state, parts, &form_id, err, values).await,
    }
}

/// Resolves (`resolved=1`) or reopens (`resolved=0`) a thread.
pub async fn resolve(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<CommentForm>) -> Response {
    answer_on(&mut parts, &format!("/threads/{id}"));
    let resolved = form.resolved.trim() != "0";
    let result = async {
        let user = signed_in(&parts)?;
        let thread = parse(&id, "conversation")?;
        service::resolve(&state.app.db, &user, thread, resolved).await?;
        Ok::<_, DomainError>(thread)
    }
    .await;
    match result {
        Ok(thread) => back(&form, thread, if resolved { "resolved" } else { "reopened" }, None),
        Err(err) => fail(&state, parts, &format!("resolve-{id}"), err, Vec::new()).await,
    }
}

/// What the comment forms below share: find the comment's thread (to answer on its page), act,
/// and go back; a problem shows next to the form named `form_id`.
async fn on_comment<F>(state: &AppState, id: &str, mut parts: Parts, form: &CommentForm, form_id: String, values: Vec<(String, String)>, done: &str, act: F) -> Response
where
    F: AsyncFnOnce(&CurrentUser, uuid::Uuid) -> Result<uuid::Uuid, DomainError>,
{
    let viewer = parts.extensions.get::<CurrentUser>().map(|u| u.id);
    let comment = uuid::Uuid::try_parse(id).ok();
    let thread = match comment {
        Some(c) => service::thread_of_comment(&state.app.db, viewer, c).await.ok(),
        None => None,
    };
    if let Some(t) = thread {
        answer_on(&mut parts, &format!("/threads/{t}"));
    }
    let result = async {
        let user = signed_in(&parts)?;
        let comment = comment.filter(|_| thread.is_some()).ok_or_else(|| DomainError::NotFound("We could not find that comment.".into()))?;
        act(&user, comment).await
    }
    .await;
    match result {
        Ok(thread) => back(form, thread, done, comment),
        Err(err) => fail(state, parts, &form_id, err, values).await,
    }
}

pub async fn edit(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    let values = kept(&[("body", &form.body)]);
    on_comment(&state, &id, parts, &form, format!("edit-{id}"), values, "edited", async |user, c| service::edit(&db, user, c, &form.body).await).await
}

pub async fn remove(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    on_comment(&state, &id, parts, &form, format!("react-{id}"), Vec::new(), "removed", async |user, c| service::remove(&db, user, c).await).await
}

pub async fn react(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    let kind = domain::conversations::ReactionKind::parse(&form.kind);
    on_comment(&state, &id, parts, &form, format!("react-{id}"), Vec::new(), "reacted", async |user, c| {
        let kind = kind.ok_or_else(|| DomainError::invalid("kind", "Please choose agree, concern or question."))?;
        service::react(&db, user, c, kind, None).await?;
        service::thread_of_comment(&db, Some(user.id), c).await
    })
    .await
}

pub async fn hide(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    let values = kept(&[("reason", &form.reason)]);
    on_comment(&state, &id, parts, &form, format!("hide-{id}"), values, "hidden", async |user, c| service::hide(&db, user, c, &form.reason).await).await
}

pub async fn show(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    on_comment(&state, &id, parts, &form, format!("hide-{id}"), Vec::new(), "shown", async |user, c| service::unhide(&db, user, c).await).await
}

pub async fn report(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<CommentForm>) -> Response {
    let db = state.app.db.clone();
    let values = kept(&[("reason", &form.reason)]);
    on_comment(&state, &id, parts, &form, format!("report-{id}"), values, "reported", async |user, c| service::report(&db, user, c, &form.reason).await).await
}

#[derive(Deserialize, Default)]
pub struct ReadForm {
    #[serde(default)]
    id: String,
}

/// Marks notifications read: one (`id`), or all.
pub async fn read_notifications(State(state): State<AppState>, parts: Parts, Form(form): Form<ReadForm>) -> Response {
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "notifications", DomainError::Forbidden("Please sign in to see your notifications.".into()), Vec::new()).await;
    };
    let only = uuid::Uuid::try_parse(form.id.trim()).ok();
    match domain::conversations::notifications::mark_read(&state.app.db, user.id, only).await {
        Ok(_) => Redirect::to("/notifications").into_response(),
        Err(err) => fail(&state, parts, "notifications", err, Vec::new()).await,
    }
}
