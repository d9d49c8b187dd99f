//! Conversations in the JSON API: threads on a target, their comments and replies, reactions,
//! moderation, a person's notifications, and the live event stream (Server-Sent Events).

use std::collections::VecDeque;
use std::time::Duration;

use axum::{
    Extension, Json,
    extract::{Path, Query, State, rejection::{JsonRejection, QueryRejection}},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response, sse::{Event as SseEvent, KeepAlive, Sse}},
};
use domain::conversations::service::{self, NewTarget, Words};
use domain::conversations::{Comment, Notification, ReactionKind, TargetKind, Thread, events, notifications};
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
pub struct ThreadQuery {
    /// `document` (its own threads and its sections'), `suggestion`, `discussion` (give the space's id), `meeting` or `agenda_item`.
    target_type: String,
    target_id: String,
    limit: Option<String>,
    cursor: Option<String>,
}

/// The threads on a target, oldest first.
#[utoipa::path(get, path = "/api/v1/threads", tag = "conversations", params(ThreadQuery),
    responses((status = 200, description = "A page of threads", body = Page<Thread>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, query: Result<Query<ThreadQuery>, QueryRejection>) -> Result<Json<Page<Thread>>, ApiError> {
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameters allowed are target_type, target_id, limit and cursor.")))?;
    let kind = TargetKind::parse(&q.target_type).ok_or_else(|| ApiError::invalid("target_type", "target_type must be document, section, suggestion, discussion, meeting or agenda_item."))?;
    let page = domain::page::PageRequest::parse(q.limit.as_deref(), q.cursor.as_deref())?;
    let (threads, _) = service::threads_on(&state.app.db, viewer(&user), kind, parse_id(&q.target_id)?).await?;
    Ok(Json(page_of(threads, page, |t| t.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThread {
    /// `document`, `section`, `suggestion`, `discussion`, `meeting` or `agenda_item`.
    pub target_type: String,
    /// The document or suggestion; for a discussion, the board's or group's id.
    pub target_id: uuid::Uuid,
    /// For a section: its key (as in the easy-read parts).
    #[serde(default)]
    pub section_key: Option<String>,
    /// For a discussion: its subject.
    #[serde(default)]
    pub title: Option<String>,
    /// The first comment, in Markdown.
    pub body: String,
    /// When recording what someone else said: their name.
    #[serde(default)]
    pub said_by: Option<String>,
}

/// Starts a thread with its first comment.
#[utoipa::path(post, path = "/api/v1/threads", tag = "conversations", request_body = NewThread, security(("personal_access_token" = [])),
    responses((status = 201, description = "Started", body = Thread), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn create(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<NewThread>, JsonRejection>) -> Result<(StatusCode, Json<Thread>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"target_type": "document", "target_id": "...", "body": "..."}"#)?;
    let target = match TargetKind::parse(&b.target_type) {
        Some(TargetKind::Document) => NewTarget::Document(b.target_id),
        Some(TargetKind::Section) => NewTarget::Section { document_id: b.target_id, key: b.section_key.clone().unwrap_or_default() },
        Some(TargetKind::Suggestion) => NewTarget::Suggestion(b.target_id),
        Some(TargetKind::Discussion) => NewTarget::Discussion { space_id: b.target_id, title: b.title.clone().unwrap_or_default() },
        Some(TargetKind::Meeting) => NewTarget::Meeting(b.target_id),
        Some(TargetKind::AgendaItem) => NewTarget::AgendaItem(b.target_id),
        Some(TargetKind::Feedback) => NewTarget::Feedback(b.target_id),
        None => return Err(ApiError::invalid("target_type", "target_type must be document, section, suggestion, discussion, meeting, agenda_item or feedback.")),
    };
    let (id, _) = service::start(&state.app.db, &user, target, Words { body: &b.body, said_by: b.said_by.as_deref() }).await?;
    Ok((StatusCode::CREATED, Json(service::get(&state.app.db, Some(user.id), id).await?.0)))
}

/// One thread with its comments and replies.
#[utoipa::path(get, path = "/api/v1/threads/{id}", tag = "conversations", params(("id" = uuid::Uuid, Path, description = "The thread's id")),
    responses((status = 200, description = "The thread", body = Thread), (status = 404, body = ApiError)))]
pub async fn get(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Thread>, ApiError> {
    Ok(Json(service::get(&state.app.db, viewer(&user), parse_id(&id)?).await?.0))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreadChange {
    /// True to resolve the thread, false to reopen it.
    pub resolved: bool,
}

/// Resolves or reopens a thread.
#[utoipa::path(patch, path = "/api/v1/threads/{id}", tag = "conversations", request_body = ThreadChange, params(("id" = uuid::Uuid, Path, description = "The thread's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Changed", body = Thread), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn change(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<ThreadChange>, JsonRejection>) -> Result<Json<Thread>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"resolved": true}"#)?;
    let id = parse_id(&id)?;
    service::get(&state.app.db, Some(user.id), id).await?;
    service::resolve(&state.app.db, &user, id, b.resolved).await?;
    Ok(Json(service::get(&state.app.db, Some(user.id), id).await?.0))
}

/// A thread's comments, oldest first, each with its replies.
#[utoipa::path(get, path = "/api/v1/threads/{id}/comments", tag = "conversations", params(("id" = uuid::Uuid, Path, description = "The thread's id"), ListParams),
    responses((status = 200, description = "A page of comments", body = Page<Comment>), (status = 400, body = ApiError), (status = 404, body = ApiError)))]
pub async fn comments(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, params: Result<Query<ListParams>, QueryRejection>) -> Result<Json<Page<Comment>>, ApiError> {
    let page = page_request(params)?;
    let (t, _) = service::get(&state.app.db, viewer(&user), parse_id(&id)?).await?;
    Ok(Json(page_of(t.comments, page, |c| c.id)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
    /// To reply to a comment in the thread.
    #[serde(default)]
    pub parent_id: Option<uuid::Uuid>,
    /// When recording what someone else said: their name.
    #[serde(default)]
    pub said_by: Option<String>,
}

fn find(thread: Thread, id: uuid::Uuid) -> Result<Comment, ApiError> {
    thread
        .comments
        .into_iter()
        .flat_map(|c| {
            let replies = c.replies.clone();
            std::iter::once(c).chain(replies)
        })
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", "We could not find that comment."))
}

async fn comment_view(state: &AppState, viewer: uuid::Uuid, id: uuid::Uuid) -> Result<Comment, ApiError> {
    let thread_id = service::thread_of_comment(&state.app.db, Some(viewer), id).await?;
    find(service::get(&state.app.db, Some(viewer), thread_id).await?.0, id)
}

/// Posts a comment in a thread, or a reply to one of its comments.
#[utoipa::path(post, path = "/api/v1/threads/{id}/comments", tag = "conversations", request_body = NewComment, params(("id" = uuid::Uuid, Path, description = "The thread's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Posted", body = Comment), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn post(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<NewComment>, JsonRejection>) -> Result<(StatusCode, Json<Comment>), ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"body": "..."}"#)?;
    let id = parse_id(&id)?;
    let made = service::post(&state.app.db, &user, id, b.parent_id, Words { body: &b.body, said_by: b.said_by.as_deref() }).await?;
    Ok((StatusCode::CREATED, Json(comment_view(&state, user.id, made).await?)))
}

/// One comment.
#[utoipa::path(get, path = "/api/v1/comments/{id}", tag = "conversations", params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    responses((status = 200, description = "The comment", body = Comment), (status = 404, body = ApiError)))]
pub async fn get_comment(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Comment>, ApiError> {
    let id = parse_id(&id)?;
    let thread_id = service::thread_of_comment(&state.app.db, viewer(&user), id).await?;
    Ok(Json(find(service::get(&state.app.db, viewer(&user), thread_id).await?.0, id)?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentChange {
    pub body: String,
}

/// Changes the words of one's own comment; the earlier wording is kept.
#[utoipa::path(patch, path = "/api/v1/comments/{id}", tag = "conversations", request_body = CommentChange, params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Changed", body = Comment), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn edit(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<CommentChange>, JsonRejection>) -> Result<Json<Comment>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"body": "..."}"#)?;
    let id = parse_id(&id)?;
    service::edit(&state.app.db, &user, id, &b.body).await?;
    Ok(Json(comment_view(&state, user.id, id).await?))
}

/// Removes one's own comment, leaving "Comment removed by its author" in its place.
#[utoipa::path(delete, path = "/api/v1/comments/{id}", tag = "conversations", params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    security(("personal_access_token" = [])), responses((status = 204, description = "Removed"), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn remove(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<StatusCode, ApiError> {
    let user = signed_in(user)?;
    service::remove(&state.app.db, &user, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn reaction_kind(raw: &str) -> Result<ReactionKind, ApiError> {
    ReactionKind::parse(raw).ok_or_else(|| ApiError::invalid("kind", "A reaction is agree, concern or question."))
}

/// Gives one's reaction (`agree`, `concern` or `question`) on a comment.
#[utoipa::path(put, path = "/api/v1/comments/{id}/reactions/{kind}", tag = "conversations",
    params(("id" = uuid::Uuid, Path, description = "The comment's id"), ("kind" = String, Path, description = "agree, concern or question")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Given; the comment with its counts", body = Comment), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn react(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path((id, kind)): Path<(String, String)>) -> Result<Json<Comment>, ApiError> {
    let user = signed_in(user)?;
    let id = parse_id(&id)?;
    service::react(&state.app.db, &user, id, reaction_kind(&kind)?, Some(true)).await?;
    Ok(Json(comment_view(&state, user.id, id).await?))
}

/// Takes back one's reaction on a comment.
#[utoipa::path(delete, path = "/api/v1/comments/{id}/reactions/{kind}", tag = "conversations",
    params(("id" = uuid::Uuid, Path, description = "The comment's id"), ("kind" = String, Path, description = "agree, concern or question")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Taken back; the comment with its counts", body = Comment), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unreact(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path((id, kind)): Path<(String, String)>) -> Result<Json<Comment>, ApiError> {
    let user = signed_in(user)?;
    let id = parse_id(&id)?;
    service::react(&state.app.db, &user, id, reaction_kind(&kind)?, Some(false)).await?;
    Ok(Json(comment_view(&state, user.id, id).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub reason: String,
}

/// Hides a comment with a reason (co-chairs and convenors). The author is told.
#[utoipa::path(post, path = "/api/v1/comments/{id}/hide", tag = "conversations", request_body = Reason, params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Hidden", body = Comment), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn hide(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<Reason>, JsonRejection>) -> Result<Json<Comment>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"reason": "..."}"#)?;
    let id = parse_id(&id)?;
    service::hide(&state.app.db, &user, id, &b.reason).await?;
    Ok(Json(comment_view(&state, user.id, id).await?))
}

/// Shows a hidden comment again (co-chairs and convenors).
#[utoipa::path(post, path = "/api/v1/comments/{id}/show", tag = "conversations", params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    security(("personal_access_token" = [])), responses((status = 200, description = "Shown", body = Comment), (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn show(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>) -> Result<Json<Comment>, ApiError> {
    let user = signed_in(user)?;
    let id = parse_id(&id)?;
    service::unhide(&state.app.db, &user, id).await?;
    Ok(Json(comment_view(&state, user.id, id).await?))
}

/// Asks the space's leads to look at a comment.
#[utoipa::path(post, path = "/api/v1/comments/{id}/reports", tag = "conversations", request_body = Reason, params(("id" = uuid::Uuid, Path, description = "The comment's id")),
    security(("personal_access_token" = [])), responses((status = 201, description = "Reported to the leads"), (status = 400, body = ApiError), (status = 401, body = ApiError), (status = 404, body = ApiError)))]
pub async fn report(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, Path(id): Path<String>, body: Result<Json<Reason>, JsonRejection>) -> Result<StatusCode, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"reason": "..."}"#)?;
    service::report(&state.app.db, &user, parse_id(&id)?, &b.reason).await?;
    Ok(StatusCode::CREATED)
}

/// The caller's notifications, newest first, and how many are unread.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "conversations", params(ListParams), security(("personal_access_token" = [])),
    responses((status = 200, description = "A page of notifications", body = Page<Notification>), (status = 401, body = ApiError)))]
pub async fn my_notifications(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, params: Result<Query<ListParams>, QueryRejection>) -> Result<Response, ApiError> {
    let user = signed_in(user)?;
    let page = page_request(params)?;
    let unread = notifications::unread_count(&state.app.db, user.id).await?;
    let list = notifications::list(&state.app.db, user.id, page).await?;
    let mut response = Json(list).into_response();
    response.headers_mut().insert("x-unread-count", unread.into());
    Ok(response)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// One notification; leave out for all of them.
    #[serde(default)]
    pub id: Option<uuid::Uuid>,
}

/// Marks notifications read.
#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "conversations", request_body = MarkRead, security(("personal_access_token" = [])),
    responses((status = 200, description = "How many were marked read", body = Object), (status = 401, body = ApiError)))]
