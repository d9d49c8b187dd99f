//! Bad bodies (issue 18): every form route and every API route that takes a body, sent one
//! that is too large, cut short (in its words and on the wire), not UTF-8, or of another kind,
//! by a signed-in co-chair so each reaches as far into its handler as it can. Each answer is a
//! 4xx, never a 500. The form routes are read from the router's own source, and the API routes
//! from the OpenAPI document built from the declared route list, so a route added later is
//! covered without anyone remembering to add it here.

mod common;

use std::collections::BTreeMap;

use common::TestApp;
use sea_orm::EntityTrait;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// `(method, path)` of every form route: each `.route("/path", post(...))` in the router.
fn form_routes() -> Vec<(String, String)> {
    let source = include_str!("../src/lib.rs");
    let mut routes = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix(".route(\"") else { continue };
        let Some((path, handler)) = rest.split_once("\", ") else { continue };
        if handler.starts_with("post(") && !path.starts_with("/api/") {
            routes.push(("POST".to_owned(), path.to_owned()));
        }
    }
    assert!(routes.len() > 60, "the router's form routes were found ({} of them)", routes.len());
    // Those that end the session go last (a route that takes no body may act on a bad one), so
    // every other route is tried signed in.
    routes.sort_by_key(|(_, path)| path.starts_with("/sign-out") || path == "/account/sessions/end");
    routes
}

