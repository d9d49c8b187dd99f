//! Who is asking, and may their request act: the session middleware, the same-origin check on
//! every state-changing request (forms, server functions and the API alike), and cookies.

pub mod forms;

use std::net::{IpAddr, SocketAddr};

use app::people::SessionHash;
use axum::{
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

/// The client's address, worked out once per request by `client_address`.
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// The address a request came from, for rate limits and the audit log.
pub fn client_ip(req_extensions: &axum::http::Extensions) -> String {
    req_extensions
        .get::<ClientIp>()
        .map(|c| c.0)
        .or_else(|| req_extensions.get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip()))
        .map_or_else(|| "unknown".into(), |ip| ip.to_canonical().to_string())
}

/// Puts the client's address on the request: the socket peer, or, when the peer is a trusted
/// reverse proxy, the address it says it is forwarding for.
pub async fn client_address(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let ip = forwarded_client(peer.ip(), req.headers(), &state.trusted_proxies);
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

/// The client behind `peer`. Each proxy appends the address it received from, so the chain reads
/// client, proxy, proxy... and then the peer itself. Walking back from the peer, every address
/// a trusted proxy reported is believed, and the first that is not itself a trusted proxy is the
/// client. Anything to its left was written by the client and could say anything.
pub fn forwarded_client(peer: IpAddr, headers: &HeaderMap, trusted: &crate::config::TrustedProxies) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.contains(peer) {
        return peer;
    }
    // `Forwarded` (RFC 7239) when the proxy sends it, else the older `X-Forwarded-For`.
    let joined = |name: header::HeaderName| {
        headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",")
    };
    let forwarded = joined(header::FORWARDED);
    let hops: Vec<Option<IpAddr>> = if !forwarded.trim().is_empty() {
        forwarded
            .split(',')
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                    .and_then(|(_, value)| hop_address(value))
            })
            .collect()
    } else {
        joined(header::HeaderName::from_static("x-forwarded-for")).split(',').filter(|h| !h.trim().is_empty()).map(hop_address).collect()
    };
    let mut client = peer;
    for hop in hops.into_iter().rev() {
        match hop {
            // A trusted proxy said so; keep walking while it is another of ours.
            Some(ip) => {
                client = ip.to_canonical();
                if !trusted.contains(client) {
                    break;
                }
            }
            // "unknown" or garbled: the nearest address we can believe stands for the client.
            None => break,
        }
    }
    client
}

/// One hop of a forwarding header: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"` or
/// `2001:db8::1`.
fn hop_address(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim().trim_matches('"');
    if let Some(rest) = raw.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    raw.parse().ok().or_else(|| raw.rsplit_once(':').and_then(|(ip, _port)| ip.parse::<std::net::Ipv4Addr>().ok()).map(IpAddr::V4))
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
            // Carrying on signed out would answer "sign in" to someone who is signed in: say
            // what is really wrong instead.
            Err(err) => return unavailable(req.uri().path(), err),
        }
    } else if let Some(token) = cookie(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty()) {
        match domain::accounts::session_user(&state.app.db, &token).await {
            Ok(Some((user, hash))) => {
                req.extensions_mut().insert(user);
                req.extensions_mut().insert(SessionHash(hash));
                req.extensions_mut().insert(SessionToken(token));
            }
            Ok(None) => stale = true,
            Err(err) => return unavailable(req.uri().path(), err),
        }
    }
    let preferences = match req.extensions().get::<domain::people::CurrentUser>() {
        Some(user) => domain::people::service::preferences(&state.app.db, user.id).await.unwrap_or_default(),
        None => cookie(req.headers(), PREFERENCES_COOKIE).map(|c| domain::people::Preferences::from_cookie(&c)).unwrap_or_default(),
    };
    req.extensions_mut().insert(preferences);
    // The header's unread count, on pages only (not the API, server functions or files).
    let path = req.uri().path();
    let page = !path.starts_with("/api/") && !path.starts_with("/pkg/") && !path.starts_with("/fn/");
    if page && let Some(user) = req.extensions().get::<domain::people::CurrentUser>() {
        let unread = domain::conversations::notifications::unread_count(&state.app.db, user.id).await.unwrap_or(0);
        req.extensions_mut().insert(domain::conversations::Unread(unread));
    }
    let mut response = next.run(req).await;
    if stale && !response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().append(header::SET_COOKIE, clear_session_cookie(state.secure_cookies));
    }
    response
}

