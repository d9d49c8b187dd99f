//! Form handlers for You Said We Did, so all of it works without JavaScript: the public form,
//! adding and importing feedback, answering it, the timeline, links, merging, publishing and the
//! "did this make a difference?" answer; and the public Atom feed and CSV. Each reads the form,
//! calls one service in `domain::feedback`, then redirects (303) or shows the page again with a
//! kind message and everything that was typed.

use axum::{
    Form,
    extract::{Multipart, Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::feedback::service::{self, ItemChange, NewFeedback, PublicFeedback};
use domain::feedback::{Filter, Theme};
use domain::people::CurrentUser;

use crate::AppState;
use crate::auth::forms::{fail, show_again};
use crate::spaces::field;

type Fields = Vec<(String, String)>;

/// More fields than any of these forms has: refused before any work.
const MAX_FIELDS: usize = 100;

fn kept(form: &Fields) -> Vec<(String, String)> {
    form.iter().take(MAX_FIELDS).filter(|(k, _)| k != "website").cloned().collect()
}

fn answer_on(parts: &mut Parts, path: &str) {
    parts.uri = path.parse().unwrap_or_else(|_| "/".parse().expect("static"));
}

fn too_many(form: &Fields) -> Result<(), DomainError> {
    if form.len() > MAX_FIELDS {
        return Err(DomainError::invalid("said", "This form has more answers than we expected. Please reload the page and try again."));
    }
    Ok(())
}

fn signed_in(parts: &Parts, form: &Fields) -> Result<CurrentUser, DomainError> {
    too_many(form)?;
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to do this. What you typed is still below.".into()))
}

fn id_of(raw: &str) -> Result<uuid::Uuid, DomainError> {
    uuid::Uuid::try_parse(raw.trim()).map_err(|_| DomainError::NotFound("We could not find that feedback.".into()))
}

fn themes(form: &Fields) -> Vec<Theme> {
    Theme::ALL.iter().copied().filter(|t| field(form, &format!("theme-{}", t.as_str())) == "on").collect()
}

fn ticked(form: &Fields, name: &str) -> bool {
    field(form, name) == "on"
}

fn to_item(id: uuid::Uuid, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/you-said-we-did/{id}?done={done}#{anchor}")).into_response()
}

/// `POST /tell-us`: anyone tells the board something. A filled-in hidden box means a program,
/// not a person, filled the form: nothing is kept, and the page says so plainly (a person who
/// somehow filled it keeps everything they wrote).
pub async fn tell_us(State(state): State<AppState>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, "/tell-us");
    let ip = crate::auth::client_ip(&parts.extensions);
    let result = async {
        too_many(&form)?;
        if !field(&form, "website").trim().is_empty() {
            return Err(DomainError::invalid("words", "We could not send this. Please leave the box marked \u{201c}Leave this empty\u{201d} empty and send it again. What you wrote is still below."));
        }
        service::tell_us(
            &state.app.db,
            PublicFeedback { words: field(&form, "words"), themes: themes(&form), name: field(&form, "name"), email: field(&form, "email"), may_ask: ticked(&form, "may_ask"), show_words: ticked(&form, "show_words") },
            &ip,
        )
        .await
    }
    .await;
    match result {
        Ok(_) => Redirect::to("/tell-us/thank-you").into_response(),
        Err(err) => fail(&state, parts, "tell-us", err, kept(&form)).await,
    }
}

/// `POST /feedback`: a member adds feedback they heard.
pub async fn add(State(state): State<AppState>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, "/feedback");
    let result = async {
        let user = signed_in(&parts, &form)?;
        service::add(
            &state.app.db,
            &user,
            NewFeedback {
                said: field(&form, "said"),
                words: field(&form, "words"),
                themes: themes(&form),
                kind: field(&form, "kind"),
                detail: field(&form, "detail"),
                said_on: field(&form, "said_on"),
                people: field(&form, "people"),
                contact_name: field(&form, "contact_name"),
                contact_email: field(&form, "contact_email"),
                may_ask: ticked(&form, "may_ask"),
                show_words: ticked(&form, "show_words"),
            },
        )
        .await
    }
    .await;
    match result {
        Ok(id) => to_item(id, "added", "work-heading"),
        Err(err) => fail(&state, parts, "feedback-add", err, kept(&form)).await,
    }
}

