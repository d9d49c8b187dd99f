//! The pages kept for signed-out visitors: kept and revalidated, never for anyone signed in,
//! dropped at once by a change (on every instance sharing one PostgreSQL database), one per set
//! of display preferences; and every HTML page's script policy.

mod common;

use std::time::Duration;

use common::TestApp;
use reqwest::header;

/// On PostgreSQL an instance keeps pages only once it listens for other instances' changes,
/// which takes a moment after it starts.
async fn until_listening(pages: &server::page_cache::PageCache) {
    for _ in 0..200 {
        if pages.active() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the instance never started listening for changes");
}

fn cache_outcome(response: &reqwest::Response) -> String {
    response.headers().get(server::page_cache::CACHE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("none").to_owned()
}

async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("request reaches the server")
}

/// GETs `path` with `headers`; returns how it was answered, its body and the statements it cost.
async fn visit(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> (u16, String, String, u64) {
    use std::sync::atomic::Ordering;
    let before = app.queries.load(Ordering::SeqCst);
    let response = get_with(app, path, headers).await;
    let (status, outcome) = (response.status().as_u16(), cache_outcome(&response));
    let body = response.text().await.unwrap();
    (status, outcome, body, app.queries.load(Ordering::SeqCst) - before)
}

on_both_databases! {
    async fn visitors_arriving_at_once_wait_for_one_rendering(app: TestApp) {
        use std::sync::atomic::Ordering;
        app.load_demo().await;
        until_listening(&app.pages).await;
        // What one rendering of the page costs, with nothing kept.
        app.pages.drop_all();
        let (_, _, _, one) = visit(&app, "/vision", &[]).await;
        assert!(one > 0);
        // Sixteen visitors at the same moment, with nothing kept: one of them renders the page,
        // the others are served what it kept.
        app.pages.drop_all();
        let before = app.queries.load(Ordering::SeqCst);
        let visits = (0..16).map(|_| visit(&app, "/vision", &[]));
        let answers = futures_util::future::join_all(visits).await;
        let used = app.queries.load(Ordering::SeqCst) - before;
        let bodies: std::collections::HashSet<&String> = answers.iter().map(|(_, _, body, _)| body).collect();
        assert!(answers.iter().all(|(status, _, _, _)| *status == 200));
        assert_eq!(bodies.len(), 1, "everyone got the same page");
        let stored = answers.iter().filter(|(_, outcome, _, _)| outcome == "stored").count();
        assert_eq!(stored, 1, "one rendering was kept: {:?}", answers.iter().map(|a| &a.1).collect::<Vec<_>>());
        assert_eq!(used, one, "sixteen visitors cost what one rendering costs");

        // Pages that are never kept (here, the sign-in form) are not held up behind each other.
        let visits = (0..8).map(|_| visit(&app, "/sign-in", &[]));
        let answers = futures_util::future::join_all(visits).await;
        assert!(answers.iter().all(|(status, outcome, _, _)| *status == 200 && outcome == "pass"));
    }
    async fn a_signed_out_page_is_kept_and_revalidated_with_etags(app: TestApp) {
        app.load_demo().await;
        until_listening(&app.pages).await;
        let (status, outcome, first, queries) = visit(&app, "/", &[]).await;
        assert_eq!((status, outcome.as_str()), (200, "stored"));
        assert!(queries > 0, "the first visit renders the page");
        let (status, outcome, second, queries) = visit(&app, "/", &[]).await;
        assert_eq!((status, outcome.as_str(), queries), (200, "hit", 0), "the next visitor costs no database work");
        assert_eq!(first, second, "the same bytes");

        let response = app.get("/").await;
        let headers = response.headers().clone();
        let etag = headers.get(header::ETAG).expect("an ETag").to_str().unwrap().to_owned();
        let modified = headers.get(header::LAST_MODIFIED).expect("a Last-Modified").to_str().unwrap().to_owned();
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache", "browsers check back before reusing it");
        assert!(headers[header::VARY].to_str().unwrap().contains("Cookie"), "no shared cache mixes visitors");

        let response = get_with(&app, "/", &[("If-None-Match", &etag)]).await;
        assert_eq!(response.status().as_u16(), 304);
        assert_eq!(response.headers()[header::ETAG].to_str().unwrap(), etag);
        assert!(response.bytes().await.unwrap().is_empty(), "a 304 has no body");
        let response = get_with(&app, "/", &[("If-None-Match", "\"something else\"")]).await;
        assert_eq!(response.status().as_u16(), 200);
        let response = get_with(&app, "/", &[("If-Modified-Since", &modified)]).await;
        assert_eq!(response.status().as_u16(), 304, "Last-Modified works too");

        // Compressed once when kept, and served to browsers that accept it.
        let response = get_with(&app, "/", &[("Accept-Encoding", "br")]).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        let compressed = response.bytes().await.unwrap();
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut plain).expect("valid brotli");
        assert_eq!(String::from_utf8(plain).unwrap(), first);
        let response = get_with(&app, "/", &[("Accept-Encoding", "gzip, br;q=0")]).await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let compressed = response.bytes().await.unwrap();
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&compressed[..]), &mut plain).expect("valid gzip");
        assert_eq!(plain, first);
    }

    async fn a_signed_in_page_is_never_kept_nor_served_from_the_cache(app: TestApp) {
        let marcia = app.set_up_first_account().await;
        until_listening(&app.pages).await;
        let (_, outcome, signed_out, _) = visit(&app, "/", &[]).await;
        assert_eq!(outcome, "stored");
        assert_eq!(visit(&app, "/", &[]).await.1, "hit");
        assert!(!signed_out.contains("Sign out"), "the signed-out page");
        for _ in 0..2 {
            let (status, outcome, html, queries) = visit(&app, "/", &[("Cookie", &marcia)]).await;
            assert_eq!((status, outcome.as_str()), (200, "pass"), "rendered for her alone, every time");
            assert!(queries > 0);
            assert!(html.contains("Sign out"), "her own page");
        }
        let response = get_with(&app, "/", &[("Cookie", &marcia)]).await;
        assert_eq!(response.headers()[header::CACHE_CONTROL], "private, no-cache", "no shared cache may keep it");
        assert!(response.headers().get(header::ETAG).is_none());
        // A token holder, and someone whose session has ended, are not served the kept page either.
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let (_, outcome, _, _) = visit(&app, "/", &[("Authorization", &format!("Bearer {token}"))]).await;
        assert_eq!(outcome, "pass");
        let (_, outcome, _, _) = visit(&app, "/", &[("Cookie", "coboard_session=ended-long-ago")]).await;
        assert_eq!(outcome, "pass");
        assert_eq!(visit(&app, "/", &[]).await.1, "hit", "signed-out visitors still get the kept page");
    }

    async fn a_write_drops_the_kept_pages_at_once(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        until_listening(&app.pages).await;
        visit(&app, "/glossary", &[]).await;
        let (_, outcome, before, _) = visit(&app, "/glossary", &[]).await;
        assert_eq!(outcome, "hit");
        assert!(!before.contains("Personal budget review"));
        // A form...
        let response = app
            .post_form("/glossary", &[("term", "Personal budget review"), ("explanation", "When the council checks your budget still fits your needs.")], Some(&marcia))
            .await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, outcome, after, _) = visit(&app, "/glossary", &[]).await;
        assert_eq!(outcome, "stored", "rendered afresh");
        assert!(after.contains("Personal budget review"), "the new word shows at once");
        // ...and the JSON API alike.
        assert_eq!(visit(&app, "/", &[]).await.1, "stored");
        assert_eq!(visit(&app, "/", &[]).await.1, "hit");
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().expect("a board").space.id;
        let response = app
            .client
            .patch(app.url(&format!("/api/v1/spaces/{board}")))
            .header("Cookie", &marcia)
            .header("Origin", format!("http://{}", app.addr))
            .json(&serde_json::json!({ "name": "Direct Payments Partnership Board" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{}", response.text().await.unwrap());
        let (_, outcome, home, _) = visit(&app, "/", &[]).await;
        assert_eq!(outcome, "stored");
        assert!(home.contains("Direct Payments Partnership Board"));
    }

    async fn visitors_with_different_display_preferences_get_their_own_pages(app: TestApp) {
        app.load_demo().await;
        until_listening(&app.pages).await;
        let large = [("Cookie", "coboard_prefs=text=large&contrast=high")];
        assert_eq!(visit(&app, "/vision", &[]).await.1, "stored");
        let (_, outcome, html, _) = visit(&app, "/vision", &large).await;
        assert_eq!(outcome, "stored", "not the standard page");
        assert!(html.contains(r#"data-text-size="large""#) && html.contains(r#"data-contrast="high""#), "{}", &html[..400]);
        let (_, outcome, html, _) = visit(&app, "/vision", &large).await;
        assert_eq!(outcome, "hit");
        assert!(html.contains(r#"data-contrast="high""#));
        let (_, outcome, html, _) = visit(&app, "/vision", &[]).await;
        assert_eq!(outcome, "hit");
        assert!(!html.contains("data-contrast"), "the standard page stays standard");
    }

    async fn a_page_with_no_island_loads_no_script_and_allows_none(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        for cookie in [None, Some(marcia.as_str())] {
            for path in ["/", "/groups/policy", "/glossary", "/no-such-page"] {
                let mut request = app.client.get(app.url(path));
                if let Some(cookie) = cookie {
                    request = request.header("Cookie", cookie);
                }
                let response = request.send().await.unwrap();
                let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
                let html = response.text().await.unwrap();
                assert!(!html.contains("<script") && !html.contains(".wasm") && !html.contains("nonce"), "{path}: no loader: {}", ["<script", ".wasm", "nonce"].iter().filter_map(|w| html.find(w).map(|i| &html[i.saturating_sub(200)..(i + 300).min(html.len())])).collect::<Vec<_>>().join("\n---\n"));
                assert!(policy.contains("script-src 'self';"), "{path}: {policy}");
                assert!(policy.contains("frame-ancestors 'none'"), "{path}: {policy}");
            }
        }
        // A form sent back to be put right is finished the same way.
        let response = app.post_form("/sign-in", &[("email", "marcia@example.org"), ("password", "not it")], None).await;
        assert_eq!(response.status().as_u16(), 422);
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert_eq!(response.headers()[header::CACHE_CONTROL], "private, no-cache");
        assert!(policy.contains("script-src 'self';"), "{policy}");
        assert!(!response.text().await.unwrap().contains("<script"));
    }
}

/// Two instances behind one load balancer, sharing one PostgreSQL database: a change made
/// through either drops the pages both keep, and an instance that loses its listening connection
/// keeps nothing it kept before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_sharing_postgres_drop_each_others_pages() {
    let Some(app) = common::spawn_app(common::Backend::Postgres).await else { return };
    common::within_time_limit(async move {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let other = app.second_instance().await;
        until_listening(&app.pages).await;
        until_listening(&other.pages).await;
        let get_other = |path: &'static str| {
            let (client, url) = (app.client.clone(), other.url(path));
            async move {
                let response = client.get(url).send().await.unwrap();
                let outcome = cache_outcome(&response);
                (outcome, response.text().await.unwrap())
            }
        };
        assert_eq!(get_other("/glossary").await.0, "stored");
        assert_eq!(get_other("/glossary").await.0, "hit");

        // The change goes through the first instance; the second hears of it.
        let response = app
            .post_form("/glossary", &[("term", "Payroll service"), ("explanation", "A company that pays your personal assistants for you.")], Some(&marcia))
            .await;
        assert_eq!(response.status().as_u16(), 303);
        let mut seen = false;
        for _ in 0..100 {
            let (outcome, html) = get_other("/glossary").await;
            if html.contains("Payroll service") {
                assert_ne!(outcome, "hit", "the new word comes from a fresh rendering");
                seen = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(seen, "the second instance dropped its page within two seconds");
        assert_eq!(get_other("/glossary").await.0, "hit", "and keeps the new one");

        // Cut the second instance's listening connection (as a network fault or a restart of
        // PostgreSQL would): while it cannot hear, it keeps nothing it kept before.
        assert!(!other.pages.is_empty());
        let name = app.database_url.rsplit('/').next().unwrap().to_owned();
        let admin = sea_orm::Database::connect(common::postgres_admin_url()).await.unwrap();
        use sea_orm::ConnectionTrait;
        let cut = admin
            .execute_unprepared(&format!(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND query LIKE 'LISTEN%'"
            ))
            .await
            .unwrap();
        assert!(cut.rows_affected() >= 1, "found the listening connections");
        let mut dropped = false;
        for _ in 0..100 {
            if other.pages.is_empty() {
                dropped = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(dropped, "pages kept before the cut are gone");
        until_listening(&other.pages).await;
        assert_ne!(get_other("/glossary").await.0, "hit");
    })
    .await;
}
