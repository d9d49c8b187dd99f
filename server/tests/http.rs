//! HTTP tests of the real server: pages, health, the JSON API. Each runs on SQLite and PostgreSQL.

mod common;

use common::{Backend, TestApp};
use sea_orm::ConnectionTrait;

on_both_databases! {
    async fn healthz_reports_the_database(app: TestApp) {
        let (status, body) = app.get_json("/healthz").await;
        assert_eq!(status, 200);
        let expected = match app.backend { Backend::Sqlite => "sqlite", Backend::Postgres => "postgres" };
        assert_eq!(body, serde_json::json!({"status": "ok", "database": expected}));
    }

    async fn fresh_install_home_explains_how_to_start(app: TestApp) {
        let (status, html) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Welcome to Coboard</h1>"), "{html}");
        assert!(html.contains("coboard demo"));
        assert_accessible_shell(&html);
    }

    async fn demo_board_home_shows_vision_groups_and_co_chairs(app: TestApp) {
        app.load_demo().await;
        let (status, html) = app.get_text("/").await;
        assert_eq!(status, 200);
        assert_accessible_shell(&html);
        assert!(html.contains("<h1>Direct Payments Board</h1>"), "{html}");
        for words in [
            "Open and honest", "Flexible and creative", "Clear and simple",
            "Policy", "Communications, paperwork, finance and audit",
            "Recruitment and retention of personal assistants", "Support plans",
            "Marcia Okafor", "Expert by experience", "David Hughes", "Council staff",
        ] {
            assert!(html.contains(words), "home page should mention {words:?}");
        }
        let today = domain::dates::long_date(domain::dates::local_day(chrono::Utc::now(), domain::dates::zone_or_default(None)));
        assert!(html.contains(&format!("reported back to the board on {today}.")), "the reporting group is news: {html}");
        assert!(
            html.contains("5 people take part in the board: 2 experts by experience, 1 family carer, 2 council staff. 1 more person follows its work."),
            "perspectives are counted, and followers are not counted as taking part: {html}"
        );
        assert!(html.contains("<title>Direct Payments Board – Coboard</title>"), "{html}");
    }

    async fn vision_and_group_pages_render(app: TestApp) {
        app.load_demo().await;
        let (status, html) = app.get_text("/vision").await;
        assert_eq!(status, 200);
        assert_accessible_shell(&html);
        assert!(html.contains("<h2>Flexible and creative</h2>"));

        let (status, html) = app.get_text("/groups").await;
        assert_eq!(status, 200);
        assert_accessible_shell(&html);
        assert!(html.contains("Reporting back (1)"), "{html}");

        let (status, html) = app.get_text("/groups/policy").await;
        assert_eq!(status, 200);
        assert_accessible_shell(&html);
        assert!(html.contains("<h1>Policy</h1>"));
        assert!(html.contains("Alex Morgan"), "the convenor is named");
        assert!(html.contains("Started 1 September 2026. Planned to end 31 May 2027."), "{html}");
        assert!(html.contains("Planned end date moved from 31 March 2027 to 31 May 2027.") && html.contains("Reason: We want to hear from people at the spring drop-in sessions first."), "the demo's history shows: {html}");
    }

    async fn unknown_addresses_get_an_accessible_404(app: TestApp) {
        for path in ["/no-such-page", "/groups/no-such-group", "/groups/direct-payments-board"] {
            app.load_demo_once().await;
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 404, "{path}");
            assert_accessible_shell(&html);
            assert!(html.contains("We could not find that page"), "{path}: {html}");
            assert!(html.contains(r#"<a href="/">Go to the home page</a>"#));
        }
    }

    async fn api_lists_spaces_a_page_at_a_time(app: TestApp) {
        app.load_demo().await;
        let (status, body) = app.get_json("/api/v1/spaces?limit=2").await;
        assert_eq!(status, 200);
        let first = body["items"].as_array().unwrap();
        assert_eq!(first.len(), 2);
        assert_eq!(first[0]["kind"], "board");
        let cursor = body["next_cursor"].as_str().expect("more to come");

        let (_, body) = app.get_json(&format!("/api/v1/spaces?limit=2&cursor={cursor}")).await;
        let second = body["items"].as_array().unwrap();
        let (_, body3) = app.get_json(&format!("/api/v1/spaces?limit=2&cursor={}", body["next_cursor"].as_str().unwrap())).await;
        let third = body3["items"].as_array().unwrap();
        assert_eq!(first.len() + second.len() + third.len(), 5, "a board and four groups");
        assert!(body3["next_cursor"].is_null());

        let (_, groups) = app.get_json("/api/v1/spaces?kind=group").await;
        assert_eq!(groups["items"].as_array().unwrap().len(), 4);
        assert!(groups["items"].as_array().unwrap().iter().all(|g| g["status"].is_string()));
    }

    async fn api_shows_one_space_with_its_vision(app: TestApp) {
        app.load_demo().await;
        let (_, list) = app.get_json("/api/v1/spaces?kind=board").await;
        let id = list["items"][0]["id"].as_str().unwrap().to_owned();
        let (status, body) = app.get_json(&format!("/api/v1/spaces/{id}")).await;
        assert_eq!(status, 200);
        assert_eq!(body["space"]["name"], "Direct Payments Board");
        let titles: Vec<&str> = body["vision"].as_array().unwrap().iter().map(|v| v["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Open and honest", "Flexible and creative", "Clear and simple"]);
        assert_eq!(body["groups"].as_array().unwrap().len(), 4);
        assert_eq!(body["leads"].as_array().unwrap().len(), 2);
    }

    async fn api_errors_are_plain_json(app: TestApp) {
        let cases = [
            ("/api/v1/spaces?limit=0", 400, "invalid_input"),
            ("/api/v1/spaces?limit=abc", 400, "invalid_input"),
            ("/api/v1/spaces?cursor=xyz", 400, "invalid_input"),
            ("/api/v1/spaces?kind=club", 400, "invalid_input"),
            ("/api/v1/spaces?colour=red", 400, "invalid_input"),
            ("/api/v1/spaces/not-an-id", 400, "invalid_input"),
            ("/api/v1/spaces/0193a5c2-7f1e-7c3b-9a41-2d8e5f6a7b8c", 404, "not_found"),
            ("/api/v1/nothing-here", 404, "not_found"),
        ];
        for (path, want_status, want_code) in cases {
            let (status, body) = app.get_json(path).await;
            assert_eq!(status, want_status, "{path}: {body}");
            assert_eq!(body["error"]["code"], want_code, "{path}: {body}");
            let message = body["error"]["message"].as_str().unwrap();
            assert!(message.ends_with('.') && message.len() > 10, "{path}: a sentence, not {message:?}");
        }
        let response = app.client.delete(app.url("/api/v1/spaces")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 405);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }

    async fn openapi_describes_every_route(app: TestApp) {
        let (status, doc) = app.get_json("/api/v1/openapi.json").await;
        assert_eq!(status, 200);
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in ["/healthz", "/api/v1/spaces", "/api/v1/spaces/{id}"] {
            assert!(doc["paths"].get(path).is_some(), "{path} is described");
        }
        assert!(doc["components"]["schemas"].get("SpaceDetail").is_some());
    }

    async fn server_functions_answer_any_http_client(app: TestApp) {
        app.load_demo().await;
        let response = app
            .client
            .post(app.url("/fn/spaces/group"))
            .form(&[("slug", "support-plans")])
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["detail"]["space"]["name"], "Support plans");
        assert_eq!(body["can_invite"], false, "signed out");
    }

    async fn security_headers_on_every_answer(app: TestApp) {
        for path in ["/", "/healthz", "/api/v1/spaces", "/missing"] {
            let response = app.get(path).await;
            let headers = response.headers();
            assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
            assert!(headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"), "{path}");
            assert!(headers.contains_key("referrer-policy"), "{path}");
        }
    }

    async fn demo_loads_only_once(app: TestApp) {
        app.load_demo().await;
        let again = domain::demo::load(&app.db).await.unwrap();
        assert_eq!(again, domain::demo::DemoOutcome::AlreadyThere);
        let (_, body) = app.get_json("/api/v1/spaces").await;
        assert_eq!(body["items"].as_array().unwrap().len(), 5);
    }
}

/// Landmarks, language, skip link and exactly one `<h1>` on every page.
fn assert_accessible_shell(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"), "a full document");
    assert!(html.contains(r#"<html lang="en-GB""#), "the page language is set");
    let skip = html.find("Skip to main content").expect("a skip link");
    let body = html.find("<body>").expect("a body");
    assert!(html[body..skip].contains(r##"<a href="#main" class="skip-link">"##), "the skip link comes first in the body");
    for landmark in ["<header", "<nav aria-label=\"Main\"", "<main id=\"main\"", "<footer"] {
        assert!(html.contains(landmark), "missing {landmark}");
    }
    assert_eq!(html.matches("<h1").count(), 1, "exactly one h1: {html}");
    assert_eq!(html.matches("<title>").count(), 1, "exactly one title");
}

impl TestApp {
    /// Loads the demo unless an earlier step of the same test did.
    async fn load_demo_once(&self) {
        let _ = domain::demo::load(&self.db).await.unwrap();
    }
}

/// The health check says 503 while the database cannot be reached, and does not crash.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_is_503_when_postgres_goes_away() {
    let Some(app) = common::spawn_app(Backend::Postgres).await else { return };
    let (status, _) = app.get_json("/healthz").await;
    assert_eq!(status, 200);
    // Take the database away from under the running server (as a failed database host would).
    let name = app.database_url.rsplit('/').next().unwrap().to_owned();
    let admin = sea_orm::Database::connect(common::postgres_admin_url()).await.unwrap();
    admin.execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await.unwrap();
    let (status, body) = app.get_json("/healthz").await;
    assert_eq!(status, 503);
    assert_eq!(body, serde_json::json!({"status": "unavailable", "database": "postgres"}));
}

/// Another app starting in the same process (as happens in these tests, which start one per test)
/// never leaves a page waiting forever. Working out the page routes switches off data loading for
/// the whole process while it runs (leptos-rs/leptos#4773); a page that began loading then used to
/// hang, and one did hang CI. The routes are now worked out once, so asking again is harmless.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_keep_answering_while_another_app_starts() {
    let app = common::spawn_app(Backend::Sqlite).await.expect("SQLite always starts");
    app.load_demo().await;
    // Stops the route builder however this test ends, so a failure is reported, not waited on.
    struct StopOnDrop(std::sync::Arc<std::sync::atomic::AtomicBool>);
    impl Drop for StopOnDrop {
        fn drop(&mut self) {
            self.0.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _stop_on_drop = StopOnDrop(stop.clone());
    let starter = {
        let stop = stop.clone();
        tokio::task::spawn_blocking(move || {
            let mut started = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                assert!(!server::page_routes().is_empty());
                started += 1;
            }
            started
        })
    };
    for round in 0..150 {
        let path = ["/", "/groups/policy", "/published", "/glossary"][round % 4];
        let response = app
            .client
            .get(app.url(path))
            .timeout(std::time::Duration::from_secs(20))
            .send()
            .await
            .unwrap_or_else(|err| panic!("{path} did not answer on round {round}: {err}"));
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let html = response.text().await.unwrap_or_else(|err| panic!("{path} stopped part way on round {round}: {err}"));
        assert!(html.contains("</html>"), "{path} is complete");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(starter.await.unwrap() > 0);
}
