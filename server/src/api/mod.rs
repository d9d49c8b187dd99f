//! The JSON API under `/api/v1`, following `shared/API.md`: JSON errors with a code and a plain
//! sentence, cursor pagination, unknown fields rejected, and an OpenAPI description generated
//! from the handlers below.

mod documents;
mod error;
mod members;
mod spaces;

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
                       Signed out, only what is published is visible.",
        version = "1"
    ),
    paths(crate::health::healthz, spaces::list_spaces, spaces::get_space, members::list_members, members::invite_member, documents::list, documents::create, documents::get, documents::revisions, documents::save, documents::revision, documents::diff),
    components(schemas(ApiError, error::ApiErrorBody, crate::health::Health, members::InviteRequest, members::InvitationSent, documents::NewDocument, documents::NewRevision, documents::RevisionText)),
    modifiers(&BearerAuth),
    tags((name = "spaces", description = "The board and its task-and-finish groups"), (name = "members", description = "Who takes part, and invitations"), (name = "documents", description = "Shared drafts and their versions"))
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

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .route("/spaces", get(spaces::list_spaces))
        .route("/spaces/{id}", get(spaces::get_space))
        .route("/spaces/{id}/members", get(members::list_members).post(members::invite_member))
        .route("/spaces/{id}/documents", get(documents::list).post(documents::create))
        .route("/documents/{id}", get(documents::get))
        .route("/documents/{id}/revisions", get(documents::revisions).post(documents::save))
        .route("/documents/{id}/revisions/{rev}", get(documents::revision))
        .route("/documents/{id}/diff", get(documents::diff))
        .fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "There is nothing at this address in the API. The list of addresses is at /api/v1/openapi.json.",
            )
        })
}
