//! API operations the other files reach only through the pages: each done with a token and
//! checked, on SQLite and PostgreSQL, so every operation in the OpenAPI document is exercised
//! with success somewhere (`.ci/test` checks that from what the server records).

mod common;

use domain::people::{Perspective, Role};
use reqwest::Method;

async fn token_for(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    app.person_with_token(name, perspective, role).await.0
}

async fn send(app: &common::TestApp, method: Method, path: String, body: Option<serde_json::Value>, token: &str) -> (u16, serde_json::Value) {
    app.call(method, &path, body, Some(token)).await
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

    async fn threads_reactions_follows_easy_read_meetings_actions_and_the_outbox_through_the_api(app: TestApp) {
        app.load_demo().await;
        let priya = token_for(&app, "Priya", Perspective::Staff, None).await;
        let alex = token_for(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;

        // A thread read back; a reaction given and taken back.
        let (status, thread) = send(&app, Method::POST, "/api/v1/threads".into(), Some(serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Holidays", "body": "How do PAs book holidays?"})), &priya).await;
        assert_eq!(status, 201);
        let thread_id = thread["id"].as_str().unwrap().to_owned();
        let (status, got) = send(&app, Method::GET, format!("/api/v1/threads/{thread_id}"), None, &alex).await;
        assert_eq!(status, 200);
        assert_eq!(got["title"], "Holidays");
        let comment = got["comments"][0]["id"].as_str().map(str::to_owned).unwrap_or_else(|| panic!("{got}"));
        assert!(send(&app, Method::PUT, format!("/api/v1/comments/{comment}/reactions/agree"), None, &alex).await.0 < 300);
        let (status, _) = send(&app, Method::DELETE, format!("/api/v1/comments/{comment}/reactions/agree"), None, &alex).await;
        assert!(status < 300, "{status}");

        // Following a document, then not; its easy-read part written.
        let (status, doc) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Holiday pay", "kind": "policy", "body": "# Holiday pay\n\n## When to pay\n\nPay holidays in advance.\n"})), &priya).await;
        assert_eq!(status, 201, "{doc}");
        let doc_id = doc["id"].as_str().unwrap().to_owned();
        assert!(send(&app, Method::PUT, format!("/api/v1/documents/{doc_id}/follow"), None, &alex).await.0 < 300);
        let (status, _) = send(&app, Method::DELETE, format!("/api/v1/documents/{doc_id}/follow"), None, &alex).await;
        assert!(status < 300, "{status}");
        let (status, easy) = send(&app, Method::PUT, format!("/api/v1/documents/{doc_id}/easy-read/when-to-pay"), Some(serde_json::json!({"body": "You pay before the holiday."})), &priya).await;
        assert_eq!(status, 200, "{easy}");
        assert!(easy.to_string().contains("You pay before the holiday."));

        // A meeting read, changed and its attendance read; an action read.
        let day = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + chrono::Duration::days(15)).format("%Y-%m-%d").to_string();
        let (status, meeting) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:00", "end": "12:00", "place": "Hall"})), &priya).await;
        assert_eq!(status, 201, "{meeting}");
        let meeting_id = meeting["id"].as_str().unwrap().to_owned();
        let (status, got) = send(&app, Method::GET, format!("/api/v1/meetings/{meeting_id}"), None, &alex).await;
        assert_eq!(status, 200);
        assert_eq!(got["title"], "Policy group");
        let (status, changed) = send(&app, Method::PATCH, format!("/api/v1/meetings/{meeting_id}"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:30", "end": "12:00", "place": "Library"})), &priya).await;
        assert_eq!(status, 200, "{changed}");
        assert!(changed.to_string().contains("Library"), "{changed}");
        let (status, _) = send(&app, Method::GET, format!("/api/v1/meetings/{meeting_id}/attendance"), None, &priya).await;
        assert_eq!(status, 200);
        let (_, members) = send(&app, Method::GET, format!("/api/v1/spaces/{policy}/members"), None, &alex).await;
        let alex_id = members.as_array().unwrap().iter().find(|m| m["person"]["display_name"] == "Alex").unwrap()["person"]["id"].as_str().unwrap().to_owned();
        let (status, action) = send(&app, Method::POST, "/api/v1/actions".into(), Some(serde_json::json!({"meeting_id": meeting_id, "what": "Write to the PAs", "owner_id": alex_id, "due_on": day})), &priya).await;
        assert_eq!(status, 201, "{action}");
        let (status, got) = send(&app, Method::GET, format!("/api/v1/actions/{}", action["id"].as_str().unwrap()), None, &alex).await;
        assert_eq!(status, 200);
        assert_eq!(got["what"], "Write to the PAs");

        // A failed email tried again by a co-chair.
        let me = domain::accounts::token_user(&app.db, &priya).await.unwrap().unwrap();
        let txn = domain::begin(&app.db).await.unwrap();
        let id = domain::mail::outbox::enqueue(&txn, domain::mail::letters::sign_in(me.id, "priya@example.org", "Priya", "not-a-real-token", 15)).await.unwrap();
        {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
            domain::entities::outbox::Entity::update_many().col_expr(domain::entities::outbox::Column::Status, Expr::value("failed")).filter(domain::entities::outbox::Column::Id.eq(id)).exec(&txn).await.unwrap();
        }
        sea_orm::TransactionSession::commit(txn).await.unwrap();
        let (status, retried) = send(&app, Method::POST, format!("/api/v1/outbox/{id}/retry"), None, &priya).await;
        assert_eq!(status, 200, "{retried}");
        assert_ne!(retried["status"], "failed", "{retried}");
    }

    async fn roles_vision_preferences_restoring_agendas_imports_and_links_through_the_api(app: TestApp) {
        app.load_demo().await;
        let priya = token_for(&app, "Priya", Perspective::Staff, None).await; // a board co-chair
        let alex = token_for(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let sam = token_for(&app, "Sam", Perspective::Carer, Some(Role::CoChair)).await; // convenes the policy group
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let role_of = |members: &serde_json::Value, name: &str| members.as_array().unwrap().iter().find(|m| m["person"]["display_name"] == name).map(|m| m["role"].clone());

        // A convenor changes Alex's role, then takes Alex out of the group; Alex may not do either.
        let (_, members) = send(&app, Method::GET, format!("/api/v1/spaces/{policy}/members"), None, &sam).await;
        let alex_id = members.as_array().unwrap().iter().find(|m| m["person"]["display_name"] == "Alex").unwrap()["person"]["id"].as_str().unwrap().to_owned();
        let sam_id = members.as_array().unwrap().iter().find(|m| m["person"]["display_name"] == "Sam").unwrap()["person"]["id"].as_str().unwrap().to_owned();
        let (status, refused) = send(&app, Method::PUT, format!("/api/v1/spaces/{policy}/members/{sam_id}"), Some(serde_json::json!({"role": "observer"})), &alex).await;
        assert_eq!(status, 403, "{refused}");
        let (status, members) = send(&app, Method::PUT, format!("/api/v1/spaces/{policy}/members/{alex_id}"), Some(serde_json::json!({"role": "observer"})), &sam).await;
        assert_eq!(status, 200, "{members}");
        assert_eq!(role_of(&members, "Alex"), Some(serde_json::json!("observer")), "{members}");
        let (status, bad) = send(&app, Method::PUT, format!("/api/v1/spaces/{policy}/members/{alex_id}"), Some(serde_json::json!({"role": "boss"})), &sam).await;
        assert_eq!(status, 400, "{bad}");
        let (status, members) = send(&app, Method::DELETE, format!("/api/v1/spaces/{policy}/members/{alex_id}"), None, &sam).await;
        assert_eq!(status, 200, "{members}");
        assert_eq!(role_of(&members, "Alex"), None, "{members}");

        // A co-chair rewrites a vision statement; the board shows the new words.
        let (_, space) = send(&app, Method::GET, format!("/api/v1/spaces/{board}"), None, &priya).await;
        let statement = space["vision"][0]["id"].as_str().unwrap().to_owned();
        let (status, refused) = send(&app, Method::PATCH, format!("/api/v1/vision/{statement}"), Some(serde_json::json!({"body": "Not mine to change"})), &alex).await;
        assert_eq!(status, 403, "{refused}");
        let (status, changed) = send(&app, Method::PATCH, format!("/api/v1/vision/{statement}"), Some(serde_json::json!({"body": "We say what we know, as soon as we know it."})), &priya).await;
        assert_eq!(status, 200, "{changed}");
        let (_, space) = send(&app, Method::GET, format!("/api/v1/spaces/{board}"), None, &alex).await;
        assert_eq!(space["vision"][0]["body"], "We say what we know, as soon as we know it.");
        assert_eq!(space["vision"][0]["title"], changed["title"], "the title left out stays");

        // Preferences: changed in part, the rest kept.
        let (status, prefs) = send(&app, Method::PUT, "/api/v1/preferences".into(), Some(serde_json::json!({"text_size": "large", "high_contrast": true})), &alex).await;
        assert_eq!(status, 200, "{prefs}");
        let (status, prefs) = send(&app, Method::GET, "/api/v1/preferences".into(), None, &alex).await;
        assert_eq!(status, 200);
        assert_eq!((prefs["text_size"].as_str(), prefs["high_contrast"].as_bool(), prefs["email_frequency"].as_str()), (Some("large"), Some(true), Some("instant")), "{prefs}");
        let (status, _) = send(&app, Method::PUT, "/api/v1/preferences".into(), Some(serde_json::json!({"text_size": "huge"})), &alex).await;
        assert_eq!(status, 400);

        // An earlier version brought back as a new one.
        let (status, doc) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Respite", "kind": "policy", "body": "Respite is for everyone.\n"})), &sam).await;
        assert_eq!(status, 201, "{doc}");
        let (doc_id, first) = (doc["id"].as_str().unwrap().to_owned(), doc["revision"]["id"].as_str().unwrap().to_owned());
        let (status, _) = send(&app, Method::POST, format!("/api/v1/documents/{doc_id}/revisions"), Some(serde_json::json!({"base_revision_id": first, "body": "Respite is for some people.\n"})), &sam).await;
        assert_eq!(status, 201);
        let (status, restored) = send(&app, Method::POST, format!("/api/v1/documents/{doc_id}/revisions/1/restore"), None, &sam).await;
        assert_eq!(status, 201, "{restored}");
        assert_eq!(restored["number"], 3);
        let (_, text) = send(&app, Method::GET, format!("/api/v1/documents/{doc_id}/revisions/3"), None, &sam).await;
        assert_eq!(text["body"], "Respite is for everyone.\n");
        let (status, _) = send(&app, Method::POST, format!("/api/v1/documents/{doc_id}/revisions/9/restore"), None, &sam).await;
        assert_eq!(status, 404);

        // Agenda items moved and removed.
        let day = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + chrono::Duration::days(20)).format("%Y-%m-%d").to_string();
        let (status, meeting) = send(&app, Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:00", "end": "12:00", "place": "Hall"})), &sam).await;
        assert_eq!(status, 201, "{meeting}");
        let meeting_id = meeting["id"].as_str().unwrap().to_owned();
        send(&app, Method::POST, format!("/api/v1/meetings/{meeting_id}/agenda"), Some(serde_json::json!({"title": "Welcome"})), &sam).await;
        let (_, items) = send(&app, Method::POST, format!("/api/v1/meetings/{meeting_id}/agenda"), Some(serde_json::json!({"title": "Respite", "papers": [doc_id]})), &sam).await;
        let respite = items[1]["id"].as_str().unwrap().to_owned();
        let (status, items) = send(&app, Method::PATCH, format!("/api/v1/agenda-items/{respite}"), Some(serde_json::json!({"move": "up"})), &sam).await;
        assert_eq!(status, 200, "{items}");
        let titles = |items: &serde_json::Value| items.as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(titles(&items), ["Respite", "Welcome"]);
        let (status, items) = send(&app, Method::DELETE, format!("/api/v1/agenda-items/{respite}"), None, &sam).await;
        assert_eq!(status, 200, "{items}");
        assert_eq!(titles(&items), ["Welcome"]);
        let (status, _) = send(&app, Method::DELETE, format!("/api/v1/agenda-items/{respite}"), None, &sam).await;
        assert_eq!(status, 404);

        // Feedback cards from a CSV: checked, then the good rows added, the bad one reported by line.
        let csv = "said,themes,people\nThe forms are too long,paperwork,3\n,paperwork,1\nPAs need more training,recruiting_pas,2\n";
        let import = |query: &str, kind: &str| app.client.post(app.url(&format!("/api/v1/feedback/import{query}"))).bearer_auth(&priya).header("content-type", kind).body(csv);
        let checked = import("?kind=event&check=true", "text/csv").send().await.unwrap();
        assert_eq!(checked.status(), 200);
        let checked: serde_json::Value = checked.json().await.unwrap();
        assert_eq!((checked["added"].as_u64(), checked["rows"]["good"].as_array().unwrap().len()), (Some(0), 2), "{checked}");
        assert_eq!(checked["rows"]["bad"][0]["line"], 3, "{checked}");
        let (_, before) = send(&app, Method::GET, "/api/v1/feedback?limit=200".into(), None, &priya).await;
        let added = import("?kind=event&detail=Spring%20event", "text/csv; charset=utf-8").send().await.unwrap();
        assert_eq!(added.status(), 201);
        let added: serde_json::Value = added.json().await.unwrap();
        assert_eq!(added["added"], 2, "{added}");
        let (_, after) = send(&app, Method::GET, "/api/v1/feedback?limit=200".into(), None, &priya).await;
        assert_eq!(after["items"].as_array().unwrap().len(), before["items"].as_array().unwrap().len() + 2);
        assert!(after.to_string().contains("PAs need more training"));
        let wrong = import("?kind=event", "application/json").send().await.unwrap();
        assert_eq!(wrong.status(), 415);
        let no_kind = import("", "text/csv").send().await.unwrap();
        assert_eq!(no_kind.status(), 400);
        let refused = app.client.post(app.url("/api/v1/feedback/import?kind=event")).bearer_auth(&sam).header("content-type", "text/csv").body(csv).send().await.unwrap();
        assert_eq!(refused.status(), 403, "a group convenor is not a member of the board");

        // A link taken off an item.
        let (status, item) = send(&app, Method::POST, "/api/v1/feedback".into(), Some(serde_json::json!({"said": "Respite is hard to get", "source": "event"})), &priya).await;
        assert_eq!(status, 201, "{item}");
        let item_id = item["summary"]["id"].as_str().unwrap().to_owned();
        let (status, linked) = send(&app, Method::PATCH, format!("/api/v1/feedback/{item_id}"), Some(serde_json::json!({"link": format!("document:{doc_id}")})), &priya).await;
        assert_eq!(status, 200, "{linked}");
        let link = linked["links"][0]["id"].as_str().unwrap_or_else(|| panic!("{linked}")).to_owned();
        let (status, unlinked) = send(&app, Method::DELETE, format!("/api/v1/feedback/{item_id}/links/{link}"), None, &priya).await;
        assert_eq!(status, 200, "{unlinked}");
        assert_eq!(unlinked["links"].as_array().map(Vec::len), Some(0), "{unlinked}");
        let (status, _) = send(&app, Method::DELETE, format!("/api/v1/feedback/{item_id}/links/{link}"), None, &priya).await;
        assert_eq!(status, 404);
    }
}
