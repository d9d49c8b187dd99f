//! Meetings and actions in the JSON API: a space's meetings, one meeting with its agenda,
//! papers, attendance, decisions and minutes, its calendar file, and the action tracker.

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::StatusCode,
    response::Response,
};
use domain::meetings::service::{self, DecisionForm, MeetingForm};
use domain::meetings::{Access, ActionItem, AgendaItem, Attended, AttendanceSummary, Meeting, MeetingDecision, MeetingSummary, Reply, actions};
use domain::page::Page;
use domain::people::CurrentUser;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, ListParams, json_body, page_of, page_request, parse_id, signed_in};
use crate::AppState;

fn viewer(user: &Option<Extension<CurrentUser>>) -> Option<uuid::Uuid> {
    user.as_ref().map(|Extension(u)| u.id)
}

/// A space's meetings: those to come, soonest first, then past ones, newest first.
#[utoipa::path(get, path = "/api/v1/spaces/{id}/meetings", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The board's or group's id"), ListParams),
    responses((status = 200, description = "A page of meetings", body = Page<MeetingSummary>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, params: Result<Query<ListParams>, QueryRejection>) -> Result<Json<Page<MeetingSummary>>, ApiError> {
    let page = page_request(params)?;
    let all = service::list(&state.app.db, viewer(&user), parse_id(&id)?).await?;
    Ok(Json(page_of(all, page, |m| m.id)))
}

/// A meeting as typed: the local date and clock times are in the board's time zone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeeting {
    pub title: String,
    /// The local date: `2027-03-29`.
    pub date: String,
    /// Local clock times: `10:00`, `12:00`.
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub join_link: Option<String>,
    #[serde(default)]
    pub access: Vec<Access>,
    /// Days before the meeting the papers go out (7 if left out).
    #[serde(default)]
    pub papers_days: Option<i32>,
    #[serde(default)]
    pub minute_taker_id: Option<uuid::Uuid>,
}

fn form_of<'a>(b: &'a NewMeeting, days: &'a str) -> MeetingForm<'a> {
    MeetingForm {
        title: &b.title,
        date: &b.date,
        start: &b.start,
        end: &b.end,
        place: b.place.as_deref().unwrap_or(""),
        join_link: b.join_link.as_deref().unwrap_or(""),
        access: b.access.clone(),
        papers_days: days,
        minute_taker: b.minute_taker_id,
    }
}

const MEETING_EXAMPLE: &str = r#"{"title": "Board meeting", "date": "2027-03-29", "start": "10:00", "end": "12:00", "place": "Town Hall"}"#;

/// Plans a meeting (co-chairs and convenors).
#[utoipa::path(post, path = "/api/v1/spaces/{id}/meetings", tag = "meetings", request_body = NewMeeting, params(("id" = uuid::Uuid, Path, description = "The board's or group's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Planned", body = Meeting), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn plan(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewMeeting>, JsonRejection>) -> Result<(StatusCode, Json<Meeting>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, MEETING_EXAMPLE)?;
    let days = b.papers_days.map(|d| d.to_string()).unwrap_or_default();
    let id = service::plan(&state.app.db, &user, parse_id(&id)?, form_of(&b, &days)).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state.app.db, Some(user.id), id).await?)))
}