/// `(method, path)` of every API operation that takes a request body.
fn api_routes() -> Vec<(String, String)> {
    let doc = serde_json::to_value(<server::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    let mut routes = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().unwrap() {
            if operation.get("requestBody").is_some() {
                routes.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    assert!(routes.len() > 40, "the API's operations with bodies were found ({} of them)", routes.len());
    routes
}

/// The id of one real row of each kind, so requests reach the handlers' work rather than stop
/// at "not found"; keyed by the path segment that comes before `{id}`.
async fn real_ids(app: &TestApp) -> BTreeMap<&'static str, String> {
    use domain::entities::*;
    let db = &app.db;
    async fn first<E: EntityTrait>(db: &sea_orm::DatabaseConnection, id: impl Fn(E::Model) -> String) -> String {
        E::find().one(db).await.unwrap().map(id).unwrap_or_else(|| uuid::Uuid::now_v7().to_string())
    }
    let policy = domain::spaces::service::space_by_slug(db, "policy").await.unwrap().space.id.to_string();
    let document = first::<document::Entity>(db, |m| m.id.to_string()).await;
    let mut ids = BTreeMap::new();
    ids.insert("spaces", policy);
    ids.insert("documents", document);
    ids.insert("threads", first::<thread::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("comments", first::<comment::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("suggestions", first::<suggestion::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("meetings", first::<meeting::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("agenda-items", first::<agenda_item::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("actions", first::<action::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("outcomes", first::<outcome::Entity>(db, |m| m.id.to_string()).await);
    let feedback = first::<feedback_item::Entity>(db, |m| m.id.to_string()).await;
    ids.insert("you-said-we-did", feedback.clone());
    ids.insert("feedback", feedback);
    let term = first::<glossary_term::Entity>(db, |m| m.id.to_string()).await;
    ids.insert("terms", term.clone());
    ids.insert("glossary", term);
    let request = first::<glossary_request::Entity>(db, |m| m.id.to_string()).await;
    ids.insert("requests", request.clone());
    ids.insert("glossary-requests", request);
    ids.insert("outbox", first::<outbox::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("feedback-links", first::<feedback_link::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("vision", first::<vision_statement::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("rev", first::<revision::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("person_id", first::<person::Entity>(db, |m| m.id.to_string()).await);
    ids.insert("link_id", first::<feedback_link::Entity>(db, |m| m.id.to_string()).await);
    ids
}

/// The path with each `{name}` filled in with something real where there is something real.
fn fill(path: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let mut out = String::new();
    let mut before = "";
    for segment in path.split('/').skip(1) {
        out.push('/');
        let value = match segment {
            "{id}" => ids.get(before).cloned().unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
            "{slug}" => "policy".into(),
            "{number}" => "1".into(),
            "{kind}" => "agree".into(),
            "{key}" => "part-1".into(),
            "{file}" => "nothing-here.ics".into(),
            s if s.starts_with('{') => ids.get(s.trim_matches(['{', '}'])).cloned().unwrap_or_else(|| "nothing-here".into()),
            s => s.into(),
        };
        out.push_str(&value);
        before = segment;
    }
    out
}

/// What a bad body looks like, and what it is called in a failure message. `refused`: it must
/// get a 4xx; otherwise a route that takes no body (signing out, say) may ignore it, and only a
/// 5xx is a failure.
struct Bad {
    name: &'static str,
    content_type: &'static str,
    body: Vec<u8>,
    refused: bool,
}

fn form_bodies() -> Vec<Bad> {
    let mut too_large = b"body=".to_vec();
    too_large.resize(server::BODY_LIMIT_BYTES + 10, b'a');
    vec![
        Bad { name: "too large", content_type: "application/x-www-form-urlencoded", body: too_large, refused: true },
        Bad { name: "cut short in a character", content_type: "application/x-www-form-urlencoded", body: b"title=Caf%C3&body=%E2%80&name=%".to_vec(), refused: true },
        Bad { name: "not UTF-8", content_type: "application/x-www-form-urlencoded", body: b"title=caf\xe9\xff\xfe&body=\xc3\x28&display_name=\xed\xa0\x80&email=\xff@example.org".to_vec(), refused: true },
        Bad { name: "percent-encoded bytes that are not UTF-8", content_type: "application/x-www-form-urlencoded", body: b"title=%FF%FE&body=%C0%AF&note=%00".to_vec(), refused: true },
        Bad { name: "multipart with no end", content_type: "multipart/form-data; boundary=XyZ", body: b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nsaid,did\r\n\xff\xfe".to_vec(), refused: false },
        Bad { name: "JSON to a form", content_type: "application/json", body: br#"{"body": "hello"}"#.to_vec(), refused: false },
    ]
}

fn api_bodies() -> Vec<Bad> {
    let mut too_large = br#"{"body": ""#.to_vec();
    too_large.resize(server::BODY_LIMIT_BYTES + 10, b'a');
    too_large.extend_from_slice(br#""}"#);
    vec![
        Bad { name: "too large", content_type: "application/json", body: too_large, refused: true },
        Bad { name: "cut short", content_type: "application/json", body: br#"{"title": "Payments", "body": "Wh"#.to_vec(), refused: true },
        Bad { name: "not UTF-8", content_type: "application/json", body: b"{\"title\": \"caf\xe9\", \"body\": \"\xff\xfe\"}".to_vec(), refused: true },
        Bad { name: "a lone surrogate escape", content_type: "application/json", body: br#"{"title": "\ud800", "body": "\udfff"}"#.to_vec(), refused: true },
        Bad { name: "nested ten thousand deep", content_type: "application/json", body: format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(), refused: true },
        Bad { name: "a form to the API", content_type: "application/x-www-form-urlencoded", body: b"title=x&body=y".to_vec(), refused: true },
    ]
}

/// Sends a body whose Content-Length promises more than arrives (a connection that dropped
/// part way), then closes the sending side. The status line, if one came back.
async fn cut_off_on_the_wire(app: &TestApp, method: &str, path: &str, content_type: &str, auth: (&str, &str)) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\n{}: {}\r\nContent-Type: {content_type}\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n",
        app.addr, app.addr, auth.0, auth.1
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(b"body=only the start of what was promis").await.unwrap();
    stream.shutdown().await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(20), stream.read_to_end(&mut answer)).await.expect("the server answers or closes within 20 seconds");
    let text = String::from_utf8_lossy(&answer);
    text.strip_prefix("HTTP/1.1 ").and_then(|rest| rest.get(..3)).and_then(|code| code.parse().ok())
}

on_both_databases! {
    async fn bad_bodies_on_every_form_and_api_route_get_a_4xx(app: TestApp) {
        // Arrange: the demo board and a co-chair, signed in and with a token.
        app.load_demo().await;
        let cookie = app.set_up_first_account().await;
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let ids = real_ids(&app).await;
        let mut failures = Vec::new();
        let mut tried = 0;

        // Act and assert: each form route with each bad body, as the signed-in co-chair.
        for (method, path) in form_routes() {
            if !path.starts_with("/sign-out") && path != "/account/sessions/end" {
                let (status, html) = app.get_as("/account", &cookie).await;
                assert!(status == 200 && html.contains("marcia@example.org"), "still signed in before {path}");
            }
            let url = fill(&path, &ids);
            for bad in form_bodies() {
                let request = app.client.request(method.parse().unwrap(), app.url(&url))
                    .header("Cookie", &cookie)
                    .header("Origin", format!("http://{}", app.addr))
                    .header("Content-Type", bad.content_type)
                    .body(bad.body.clone());
                check(request, &method, &url, &bad, &mut failures).await;
                tried += 1;
            }
            let status = cut_off_on_the_wire(&app, &method, &url, "application/x-www-form-urlencoded", ("Cookie", &cookie)).await;
            if status.is_some_and(|s| s >= 500) {
                failures.push(format!("{method} {url} cut off on the wire: {status:?}"));
            }
            tried += 1;
        }
        // And each API operation that takes a body, with a token.
        for (method, path) in api_routes() {
            let url = fill(&path, &ids);
            for bad in api_bodies() {
                let request = app.client.request(method.parse().unwrap(), app.url(&url)).bearer_auth(&token).header("Content-Type", bad.content_type).body(bad.body.clone());
                check(request, &method, &url, &bad, &mut failures).await;
                tried += 1;
            }
            let status = cut_off_on_the_wire(&app, &method, &url, "application/json", ("Authorization", &format!("Bearer {token}"))).await;
            if status.is_some_and(|s| s >= 500) {
                failures.push(format!("{method} {url} cut off on the wire: {status:?}"));
            }
            tried += 1;
        }
        assert!(failures.is_empty(), "{} of {tried} bad bodies got a 5xx or no answer:\n{}", failures.len(), failures.join("\n"));
        assert!(tried > 700, "every route was tried ({tried} requests)");
        // The server is still answering, and nothing it was sent became a comment.
        assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    }
}

/// Sends `request` and notes a failure if the answer is 5xx, or if none came (tried twice: a
/// server may answer a too-large body before reading it and close the connection, and the
/// client can then miss the answer).
async fn check(request: reqwest::RequestBuilder, method: &str, url: &str, bad: &Bad, failures: &mut Vec<String>) {
    let (name, refused) = (bad.name, bad.refused);
    let again = request.try_clone().expect("bodies here are in memory");
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) => match again.send().await {
            Ok(r) => r,
            Err(err) => {
                failures.push(format!("{method} {url} with a body {name}: no answer ({err})"));
                return;
            }
        },
    };
    let status = response.status().as_u16();
    if status >= 500 || (refused && status < 400) {
        let text = response.text().await.unwrap_or_default();
        failures.push(format!("{method} {url} with a body {name}: {status} {}", text.chars().take(300).collect::<String>()));
    } else if name == "too large" && status != 413 {
        failures.push(format!("{method} {url} with a body {name}: {status}, not 413"));
    }
}