/// Reads the import form: its fields, with an uploaded file's text standing in for the pasted
/// text when one was chosen.
async fn import_fields(mut multipart: Multipart) -> Result<Fields, DomainError> {
    let mut fields: Fields = Vec::new();
    let mut file: Option<String> = None;
    while let Some(part) = multipart.next_field().await.map_err(|_| DomainError::invalid("csv", "We could not read what was sent. Please try again; if the file is large, split it into smaller files."))? {
        let name = part.name().unwrap_or_default().to_owned();
        let is_file = part.file_name().is_some_and(|f| !f.is_empty());
        let bytes = part.bytes().await.map_err(|_| DomainError::invalid("csv", "We could not read the file. Please try again, or paste its text instead."))?;
        if fields.len() > MAX_FIELDS {
            break;
        }
        if name == "file" {
            if is_file && !bytes.is_empty() {
                let text = String::from_utf8(bytes.to_vec()).map_err(|_| DomainError::invalid("csv", "This file has characters we cannot read. Please save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d} and choose it again."))?;
                file = Some(text);
            }
        } else {
            fields.push((name, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    if let Some(text) = file {
        fields.retain(|(k, _)| k != "csv");
        fields.push(("csv".into(), text.trim_start_matches('\u{feff}').replace("\r\n", "\n")));
    }
    Ok(fields)
}

/// `POST /feedback/import`: `step=check` shows every row for review (the text kept in the form
/// to correct and check again); `step=add` adds the good rows.
pub async fn import(State(state): State<AppState>, mut parts: Parts, multipart: Multipart) -> Response {
    answer_on(&mut parts, "/feedback/import");
    let form = match import_fields(multipart).await {
        Ok(f) => f,
        Err(err) => return fail(&state, parts, "import", err, Vec::new()).await,
    };
    let result = async {
        let user = signed_in(&parts, &form)?;
        let board = service::board(&state.app.db, Some(user.id)).await?;
        if !board.can().manage {
            return Err(DomainError::Forbidden("Only members of the board can add feedback from an event.".into()));
        }
        let text = field(&form, "csv");
        if text.trim().is_empty() {
            return Err(DomainError::invalid("csv", "Please choose the CSV file, or paste its text."));
        }
        if field(&form, "step") != "add" {
            return Ok(None);
        }
        let today = domain::dates::local_day(chrono::Utc::now(), board.zone);
        let preview = domain::feedback::import::parse(text, today);
        if preview.good.is_empty() {
            return Err(DomainError::invalid("csv", "There are no rows we can add yet. Please look at the problems above, put them right and check again."));
        }
        let txn = domain::begin(&state.app.db).await?;
        let n = service::add_rows(&txn, &user, &preview.good, field(&form, "kind"), field(&form, "detail")).await?;
        txn.commit().await?;
        Ok(Some(n))
    }
    .await;
    match result {
        Ok(Some(_)) => Redirect::to("/feedback?published=no&done=imported").into_response(),
        Ok(None) => {
            let feedback = app::people::FormFeedback::kept_success("import", "Here is every row. Nothing is added until you choose to add the good rows.", form);
            show_again(&state, parts, feedback, StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "import", err, form).await,
    }
}

/// The handlers on one item: read the item id, do one thing, back to the item.
macro_rules! on_item {
    ($name:ident, $form_name:literal, $done:literal, $anchor:literal, |$state:ident, $user:ident, $id:ident, $form:ident| $body:expr) => {
        pub async fn $name(State($state): State<AppState>, Path(raw): Path<String>, mut parts: Parts, Form($form): Form<Fields>) -> Response {
            answer_on(&mut parts, &format!("/you-said-we-did/{raw}"));
            let result = async {
                let $user = signed_in(&parts, &$form)?;
                let $id = id_of(&raw)?;
                $body.map(|done: Option<&'static str>| ($id, done.unwrap_or($done)))
            }
            .await;
            match result {
                Ok((id, done)) => to_item(id, done, $anchor),
                Err(err) => fail(&$state, parts, $form_name, err, kept(&$form)).await,
            }
        }
    };
}

on_item!(change, "feedback-edit", "changed", "did-heading", |state, user, id, form| {
    let owner = uuid::Uuid::try_parse(field(&form, "owner").trim()).ok();
    service::change(&state.app.db, &user, id, ItemChange { said: field(&form, "said"), themes: themes(&form), response: field(&form, "response"), owner, group: field(&form, "group"), target_on: field(&form, "target_on") })
        .await
        .map(|_| None)
});

on_item!(update, "feedback-update", "updated", "timeline-heading", |state, user, id, form| service::add_update(&state.app.db, &user, id, field(&form, "update")).await.map(|_| None));

on_item!(link, "feedback-link", "linked", "did-heading", |state, user, id, form| service::link(&state.app.db, &user, id, field(&form, "target")).await.map(|_| None));

on_item!(merge, "feedback-merge", "merged", "said-heading", |state, user, id, form| {
    let other = uuid::Uuid::try_parse(field(&form, "other").trim()).map_err(|_| DomainError::invalid("other", "Please choose the feedback to join with this one."))?;
    service::merge(&state.app.db, &user, id, other).await.map(|_| None)
});

on_item!(publish, "feedback-publish", "published", "main", |state, user, id, form| {
    let on = field(&form, "publish") != "no";
    service::publish(&state.app.db, &user, id, on).await.map(|_| Some(if on { "published" } else { "unpublished" }))
});

on_item!(status, "feedback-status", "status", "did-heading", |state, user, id, form| {
    let txn = domain::begin(&state.app.db).await?;
    let asks = service::set_status(&txn, &user, id, field(&form, "status"), field(&form, "note"), field(&form, "reason")).await?;
    txn.commit().await?;
    // One that is late means the mail server is not answering: no need to wait for the rest.
    let mut late = false;
    for mail in &asks {
        if state.mailer.settle(&state.app.db, *mail).await != crate::mail::Delivery::Sent {
            late = true;
            break;
        }
    }
    Ok::<_, DomainError>(if asks.is_empty() { None } else if late { Some("ask-late") } else { Some("asked") })
});

on_item!(comment, "feedback-comment", "posted", "conversation-heading", |state, user, id, form| {
    let words = domain::conversations::service::Words { body: field(&form, "body"), said_by: Some(field(&form, "said_by")) };
    domain::conversations::service::start(&state.app.db, &user, domain::conversations::service::NewTarget::Feedback(id), words).await.map(|_| None)
});

/// `POST /feedback-links/{id}/remove`.
pub async fn unlink(State(state): State<AppState>, Path(raw): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, "/feedback");
    let result = async {
        let user = signed_in(&parts, &form)?;
        let link = uuid::Uuid::try_parse(raw.trim()).map_err(|_| DomainError::NotFound("That link has already gone.".into()))?;
        service::unlink(&state.app.db, &user, link).await
    }
    .await;
    match result {
        Ok(item) => to_item(item, "unlinked", "did-heading"),
        Err(err) => fail(&state, parts, "feedback-link", err, Vec::new()).await,
    }
}

/// `POST /did-it-help/{secret}`: someone who gave the feedback answers.
pub async fn answer(State(state): State<AppState>, Path(secret): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/did-it-help/{secret}"));
    let result = async {
        too_many(&form)?;
        service::answer(&state.app.db, &secret, field(&form, "answer"), field(&form, "words")).await
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/did-it-help/{secret}?done=answered")).into_response(),
        Err(err) => fail(&state, parts, "answer", err, kept(&form)).await,
    }
}

async fn published(state: &AppState) -> Result<(String, Vec<domain::feedback::FeedbackSummary>), DomainError> {
    let board = service::board(&state.app.db, None).await?;
    let (items, _) = service::list(&state.app.db, None, &Filter::default(), true).await?;
    Ok((board.space.name, items))
}

fn plain_error(err: DomainError) -> Response {
    let status = match err {
        DomainError::NotFound(_) => StatusCode::NOT_FOUND,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], err.to_string()).into_response()
}

/// `GET /you-said-we-did/feed.atom`: published items, for everyone.
pub async fn feed(State(state): State<AppState>) -> Response {
    match published(&state).await {
        Ok((name, items)) => ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], domain::feedback::atom::feed(&state.site_url, &name, &items)).into_response(),
        Err(err) => plain_error(err),
    }
}

/// `GET /you-said-we-did/feedback.csv`: published items as a spreadsheet, for everyone.
pub async fn csv(State(state): State<AppState>) -> Response {
    match published(&state).await {
        Ok((_, items)) => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8"), (header::CONTENT_DISPOSITION, "attachment; filename=\"you-said-we-did.csv\"")],
            service::to_csv(&items, &state.site_url),
        )
            .into_response(),
        Err(err) => plain_error(err),
    }
}
