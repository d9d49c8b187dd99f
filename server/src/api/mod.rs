//! The JSON API under `/api/v1`, following `shared/API.md`: JSON errors with a code and a plain
//! sentence, cursor pagination, unknown fields rejected, and an OpenAPI description generated
//! from the handlers below.

mod conversations;
mod documents;
mod feedback;
mod glossary;
mod mail;
mod error;
mod meetings;
mod members;
mod outcomes;
mod search;
mod spaces;
mod suggestions;

use axum::{
    Extension, Json, Router,
    extract::rejection::JsonRejection,
    http::StatusCode,
    routing::get,
};
use domain::people::CurrentUser;
use utoipa::OpenApi;

pub use error::{ApiError, json_errors};

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Coboard API",
        description = "The same capabilities as Coboard's pages, for other council systems and scripts. \
                       Signed out, only what is published is visible. What makes or ends a way in stays in the pages on \
                       purpose, so a token that leaks cannot widen its own reach: signing in and out, sessions, tokens, \
                       supporters acting for someone, and calendar addresses. Writing live is a websocket outside this API, \
                       at /documents/{id}/live/socket, speaking the Yjs sync and awareness protocol (a token works there too).",
        version = "1"
    ),
    paths(crate::health::healthz, spaces::list_spaces, spaces::get_space, spaces::start_group, spaces::history, members::list_members, members::invite_member, members::leave, members::change_member, members::remove_member, spaces::change_vision, mail::preferences, mail::change_preferences, documents::restore, documents::save_live, meetings::move_item, meetings::remove_item, feedback::import, feedback::unlink, documents::list, documents::create, documents::get, documents::revisions, documents::save, documents::revision, documents::diff, documents::status, documents::change_status, documents::consent, documents::give_view, documents::decisions, documents::published, documents::published_list, documents::vision, documents::rate_vision, documents::easy_read, documents::write_easy_read, spaces::update_space, glossary::list, glossary::add, glossary::change, glossary::requests, glossary::ask, glossary::answer, suggestions::list, suggestions::create, suggestions::get, suggestions::comment, suggestions::accept, suggestions::decline, conversations::list, conversations::create, conversations::get, conversations::change, conversations::comments, conversations::post, conversations::get_comment, conversations::edit, conversations::remove, conversations::react, conversations::unreact, conversations::hide, conversations::show, conversations::report, conversations::my_notifications, conversations::mark_read, mail::settings, mail::change_settings, mail::outbox, mail::retry, mail::follow, mail::unfollow, conversations::stream, meetings::list, meetings::plan, meetings::get, meetings::change, meetings::agenda, meetings::add_item, meetings::add_paper, meetings::send_papers, meetings::attendance, meetings::change_attendance, meetings::calendar, meetings::record_decision, meetings::start_minutes, meetings::list_actions, meetings::add_action, meetings::get_action, meetings::update_action, feedback::list, feedback::create, feedback::get, feedback::change, feedback::updates, feedback::add_update, outcomes::list, outcomes::create, outcomes::get, outcomes::change, search::search),
    components(schemas(ApiError, error::ApiErrorBody, crate::health::Health, members::InviteRequest, members::InvitationSent, members::MyPlace, members::RoleChange, spaces::VisionChange, mail::PreferencesChange, domain::people::Preferences, domain::people::TextSize, domain::spaces::VisionStatement, meetings::Direction, meetings::ItemMove, feedback::ImportDone, domain::feedback::ImportPreview, domain::feedback::ImportRow, domain::feedback::BadRow, spaces::NewGroup, documents::NewDocument, documents::NewRevision, documents::RevisionText, documents::LiveSaved, documents::StatusReport, documents::StatusMove, documents::MyView, documents::StatementRating, documents::MyVisionCheck, documents::EasyReadPartBody, spaces::SpaceChange, glossary::NewTerm, glossary::TermChange, glossary::Ask, suggestions::NewSuggestion, suggestions::NewComment, suggestions::Decline, conversations::NewThread, conversations::ThreadChange, conversations::NewComment, conversations::CommentChange, conversations::Reason, conversations::MarkRead, mail::EmailSettings, domain::mail::OutboxOverview, domain::mail::OutboxMessage, domain::mail::MailKind, domain::mail::MailStatus, domain::people::EmailFrequency, meetings::NewMeeting, meetings::NewItem, meetings::NewPaper, meetings::PapersSent, meetings::Came, meetings::AttendanceChange, meetings::NewDecision, meetings::MinutesStarted, meetings::NewActionBody, meetings::ActionPatch, feedback::NewFeedbackBody, feedback::FeedbackPatch, feedback::NewUpdate, outcomes::NewOutcome, outcomes::OutcomePatch, domain::outcomes::Outcome, domain::outcomes::Outcomes, domain::outcomes::OutcomeSummary, domain::outcomes::OutcomeLink, domain::outcomes::LinkKind, domain::search::Results, domain::search::Found, domain::search::FoundKind, domain::search::Piece)),
    modifiers(&BearerAuth),
    tags((name = "spaces", description = "The board and its task-and-finish groups"), (name = "members", description = "Who takes part, and invitations"), (name = "documents", description = "Shared drafts and their versions"), (name = "conversations", description = "Comment threads, reactions, moderation, notifications and live events"), (name = "meetings", description = "Meetings, agendas, papers, attendance, decisions, minutes, calendars and actions"), (name = "feedback", description = "You Said We Did: what people told the board, what it did, and whether it made a difference"), (name = "outcomes", description = "What the work achieved: short stories with the policies, decisions and feedback behind them"), (name = "search", description = "Finding words across everything you may read"))
)]
pub struct ApiDoc;