/// One meeting: agenda and papers, matters arising, attendance, decisions, actions and minutes.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "The meeting", body = Meeting), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Meeting>, ApiError> {
    Ok(Json(service::view(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

/// Changes a meeting (send every field, as when planning). A new time or place raises its
/// calendar SEQUENCE.
#[utoipa::path(patch, path = "/api/v1/meetings/{id}", tag = "meetings", request_body = NewMeeting, params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Changed", body = Meeting), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn change(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewMeeting>, JsonRejection>) -> Result<Json<Meeting>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, MEETING_EXAMPLE)?;
    let id = parse_id(&id)?;
    let days = b.papers_days.map(|d| d.to_string()).unwrap_or_default();
    service::change(&state.app.db, &user, id, form_of(&b, &days)).await?;
    Ok(Json(service::view(&state.app.db, Some(user.id), id).await?))
}

/// The agenda, in order, with each item's papers.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "The agenda", body = Vec<AgendaItem>), (status = 404, body = ApiError)))]
pub async fn agenda(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<AgendaItem>>, ApiError> {
    Ok(Json(service::view(&state.app.db, viewer(&user), parse_id(&id)?).await?.items))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewItem {
    pub title: String,
    #[serde(default)]
    pub lead_id: Option<uuid::Uuid>,
    /// Time allowed, in minutes.
    #[serde(default)]
    pub minutes: Option<i32>,
    /// Documents of the space to attach as papers, at their newest versions.
    #[serde(default)]
    pub papers: Vec<uuid::Uuid>,
}

/// Adds an item to the end of the agenda, with any papers. Returns the whole agenda.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", request_body = NewItem, params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Added", body = Vec<AgendaItem>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn add_item(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewItem>, JsonRejection>) -> Result<(StatusCode, Json<Vec<AgendaItem>>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"title": "Direct payments policy", "minutes": 20}"#)?;
    let id = parse_id(&id)?;
    let minutes = b.minutes.map(|m| m.to_string()).unwrap_or_default();
    let item = service::add_item(&state.app.db, &user, id, &b.title, b.lead_id, &minutes).await?;
    for doc in &b.papers {
        service::add_paper(&state.app.db, &user, item, *doc).await?;
    }
    Ok((StatusCode::CREATED, Json(service::view(&state.app.db, Some(user.id), id).await?.items)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPaper {
    pub document_id: uuid::Uuid,
}

/// Attaches a document of the space to an agenda item, at its newest version. After the papers
/// went out it is a late paper, and everyone invited is told.
#[utoipa::path(post, path = "/api/v1/agenda-items/{id}/papers", tag = "meetings", request_body = NewPaper, params(("id" = uuid::Uuid, Path, description = "The agenda item's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Added"), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn add_paper(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewPaper>, JsonRejection>) -> Result<StatusCode, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"document_id": "..."}"#)?;
    service::add_paper(&state.app.db, &user, parse_id(&id)?, b.document_id).await?;
    Ok(StatusCode::CREATED)
}

/// Which way an agenda item moves.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemMove {
    /// One place `up` or `down` the agenda; the first item stays first when moved up.
    #[serde(rename = "move")]
    pub direction: Direction,
}

/// Moves an agenda item one place up or down (whoever organises the meeting). Returns the
/// whole agenda, in its new order.
#[utoipa::path(patch, path = "/api/v1/agenda-items/{id}", tag = "meetings", request_body = ItemMove, params(("id" = uuid::Uuid, Path, description = "The agenda item's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Moved", body = Vec<AgendaItem>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn move_item(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<ItemMove>, JsonRejection>) -> Result<Json<Vec<AgendaItem>>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"move": "up"}"#)?;
    let meeting = service::move_item(&state.app.db, &user, parse_id(&id)?, matches!(b.direction, Direction::Up)).await?;
    Ok(Json(service::view(&state.app.db, Some(user.id), meeting).await?.items))
}

/// Takes an item off the agenda, with its papers (the documents themselves stay). Returns the
/// agenda that is left.
#[utoipa::path(delete, path = "/api/v1/agenda-items/{id}", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The agenda item's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Removed", body = Vec<AgendaItem>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn remove_item(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Vec<AgendaItem>>, ApiError> {
    let user = signed_in(user)?;
    let meeting = service::remove_item(&state.app.db, &user, parse_id(&id)?).await?;
    Ok(Json(service::view(&state.app.db, Some(user.id), meeting).await?.items))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PapersSent {
    pub sent: bool,
}

/// Sends the papers now, before their day: everyone invited is told.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/papers/send", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Sent", body = PapersSent), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn send_papers(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<PapersSent>, ApiError> {
    let user = signed_in(user)?;
    Ok(Json(PapersSent { sent: service::send_papers_now(&state.app.db, &user, parse_id(&id)?).await? }))
}

/// Who is invited and coming, and who came, counted by perspective.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/attendance", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "Attendance", body = AttendanceSummary), (status = 404, body = ApiError)))]
pub async fn attendance(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<AttendanceSummary>, ApiError> {
    Ok(Json(service::attendance(&state.app.db, viewer(&user), parse_id(&id)?).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Came {
    pub person_id: uuid::Uuid,
    pub attended: Attended,
}

/// Your own reply, or (minute-taker, co-chairs, convenors) who came.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendanceChange {
    #[serde(default)]
    pub reply: Option<Reply>,
    #[serde(default)]
    pub attended: Vec<Came>,
}

/// Says whether you are coming (`reply`), or records who came (`attended`).
#[utoipa::path(put, path = "/api/v1/meetings/{id}/attendance", tag = "meetings", request_body = AttendanceChange, params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Saved", body = AttendanceSummary), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn change_attendance(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<AttendanceChange>, JsonRejection>) -> Result<Json<AttendanceSummary>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"reply": "online"} or {"attended": [{"person_id": "...", "attended": "in_person"}]}"#)?;
    let id = parse_id(&id)?;
    if b.reply.is_none() && b.attended.is_empty() {
        return Err(ApiError::invalid("reply", "Send your reply (in_person, online or apologies), or who came (attended)."));
    }
    if let Some(r) = b.reply {
        service::reply(&state.app.db, &user, id, Some(r)).await?;
    }
    if !b.attended.is_empty() {
        let who: Vec<(uuid::Uuid, Attended)> = b.attended.iter().map(|c| (c.person_id, c.attended)).collect();
        service::record_attendance(&state.app.db, &user, id, &who).await?;
    }
    Ok(Json(service::attendance(&state.app.db, Some(user.id), id).await?))
}

/// The meeting as an iCalendar file (`text/calendar`), times in UTC.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/calendar.ics", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    responses((status = 200, description = "An iCalendar file with one VEVENT", content_type = "text/calendar"), (status = 404, body = ApiError)))]
pub async fn calendar(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    Ok(crate::meetings::meeting_ics(&state, user.as_ref().map(|Extension(u)| u), &id).await?)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDecision {
    #[serde(default)]
    pub item_id: Option<uuid::Uuid>,
    pub decision: String,
    /// `consent` or `vote`.
    pub method: String,
    #[serde(default)]
    pub votes_for: Option<i32>,
    #[serde(default)]
    pub votes_against: Option<i32>,
    #[serde(default)]
    pub abstentions: Option<i32>,
    /// The paper it is about: its vision check is kept as it stands.
    #[serde(default)]
    pub document_id: Option<uuid::Uuid>,
}

/// Records a decision against an item (minute-taker, co-chairs, convenors).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/decisions", tag = "meetings", request_body = NewDecision, params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Recorded", body = MeetingDecision), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn record_decision(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewDecision>, JsonRejection>) -> Result<(StatusCode, Json<MeetingDecision>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"decision": "...", "method": "consent"}"#)?;
    let id = parse_id(&id)?;
    let n = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
    let (f, a, x) = (n(b.votes_for), n(b.votes_against), n(b.abstentions));
    let form = DecisionForm { item_id: b.item_id, decision: &b.decision, method: &b.method, votes_for: &f, votes_against: &a, abstentions: &x, document_id: b.document_id };
    let decision = service::record_decision(&state.app.db, &user, id, form).await?;
    let found = service::view(&state.app.db, Some(user.id), id).await?.decisions.into_iter().find(|d| d.id == decision).ok_or(domain::DomainError::Internal)?;
    Ok((StatusCode::CREATED, Json(found)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MinutesStarted {
    /// The minutes document: write, compare, agree and publish it through `/api/v1/documents`.
    pub document_id: uuid::Uuid,
}

/// Starts the minutes from the agenda (one section per item), or finds them if started.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/minutes", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The meeting's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Started", body = MinutesStarted), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn start_minutes(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<(StatusCode, Json<MinutesStarted>), ApiError> {
    let user = signed_in(user)?;
    let document_id = service::start_minutes(&state.app.db, &user, parse_id(&id)?).await?;
    Ok((StatusCode::CREATED, Json(MinutesStarted { document_id })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ActionQuery {
    /// One board or group; every space you can see if left out.
    space_id: Option<String>,
    /// `open` (the default: open and overdue), `overdue`, `done` or `all`.
    status: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The action tracker, soonest due first. Overdue is judged at the board's local day.
#[utoipa::path(get, path = "/api/v1/actions", tag = "meetings", params(ActionQuery), security(("personal_access_token" = [])),
    responses((status = 200, description = "A page of actions", body = Page<ActionItem>), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_actions(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, query: Result<Query<ActionQuery>, QueryRejection>) -> Result<Json<Page<ActionItem>>, ApiError> {
    let user = signed_in(user)?;
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameters allowed are space_id, status, limit and cursor.")))?;
    let show = actions::Show::parse(q.status.as_deref().unwrap_or("")).ok_or_else(|| ApiError::invalid("status", "status must be open, overdue, done or all."))?;
    let space = match q.space_id.as_deref() {
        Some(s) => Some(parse_id(s)?),
        None => None,
    };
    let page = domain::page::PageRequest::parse(q.limit.as_deref(), q.cursor.as_deref())?;
    let all = actions::tracker(&state.app.db, Some(user.id), space, show, chrono::Utc::now()).await?;
    Ok(Json(page_of(all, page, |a| a.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActionBody {
    pub meeting_id: uuid::Uuid,
    #[serde(default)]
    pub item_id: Option<uuid::Uuid>,
    pub what: String,
    pub owner_id: uuid::Uuid,
    /// The board's local date it is due by: `2027-04-30`.
    pub due_on: String,
}

/// Records an action from a meeting (minute-taker, co-chairs, convenors). Its owner is told.
#[utoipa::path(post, path = "/api/v1/actions", tag = "meetings", request_body = NewActionBody, security(("personal_access_token" = [])),
    responses((status = 201, description = "Recorded", body = ActionItem), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn add_action(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<NewActionBody>, JsonRejection>) -> Result<(StatusCode, Json<ActionItem>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"meeting_id": "...", "what": "...", "owner_id": "...", "due_on": "2027-04-30"}"#)?;
    let id = actions::add(&state.app.db, &user, b.meeting_id, actions::NewAction { item_id: b.item_id, what: &b.what, owner: Some(b.owner_id), due: &b.due_on }).await?;
    Ok((StatusCode::CREATED, Json(actions::get(&state.app.db, Some(user.id), id, chrono::Utc::now()).await?)))
}

/// One action.
#[utoipa::path(get, path = "/api/v1/actions/{id}", tag = "meetings", params(("id" = uuid::Uuid, Path, description = "The action's id")), security(("personal_access_token" = [])),
    responses((status = 200, description = "The action", body = ActionItem), (status = 404, body = ApiError)))]
pub async fn get_action(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<ActionItem>, ApiError> {
    Ok(Json(actions::get(&state.app.db, viewer(&user), parse_id(&id)?, chrono::Utc::now()).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPatch {
    /// How it is going.
    #[serde(default)]
    pub progress: Option<String>,
    /// Marks it done, with a note on what was done.
    #[serde(default)]
    pub done_note: Option<String>,
    /// Opens a done action again.
    #[serde(default)]
    pub reopen: bool,
}

/// The owner (or a co-chair or convenor) updates progress, marks it done, or reopens it.
#[utoipa::path(patch, path = "/api/v1/actions/{id}", tag = "meetings", request_body = ActionPatch, params(("id" = uuid::Uuid, Path, description = "The action's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Updated", body = ActionItem), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn update_action(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<ActionPatch>, JsonRejection>) -> Result<Json<ActionItem>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"progress": "..."} or {"done_note": "..."}"#)?;
    let id = parse_id(&id)?;
    actions::update(&state.app.db, &user, id, actions::ActionChange { progress: b.progress.as_deref(), done: b.done_note.as_deref(), reopen: b.reopen }).await?;
    Ok(Json(actions::get(&state.app.db, Some(user.id), id, chrono::Utc::now()).await?))
}