pub async fn mark_read(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, body: Result<Json<MarkRead>, JsonRejection>) -> Result<Json<serde_json::Value>, ApiError> {
    let user = signed_in(user)?;
    let b = json_body(body, r#"{"id": "..."} or {}"#)?;
    let marked = notifications::mark_read(&state.app.db, user.id, b.id).await?;
    Ok(Json(serde_json::json!({ "marked": marked })))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EventsQuery {
    /// Where to resume, for clients that cannot send the `Last-Event-ID` header.
    last_event_id: Option<String>,
}

/// How long a stream waits for a change before checking anyway (and sending a keep-alive).
const RECHECK: Duration = Duration::from_secs(15);

/// Live updates as Server-Sent Events: each event has an id, and reconnecting with
/// `Last-Event-ID` replays exactly the missed ones, from the database. Only events about what
/// the caller may read arrive. Without `Last-Event-ID`, the stream starts from now.
#[utoipa::path(get, path = "/api/v1/events", tag = "conversations", params(EventsQuery, ("Last-Event-ID" = Option<String>, Header, description = "The id of the last event received")),
    security(("personal_access_token" = [])), responses((status = 200, description = "A stream of events (text/event-stream)"), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn stream(State(state): State<AppState>, user: Option<Extension<CurrentUser>>, headers: HeaderMap, query: Result<Query<EventsQuery>, QueryRejection>) -> Result<Response, ApiError> {
    let user = signed_in(user)?;
    let Query(q) = query.map_err(|r| ApiError::invalid("query", format!("{r}. The parameter allowed is last_event_id.")))?;
    let from_header = headers.get("last-event-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let resume = from_header.or(q.last_event_id).filter(|s| !s.trim().is_empty());
    let last = match resume {
        Some(raw) => raw.trim().parse::<i64>().map_err(|_| ApiError::invalid("last_event_id", "Last-Event-ID must be the id of an event this stream sent (a whole number)."))?,
        None => events::latest_id(&state.app.db).await?,
    };
    let changes = state.pages.changes();
    let follower = Follower { state: state.clone(), person: user.id, last, pending: VecDeque::new(), changes };
    // Opening is the one read a stream makes of its own (what it missed, or where "now" is);
    // after that it reads from the instance's shared tail.
    let stream = futures_util::stream::unfold(follower, |mut f| async move {
        let event = f.next().await;
        Some((Ok::<_, std::convert::Infallible>(event), f))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(RECHECK)).into_response())
}

/// One open stream: where it is in the event log, and the signal that something changed.
struct Follower {
    state: AppState,
    person: uuid::Uuid,
    last: i64,
    pending: VecDeque<events::Event>,
    changes: tokio::sync::watch::Receiver<u64>,
}

impl Follower {
    async fn next(&mut self) -> SseEvent {
        loop {
            if let Some(e) = self.pending.pop_front() {
                let data = serde_json::json!({ "kind": e.kind, "thread_id": e.thread_id, "comment_id": e.comment_id, "at": e.at, "data": e.data });
                return SseEvent::default().id(e.id.to_string()).event(e.kind.clone()).data(data.to_string());
            }
            // Seen before reading, so a change that lands while reading wakes the wait below.
            let change = *self.changes.borrow_and_update();
            match self.read(change).await {
                Ok(batch) if !batch.is_empty() => {
                    self.last = batch.last().map_or(self.last, |e| e.id);
                    self.pending.extend(batch);
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not read events; trying again shortly"),
            }
            // Wait for a change here or on another instance, or check again after a while in
            // case a change went unheard (a listener reconnecting).
            let _ = tokio::time::timeout(RECHECK, self.changes.changed()).await;
        }
    }

    async fn read(&self, change: u64) -> domain::DomainResult<Vec<events::Event>> {
        // One read of the log serves every stream on this instance; what the person may read is
        // worked out again after every change, so a role taken away stops their events at once.
        self.state.events.after(&self.state.app.db, self.person, self.last, 100, change, RECHECK).await
    }
}
