//! Search on SQLite (FTS5) and PostgreSQL (tsvector), through the page (no JavaScript) and the
//! JSON API: the public finds only what is published; a member also finds what their spaces
//! hold; the index follows every change in the same transaction.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};
use reqwest::Method;

async fn person(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), password: Some("purple kettle island".into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    server::cli::create_token(&app.db, &email, None).await.unwrap()
}

async fn send(app: &common::TestApp, method: Method, path: String, body: Option<serde_json::Value>, token: Option<&str>) -> (u16, serde_json::Value) {
    let mut request = app.client.request(method, app.url(&path));
    if let Some(body) = body {
        request = request.json(&body);
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
}

/// The titles of what the API finds for `q`, as `token` (signed out when `None`).
async fn titles(app: &common::TestApp, q: &str, token: Option<&str>) -> Vec<String> {
    let (status, found) = send(app, Method::GET, format!("/api/v1/search?q={q}"), None, token).await;
    assert_eq!(status, 200, "{found}");
    found["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
}

/// Starts a document in the policy group and takes it all the way to published.
async fn published_document(app: &common::TestApp, alex: &str, priya: &str, title: &str, body: &str) -> String {
    let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
    let (status, doc) = send(app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": title, "kind": "policy", "body": body})), Some(alex)).await;
    assert_eq!(status, 201, "{doc}");
    let id = doc["id"].as_str().unwrap().to_owned();
    let rev = doc["revision"]["id"].as_str().unwrap().to_owned();
    assert_eq!(send(app, Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "out_for_comment", "revision_id": rev})), Some(alex)).await.0, 200);
    for who in [alex, priya] {
        assert_eq!(send(app, Method::PUT, format!("/api/v1/documents/{id}/consent"), Some(serde_json::json!({"revision_id": rev, "response": "agree"})), Some(who)).await.0, 200);
    }
    assert_eq!(send(app, Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "agreed"})), Some(priya)).await.0, 200);
    let (status, moved) = send(app, Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "published"})), Some(priya)).await;
    assert_eq!(status, 200, "{moved}");
    id
}