/// The caller, or a 401 telling them how to authenticate.
pub(crate) fn signed_in(user: Option<Extension<CurrentUser>>) -> Result<CurrentUser, ApiError> {
    user.map(|Extension(u)| u).ok_or_else(|| {
        ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "Please send a personal access token: Authorization: Bearer <token>.")
    })
}

/// The JSON body, or a plain 400/415 showing what to send (`example`).
pub(crate) fn json_body<T>(body: Result<Json<T>, JsonRejection>, example: &str) -> Result<T, ApiError> {
    body.map(|Json(b)| b).map_err(|rejection| match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Please send JSON, with Content-Type: application/json.")
        }
        other => ApiError::invalid("body", format!("{}. Send {example}.", other.body_text().trim_end_matches('.'))),
    })
}

/// `?limit=` and `?cursor=`, for every list that takes nothing else.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// How many to return: 1 to 200, 50 if left out.
    limit: Option<String>,
    /// From the previous page's `next_cursor`.
    cursor: Option<String>,
}

/// Reads `?limit=&cursor=`, or says plainly which parameters are allowed.
pub(crate) fn page_request(params: Result<axum::extract::Query<ListParams>, axum::extract::rejection::QueryRejection>) -> Result<domain::page::PageRequest, ApiError> {
    let axum::extract::Query(params) = params.map_err(|rejection| ApiError::invalid("query", format!("{rejection}. The parameters allowed are limit and cursor.")))?;
    Ok(domain::page::PageRequest::parse(params.limit.as_deref(), params.cursor.as_deref())?)
}

/// Cuts one page from a whole list, in its order, with the last id seen as the cursor. Only for
/// lists that are short by nature or capped (a board's glossary words; at most
/// `glossary::service::MAX_OPEN_QUESTIONS` questions waiting). Longer lists page in the database.
pub(crate) fn page_of<T>(all: Vec<T>, page: domain::page::PageRequest, id: impl Fn(&T) -> uuid::Uuid) -> domain::page::Page<T> {
    let start = match page.after {
        Some(after) => all.iter().position(|item| id(item) == after).map(|i| i + 1).unwrap_or(all.len()),
        None => 0,
    };
    let mut items: Vec<T> = all.into_iter().skip(start).take(page.limit as usize + 1).collect();
    let next_cursor = (items.len() as u64 > page.limit).then(|| {
        items.truncate(page.limit as usize);
        domain::page::encode_cursor(id(items.last().expect("a full page")))
    });
    domain::page::Page { items, next_cursor }
}

