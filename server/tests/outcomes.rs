//! Outcomes through the pages (no JavaScript) and the JSON API, on SQLite and PostgreSQL: a
//! board member drafts one, only a co-chair publishes it, the public then reads it with what it
//! rests on (only what they may open), and finds it in search, the feed and the sitemap.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};
use reqwest::Method;

/// A session cookie and a token for a new account; a board member when `on_board`.
async fn person(app: &common::TestApp, name: &str, on_board: Option<Role>) -> (String, String) {
    let email = format!("{}@example.org", name.to_lowercase());
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(Perspective::Expert), password: Some("purple kettle island".into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = on_board {
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        set_role(&app.db, board, p.id, role).await.unwrap();
    }
    let response = app.post_form("/sign-in", &[("email", &email), ("password", "purple kettle island")], None).await;
    (common::session_from(&response).unwrap(), server::cli::create_token(&app.db, &email, None).await.unwrap())
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

fn page(html: String) -> String {
    html.replace("<!>", "")
}

on_both_databases! {
    async fn a_member_drafts_a_co_chair_publishes_and_the_public_reads_it(app: TestApp) {
        app.load_demo().await;
        let (chair, chair_token) = person(&app, "Priya", None).await; // the first account: a co-chair
        let (member, member_token) = person(&app, "Alex", Some(Role::Member)).await;
        // Something published and something not, to link to.
        let published = domain::documents::agreeing::list_published(&app.db).await.unwrap();
        let published_doc = published.first().expect("the demo publishes a policy").clone();
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let (status, draft) = send(&app, Method::POST, format!("/api/v1/spaces/{board}/documents"), Some(serde_json::json!({"title": "A draft behind it", "kind": "policy", "body": "Not yet.\n"})), Some(&member_token)).await;
        assert_eq!(status, 201);
        let draft_id = draft["id"].as_str().unwrap().to_owned();

        // The form, without JavaScript: a problem keeps what was typed and ticked.
        let (status, html) = app.get_as("/outcomes/new", &member).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!(r#"value="document:{}""#, published_doc.id)), "the published policy can be ticked");
        let links = [("link", format!("document:{}", published_doc.id)), ("link", format!("document:{draft_id}"))];
        let mut fields: Vec<(&str, &str)> = vec![("title", ""), ("story", "Timesheets used to be four pages. Now they are **one**.")];
        fields.extend(links.iter().map(|(k, v)| (*k, v.as_str())));
        let response = app.post_form("/outcomes", &fields, Some(&member)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = page(response.text().await.unwrap());
        assert!(html.contains("Please give the outcome a title"), "{html}");
        assert!(html.contains("Timesheets used to be four pages."), "the story is kept");
        assert!(html.contains(&format!(r#"value="document:{draft_id}" checked"#)), "the ticks are kept: {html}");

        fields[0] = ("title", "Timesheets are one page now");
        let response = app.post_form("/outcomes", &fields, Some(&member)).await;
        assert_eq!(response.status().as_u16(), 303);
        let to = response.headers()["location"].to_str().unwrap().to_owned();
        let id = to.trim_start_matches("/outcomes/").split('?').next().unwrap().to_owned();
        let (_, html) = app.get_as(&to, &member).await;
        let html = page(html);
        assert!(html.contains("Saved. It stays a draft until a co-chair publishes it."));
        assert!(html.contains("<strong>one</strong>"), "the story is rendered");
        assert!(!html.contains("Publish it for everyone"), "a member cannot publish");

        // Not public yet: not on the page, in the API, in search or in the feed.
        assert_eq!(app.get_text(&format!("/outcomes/{id}")).await.0, 404);
        assert_eq!(send(&app, Method::GET, format!("/api/v1/outcomes/{id}"), None, None).await.0, 404);
        assert!(!app.get_text("/outcomes").await.1.contains("Timesheets are one page now"));
        let (_, found) = send(&app, Method::GET, "/api/v1/search?q=timesheets%20pages".into(), None, None).await;
        assert!(!found.to_string().contains("Timesheets are one page now"));
        let (_, found) = send(&app, Method::GET, "/api/v1/search?q=timesheets%20pages".into(), None, Some(&member_token)).await;
        assert!(found.to_string().contains("Timesheets are one page now"), "members find the draft: {found}");

        // Only a co-chair publishes.
        let response = app.post_form(&format!("/outcomes/{id}/publish"), &[("publish", "on")], Some(&member)).await;
        assert_eq!(response.status().as_u16(), 403);
        let html = page(response.text().await.unwrap());
        assert!(html.contains("co-chairs publish outcomes. You can still change the draft."), "{html}");
        let (status, err) = send(&app, Method::PATCH, format!("/api/v1/outcomes/{id}"), Some(serde_json::json!({"published": true})), Some(&member_token)).await;
        assert_eq!(status, 403);
        assert_eq!(err["error"]["code"], "forbidden");
        let response = app.post_form(&format!("/outcomes/{id}/publish"), &[("publish", "on")], Some(&chair)).await;
        assert_eq!(response.status().as_u16(), 303);

        // The public reads it, with the published policy linked and the draft left out.
        let (status, html) = app.get_text(&format!("/outcomes/{id}")).await;
        assert_eq!(status, 200);
        let html = page(html);
        assert!(html.contains("<h1>Timesheets are one page now</h1>"));
        assert!(html.contains(&format!(r#"<a href="/documents/{}/published">"#, published_doc.id)), "{html}");
        assert!(!html.contains("A draft behind it"), "a draft is not shown to the public");
        let (_, list) = app.get_text("/outcomes").await;
        assert!(list.contains(&format!(r#"<a href="/outcomes/{id}">Timesheets are one page now</a>"#)));
        let (_, found) = send(&app, Method::GET, "/api/v1/search?q=timesheets%20pages".into(), None, None).await;
        assert_eq!(found["items"][0]["url"], format!("/outcomes/{id}"), "{found}");
        assert_eq!(found["items"][0]["kind"], "outcome");
        let (_, feed) = app.get_text("/feed.atom").await;
        let parsed = feed_rs::parser::parse(feed.as_bytes()).unwrap();
        assert!(parsed.entries.iter().any(|e| e.links.iter().any(|l| l.href == app.url(&format!("/outcomes/{id}")))));
        let (_, sitemap) = app.get_text("/sitemap.xml").await;
        assert!(sitemap.contains(&app.url(&format!("/outcomes/{id}"))) && sitemap.contains(&app.url("/outcomes")));

        // Through the API: signed out it has the public links only; a member changes it.
        let (status, public) = send(&app, Method::GET, format!("/api/v1/outcomes/{id}"), None, None).await;
        assert_eq!(status, 200);
        assert_eq!(public["links"].as_array().unwrap().len(), 1, "{public}");
        let (_, theirs) = send(&app, Method::GET, format!("/api/v1/outcomes/{id}"), None, Some(&member_token)).await;
        assert_eq!(theirs["links"].as_array().unwrap().len(), 2);
        let (status, changed) = send(&app, Method::PATCH, format!("/api/v1/outcomes/{id}"), Some(serde_json::json!({"story": "One page, since March."})), Some(&member_token)).await;
        assert_eq!(status, 200, "{changed}");
        assert_eq!(changed["story"], "One page, since March.");
        assert_eq!(changed["links"].as_array().unwrap().len(), 2, "links left out stay as they were");
        let (status, err) = send(&app, Method::PATCH, format!("/api/v1/outcomes/{id}"), Some(serde_json::json!({"links": ["document:not-an-id"]})), Some(&member_token)).await;
        assert_eq!(status, 400);
        assert_eq!(err["error"]["field"], "links");
        // Taken down by a co-chair, it is gone for the public again.
        let (status, _) = send(&app, Method::PATCH, format!("/api/v1/outcomes/{id}"), Some(serde_json::json!({"published": false})), Some(&chair_token)).await;
        assert_eq!(status, 200);
        assert_eq!(app.get_text(&format!("/outcomes/{id}")).await.0, 404);
    }

    async fn outcomes_through_the_api(app: TestApp) {
        app.load_demo().await;
        let (_, chair) = person(&app, "Priya", None).await;
        let (_, outsider) = person(&app, "Olu", None).await;
        let (status, err) = send(&app, Method::POST, "/api/v1/outcomes".into(), Some(serde_json::json!({"title": "X", "story": "Y"})), Some(&outsider)).await;
        assert_eq!(status, 403, "{err}");
        let (status, made) = send(&app, Method::POST, "/api/v1/outcomes".into(), Some(serde_json::json!({"title": "Faster payments", "story": "Payments arrive in 5 days, not 20."})), Some(&chair)).await;
        assert_eq!(status, 201, "{made}");
        assert!(made["published_at"].is_null());
        let id = made["id"].as_str().unwrap().to_owned();
        let (_, list) = send(&app, Method::GET, "/api/v1/outcomes".into(), None, None).await;
        assert!(!list.to_string().contains("Faster payments"));
        let (status, _) = send(&app, Method::PATCH, format!("/api/v1/outcomes/{id}"), Some(serde_json::json!({"published": true})), Some(&chair)).await;
        assert_eq!(status, 200);
        let (status, list) = send(&app, Method::GET, "/api/v1/outcomes".into(), None, None).await;
        assert_eq!(status, 200);
        assert_eq!(list["items"][0]["title"], "Faster payments");
        let (status, err) = send(&app, Method::POST, "/api/v1/outcomes".into(), Some(serde_json::json!({"title": "X", "story": "", "colour": "red"})), Some(&chair)).await;
        assert_eq!(status, 400);
        assert_eq!(err["error"]["code"], "invalid_input");
    }
}
