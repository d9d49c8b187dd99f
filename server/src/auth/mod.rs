//! Who is asking, and may their request act: the session middleware, the same-origin check on
//! every state-changing request (forms, server functions and the API alike), and cookies.

pub mod forms;

use std::net::SocketAddr;

use app::people::SessionHash;
use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::AppState;

pub const SESSION_COOKIE: &str = "coboard_session";
/// Display preferences of visitors who are not signed in (signed-in people keep theirs in the database).
pub const PREFERENCES_COOKIE: &str = "coboard_prefs";

/// The session token the request carried, for signing out.
#[derive(Clone)]
pub struct SessionToken(pub String);

/// Reads a cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// `Set-Cookie` for a session: HttpOnly, SameSite=Lax, Secure over HTTPS.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = domain::accounts::SESSION_DAYS_SECONDS;
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"))
        .expect("tokens are URL-safe")
}

pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")).expect("static")
}

/// The address a request came from, for rate limits and the audit log.
pub fn client_ip(req_extensions: &axum::http::Extensions) -> String {
    req_extensions.get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

/// Puts the signed-in person (if any) on the request, for pages, server functions and handlers.
pub async fn sessions(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let mut stale = false;
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    if let Some(token) = bearer {
        // A personal access token acts exactly as its owner. An unknown one is refused outright
        // rather than treated as signed out, so a script with a revoked token learns why.
        match domain::accounts::token_user(&state.app.db, &token).await {
            Ok(Some(user)) => {
                req.extensions_mut().insert(user);
            }
            Ok(None) => {
                return crate::api::ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "That access token is not valid: it may have been revoked. Make a new one on your account page.",
                )
                .into_response();
            }
            Err(_) => {}
        }
    } else if let Some(token) = cookie(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty()) {
        match domain::accounts::session_user(&state.app.db, &token).await {
            Ok(Some((user, hash))) => {
                req.extensions_mut().insert(user);
                req.extensions_mut().insert(SessionHash(hash));
                req.extensions_mut().insert(SessionToken(token));
            }
            Ok(None) => stale = true,
            // The database is unreachable: carry on signed out; the page will say what failed.
            Err(_) => {}
        }
    }
    let preferences = match req.extensions().get::<domain::people::CurrentUser>() {
        Some(user) => domain::people::service::preferences(&state.app.db, user.id).await.unwrap_or_default(),
        None => cookie(req.headers(), PREFERENCES_COOKIE).map(|c| domain::people::Preferences::from_cookie(&c)).unwrap_or_default(),
    };
    req.extensions_mut().insert(preferences);
    let mut response = next.run(req).await;
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(header::SET_COOKIE, clear_session_cookie(state.secure_cookies));
    }
    response
}

/// Refuses any state-changing request that a browser says came from another site. This is what
/// stops another website from making a signed-in person's browser post forms here (CSRF).
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let site_host = state.site_url.split_once("://").map(|(_, rest)| rest.trim_end_matches('/').to_owned());
    let origin_ok = match origin {
        None => true,
        Some(origin) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
            origin_host.is_some() && (origin_host == host || origin_host == site_host.as_deref())
        }
    };
    let fetch_ok = fetch_site.is_none_or(|s| s == "same-origin" || s == "none");
    if origin_ok && fetch_ok {
        return next.run(req).await;
    }
    tracing::warn!(?origin, ?fetch_site, path = %req.uri().path(), "refused a cross-origin request");
    let message = "This was sent from another website, so Coboard did not act on it. \
                   If you meant to do this, go back to Coboard, reload the page and try again.";
    if req.uri().path().starts_with("/api/") {
        return crate::api::ApiError::new(StatusCode::FORBIDDEN, "cross_origin", message).into_response();
    }
    let body = format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Not sent – Coboard</title>\
         <link rel=\"stylesheet\" href=\"/pkg/coboard.css\"></head><body><main id=\"main\" class=\"wrap\">\
         <h1>We did not act on that</h1><p>{message}</p><p><a href=\"/\">Go to the Coboard home page</a></p></main></body></html>"
    );
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], Body::from(body)).into_response()
}