/// Reads an id from a path, or says plainly what an id looks like.
pub(crate) fn parse_id(raw: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::try_parse(raw)
        .map_err(|_| ApiError::invalid("id", "That is not a valid id. Ids look like 0193a5c2-7f1e-7c3b-9a41-2d8e5f6a7b8c."))
}

/// Declares `Authorization: Bearer <personal access token>` in the OpenAPI document.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "personal_access_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some("A personal access token from your account page or `coboard token create`")).build()),
        );
    }
}

/// Every API route, declared once: the router is built from this list and the same list is
/// kept as [`ROUTES`], so a test can compare what is served with the OpenAPI document.
macro_rules! api_routes {
    ($($path:literal => $first:ident($h:path) $(. $more:ident($h2:path))* ;)*) => {
        /// `(path, methods)` for every route the API serves, besides `/openapi.json`.
        pub const ROUTES: &[(&str, &[&str])] = &[$(($path, &[stringify!($first) $(, stringify!($more))*])),*];

        fn served() -> Router<AppState> {
            Router::new()$(.route($path, axum::routing::$first($h)$(.$more($h2))*))*
        }
    };
}

api_routes! {
    "/spaces" => get(spaces::list_spaces).post(spaces::start_group);
    "/spaces/{id}" => get(spaces::get_space).patch(spaces::update_space);
    "/spaces/{id}/history" => get(spaces::history);
    "/spaces/{id}/members" => get(members::list_members).post(members::invite_member);
    "/spaces/{id}/members/me" => delete(members::leave);
    "/spaces/{id}/members/{person_id}" => put(members::change_member).delete(members::remove_member);
    "/vision/{id}" => patch(spaces::change_vision);
    "/preferences" => get(mail::preferences).put(mail::change_preferences);
    "/spaces/{id}/documents" => get(documents::list).post(documents::create);
    "/documents/{id}" => get(documents::get);
    "/documents/{id}/revisions" => get(documents::revisions).post(documents::save);
    "/documents/{id}/revisions/{rev}" => get(documents::revision);
    "/documents/{id}/revisions/{rev}/restore" => post(documents::restore);
    "/documents/{id}/live/save" => post(documents::save_live);
    "/documents/{id}/diff" => get(documents::diff);
    "/documents/{id}/status" => get(documents::status).post(documents::change_status);
    "/documents/{id}/consent" => get(documents::consent).put(documents::give_view);
    "/documents/{id}/decisions" => get(documents::decisions);
    "/documents/{id}/vision" => get(documents::vision).put(documents::rate_vision);
    "/documents/{id}/easy-read" => get(documents::easy_read);
    "/documents/{id}/easy-read/{key}" => put(documents::write_easy_read);
    "/documents/{id}/published" => get(documents::published);
    "/published" => get(documents::published_list);
    "/documents/{id}/suggestions" => get(suggestions::list).post(suggestions::create);
    "/suggestions/{id}" => get(suggestions::get);
    "/suggestions/{id}/comments" => post(suggestions::comment);
    "/suggestions/{id}/accept" => post(suggestions::accept);
    "/suggestions/{id}/decline" => post(suggestions::decline);
    "/spaces/{id}/glossary" => get(glossary::list).post(glossary::add);
    "/glossary/{id}" => patch(glossary::change);
    "/glossary-requests" => get(glossary::requests).post(glossary::ask);
    "/glossary-requests/{id}/answer" => post(glossary::answer);
    "/threads" => get(conversations::list).post(conversations::create);
    "/threads/{id}" => get(conversations::get).patch(conversations::change);
    "/threads/{id}/comments" => get(conversations::comments).post(conversations::post);
    "/comments/{id}" => get(conversations::get_comment).patch(conversations::edit).delete(conversations::remove);
    "/comments/{id}/reactions/{kind}" => put(conversations::react).delete(conversations::unreact);
    "/comments/{id}/hide" => post(conversations::hide);
    "/comments/{id}/show" => post(conversations::show);
    "/comments/{id}/reports" => post(conversations::report);
    "/notifications" => get(conversations::my_notifications);
    "/notifications/read" => post(conversations::mark_read);
    "/notifications/settings" => get(mail::settings).put(mail::change_settings);
    "/outbox" => get(mail::outbox);
    "/outbox/{id}/retry" => post(mail::retry);
    "/documents/{id}/follow" => put(mail::follow).delete(mail::unfollow);
    "/events" => get(conversations::stream);
    "/spaces/{id}/meetings" => get(meetings::list).post(meetings::plan);
    "/meetings/{id}" => get(meetings::get).patch(meetings::change);
    "/meetings/{id}/agenda" => get(meetings::agenda).post(meetings::add_item);
    "/agenda-items/{id}" => patch(meetings::move_item).delete(meetings::remove_item);
    "/agenda-items/{id}/papers" => post(meetings::add_paper);
    "/meetings/{id}/papers/send" => post(meetings::send_papers);
    "/meetings/{id}/attendance" => get(meetings::attendance).put(meetings::change_attendance);
    "/meetings/{id}/calendar.ics" => get(meetings::calendar);
    "/meetings/{id}/decisions" => post(meetings::record_decision);
    "/meetings/{id}/minutes" => post(meetings::start_minutes);
    "/actions" => get(meetings::list_actions).post(meetings::add_action);
    "/actions/{id}" => get(meetings::get_action).patch(meetings::update_action);
    "/feedback" => get(feedback::list).post(feedback::create);
    "/feedback/import" => post(feedback::import);
    "/feedback/{id}" => get(feedback::get).patch(feedback::change);
    "/feedback/{id}/links/{link_id}" => delete(feedback::unlink);
    "/feedback/{id}/updates" => get(feedback::updates).post(feedback::add_update);
    "/outcomes" => get(outcomes::list).post(outcomes::create);
    "/outcomes/{id}" => get(outcomes::get).patch(outcomes::change);
    "/search" => get(search::search);
}

