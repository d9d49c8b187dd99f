//! Form handlers for meetings and actions, so all of it works without JavaScript: plan and change
//! a meeting, build its agenda, add and send papers, say whether you are coming, record who came,
//! decisions and actions, start the minutes, update an action, and the calendar files. Each reads
//! the form, calls one service in `domain::meetings`, then redirects (303) or shows the page
//! again with a kind message and everything that was typed.

use axum::{
    Form,
    extract::{Path, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::meetings::service::{self, DecisionForm, MeetingForm};
use domain::meetings::{Access, Attended, Reply, actions};
use domain::people::CurrentUser;

use crate::AppState;
use crate::auth::forms::{fail, show_again};
use crate::spaces::field;

type Fields = Vec<(String, String)>;

/// More fields than any of these forms has: refused before any work.
const MAX_FIELDS: usize = 400;

fn all_values(form: &Fields) -> Vec<(String, String)> {
    form.iter().take(MAX_FIELDS).cloned().collect()
}

fn answer_on(parts: &mut Parts, path: &str) {
    parts.uri = path.parse().unwrap_or_else(|_| "/".parse().expect("static"));
}

fn signed_in(parts: &Parts, form: &Fields) -> Result<CurrentUser, DomainError> {
    if form.len() > MAX_FIELDS {
        return Err(DomainError::invalid("title", "This form has more answers than we expected. Please reload the page and try again."));
    }
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to do this. What you typed is still below.".into()))
}

fn id_of(raw: &str, what: &str) -> Result<uuid::Uuid, DomainError> {
    uuid::Uuid::try_parse(raw.trim()).map_err(|_| DomainError::NotFound(format!("We could not find that {what}.")))
}

fn optional_id(raw: &str) -> Option<uuid::Uuid> {
    uuid::Uuid::try_parse(raw.trim()).ok()
}

fn meeting_form(form: &Fields) -> MeetingForm<'_> {
    MeetingForm {
        title: field(form, "title"),
        date: field(form, "date"),
        start: field(form, "start"),
        end: field(form, "end"),
        place: field(form, "place"),
        join_link: field(form, "join_link"),
        access: Access::ALL.into_iter().filter(|a| field(form, &format!("access-{}", a.as_str())) == "on").collect(),
        papers_days: field(form, "papers_days"),
        minute_taker: optional_id(field(form, "minute_taker")),
    }
}

fn to_meeting(id: uuid::Uuid, done: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/meetings/{id}?done={done}#{anchor}")).into_response()
}

/// `POST /meetings/new/{slug}`: plans a meeting of the board or a group.
pub async fn plan(State(state): State<AppState>, Path(slug): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/new/{slug}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let space = domain::spaces::service::space_by_slug(&state.app.db, &slug).await?.space;
        service::plan(&state.app.db, &user, space.id, meeting_form(&form)).await
    }
    .await;
    match result {
        Ok(id) => to_meeting(id, "planned", "agenda-heading"),
        Err(err) => fail(&state, parts, "meeting", err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/edit`: changes the time, place or arrangements.
pub async fn change(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}/edit"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        service::change(&state.app.db, &user, id, meeting_form(&form)).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => to_meeting(id, "changed", "main"),
        Err(err) => fail(&state, parts, "meeting", err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/items`: adds an item to the end of the agenda.
pub async fn add_item(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        let item = service::add_item(&state.app.db, &user, id, field(&form, "item_title"), optional_id(field(&form, "lead")), field(&form, "minutes")).await?;
        Ok::<_, DomainError>((id, item))
    }
    .await;
    match result {
        Ok((id, item)) => to_meeting(id, "item-added", &format!("item-{item}")),
        Err(err) => fail(&state, parts, "item", err, all_values(&form)).await,
    }
}

/// `POST /agenda-items/{id}/move` (`direction=up|down`) and `/agenda-items/{id}/remove`.
pub async fn move_item(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<Fields>) -> Response {
    item_step(state, id, parts, form, false).await
}

pub async fn remove_item(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<Fields>) -> Response {
    item_step(state, id, parts, form, true).await
}

async fn item_step(state: AppState, id: String, mut parts: Parts, form: Fields, remove: bool) -> Response {
    let meeting = field(&form, "meeting_id").to_owned();
    answer_on(&mut parts, &format!("/meetings/{meeting}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let item = id_of(&id, "agenda item")?;
        if remove {
            service::remove_item(&state.app.db, &user, item).await.map(|m| (m, "item-removed", "agenda-heading".to_owned()))
        } else {
            service::move_item(&state.app.db, &user, item, field(&form, "direction") == "up").await.map(|m| (m, "item-moved", format!("item-{item}")))
        }
    }
    .await;
    match result {
        Ok((meeting, done, anchor)) => to_meeting(meeting, done, &anchor),
        Err(err) => fail(&state, parts, "agenda", err, Vec::new()).await,
    }
}

/// `POST /agenda-items/{id}/papers`: attaches a document, at its newest version.
pub async fn add_paper(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    let meeting = field(&form, "meeting_id").to_owned();
    answer_on(&mut parts, &format!("/meetings/{meeting}"));
    let form_id = format!("paper-{}", id.trim());
    let result = async {
        let user = signed_in(&parts, &form)?;
        let item = id_of(&id, "agenda item")?;
        let doc = optional_id(field(&form, "document_id")).ok_or_else(|| DomainError::invalid("document_id", "Please choose a document to add as a paper."))?;
        service::add_paper(&state.app.db, &user, item, doc).await?;
        Ok::<_, DomainError>(item)
    }
    .await;
    match result {
        Ok(item) => match optional_id(&meeting) {
            Some(m) => to_meeting(m, "paper-added", &format!("item-{item}")),
            None => Redirect::to("/meetings").into_response(),
        },
        Err(err) => fail(&state, parts, &form_id, err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/send-papers`: sends the papers now.
pub async fn send_papers(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        service::send_papers_now(&state.app.db, &user, id).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => to_meeting(id, "papers-sent", "agenda-heading"),
        Err(err) => fail(&state, parts, "papers", err, Vec::new()).await,
    }
}

/// `POST /meetings/{id}/reply`: coming in person, joining online, or apologies.
pub async fn reply(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        service::reply(&state.app.db, &user, id, Reply::parse(field(&form, "reply"))).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => to_meeting(id, "replied", "attendance-heading"),
        Err(err) => fail(&state, parts, "reply", err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/attendance`: who came (`attended-{person}=in_person|online|absent`).
pub async fn record_attendance(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        let who: Vec<(uuid::Uuid, Attended)> = form
            .iter()
            .filter_map(|(k, v)| Some((uuid::Uuid::try_parse(k.strip_prefix("attended-")?).ok()?, Attended::parse(v)?)))
            .collect();
        service::record_attendance(&state.app.db, &user, id, &who).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => to_meeting(id, "attendance-recorded", "attendance-heading"),
        Err(err) => fail(&state, parts, "attendance", err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/minutes`: starts the minutes from the agenda and opens them to write.
pub async fn start_minutes(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        service::start_minutes(&state.app.db, &user, id_of(&id, "meeting")?).await
    }
    .await;
    match result {
        Ok(doc) => Redirect::to(&format!("/documents/{doc}/edit")).into_response(),
        Err(err) => fail(&state, parts, "minutes", err, Vec::new()).await,
    }
}

/// `POST /meetings/{id}/decisions`: records a decision against an item.
pub async fn record_decision(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        let d = DecisionForm {
            item_id: optional_id(field(&form, "item_id")),
            decision: field(&form, "decision"),
            method: field(&form, "method"),
            votes_for: field(&form, "votes_for"),
            votes_against: field(&form, "votes_against"),
            abstentions: field(&form, "abstentions"),
            document_id: optional_id(field(&form, "document_id")),
        };
        let decision = service::record_decision(&state.app.db, &user, id, d).await?;
        Ok::<_, DomainError>((id, decision))
    }
    .await;
    match result {
        Ok((id, decision)) => to_meeting(id, "decision-recorded", &format!("decision-{decision}")),
        Err(err) => fail(&state, parts, "decision", err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/actions`: records an action: what, who, by when.
pub async fn add_action(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "meeting")?;
        let new = actions::NewAction { item_id: optional_id(field(&form, "item_id")), what: field(&form, "what"), owner: optional_id(field(&form, "owner")), due: field(&form, "due") };
        let action = actions::add(&state.app.db, &user, id, new).await?;
        Ok::<_, DomainError>((id, action))
    }
    .await;
    match result {
        Ok((id, action)) => to_meeting(id, "action-added", &format!("action-{action}")),
        Err(err) => fail(&state, parts, "action", err, all_values(&form)).await,
    }
}

/// `POST /actions/{id}`: the owner writes progress (`progress`), marks it done (`done=on` with a
/// `note`), or opens it again (`reopen=on`).
pub async fn update_action(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/actions/{id}"));
    let step = field(&form, "step").to_owned();
    let form_id = if step == "done" { "action-done" } else { "action-progress" };
    let result = async {
        let user = signed_in(&parts, &form)?;
        let id = id_of(&id, "action")?;
        let change = match step.as_str() {
            "done" => actions::ActionChange { done: Some(field(&form, "note")), ..Default::default() },
            "reopen" => actions::ActionChange { reopen: true, ..Default::default() },
            _ => actions::ActionChange { progress: Some(field(&form, "progress")), ..Default::default() },
        };
        actions::update(&state.app.db, &user, id, change).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/actions/{id}?done={}", if step.is_empty() { "progress" } else { step.as_str() })).into_response(),
        Err(err) => fail(&state, parts, form_id, err, all_values(&form)).await,
    }
}

/// `POST /meetings/{id}/comments`: starts a conversation about the meeting, or one of its items
/// (`item_id`).
pub async fn comment(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    answer_on(&mut parts, &format!("/meetings/{id}"));
    let result = async {
        let user = signed_in(&parts, &form)?;
        let meeting = id_of(&id, "meeting")?;
        let target = match optional_id(field(&form, "item_id")) {
            Some(item) => domain::conversations::service::NewTarget::AgendaItem(item),
            None => domain::conversations::service::NewTarget::Meeting(meeting),
        };
        let words = domain::conversations::service::Words { body: field(&form, "body"), said_by: Some(field(&form, "said_by")) };
        domain::conversations::service::start(&state.app.db, &user, target, words).await
    }
    .await;
    match result {
        Ok((thread, _)) => Redirect::to(&format!("/threads/{thread}?done=posted")).into_response(),
        Err(err) => fail(&state, parts, "meeting-comment", err, all_values(&form)).await,
    }
}

/// `POST /account/calendar`: makes a new private address for the person's calendar feed and
/// shows it once; the old address stops working.
pub async fn new_feed(State(state): State<AppState>, mut parts: Parts) -> Response {
    answer_on(&mut parts, "/meetings");
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    match service::new_feed_secret(&state.app.db, user.id).await {
        Ok(secret) => {
            let message = format!(
                "Your calendar address is {}/calendar/{secret}.ics . Copy it into your calendar app now: we will not show it again. Any address you had before has stopped working.",
                state.site_url
            );
            show_again(&state, parts, app::people::FormFeedback::success("calendar", message), StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "calendar", err, Vec::new()).await,
    }
}

fn ics(body: String, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}.ics\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// `GET /calendar/{secret}.ics`: a person's feed, found by the secret in its address alone (a
/// calendar app cannot sign in).
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    match service::feed(&state.app.db, secret, &state.site_url).await {
        Ok(Some(body)) => ics(body, "coboard-meetings"),
        Ok(None) => (StatusCode::NOT_FOUND, "This calendar address is not known. It may have been replaced by a newer one.").into_response(),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again in a minute.").into_response(),
    }
}

/// `GET /meetings/{id}/calendar.ics` (and the same under `/api/v1`): one meeting's event.
pub async fn meeting_ics(state: &AppState, user: Option<&CurrentUser>, id: &str) -> Result<Response, DomainError> {
    let id = id_of(id, "meeting")?;
    let body = service::ics(&state.app.db, user.map(|u| u.id), id, &state.site_url).await?;
    Ok(ics(body, "meeting"))
}

pub async fn meeting_ics_page(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    match meeting_ics(&state, parts.extensions.get::<CurrentUser>(), &id).await {
        Ok(r) => r,
        Err(err) => (StatusCode::NOT_FOUND, err.to_string()).into_response(),
    }
}

/// Sends papers as they fall due, every `every` (on each instance: sending claims the meeting
/// first, so nobody is told twice), and drops kept pages when it sent any.
pub fn send_papers_when_due(state: AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match service::send_due_papers(&state.app.db, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(n) => {
                    tracing::info!("sent the papers of {n} meeting(s)");
                    state.pages.changed(&state.app.db).await;
                }
                Err(err) => tracing::warn!("could not send papers that are due: {err}"),
            }
        }
    });
}
