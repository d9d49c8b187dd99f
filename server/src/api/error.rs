//! One error shape for every API answer that is not a success.

use axum::{
    Json,
    extract::Request,
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::DomainError;
use serde::Serialize;
use utoipa::ToSchema;

/// `{"error": {"code": "snake_case_code", "message": "Plain English sentence"}}`
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub error: ApiErrorBody,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiErrorBody {
    /// Stable, for programs: `not_found`, `invalid_input`, `database_unavailable`...
    pub code: String,
    /// For people: what went wrong and what to do.
    pub message: String,
    /// The input field at fault, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self { status, error: ApiErrorBody { code: code.to_owned(), message: message.into(), field: None } }
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        let mut err = Self::new(StatusCode::BAD_REQUEST, "invalid_input", message);
        err.error.field = Some(field.to_owned());
        err
    }
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        let status = match &err {
            DomainError::NotFound(_) => StatusCode::NOT_FOUND,
            DomainError::Invalid { .. } => StatusCode::BAD_REQUEST,
            DomainError::Conflict(_) => StatusCode::CONFLICT,
            DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
            DomainError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
            DomainError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            DomainError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        let field = match &err {
            DomainError::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        let mut api = Self::new(status, err.code(), err.to_string());
        api.error.field = field;
        api
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let unavailable = self.status == StatusCode::SERVICE_UNAVAILABLE;
        let mut response = (self.status, Json(self)).into_response();
        if unavailable {
            // The database is away or cannot take writes: worth trying again, not at once.
            response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from_static("30"));
        }
        response
    }
}

/// Makes sure every API error is JSON, including the ones axum and tower write themselves
/// (405 method not allowed, 413 body too large...), so clients can rely on one shape.
pub async fn json_errors(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let response = next.run(req).await;
    if !is_api {
        return response;
    }
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "This address does not accept that kind of request."),
        StatusCode::PAYLOAD_TOO_LARGE => ("body_too_large", "What you sent is too large. Please send less at a time."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "Please send JSON, with Content-Type: application/json."),
        s if s.is_client_error() => ("bad_request", "We could not understand that request. Please check it and try again."),
        _ => ("internal_error", "Something went wrong on our side. Please try again in a minute."),
    };
    let mut out = ApiError::new(status, code, message).into_response();
    // Keep headers such as Allow that tell the client what to do instead.
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}
