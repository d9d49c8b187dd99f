//! Form bodies that are not UTF-8 text. Browsers send forms as UTF-8 (every page says so), so
//! anything else comes from a broken program or a mangled connection. Decoding it anyway would
//! quietly turn letters into '\u{FFFD}' and save them: refusing it with a sentence is kinder, and
//! nothing typed into a page is lost (the browser still has it).

use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::{Method, StatusCode, header},
    middleware::Next,
    response::Response,
};

/// Refuses (400) a non-API form body, or a form's query string, that is not UTF-8 once its
/// `%XX` escapes are decoded.
pub async fn forms_are_utf8(req: Request, next: Next) -> Response {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    let path = req.uri().path();
    if path.starts_with("/api/") {
        return next.run(req).await;
    }
    if req.uri().query().is_some_and(|q| !decodes_to_utf8(q.as_bytes())) {
        return refused();
    }
    if !is_form || matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    // The body limit layer outside this one has already capped what can be read.
    let bytes = match to_bytes(body, crate::BODY_LIMIT_BYTES).await {
        Ok(bytes) => bytes,
        Err(err) => {
            // The limit's own error type is a crate deeper; its words are stable.
            let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&err);
            let mut too_large = false;
            while let Some(e) = cause {
                too_large |= e.to_string().contains("length limit");
                cause = e.source();
            }
            let (status, message) = if too_large {
                (StatusCode::PAYLOAD_TOO_LARGE, "What you sent is too large. Please send less at a time.")
            } else {
                (StatusCode::BAD_REQUEST, "What you sent did not all arrive. Please go back and send it again.")
            };
            return page(status, message);
        }
    };
    if !decodes_to_utf8(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn refused() -> Response {
    page(
        StatusCode::BAD_REQUEST,
        "What you sent had letters we could not read (it was not in the UTF-8 text format). Nothing was saved. \
         Please go back and send it again from the Coboard page.",
    )
}

fn page(status: StatusCode, message: &str) -> Response {
    crate::plain_page(status, "Not sent", "We could not read what you sent", message, ("/", "Go to the Coboard home page"))
}

/// Whether `raw` (`a=b&c=d`, `+` for a space, `%XX` escapes) is UTF-8 once decoded. A `%` not
/// followed by two hex digits stays as it is, as form decoders read it.
fn decodes_to_utf8(raw: &[u8]) -> bool {
    let mut decoded = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let byte = raw[i];
        if byte == b'%' && i + 2 < raw.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(raw[i + 1]), hex(raw[i + 2])) {
                decoded.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        decoded.push(byte);
        i += 1;
    }
    // Each name and value on its own: an escape cannot join two of them into one character.
    decoded.split(|b| *b == b'&').all(|pair| std::str::from_utf8(pair).is_ok())
}

#[cfg(test)]
mod tests {
    use super::decodes_to_utf8;

    #[test]
    fn reads_forms_as_browsers_send_them() {
        assert!(decodes_to_utf8(b"title=Caf%C3%A9+au+lait&body=%E2%80%9Chi%E2%80%9D"));
        assert!(decodes_to_utf8(b"a=100%&b=%zz&c=%"));
        assert!(decodes_to_utf8("name=Siân".as_bytes()));
        assert!(decodes_to_utf8(b""));
    }

    #[test]
    fn refuses_what_is_not_utf8() {
        assert!(!decodes_to_utf8(b"title=Caf%C3"));
        assert!(!decodes_to_utf8(b"title=%FF%FE"));
        assert!(!decodes_to_utf8(b"title=caf\xe9"));
        assert!(!decodes_to_utf8(b"a=%C3&b=%A9"), "an escape cannot join two fields into one letter");
    }
}
