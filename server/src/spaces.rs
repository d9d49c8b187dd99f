//! Form handlers for the board and its groups: start a group, change it, report back and
//! finish, join or follow it, and change the board. Each reads the form, calls one service in
//! `domain::spaces::life`, then redirects (303) or shows the page again with what went wrong and
//! everything that was typed.

use axum::{
    Form,
    extract::{Path, State},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::dates::parse_date;
use domain::people::CurrentUser;
use domain::spaces::{GroupStatus, Participation, life, service as spaces};

use crate::AppState;
use crate::auth::forms::{fail, show_again};

type Fields = Vec<(String, String)>;

/// Each field looked up once; the first of a repeated name wins.
pub(crate) fn field<'a>(form: &'a Fields, name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

/// The ids of the ticked boxes named `{prefix}-{id}`, at most `limit + 1` of them (more than the
/// limit is refused by the service, so there is no need to read further).
fn ticked(form: &Fields, prefix: &str, limit: usize) -> Vec<uuid::Uuid> {
    let prefix = format!("{prefix}-");
    form.iter()
        .filter(|(_, v)| v == "on")
        .filter_map(|(k, _)| k.strip_prefix(prefix.as_str()).and_then(|id| uuid::Uuid::try_parse(id).ok()))
        .take(limit + 1)
        .collect()
}

/// A form with far more fields than any of ours is refused before any work is done on it.
const MAX_FIELDS: usize = 300;

fn too_many_fields() -> DomainError {
    DomainError::invalid("name", "This form has more answers than we expected. Please reload the page and try again.")
}

fn signed_in(parts: &Parts) -> Result<CurrentUser, DomainError> {
    parts.extensions.get::<CurrentUser>().cloned().ok_or_else(|| DomainError::Forbidden("Please sign in to do this. What you typed is still below.".into()))
}

/// `POST /groups/new`: a board co-chair starts a group.
pub async fn start_group(State(state): State<AppState>, parts: Parts, Form(form): Form<Fields>) -> Response {
    let result = async {
        if form.len() > MAX_FIELDS {
            return Err(too_many_fields());
        }
        let user = signed_in(&parts)?;
        let board = spaces::home_board(&state.app.db).await?.ok_or_else(|| DomainError::NotFound("There is no board here yet.".into()))?;
        let convenors = ticked(&form, "convenor", life::MAX_CHOSEN);
        let documents = ticked(&form, "document", life::MAX_CHOSEN);
        let start = life::GroupStart {
            name: field(&form, "name"),
            remit: field(&form, "remit"),
            start_date: parse_date("start_date", field(&form, "start_date"))?,
            planned_end_date: parse_date("planned_end_date", field(&form, "planned_end_date"))?,
            convenors: &convenors,
            invite_convenor: Some(field(&form, "invite_convenor")),
            documents: &documents,
        };
        let started = life::start_group(&state.app.db, &user, board.space.id, start).await?;
        let mut done = "started";
        if let Some((mail, _)) = started.invitation {
            match state.mailer.settle(&state.app.db, mail).await {
                crate::mail::Delivery::Sent => {}
                crate::mail::Delivery::Late => done = "mail-late",
                crate::mail::Delivery::Refused => done = "mail-refused",
            }
        }
        Ok(format!("/groups/{}?done={done}", started.group.slug))
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(err) => fail(&state, parts, "start", err, form).await,
    }
}

/// `POST /groups/{slug}/edit`: convenors and co-chairs change a group's name, remit and dates.
pub async fn edit_group(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<Fields>) -> Response {
    let result = async {
        if form.len() > MAX_FIELDS {
            return Err(too_many_fields());
        }
        let user = signed_in(&parts)?;
        let group = spaces::space_by_slug(&state.app.db, &slug).await?.space;
        let change = life::SpaceChange {
            name: Some(field(&form, "name")),
            purpose: Some(field(&form, "remit")),
            start_date: parse_date("start_date", field(&form, "start_date"))?,
            planned_end_date: parse_date("planned_end_date", field(&form, "planned_end_date"))?,
            reason: Some(field(&form, "reason")),
            time_zone: None,
        };
        if change.start_date.is_none() || change.planned_end_date.is_none() {
            let which = if change.start_date.is_none() { "start_date" } else { "planned_end_date" };
            return Err(DomainError::invalid(which, "Please give both dates: when the group starts, and when it plans to finish."));
        }
        let (saved, changes) = life::change_space(&state.app.db, &user, group.id, change).await?;
        Ok((saved, changes))
    }
    .await;
    match result {
        Ok((saved, changes)) if changes.is_empty() => {
            let _ = saved;
            show_again(&state, parts, app::people::FormFeedback::kept_success("group", "Nothing had changed, so nothing was saved.", form), StatusCode::OK).await
        }
        Ok((saved, _)) => Redirect::to(&format!("/groups/{}?done=changed", saved.slug)).into_response(),
        Err(err) => fail(&state, parts, "group", err, form).await,
    }
}

/// `POST /groups/{slug}/report`: report back (with a summary), or finish.
pub async fn move_group_on(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<Fields>) -> Response {
    let step = field(&form, "step").to_owned();
    let form_name = if step == "finish" { "finish" } else { "report" };
    let result = async {
        if form.len() > MAX_FIELDS {
            return Err(too_many_fields());
        }
        let user = signed_in(&parts)?;
        let group = spaces::space_by_slug(&state.app.db, &slug).await?.space;
        let (to, done) = match step.as_str() {
            "finish" => {
                if field(&form, "confirm") != "on" {
                    return Err(DomainError::invalid("confirm", "Please tick the box to confirm that the group is finishing. Nothing has been changed yet."));
                }
                (GroupStatus::Finished, "finished")
            }
            _ => (GroupStatus::Reporting, "reported"),
        };
        let saved = life::move_on(&state.app.db, &user, group.id, to, Some(field(&form, "summary"))).await?;
        Ok(format!("/groups/{}?done={done}", saved.slug))
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(err) => fail(&state, parts, form_name, err, form).await,
    }
}

/// `POST /groups/{slug}/take-part`: join, follow or leave. Problems show on the group's page.
pub async fn take_part(State(state): State<AppState>, Path(slug): Path<String>, mut parts: Parts, Form(form): Form<Fields>) -> Response {
    if let Ok(uri) = format!("/groups/{slug}").parse() {
        parts.uri = uri;
    }
    let result = async {
        let user = signed_in(&parts)?;
        let group = spaces::space_by_slug(&state.app.db, &slug).await?.space;
        let how = match field(&form, "how") {
            "leave" => None,
            other => Some(Participation::parse(other).ok_or_else(|| DomainError::invalid("how", "Please choose to join, follow or leave."))?),
        };
        let now = life::take_part(&state.app.db, &user, group.id, how).await?;
        let done = match now {
            Some(domain::people::Role::Member) => "joined",
            Some(domain::people::Role::Observer) => "following",
            Some(domain::people::Role::CoChair) => "changed",
            None => "left",
        };
        Ok(format!("/groups/{}?done={done}", group.slug))
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(err) => fail(&state, parts, "take-part", err, Vec::new()).await,
    }
}

/// `POST /board/edit`: co-chairs change the board's name, purpose and time zone.
pub async fn edit_board(State(state): State<AppState>, parts: Parts, Form(form): Form<Fields>) -> Response {
    let result = async {
        if form.len() > MAX_FIELDS {
            return Err(too_many_fields());
        }
        let user = signed_in(&parts)?;
        let board = spaces::home_board(&state.app.db).await?.ok_or_else(|| DomainError::NotFound("There is no board here yet.".into()))?;
        let change = life::SpaceChange {
            name: Some(field(&form, "name")),
            purpose: Some(field(&form, "purpose")),
            time_zone: Some(field(&form, "time_zone")),
            ..Default::default()
        };
        life::change_space(&state.app.db, &user, board.space.id, change).await
    }
    .await;
    match result {
        Ok((_, changes)) if changes.is_empty() => {
            show_again(&state, parts, app::people::FormFeedback::kept_success("board", "Nothing had changed, so nothing was saved.", form), StatusCode::OK).await
        }
        Ok(_) => Redirect::to("/?done=board-changed").into_response(),
        Err(err) => fail(&state, parts, "board", err, form).await,
    }
}
