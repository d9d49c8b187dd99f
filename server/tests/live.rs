//! Live editing, through the websocket with a Rust Yjs client (`common/yjs.rs`), on SQLite and
//! PostgreSQL: two people writing at once see the same text; names come from the server; the
//! text is saved as a revision crediting both; a form save during the session is merged in, not
//! lost; people who may not edit are refused; two instances on one PostgreSQL converge; and a
//! server killed mid-session loses nothing it received.

mod common;
#[path = "common/yjs.rs"]
mod yjs;

use common::{free_port, start_binary, wait_until_up};
use yjs::YClient;
use domain::people::{Perspective, Role};
use reqwest::Method;

/// A draft in the demo's policy group, made with `token`: its id and first revision's id.
async fn draft(app: &common::TestApp, token: &str, body: &str) -> (String, String) {
    let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
    let (status, doc) = app
        .call(Method::POST, &format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Paying personal assistants", "kind": "policy", "body": body})), Some(token))
        .await;
    assert_eq!(status, 201, "{doc}");
    (doc["id"].as_str().unwrap().to_owned(), doc["revision"]["id"].as_str().unwrap().to_owned())
}

fn socket(addr: std::net::SocketAddr, doc: &str) -> String {
    format!("ws://{addr}/documents/{doc}/live/socket")
}

async fn revisions(app: &common::TestApp, token: &str, doc: &str) -> Vec<serde_json::Value> {
    let (status, page) = app.call(Method::GET, &format!("/api/v1/documents/{doc}/revisions"), None, Some(token)).await;
    assert_eq!(status, 200, "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn text_of(app: &common::TestApp, token: &str, doc: &str, number: i64) -> String {
    let (status, rev) = app.call(Method::GET, &format!("/api/v1/documents/{doc}/revisions/{number}"), None, Some(token)).await;
    assert_eq!(status, 200, "{rev}");
    rev["body"].as_str().unwrap().to_owned()
}

on_both_databases! {
    async fn two_people_writing_at_once_see_the_same_text_and_a_revision_credits_both(app: TestApp) {
        app.load_demo().await;
        let (alex, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let (sam, _) = app.person_with_token("Sam", Perspective::Staff, Some(Role::Member)).await;
        let start = "# Paying personal assistants\n\nWe pay on time.\n";
        let (doc, _) = draft(&app, &alex, start).await;

        let mut a = YClient::connect(&socket(app.addr, &doc), Some(&alex), None).await.expect("Alex joins");
        let mut b = YClient::connect(&socket(app.addr, &doc), Some(&sam), None).await.expect("Sam joins");
        a.wait_for_text("the newest version's text", |t| t == start).await;
        b.wait_for_text("the newest version's text", |t| t == start).await;

        // Names come from the server, whatever a client claims.
        a.announce(r##"{"user":{"name":"The Queen","color":"#ff0000"}}"##);
        b.announce(r#"{"user":{"name":"Sam","color":"not a colour"}}"#);
        // (A client keeps its own state itself; it hears the others'.)
        let names = b.wait_for_names("Alex's name", |n| !n.is_empty()).await;
        assert_eq!(names, vec!["Alex".to_owned()], "nobody is 'The Queen'");
        let names = a.wait_for_names("Sam's name", |n| !n.is_empty()).await;
        assert_eq!(names, vec!["Sam".to_owned()]);
        let json = b.awareness.lock().unwrap().values().next().cloned().unwrap();
        assert!(json.contains("#ff0000"), "a colour a client chose is kept: {json}");
        let json = a.awareness.lock().unwrap().values().next().cloned().unwrap();
        assert!(json.contains("#1d70b8"), "a colour that is not one is replaced: {json}");

        // Both type at once, a word at a time, at different places.
        let alex_words = ["Alex ", "writes ", "this ", "first. "];
        let sam_words = [" Sam", " adds", " this", " last."];
        let mut at = start.find("We").unwrap();
        for (x, y) in alex_words.iter().zip(sam_words.iter()) {
            a.type_at(at, x);
            at += x.len();
            b.type_at_end(y);
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let done = |t: &str| t.contains("Alex writes this first. We pay on time.") && t.ends_with(" Sam adds this last.");
        let seen_by_a = a.wait_for_text("both people's words", done).await;
        let seen_by_b = b.wait_for_text("both people's words", done).await;
        assert_eq!(seen_by_a, seen_by_b);
        assert_eq!(a.state().len(), b.state().len());

        // Saved on demand: a revision equal to the live text, crediting both.
        let response = app.client.post(app.url(&format!("/documents/{doc}/live/save"))).bearer_auth(&alex).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 303);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.ends_with("/live?saved=2"), "{location}");
        let revs = revisions(&app, &alex, &doc).await;
        assert_eq!(revs[0]["number"], 2);
        // Whoever's word was kept first is the author; the other wrote it with them.
        let mut credited = vec![revs[0]["author"].as_str().unwrap().to_owned()];
        credited.extend(revs[0]["written_with"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_owned()));
        credited.sort();
        assert_eq!(credited, vec!["Alex".to_owned(), "Sam".to_owned()], "{:?}", revs[0]);
        assert_eq!(text_of(&app, &alex, &doc, 2).await, seen_by_a);
        // Nothing new: nothing saved (the page says so, and so does the API).
        let response = app.client.post(app.url(&format!("/documents/{doc}/live/save"))).bearer_auth(&alex).send().await.unwrap();
        assert!(response.headers()["location"].to_str().unwrap().ends_with("saved=none"));
        let (status, answer) = app.call(Method::POST, &format!("/api/v1/documents/{doc}/live/save"), None, Some(&alex)).await;
        assert_eq!((status, answer), (200, serde_json::json!({"saved": null})));

        // An ordinary save while they write (from version 2) is merged into the live text.
        let head = revs[0]["id"].as_str().unwrap().to_owned();
        let form_text = seen_by_a.replace("We pay on time.", "We pay on time, every time.");
        let (status, saved) = app.call(Method::POST, &format!("/api/v1/documents/{doc}/revisions"), Some(serde_json::json!({"base_revision_id": head, "body": form_text})), Some(&sam)).await;
        assert_eq!(status, 201, "{saved}");
        b.type_at_end(" And more.");
        let merged = |t: &str| t.contains("We pay on time, every time.") && t.ends_with(" And more.") && t.contains("Alex writes this first.");
        a.wait_for_text("the form's words and the live words", merged).await;
        b.wait_for_text("the form's words and the live words", merged).await;

        // Saved through the API (with a token, as a script would).
        b.type_at_end(" Saved by a script.");
        a.wait_for_text("the script's words", |t| t.ends_with(" Saved by a script.")).await;
        let (status, answer) = app.call(Method::POST, &format!("/api/v1/documents/{doc}/live/save"), None, Some(&sam)).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(answer["saved"]["number"], 4, "{answer}");
        let (status, _) = app.call(Method::POST, &format!("/api/v1/documents/{doc}/live/save"), None, None).await;
        assert_eq!(status, 401);
        b.type_at_end(" Last words.");
        let seen_by_a = a.wait_for_text("the last words", |t| t.ends_with(" Last words.")).await;

        // When the last person leaves, the live text is saved: it holds everything.
        a.leave();
        b.leave();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let revs = revisions(&app, &alex, &doc).await;
            if revs[0]["number"] == 5 {
                assert_eq!(text_of(&app, &alex, &doc, 5).await, seen_by_a);
                assert_eq!(revs[0]["author"], "Sam");
                break;
            }
            assert!(std::time::Instant::now() < deadline, "no version was saved when everyone left: {revs:?}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }

        // Joining again starts from the same text (the updates were packed into one).
        let c = YClient::connect(&socket(app.addr, &doc), Some(&alex), None).await.unwrap();
        c.wait_for_text("the saved text", |t| t == seen_by_a).await;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let kept = domain::documents::live::updates(&app.db, uuid::Uuid::parse_str(&doc).unwrap()).await.unwrap();
            if kept.len() == 1 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the saved updates were not packed: {}", kept.len());
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    async fn people_who_may_not_write_are_refused(app: TestApp) {
        app.load_demo().await;
        let (alex, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let (olu, _) = app.person_with_token("Olu", Perspective::Carer, Some(Role::Observer)).await;
        let (outsider, _) = app.person_with_token("Rae", Perspective::Partner, None).await;
        let (doc, _) = draft(&app, &alex, "Draft words.\n").await;
        let url = socket(app.addr, &doc);

        let refused = YClient::connect(&url, None, None).await.err().expect("signed out is refused");
        assert_eq!(refused.status, 401);
        assert!(refused.body.contains("sign in"), "{}", refused.body);
        let refused = YClient::connect(&url, Some(&olu), None).await.err().expect("an observer is refused");
        assert_eq!(refused.status, 403);
        assert!(refused.body.contains("read this document but not change it"), "{}", refused.body);
        let refused = YClient::connect(&url, Some(&outsider), None).await.err().expect("someone outside the group is refused");
        assert_eq!(refused.status, 404);
        let refused = YClient::connect_with(&url, Some(&alex), None, Some("https://evil.example")).await.err().expect("another site is refused");
        assert_eq!(refused.status, 403);
        let refused = YClient::connect(&socket(app.addr, "not-a-document"), Some(&alex), None).await.err().unwrap();
        assert_eq!(refused.status, 404);
        // A plain GET (no websocket) is told what the address is for.
        let (status, _) = app.call(Method::GET, &format!("/documents/{doc}/live/socket"), None, Some(&alex)).await;
        assert_eq!(status, 426);

        // Nonsense is refused without changing the text, and the connection is closed.
        let a = YClient::connect(&url, Some(&alex), None).await.unwrap();
        a.wait_for_text("the draft", |t| t == "Draft words.\n").await;
        // A cut-off update is not applied (and so changes nothing); a message of no known kind
        // closes the connection with a reason.
        a.send_raw(vec![0, 2, 9, 0xff, 0xff, 0xff]);
        a.send_raw(vec![0, 7, 1, 2]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while a.closed.lock().unwrap().is_none() {
            assert!(std::time::Instant::now() < deadline, "the connection stayed open after nonsense");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let b = YClient::connect(&url, Some(&alex), None).await.unwrap();
        b.wait_for_text("the draft, unchanged", |t| t == "Draft words.\n").await;
    }
}

/// Two instances on one PostgreSQL, as behind a load balancer: a client on each converges, and
/// each sees who is on the other.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_on_two_instances_converge() {
    let Some(app) = common::spawn_app(common::Backend::Postgres).await else { return };
    common::within_time_limit(async move {
        app.load_demo().await;
        let second = app.second_instance().await;
        let (alex, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let (sam, _) = app.person_with_token("Sam", Perspective::Staff, Some(Role::Member)).await;
        let (doc, _) = draft(&app, &alex, "Start.\n").await;
        let mut a = YClient::connect(&socket(app.addr, &doc), Some(&alex), None).await.unwrap();
        let mut b = YClient::connect(&socket(second.addr, &doc), Some(&sam), None).await.unwrap();
        a.wait_for_text("the draft", |t| t == "Start.\n").await;
        b.wait_for_text("the draft", |t| t == "Start.\n").await;
        a.announce(r##"{"user":{"name":"a","color":"#00ff00"}}"##);
        b.announce(r##"{"user":{"name":"b","color":"#0000ff"}}"##);
        a.wait_for_names("Sam, on the other instance", |n| n.iter().any(|x| x == "Sam")).await;
        b.wait_for_names("Alex, on the other instance", |n| n.iter().any(|x| x == "Alex")).await;
        for i in 0..20 {
            a.type_at(0, &format!("a{i} "));
            b.type_at_end(&format!(" b{i}"));
        }
        let all = |t: &str| (0..20).all(|i| t.contains(&format!("a{i} ")) && t.contains(&format!(" b{i}")));
        let ta = a.wait_for_text("all forty words", all).await;
        let tb = b.wait_for_text("all forty words", all).await;
        let settle = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while a.text() != b.text() && std::time::Instant::now() < settle {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert_eq!(a.text(), b.text(), "{ta:?} / {tb:?}");
        // A newcomer on either instance gets the same.
        let c = YClient::connect(&socket(second.addr, &doc), Some(&alex), None).await.unwrap();
        let text = a.text();
        c.wait_for_text("the same text", |t| t == text).await;
    })
    .await;
}

/// Never saved on a pause during this test: only what was kept can come back.
const LIVE_ENV: &[(&str, &str)] = &[("COBOARD_LIVE_PAUSE_SECS", "3600")];

async fn killed_mid_session_loses_nothing(backend: common::Backend) {
    let Some(app) = common::spawn_app(backend).await else { return };
    common::within_time_limit(async move {
        app.load_demo().await;
        let (alex, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let (sam, _) = app.person_with_token("Sam", Perspective::Staff, Some(Role::Member)).await;
        let (doc, _) = draft(&app, &alex, "Before.\n").await;
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut server = start_binary(&app.database_url, data.path(), port, LIVE_ENV);
        wait_until_up(port).await;
        let url = format!("ws://127.0.0.1:{port}/documents/{doc}/live/socket");
        let a = YClient::connect(&url, Some(&alex), None).await.unwrap();
        let b = YClient::connect(&url, Some(&sam), None).await.unwrap();
        a.wait_for_text("the draft", |t| t == "Before.\n").await;
        let mut typed = String::from("Before.\n");
        for word in ["Every ", "word ", "the ", "server ", "passed ", "on ", "was ", "kept."] {
            a.type_at_end(word);
            typed.push_str(word);
        }
        // Sam's editor shows every word: the server had received (and kept) each one.
        b.wait_for_text("every word typed", |t| t == typed).await;
        server.kill().expect("kill -9");
        server.wait().unwrap();
        drop((a, b));

        let mut server = start_binary(&app.database_url, data.path(), port, LIVE_ENV);
        wait_until_up(port).await;
        let c = YClient::connect(&url, Some(&sam), None).await.unwrap();
        c.wait_for_text("the text from before the kill", |t| t == typed).await;
        // And it can be saved as a version like any other.
        c.type_at_end(" Then more.");
        c.wait_for_text("the new words", |t| t.ends_with("Then more.")).await;
        let response = app.client.post(format!("http://127.0.0.1:{port}/documents/{doc}/live/save")).bearer_auth(&sam).send().await.unwrap();
        assert!(response.headers()["location"].to_str().unwrap().ends_with("saved=2"), "{:?}", response.headers());
        let revs = revisions(&app, &alex, &doc).await;
        assert_eq!(revs[0]["author"], "Alex", "Alex typed first since the last version");
        assert_eq!(revs[0]["written_with"], serde_json::json!(["Sam"]));
        assert_eq!(text_of(&app, &alex, &doc, 2).await, format!("{typed} Then more."));
        server.kill().unwrap();
        server.wait().unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_session_loses_nothing_it_received_sqlite() {
    killed_mid_session_loses_nothing(common::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_killed_mid_session_loses_nothing_it_received_postgres() {
    killed_mid_session_loses_nothing(common::Backend::Postgres).await;
}
