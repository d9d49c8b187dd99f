//! You Said We Did in the JSON API: the items (published ones for everyone, everything for the
//! board's members), one item whole, adding and changing items, and their timeline of updates.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::StatusCode,
};
use domain::feedback::service::{self, ItemChange, NewFeedback};
use domain::feedback::{FeedbackItem, FeedbackSummary, Filter, SourceKind, Status, Theme, Update};
use domain::page::Page;
use domain::people::CurrentUser;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ListParams, json_body, page_of, page_request, parse_id, signed_in};
use crate::AppState;

fn viewer(user: &Option<Extension<CurrentUser>>) -> Option<uuid::Uuid> {
    user.as_ref().map(|Extension(u)| u.id)
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FeedbackQuery {
    /// A theme key, such as `paperwork`.
    theme: Option<String>,
    /// `heard`, `considering`, `doing`, `done` or `not_doing`.
    status: Option<String>,
    /// The year it was first heard.
    year: Option<String>,
    /// Members only: `true` for published items, `false` for those not yet published.
    published: Option<bool>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The board's feedback, newest first. Signed out (or not on the board), only published items.
#[utoipa::path(get, path = "/api/v1/feedback", tag = "feedback", params(FeedbackQuery),
    responses((status = 200, description = "A page of feedback items", body = Page<FeedbackSummary>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, query: Result<Query<FeedbackQuery>, QueryRejection>) -> Result<Json<Page<FeedbackSummary>>, ApiError> {
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameters allowed are theme, status, year, published, limit and cursor.")))?;
    let theme = match q.theme.as_deref() {
        Some(t) => Some(Theme::parse(t).ok_or_else(|| ApiError::invalid("theme", format!("theme must be one of: {}.", Theme::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", "))))?),
        None => None,
    };
    let status = match q.status.as_deref() {
        Some(s) => Some(Status::parse(s).ok_or_else(|| ApiError::invalid("status", "status must be heard, considering, doing, done or not_doing."))?),
        None => None,
    };
    let year = match q.year.as_deref() {
        Some(y) => Some(y.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(|| ApiError::invalid("year", "year must be a year such as 2027."))?),
        None => None,
    };
    let page = domain::page::PageRequest::parse(q.limit.as_deref(), q.cursor.as_deref())?;
    let viewer = viewer(&user);
    let members = service::board(&state.app.db, viewer).await?.can().manage;
    let filter = Filter { theme, status, year, published: q.published };
    let (all, _) = service::list(&state.app.db, viewer, &filter, !members).await?;
    Ok(Json(page_of(all, page, |i| i.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFeedbackBody {
    /// What was said, as the board sums it up.
    pub said: String,
    /// The person's own words, if different.
    #[serde(default)]
    pub words: Option<String>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Where it came from.
    pub source: SourceKind,
    /// Which event, survey or meeting.
    #[serde(default)]
    pub detail: Option<String>,
    /// The day it was said (today if left out): `2027-03-14`.
    #[serde(default)]
    pub said_on: Option<String>,
    /// How many people said it (1 if left out).
    #[serde(default)]
    pub people: Option<i32>,
    #[serde(default)]
    pub contact_name: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// They agreed to be asked later whether it made a difference.
    #[serde(default)]
    pub may_ask: bool,
    /// They agreed their own words may be shown publicly.
    #[serde(default)]
    pub show_words: bool,
}

/// Adds feedback the board heard (members of the board). It is not public until published.
#[utoipa::path(post, path = "/api/v1/feedback", tag = "feedback", request_body = NewFeedbackBody, security(("personal_access_token" = [])),
    responses((status = 201, description = "Added", body = FeedbackItem), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn create(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<NewFeedbackBody>, JsonRejection>) -> Result<(StatusCode, Json<FeedbackItem>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"said": "The forms are too long", "source": "event", "themes": ["paperwork"], "people": 5}"#)?;
    let people = b.people.map(|p| p.to_string()).unwrap_or_default();
    let id = service::add(
        &state.app.db,
        &user,
        NewFeedback {
            said: &b.said,
            words: b.words.as_deref().unwrap_or(""),
            themes: b.themes.clone(),
            kind: b.source.as_str(),
            detail: b.detail.as_deref().unwrap_or(""),
            said_on: b.said_on.as_deref().unwrap_or(""),
            people: &people,
            contact_name: b.contact_name.as_deref().unwrap_or(""),
            contact_email: b.contact_email.as_deref().unwrap_or(""),
            may_ask: b.may_ask,
            show_words: b.show_words,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(service::load(&state.app.db, Some(user.id), id).await?)))
}

/// One item: what was said, where it was heard, what was done, links, answers and timeline.
/// Signed out, published items only, without contact details or words people kept private.
#[utoipa::path(get, path = "/api/v1/feedback/{id}", tag = "feedback", params(("id" = uuid::Uuid, Path, description = "The item's id")),
    responses((status = 200, description = "The item", body = FeedbackItem), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<FeedbackItem>, ApiError> {
    Ok(Json(service::load(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackPatch {
    #[serde(default)]
    pub said: Option<String>,
    #[serde(default)]
    pub themes: Option<Vec<Theme>>,
    /// What the board did or will do.
    #[serde(default)]
    pub response: Option<String>,
    #[serde(default)]
    pub owner_id: Option<uuid::Uuid>,
    /// The group working on it, by its address (`policy`); empty for none.
    #[serde(default)]
    pub group: Option<String>,
    /// `2027-06-30`; empty for none.
    #[serde(default)]
    pub target_on: Option<String>,
    /// A new status, with `note` (what changed: needed for `done`) or `reason` (needed for
    /// `not_doing`). Done asks everyone who agreed whether it made a difference.
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// Co-chairs: publish (true) or take off the public page (false).
    #[serde(default)]
    pub published: Option<bool>,
    /// Link a document, decision, action or meeting: `action:<id>`.
    #[serde(default)]
    pub link: Option<String>,
    /// Join another item into this one.
    #[serde(default)]
    pub merge_from: Option<uuid::Uuid>,
}

/// Changes an item (members of the board): its words, themes, response, owner, group, target
/// date, status, links, publishing, or joins another item into it. Each part is done in turn.
#[utoipa::path(patch, path = "/api/v1/feedback/{id}", tag = "feedback", request_body = FeedbackPatch, params(("id" = uuid::Uuid, Path, description = "The item's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Changed", body = FeedbackItem), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn change(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<FeedbackPatch>, JsonRejection>) -> Result<Json<FeedbackItem>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"status": "done", "note": "The form is now two pages"}"#)?;
    let id = parse_id(&id)?;
    let db = &state.app.db;
    if b.said.is_some() || b.themes.is_some() || b.response.is_some() || b.owner_id.is_some() || b.group.is_some() || b.target_on.is_some() {
        let now = service::load(db, Some(user.id), id).await?;
        let s = &now.summary;
        let target = now.target_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        service::change(
            db,
            &user,
            id,
            ItemChange {
                said: b.said.as_deref().unwrap_or(&s.said),
                themes: b.themes.clone().unwrap_or_else(|| s.themes.clone()),
                response: b.response.as_deref().unwrap_or(s.response.as_deref().unwrap_or("")),
                owner: b.owner_id.or(s.owner.as_ref().map(|o| o.id)),
                group: b.group.as_deref().unwrap_or(now.group.as_ref().map(|g| g.0.as_str()).unwrap_or("")),
                target_on: b.target_on.as_deref().unwrap_or(&target),
            },
        )
        .await?;
    }
    if let Some(target) = &b.link {
        service::link(db, &user, id, target).await?;
    }
    if let Some(other) = b.merge_from {
        service::merge(db, &user, id, other).await?;
    }
    if let Some(status) = b.status {
        let txn = domain::begin(db).await.map_err(domain::DomainError::from)?;
        let asks = service::set_status(&txn, &user, id, status.as_str(), b.note.as_deref().unwrap_or(""), b.reason.as_deref().unwrap_or("")).await?;
        txn.commit().await.map_err(domain::DomainError::from)?;
        if !asks.is_empty() {
            state.mailer.wake();
        }
    }
    if let Some(on) = b.published {
        service::publish(db, &user, id, on).await?;
    }
    Ok(Json(service::load(db, Some(user.id), id).await?))
}

/// An item's timeline, oldest first.
#[utoipa::path(get, path = "/api/v1/feedback/{id}/updates", tag = "feedback", params(("id" = uuid::Uuid, Path, description = "The item's id"), ListParams),
    responses((status = 200, description = "A page of updates", body = Page<Update>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn updates(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, params: Result<Query<ListParams>, QueryRejection>) -> Result<Json<Page<Update>>, ApiError> {
    let page = page_request(params)?;
    let item = service::load(&state.app.db, viewer(&user), parse_id(&id)?).await?;
    Ok(Json(page_of(item.updates, page, |u| u.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdate {
    /// What has happened.
    pub body: String,
}

/// Adds a dated progress note to the timeline (members of the board).
#[utoipa::path(post, path = "/api/v1/feedback/{id}/updates", tag = "feedback", request_body = NewUpdate, params(("id" = uuid::Uuid, Path, description = "The item's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Added; the timeline as it is now", body = Vec<Update>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn add_update(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewUpdate>, JsonRejection>) -> Result<(StatusCode, Json<Vec<Update>>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"body": "The new form is with the printers"}"#)?;
    let id = parse_id(&id)?;
    service::add_update(&state.app.db, &user, id, &b.body).await?;
    Ok((StatusCode::CREATED, Json(service::load(&state.app.db, Some(user.id), id).await?.updates)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Where the cards came from: `event`, `survey`, `meeting`, ... as for a single item's `source`.
    kind: Option<String>,
    /// Which event, survey or meeting.
    detail: Option<String>,
    /// `true` reads the file and reports every row without adding anything.
    check: Option<String>,
}

#[derive(Debug, serde::Serialize, ToSchema)]
pub struct ImportDone {
    /// How many items were added (0 when only checking).
    pub added: usize,
    /// Every row read: the good ones (added, unless checking) and the ones that cannot be, with
    /// their line and why.
    pub rows: domain::feedback::ImportPreview,
}

/// Adds feedback cards from an event's CSV (members of the board), as the import page does:
/// the heading row names the columns (`said` is needed; `themes`, `date`, `people`, `name`,
/// `email`, `may_ask`, `show_words` may be given). Good rows are added; rows that cannot be are
/// reported by line. With `check=true`, nothing is added. Send the file as `text/csv` (UTF-8).
#[utoipa::path(post, path = "/api/v1/feedback/import", tag = "feedback", params(ImportQuery), request_body(content = String, content_type = "text/csv"), security(("personal_access_token" = [])),
    responses((status = 201, description = "The good rows were added", body = ImportDone), (status = 200, description = "Checked; nothing added", body = ImportDone), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 415, body = ApiError)))]
pub async fn import(
    State(state): State<AppState>,
    user: Option<Extension<CurrentUser>>,
    query: Result<Query<ImportQuery>, QueryRejection>,
    headers: axum::http::HeaderMap,
    body: Result<String, axum::extract::rejection::StringRejection>,
) -> Result<(StatusCode, Json<ImportDone>), ApiError> {
    let user = signed_in(user)?;
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameters allowed are kind, detail and check.")))?;
    let csv_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| matches!(t.trim().to_ascii_lowercase().as_str(), "text/csv" | "text/plain"));
    if !csv_type {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Please send the CSV file's text, with Content-Type: text/csv."));
    }
    let text = body.map_err(|_| ApiError::invalid("body", "This file has characters we cannot read. Please save it from your spreadsheet as \u{201c}CSV UTF-8\u{201d} and send it again."))?;
    let check = match q.check.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::invalid("check", "check is true or false.")),
    };
    let db = &state.app.db;
    let board = service::board(db, Some(user.id)).await?;
    if !board.can().manage {
        return Err(domain::DomainError::Forbidden("Only members of the board can add feedback from an event.".into()).into());
    }
    let kind = q.kind.unwrap_or_default();
    if SourceKind::parse(&kind).is_none() {
        return Err(ApiError::invalid("kind", "Please say where this feedback came from: kind=event, for example."));
    }
    let today = domain::dates::local_day(chrono::Utc::now(), board.zone);
    let rows = domain::feedback::import::parse(text.trim_start_matches('\u{feff}'), today);
    if let Some(problem) = &rows.problem {
        return Err(ApiError::invalid("body", problem.clone()));
    }
    if check {
        return Ok((StatusCode::OK, Json(ImportDone { added: 0, rows })));
    }
    if rows.good.is_empty() {
        let lines: Vec<String> = rows.bad.iter().take(5).map(|b| format!("line {}: {}", b.line, b.problem)).collect();
        return Err(ApiError::invalid("body", format!("There are no rows we can add. {}", lines.join("; "))));
    }
    let txn = domain::begin(db).await.map_err(domain::DomainError::from)?;
    let added = service::add_rows(&txn, &user, &rows.good, &kind, q.detail.as_deref().unwrap_or("")).await?;
    txn.commit().await.map_err(domain::DomainError::from)?;
    Ok((StatusCode::CREATED, Json(ImportDone { added, rows })))
}

/// Takes a link (a document, decision, action or meeting) off an item. The link ids are in the
/// item's `links`. Returns the item.
#[utoipa::path(delete, path = "/api/v1/feedback/{id}/links/{link_id}", tag = "feedback",
    params(("id" = uuid::Uuid, Path, description = "The item's id"), ("link_id" = uuid::Uuid, Path, description = "The link's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "Unlinked", body = FeedbackItem), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unlink(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path((id, link)): Path<(String, String)>) -> Result<Json<FeedbackItem>, ApiError> {
    let user = signed_in(user)?;
    let (id, link) = (parse_id(&id)?, parse_id(&link)?);
    let db = &state.app.db;
    let item = service::load(db, Some(user.id), id).await?;
    if !item.links.iter().any(|l| l.id == link) {
        return Err(domain::DomainError::NotFound("That link is not on this item.".into()).into());
    }
    service::unlink(db, &user, link).await?;
    Ok(Json(service::load(db, Some(user.id), id).await?))
}
