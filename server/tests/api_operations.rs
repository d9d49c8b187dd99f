//! API operations the other files reach only through the pages: each done with a token and
//! checked, on SQLite and PostgreSQL, so every operation in the OpenAPI document is exercised
//! with success somewhere (`.ci/test` checks that from what the server records).

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};
use reqwest::Method;

async fn token_for(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), ..Default::default() }).await.unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    server::cli::create_token(&app.db, &email, None).await.unwrap()
}

async fn send(app: &common::TestApp, method: Method, path: String, body: Option<serde_json::Value>, token: &str) -> (u16, serde_json::Value) {
    let mut request = app.client.request(method, app.url(&path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
}

on_both_databases! {
    async fn moderation_notifications_suggestions_history_and_papers_through_the_api(app: TestApp) {
        app.load_demo().await;
        let priya = token_for(&app, "Priya", Perspective::Staff, None).await; // the first account: a co-chair
        let alex = token_for(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;

        // A space's history, oldest first.
        let (status, history) = send(&app, Method::GET, format!("/api/v1/spaces/{policy}/history"), None, &alex).await;
        assert_eq!(status, 200, "{history}");
        assert!(!history.as_array().unwrap().is_empty(), "the demo group has a history");

        // Moderation: Alex reports a comment of Priya's; Priya, a lead, hides it, then shows it again.
        let (status, thread) = send(&app, Method::POST, "/api/v1/threads".into(), Some(serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Rotas", "body": "Mention @Alex: rotas are late."})), &priya).await;
        assert_eq!(status, 201, "{thread}");
        let (_, comments) = send(&app, Method::GET, format!("/api/v1/threads/{}/comments", thread["id"].as_str().unwrap()), None, &alex).await;
        let comment = comments["items"][0]["id"].as_str().unwrap().to_owned();
        let (status, _) = send(&app, Method::POST, format!("/api/v1/comments/{comment}/reports"), Some(serde_json::json!({"reason": "It names someone"})), &alex).await;
        assert_eq!(status, 201);
        let (status, hidden) = send(&app, Method::POST, format!("/api/v1/comments/{comment}/hide"), Some(serde_json::json!({"reason": "Names a person"})), &priya).await;
        assert_eq!(status, 200, "{hidden}");
        assert!(hidden.to_string().contains("Names a person"), "{hidden}");
        let (status, shown) = send(&app, Method::POST, format!("/api/v1/comments/{comment}/show"), None, &priya).await;
        assert_eq!(status, 200, "{shown}");
        assert!(shown.to_string().contains("rotas are late"), "{shown}");

        // Notifications: Alex was mentioned; marking all read leaves none unread.
        let response = app.client.get(app.url("/api/v1/notifications")).bearer_auth(&alex).send().await.unwrap();
        let unread: u32 = response.headers()["x-unread-count"].to_str().unwrap().parse().unwrap();
        assert!(unread >= 1, "the mention is waiting");
        let (status, marked) = send(&app, Method::POST, "/api/v1/notifications/read".into(), Some(serde_json::json!({})), &alex).await;
        assert_eq!(status, 200, "{marked}");
        let response = app.client.get(app.url("/api/v1/notifications")).bearer_auth(&alex).send().await.unwrap();
        assert_eq!(response.headers()["x-unread-count"], "0");

        // A suggestion declined with a reason.
        let (status, doc) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Rota rules", "kind": "policy", "body": "Utilise the rota.\n"})), &alex).await;
        assert_eq!(status, 201);
        let (doc_id, rev) = (doc["id"].as_str().unwrap().to_owned(), doc["revision"]["id"].as_str().unwrap().to_owned());
        let (status, suggestion) = send(&app, Method::POST, format!("/api/v1/documents/{doc_id}/suggestions"), Some(serde_json::json!({"revision_id": rev, "words": "Utilise", "proposed": "Use", "reason": "Plainer"})), &alex).await;
        assert_eq!(status, 201, "{suggestion}");
        let (status, declined) = send(&app, Method::POST, format!("/api/v1/suggestions/{}/decline", suggestion["id"].as_str().unwrap()), Some(serde_json::json!({"reason": "We keep the legal wording"})), &priya).await;
        assert_eq!(status, 200, "{declined}");
        assert_eq!(declined["status"], "declined");

        // A paper added to an agenda item.
        let day = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + chrono::Duration::days(12)).format("%Y-%m-%d").to_string();
        let (status, meeting) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:00", "end": "12:00", "place": "Hall"})), &priya).await;
        assert_eq!(status, 201, "{meeting}");
        let meeting_id = meeting["id"].as_str().unwrap().to_owned();
        let (status, items) = send(&app, Method::POST, format!("/api/v1/meetings/{meeting_id}/agenda"), Some(serde_json::json!({"title": "Rota rules"})), &priya).await;
        assert_eq!(status, 201, "{items}");
        let item = items.as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned();
        let (status, _) = send(&app, Method::POST, format!("/api/v1/agenda-items/{item}/papers"), Some(serde_json::json!({"document_id": doc_id})), &priya).await;
        assert_eq!(status, 201);
        let (_, agenda) = send(&app, Method::GET, format!("/api/v1/meetings/{meeting_id}/agenda"), None, &alex).await;
        assert!(agenda.to_string().contains("Rota rules") && agenda.to_string().contains(&doc_id), "the paper is on the agenda: {agenda}");
    }
}