/// The answer when we cannot tell who is asking because the database failed: 503 (or 500 for a
/// failure that is not the database being unavailable), as JSON for the API and as a small page
/// of its own otherwise, since rendering a whole page needs the database too.
pub(crate) fn unavailable(path: &str, err: domain::DomainError) -> Response {
    let status = match err {
        domain::DomainError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    if path.starts_with("/api/") || path.starts_with("/fn/") {
        return crate::api::ApiError::from(err).into_response();
    }
    let mut response = crate::plain_page(status, "Not available just now", "Coboard is not available just now", &err.to_string(), ("", "Try again"));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    }
    response
}

/// Whether the browser's `Origin` (when it sent one) is this site: the address it was reached
/// by, or the configured site address.
pub(crate) fn origin_is_here(headers: &axum::http::HeaderMap, site_url: &str) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return true };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let site_host = site_url.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
    let origin_host = origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/'));
    origin_host.is_some() && (origin_host == host || origin_host == site_host)
}

/// Refuses any state-changing request that a browser says came from another site. This is what
/// stops another website from making a signed-in person's browser post forms here (CSRF).
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    // An email's "change how often" link carries its own key and no cookie is needed or used,
    // so another site cannot borrow anyone's standing through it; and mail programs send the
    // one-click unsubscribe (RFC 8058) from wherever they run.
    if req.uri().path().starts_with("/email-settings/") {
        return next.run(req).await;
    }
    let headers = req.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let origin_ok = origin_is_here(headers, &state.site_url);
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
    crate::plain_page(StatusCode::FORBIDDEN, "Not sent", "We did not act on that", message, ("/", "Go to the Coboard home page"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::TrustedProxies;

    fn client(peer: &str, headers: &[(&str, &str)], trusted: &str) -> String {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(header::HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        forwarded_client(peer.parse().unwrap(), &map, &TrustedProxies::parse(trusted).unwrap()).to_string()
    }

    #[test]
    fn headers_count_only_from_a_trusted_proxy() {
        let xff = [("x-forwarded-for", "203.0.113.9")];
        assert_eq!(client("198.51.100.1", &xff, ""), "198.51.100.1", "no proxies trusted: the header is ignored");
        assert_eq!(client("198.51.100.1", &xff, "10.0.0.0/8"), "198.51.100.1", "from an untrusted peer: ignored");
        assert_eq!(client("10.0.0.2", &xff, "10.0.0.0/8"), "203.0.113.9");
        assert_eq!(client("10.0.0.2", &[], "10.0.0.0/8"), "10.0.0.2", "a proxy that says nothing is the client");
    }

    #[test]
    fn the_right_most_address_that_is_not_a_trusted_proxy_is_the_client() {
        // The client wrote "1.1.1.1" itself; our two proxies appended what they saw.
        let xff = [("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.0.0.3")];
        assert_eq!(client("10.0.0.2", &xff, "10.0.0.0/8"), "203.0.113.9");
        let split = [("x-forwarded-for", "1.1.1.1"), ("x-forwarded-for", "203.0.113.9:5555")];
        assert_eq!(client("10.0.0.2", &split, "10.0.0.0/8"), "203.0.113.9", "several header lines read as one list, ports dropped");
        let all_ours = [("x-forwarded-for", "10.0.0.9, 10.0.0.3")];
        assert_eq!(client("10.0.0.2", &all_ours, "10.0.0.0/8"), "10.0.0.9");
        let garbled = [("x-forwarded-for", "1.1.1.1, nonsense")];
        assert_eq!(client("10.0.0.2", &garbled, "10.0.0.0/8"), "10.0.0.2");
    }

    #[test]
    fn the_forwarded_header_is_read_too() {
        let forwarded = [("forwarded", r#"for=1.1.1.1, for="[2001:db8:cafe::17]:4711";proto=https, For=10.0.0.3;by=10.0.0.2"#)];
        assert_eq!(client("10.0.0.2", &forwarded, "10.0.0.0/8"), "2001:db8:cafe::17");
        let both = [("forwarded", "for=192.0.2.60:8080"), ("x-forwarded-for", "203.0.113.9")];
        assert_eq!(client("::ffff:10.0.0.2", &both, "10.0.0.0/8"), "192.0.2.60", "Forwarded wins, and a v4-mapped peer is v4");
        let hidden = [("forwarded", "for=_hidden, for=203.0.113.9")];
        assert_eq!(client("10.0.0.2", &hidden, "10.0.0.0/8"), "203.0.113.9");
        let unknown = [("forwarded", "for=unknown")];
        assert_eq!(client("10.0.0.2", &unknown, "10.0.0.0/8"), "10.0.0.2");
    }
}