/// With `COBOARD_RECORD_OPERATIONS` set to a file, every API operation that answers with success
/// is written to it once per process (`GET /api/v1/documents/{id}`): the test command uses it to
/// check that the integration tests exercise every operation in the OpenAPI document.
async fn record_operation(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use std::io::Write;
    static FILE: std::sync::OnceLock<Option<std::sync::Mutex<(std::fs::File, std::collections::HashSet<String>)>>> = std::sync::OnceLock::new();
    let file = FILE.get_or_init(|| {
        let path = std::env::var_os("COBOARD_RECORD_OPERATIONS")?;
        let f = std::fs::OpenOptions::new().create(true).append(true).open(path).ok()?;
        Some(std::sync::Mutex::new((f, std::collections::HashSet::new())))
    });
    let Some(file) = file else { return next.run(request).await };
    let method = request.method().as_str().to_owned();
    let matched = request.extensions().get::<axum::extract::MatchedPath>().map(|m| m.as_str().to_owned());
    let response = next.run(request).await;
    if let Some(path) = matched
        && response.status().is_success()
    {
        let path = if path.starts_with("/api/v1") { path } else { format!("/api/v1{path}") };
        let line = format!("{method} {path}");
        let mut guard = file.lock().expect("not poisoned");
        let (f, seen) = &mut *guard;
        if seen.insert(line.clone()) {
            let _ = writeln!(f, "{line}");
        }
    }
    response
}

pub fn router() -> Router<AppState> {
    served()
        .route_layer(axum::middleware::from_fn(record_operation))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "There is nothing at this address in the API. The list of addresses is at /api/v1/openapi.json.",
            )
        })
}