on_both_databases! {
    async fn the_public_finds_what_is_published_and_never_a_draft(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // the first account: a co-chair
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let published = published_document(&app, &alex, &priya, "Paying for help at home", "# Marmoset\n\nA **marmoset** service helps you find and pay personal assistants, and buy kumquats.\n").await;
        let (status, draft) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Marmoset fees draft", "kind": "policy", "body": "Secret thoughts on marmoset fees.\n"})), Some(&alex)).await;
        assert_eq!(status, 201);
        let draft_id = draft["id"].as_str().unwrap().to_owned();

        // Signed out: the published policy, found by a word in its text, and not the draft.
        let (status, found) = send(&app, Method::GET, "/api/v1/search?q=marmoset".into(), None, None).await;
        assert_eq!(status, 200);
        let items = found["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{found}");
        assert_eq!(items[0]["title"], "Paying for help at home");
        assert_eq!(items[0]["kind"], "document");
        assert_eq!(items[0]["public"], true);
        assert_eq!(items[0]["url"], format!("/documents/{published}/published"));
        assert!(items[0]["excerpt"].as_array().unwrap().iter().any(|p| p["found"] == true && p["text"].as_str().unwrap().eq_ignore_ascii_case("marmoset")), "{found}");
        assert!(!found.to_string().contains("Secret"), "the draft's words never reach the public");
        // Other forms of the word are found too (stemming), on both databases.
        assert_eq!(titles(&app, "kumquat", None).await, vec!["Paying for help at home"]);

        // The page, without JavaScript: the same, with the found word marked up for screen readers.
        let (status, html) = app.get_text("/search?q=marmoset").await;
        assert_eq!(status, 200);
        let html = html.replace("<!>", "");
        assert!(html.contains(&format!(r#"<a href="/documents/{published}/published">Paying for help at home</a>"#)), "{html}");
        assert!(html.contains(r#"<mark><span class="visually-hidden">found: </span>"#), "{html}");
        assert!(!html.contains("Marmoset fees draft") && !html.contains("Secret thoughts"), "{html}");
        assert!(html.contains("1 result found"));

        // A member finds the draft too, and the published one once (as the draft it is now).
        let mut member = titles(&app, "marmoset", Some(&alex)).await;
        member.sort();
        assert_eq!(member, vec!["Marmoset fees draft", "Paying for help at home"]);
        let (_, found) = send(&app, Method::GET, "/api/v1/search?q=marmoset".into(), None, Some(&alex)).await;
        let urls: Vec<&str> = found["items"].as_array().unwrap().iter().map(|i| i["url"].as_str().unwrap()).collect();
        assert!(urls.contains(&format!("/documents/{draft_id}").as_str()) && urls.contains(&format!("/documents/{published}").as_str()), "{urls:?}");

        // A new version changes what members find at once; the public still finds the published words.
        let (_, doc) = send(&app, Method::GET, format!("/api/v1/documents/{published}"), None, Some(&alex)).await;
        let rev = doc["revision"]["id"].as_str().unwrap().to_owned();
        let (status, _) = send(&app, Method::POST, format!("/api/v1/documents/{published}/revisions"), Some(serde_json::json!({"base_revision_id": rev, "body": "# Support\n\nA support service helps you hire capybaras.\n"})), Some(&alex)).await;
        assert_eq!(status, 201);
        assert_eq!(titles(&app, "marmoset", Some(&alex)).await, vec!["Marmoset fees draft"], "the draft of the policy no longer holds the word");
        assert_eq!(titles(&app, "capybara", Some(&alex)).await, vec!["Paying for help at home"]);
        assert_eq!(titles(&app, "marmoset", None).await, vec!["Paying for help at home"], "the published version is unchanged until published again");
        assert!(titles(&app, "capybara", None).await.is_empty(), "the new draft is not public");

        // Withdrawn, it is gone for the public.
        let other = published_document(&app, &alex, &priya, "Old rules", "The narwhal rules.\n").await;
        assert_eq!(titles(&app, "narwhal", None).await, vec!["Old rules"]);
        let (status, moved) = send(&app, Method::POST, format!("/api/v1/documents/{other}/status"), Some(serde_json::json!({"status": "withdrawn", "note": "Out of date"})), Some(&priya)).await;
        assert_eq!(status, 200, "{moved}");
        assert!(titles(&app, "narwhal", None).await.is_empty());
    }

    async fn comments_words_and_feedback_are_found_by_who_may_read_them(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await;
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let outsider = person(&app, "Olu", Perspective::Carer, None).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;

        // A comment in a discussion: found by the group's people, not by the public or someone outside.
        let (status, thread) = send(&app, Method::POST, "/api/v1/threads".into(), Some(serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Timesheets", "body": "The timesheet portal is confusing for zebrafinch reasons."})), Some(&alex)).await;
        assert_eq!(status, 201, "{thread}");
        assert_eq!(titles(&app, "zebrafinch", Some(&alex)).await, vec!["Timesheets"]);
        assert_eq!(titles(&app, "zebrafinch", Some(&priya)).await, vec!["Timesheets"], "a board co-chair reads every group");
        assert!(titles(&app, "zebrafinch", None).await.is_empty());
        assert!(titles(&app, "zebrafinch", Some(&outsider)).await.is_empty());
        // Removed, it is found by nobody.
        let (_, comments) = send(&app, Method::GET, format!("/api/v1/threads/{}/comments", thread["id"].as_str().unwrap()), None, Some(&alex)).await;
        let comment = comments["items"][0]["id"].as_str().unwrap().to_owned();
        assert_eq!(send(&app, Method::DELETE, format!("/api/v1/comments/{comment}"), None, Some(&alex)).await.0, 204);
        assert!(titles(&app, "zebrafinch", Some(&alex)).await.is_empty());

        // Glossary words are for everyone, as the glossary is.
        let (status, _) = send(&app, Method::POST, format!("/api/v1/spaces/{board}/glossary"), Some(serde_json::json!({"term": "Quokka payment", "explanation": "A made-up word for this test."})), Some(&priya)).await;
        assert_eq!(status, 201);
        assert_eq!(titles(&app, "quokka", None).await, vec!["Quokka payment"]);

        // Feedback: the board's people find it at once; the public once it is published.
        let (status, item) = send(&app, Method::POST, "/api/v1/feedback".into(), Some(serde_json::json!({"said": "The wombat form is far too long.", "source": "event"})), Some(&priya)).await;
        assert_eq!(status, 201, "{item}");
        let item = item["summary"]["id"].as_str().unwrap().to_owned();
        assert_eq!(titles(&app, "wombat", Some(&priya)).await, vec!["The wombat form is far too long."]);
        assert!(titles(&app, "wombat", None).await.is_empty());
        let (status, body) = send(&app, Method::PATCH, format!("/api/v1/feedback/{item}"), Some(serde_json::json!({"response": "We made the wombat form one page.", "published": true})), Some(&priya)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(titles(&app, "wombat", None).await, vec!["The wombat form is far too long."]);
        assert_eq!(titles(&app, "wombat", Some(&priya)).await.len(), 1, "once for a member, not twice");

        // An action is found by the group's people.
        let day = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
        let (status, meeting) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:00", "end": "12:00", "place": "Hall"})), Some(&priya)).await;
        assert_eq!(status, 201, "{meeting}");
        let (_, me) = send(&app, Method::GET, format!("/api/v1/spaces/{policy}/members"), None, Some(&alex)).await;
        let alex_id = me.as_array().unwrap().iter().find(|m| m["person"]["display_name"] == "Alex").map(|m| m["person"]["id"].as_str().unwrap().to_owned()).expect("Alex is a member");
        let (status, action) = send(&app, Method::POST, "/api/v1/actions".into(), Some(serde_json::json!({"meeting_id": meeting["id"], "what": "Ring the platypus team", "owner_id": alex_id, "due_on": day})), Some(&priya)).await;
        assert_eq!(status, 201, "{action}");
        assert_eq!(titles(&app, "platypus", Some(&alex)).await, vec!["Ring the platypus team"]);
        assert!(titles(&app, "platypus", None).await.is_empty());
        let (status, _) = send(&app, Method::PATCH, format!("/api/v1/actions/{}", action["id"].as_str().unwrap()), Some(serde_json::json!({"progress": "Left a message with the echidna desk"})), Some(&alex)).await;
        assert_eq!(status, 200);
        assert_eq!(titles(&app, "echidna", Some(&alex)).await, vec!["Ring the platypus team"], "progress is found as soon as it is written");
    }

    async fn the_feed_and_the_sitemap_hold_what_is_published_and_parse(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await;
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let (_, before) = app.get_text("/feed.atom").await;
        let id = published_document(&app, &alex, &priya, "Paying on time & <fairly>", "We pay on time.\n").await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        send(&app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Unpublished thoughts", "kind": "policy", "body": "Not yet.\n"})), Some(&alex)).await;

        // The Atom feed: read back with a real feed parser; changed at once by publishing.
        let response = app.get("/feed.atom").await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/atom+xml"));
        let feed = response.text().await.unwrap();
        assert_ne!(feed, before, "a feed kept from before the change is not served");
        let parsed = feed_rs::parser::parse(feed.as_bytes()).expect("the Atom feed parses");
        assert_eq!(parsed.feed_type, feed_rs::model::FeedType::Atom);
        let entry = parsed.entries.iter().find(|e| e.title.as_ref().is_some_and(|t| t.content == "Paying on time & <fairly>")).expect("the published document is in the feed");
        assert_eq!(entry.links[0].href, app.url(&format!("/documents/{id}/published")));
        assert!(!feed.contains("Unpublished thoughts"));
        assert!(parsed.entries.iter().all(|e| e.updated.is_some() && !e.id.is_empty()));

        // The sitemap: every public page, read back with a real XML parser.
        let (status, sitemap) = app.get_text("/sitemap.xml").await;
        assert_eq!(status, 200);
        let mut reader = quick_xml::Reader::from_str(&sitemap);
        let (mut locs, mut in_loc, mut root) = (Vec::new(), false, None);
        loop {
            match reader.read_event().expect("the sitemap is well-formed XML") {
                quick_xml::events::Event::Start(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    if root.is_none() {
                        let ns = e.attributes().flatten().find(|a| a.key.as_ref() == b"xmlns").map(|a| String::from_utf8(a.value.to_vec()).unwrap());
                        root = Some((name.clone(), ns));
                    }
                    in_loc = name == "loc";
                }
                quick_xml::events::Event::Text(t) if in_loc => locs.push(t.decode().unwrap().into_owned()),
                quick_xml::events::Event::End(_) => in_loc = false,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(root, Some(("urlset".to_owned(), Some("http://www.sitemaps.org/schemas/sitemap/0.9".to_owned()))));
        for path in ["/".to_owned(), "/vision".into(), "/groups".into(), "/groups/policy".into(), "/published".into(), "/you-said-we-did".into(), format!("/documents/{id}/published")] {
            assert!(locs.contains(&app.url(&path)), "{path} in {locs:?}");
        }
        for loc in &locs {
            assert_eq!(app.client.get(loc).send().await.unwrap().status().as_u16(), 200, "every address in the sitemap opens, signed out: {loc}");
        }

        // Each public page has one title, one description and one canonical address.
        for path in ["/", "/vision", "/groups", "/groups/policy", "/published", &format!("/documents/{id}/published"), "/you-said-we-did", "/glossary", "/search?q=pay", "/tell-us"] {
            let (status, html) = app.get_text(path).await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(html.matches("<title").count(), 1, "{path}: {}", &html[..html.find("</head>").unwrap_or(0)]);
            assert_eq!(html.matches(r#"<meta name="description" content=""#).count(), 1, "{path}: {html}");
            assert_eq!(html.matches(r#"rel="canonical""#).count(), 1, "{path}: {}", &html[..html.find("</head>").unwrap_or(0)]);
            let canonical = html.split(r#"" rel="canonical""#).next().unwrap().rsplit(r#"<link href=""#).next().unwrap();
            assert_eq!(canonical, app.url(path.split('?').next().unwrap()), "{path}");
        }
    }

    async fn anything_typed_is_safe_and_bad_requests_are_told_why(app: TestApp) {
        app.load_demo().await;
        for q in ["%22NEAR(a%20b)%22", "*", "a%27%20OR%201%3D1", "%26%7C!%3A*", "title%3Ax", "%E2%80%9Cquoted%E2%80%9D", "caf%C3%A9", &"x".repeat(5000)] {
            let (status, found) = send(&app, Method::GET, format!("/api/v1/search?q={q}"), None, None).await;
            assert_eq!(status, 200, "{q}: {found}");
            let (status, _) = app.get_text(&format!("/search?q={q}")).await;
            assert_eq!(status, 200, "{q}");
        }
        for (path, field) in [("/api/v1/search", "q"), ("/api/v1/search?q=", "q"), ("/api/v1/search?q=a&limit=0", "limit"), ("/api/v1/search?q=a&limit=51", "limit"), ("/api/v1/search?q=a&cursor=nope", "cursor"), ("/api/v1/search?q=a&colour=red", "query")] {
            let (status, err) = send(&app, Method::GET, path.into(), None, None).await;
            assert_eq!(status, 400, "{path}");
            assert_eq!(err["error"]["code"], "invalid_input", "{path}");
            assert_eq!(err["error"]["field"], field, "{path}");
        }
        let (status, html) = app.get_text("/search").await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"<form method="get" action="/search" role="search""#), "{html}");
    }

    async fn results_come_in_pages(app: TestApp) {
        let cookie = app.set_up_first_account().await;
        let _ = cookie;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        for n in 0..25 {
            let (status, _) = send(&app, Method::POST, format!("/api/v1/spaces/{board}/glossary"), Some(serde_json::json!({"term": format!("Kestrel {n}"), "explanation": "A kestrel word."})), Some(&token)).await;
            assert_eq!(status, 201);
        }
        let (_, first) = send(&app, Method::GET, "/api/v1/search?q=kestrel&limit=20".into(), None, None).await;
        assert_eq!(first["items"].as_array().unwrap().len(), 20);
        let cursor = first["next_cursor"].as_str().unwrap().to_owned();
        let (_, second) = send(&app, Method::GET, format!("/api/v1/search?q=kestrel&limit=20&cursor={cursor}"), None, None).await;
        assert_eq!(second["items"].as_array().unwrap().len(), 5);
        assert!(second["next_cursor"].is_null());
        let mut all: Vec<String> = first["items"].as_array().unwrap().iter().chain(second["items"].as_array().unwrap()).map(|i| i["title"].as_str().unwrap().to_owned()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 25, "every word once across the pages");
        let (_, html) = app.get_text(&format!("/search?q=kestrel&cursor={cursor}")).await;
        assert!(html.replace("<!>", "").contains("Results 21 to 25"), "{html}");
        let (_, html) = app.get_text("/search?q=kestrel").await;
        assert!(html.contains(r#"name="cursor""#) && html.contains("More results"));
    }

    async fn a_database_from_before_search_is_indexed_at_start(app: TestApp) {
        use sea_orm::EntityTrait;
        app.load_demo().await;
        let token = person(&app, "Priya", Perspective::Staff, None).await;
        let before = titles(&app, "payments", Some(&token)).await;
        assert!(!before.is_empty(), "the demo board speaks of payments");
        domain::entities::search_entry::Entity::delete_many().exec(&app.db).await.unwrap();
        assert!(titles(&app, "payments", Some(&token)).await.is_empty());
        server::db::migrate(&app.db).await.unwrap();
        let mut after = titles(&app, "payments", Some(&token)).await;
        let mut before = before;
        after.sort();
        before.sort();
        assert_eq!(after, before, "rebuilt from what the database holds, the same results");
    }
}
