//! Conversations on SQLite and PostgreSQL: threads on documents, their parts, suggestions and
//! discussions through the pages without JavaScript and through the JSON API; replies, edits
//! with earlier wordings kept, removal, recorded contributions, mentions and notifications,
//! reactions counted by perspective, moderation and reports; and the live event stream, across
//! two instances, replayed after a reconnect, and never leaking a group's events.

mod common;

use common::Events;

use std::time::Duration;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};

async fn person(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", common::GOOD_PASSWORD)], None).await).unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn read(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    (status, response.text().await.unwrap().replace("<!>", ""))
}

on_both_databases! {
    async fn comment_reply_edit_react_resolve_without_javascript(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // the first account: co-chair
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let jo = person(&app, "Jo Patel", Perspective::Staff, Some(Role::Member)).await;
        let tom = person(&app, "Tom", Perspective::Partner, Some(Role::Observer)).await;
        let text = "# Paying your PA\n\nWe pay on time.\n\n## Help\n\nAsk us.\n";
        let response = app.post_form("/documents/new/policy", &[("title", "Paying your PA"), ("kind", "policy"), ("body", text)], Some(&priya)).await;
        let doc = location(&response).split('?').next().unwrap().to_owned();

        // The form is on the document page, with its parts to choose from.
        let (_, page) = app.get_as(&doc, &alex).await;
        assert!(page.contains(r#"<h2 id="comments-heading">Comments</h2>"#) && page.contains(r#"<option value="help">The part “Help”</option>"#), "{page}");
        let (_, page) = app.get_as(&doc, &tom).await;
        assert!(!page.contains(&format!(r#"action="{doc}/comments""#)), "observers read, they do not comment");

        // A mistake is explained and nothing typed is lost.
        let (status, html) = read(app.post_form(&format!("{doc}/comments"), &[("part", "help"), ("body", "  "), ("said_by", "Jordan Ellis")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please write your comment.") && html.contains(r#"value="Jordan Ellis""#) && html.contains(r#"<option value="help" selected"#), "{html}");
        assert_eq!(app.post_form(&format!("{doc}/comments"), &[("body", "Hello")], Some(&tom)).await.status().as_u16(), 403);

        // A comment on a part, mentioning Jo; it shows next to that part.
        let response = app.post_form(&format!("{doc}/comments"), &[("part", "help"), ("body", "Say **how** to ask, @Jo Patel?")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let comment = location(&response).split("#comment-").nth(1).unwrap().to_owned();
        let (_, page) = app.get_as(&doc, &tom).await;
        assert!(page.contains(r#"<h3 id="comments-help">On “Help”</h3>"#) && page.contains("Say <strong>how</strong> to ask"), "{page}");
        assert!(page.contains("Alex (expert by experience)"));
        let (_, home) = app.get_as("/", &jo).await;
        assert!(home.contains("Notifications (1 new)"), "Jo is told about the mention");
        let (_, list) = app.get_as("/notifications", &jo).await;
        assert!(list.contains("Alex mentioned you in “Paying your PA”."), "{list}");
        app.post_form("/notifications/read", &[], Some(&jo)).await;
        assert!(app.get_as("/", &jo).await.1.contains(">Notifications<"));

        // Its thread's page: reply (recording someone else's words), react, edit, resolve.
        let thread = {
            let (_, page) = app.get_as(&doc, &jo).await;
            page.split(r#" id="thread-"#).nth(1).unwrap().split('"').next().unwrap().to_owned()
        };
        let response = app.post_form(&format!("/threads/{thread}/comments"), &[("parent_id", &comment), ("body", "Phone or email is fine."), ("said_by", "Jordan Ellis"), ("return_to", &format!("/threads/{thread}"))], Some(&jo)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &alex).await;
        assert!(page.contains("Jordan Ellis, recorded by Jo Patel") && page.contains("Phone or email is fine."), "{page}");
        let (_, home) = app.get_as("/", &alex).await;
        assert!(home.contains("Notifications (1 new)"), "Alex is told about the reply");
        for who in [&alex, &jo, &priya] {
            let response = app.post_form(&format!("/comments/{comment}/react"), &[("kind", "agree"), ("return_to", &format!("/threads/{thread}"))], Some(who)).await;
            assert_eq!(response.status().as_u16(), 303);
        }
        app.post_form(&format!("/comments/{comment}/react"), &[("kind", "concern")], Some(&jo)).await;
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &tom).await;
        assert!(page.contains("agree: 1 expert by experience, 2 council staff; concern: 1 council staff"), "{page}");
        // Reacting again takes it back.
        app.post_form(&format!("/comments/{comment}/react"), &[("kind", "concern")], Some(&jo)).await;
        assert!(app.get_as(&format!("/threads/{thread}"), &tom).await.1.contains("agree: 1 expert by experience, 2 council staff</p>"));
        assert_eq!(app.post_form(&format!("/comments/{comment}/react"), &[("kind", "agree")], Some(&tom)).await.status().as_u16(), 403);

        // "Edit" opens that comment's form (and no other) on the thread's page.
        let (_, plain) = app.get_as(&format!("/threads/{thread}"), &alex).await;
        let (_, editing) = app.get_as(&format!("/threads/{thread}?edit={comment}"), &alex).await;
        let edit_box = format!("id=\"edit-{comment}-body\"");
        assert!(!plain.contains(&edit_box) && editing.contains(&edit_box), "{editing}");
        assert_eq!(app.post_form(&format!("/comments/{comment}/edit"), &[("body", "Mine now")], Some(&jo)).await.status().as_u16(), 403, "only the author edits");
        let (status, html) = read(app.post_form(&format!("/comments/{comment}/edit"), &[("body", "")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please write your comment."));
        app.post_form(&format!("/comments/{comment}/edit"), &[("body", "Say how to ask for help, @Jo Patel?")], Some(&alex)).await;
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &tom).await;
        assert!(page.contains("· edited") && page.contains("Earlier wording (1)") && page.contains("Say **how** to ask, @Jo Patel?"), "{page}");

        app.post_form(&format!("/threads/{thread}/resolve"), &[("resolved", "1")], Some(&jo)).await;
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &alex).await;
        assert!(page.contains("Resolved by Jo Patel on") && page.contains("Reopen this conversation"));
        let (status, _) = read(app.post_form(&format!("/threads/{thread}/comments"), &[("body", "One more thing")], Some(&alex)).await).await;
        assert_eq!(status, 409, "resolved: reopen first");
        app.post_form(&format!("/threads/{thread}/resolve"), &[("resolved", "0")], Some(&alex)).await;
        assert_eq!(app.post_form(&format!("/threads/{thread}/comments"), &[("body", "One more thing")], Some(&alex)).await.status().as_u16(), 303);

        // The part changes: the comment still shows with it, and says so.
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &priya).await;
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", "# Paying your PA\n\nWe pay on time.\n\n## Help\n\nPhone or email us.\n")], Some(&priya)).await;
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &alex).await;
        assert!(page.contains("The part “Help” has changed since these comments were made in version 1."), "{page}");

        // Signed out, or outside the space: nothing to see.
        assert_eq!(app.get_text(&format!("/threads/{thread}")).await.0, 404);
        let (_, outsider) = {
            let email = "olu@example.org";
            create_account(&app.db, NewAccount { display_name: "Olu".into(), email: email.into(), perspective: Some(Perspective::Carer), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() }).await.unwrap();
            ((), common::session_from(&app.post_form("/sign-in", &[("email", email), ("password", common::GOOD_PASSWORD)], None).await).unwrap())
        };
        assert_eq!(app.get_as(&format!("/threads/{thread}"), &outsider).await.0, 404);
    }

    async fn moderation_reports_and_removal(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await;
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let tom = person(&app, "Tom", Perspective::Partner, Some(Role::Observer)).await;
        // A discussion of the group's own.
        let (status, html) = read(app.post_form("/discussions/policy", &[("title", ""), ("body", "Ideas for the PA leaflet")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please give the discussion a short subject") && html.contains("Ideas for the PA leaflet"));
        let response = app.post_form("/discussions/policy", &[("title", "The PA leaflet"), ("body", "This is rubbish and so are you")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let thread = location(&response).split("/threads/").nth(1).unwrap().split('?').next().unwrap().to_owned();
        let (_, list) = app.get_as("/groups/policy/discussions", &tom).await;
        assert!(list.contains("The PA leaflet") && list.contains("Started by Alex"), "{list}");
        let comment = app.get_as(&format!("/threads/{thread}"), &tom).await.1.split(r#"id="comment-"#).nth(1).unwrap().split('"').next().unwrap().to_owned();

        // Anyone who can read it may report it; the leads are told.
        let (status, _) = read(app.post_form(&format!("/comments/{comment}/report"), &[("reason", "")], Some(&tom)).await).await;
        assert_eq!(status, 422);
        assert_eq!(app.post_form(&format!("/comments/{comment}/report"), &[("reason", "Unkind")], Some(&tom)).await.status().as_u16(), 303);
        assert!(app.get_as("/notifications", &priya).await.1.contains("Tom reported a comment in “The PA leaflet”: Unkind"));

        // Only a lead hides, with a reason; the author is told and still reads it; it is audited.
        assert_eq!(app.post_form(&format!("/comments/{comment}/hide"), &[("reason", "Unkind")], Some(&tom)).await.status().as_u16(), 403);
        let (status, _) = read(app.post_form(&format!("/comments/{comment}/hide"), &[("reason", "")], Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert_eq!(app.post_form(&format!("/comments/{comment}/hide"), &[("reason", "Please keep it kind.")], Some(&priya)).await.status().as_u16(), 303);
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &tom).await;
        assert!(page.contains("Comment hidden by Priya. The reason given: Please keep it kind.") && !page.contains("so are you"), "{page}");
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &alex).await;
        assert!(page.contains("so are you") && page.contains("Only the leads and the person who wrote it can read it now."), "{page}");
        assert!(app.get_as("/notifications", &alex).await.1.contains("Priya hid your comment in “The PA leaflet”. The reason given: Please keep it kind."));
        let (_, audit) = app.get_as("/audit", &priya).await;
        assert!(audit.contains("Comment hidden by a lead") && audit.contains("Please keep it kind."), "{audit}");
        assert_eq!(app.post_form(&format!("/comments/{comment}/edit"), &[("body", "Sorry")], Some(&alex)).await.status().as_u16(), 409);
        app.post_form(&format!("/comments/{comment}/show"), &[], Some(&priya)).await;
        assert!(app.get_as(&format!("/threads/{thread}"), &tom).await.1.contains("so are you"));

        // The author removes it: a tombstone stays.
        assert_eq!(app.post_form(&format!("/comments/{comment}/remove"), &[], Some(&tom)).await.status().as_u16(), 403);
        app.post_form(&format!("/comments/{comment}/remove"), &[], Some(&alex)).await;
        let (_, page) = app.get_as(&format!("/threads/{thread}"), &tom).await;
        assert!(page.contains("Comment removed by its author.") && !page.contains("so are you"), "{page}");

        // A person's page lists their comments.
        let response = app.post_form(&format!("/threads/{thread}/comments"), &[("body", "A kinder idea: pictures.")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let alex_id = domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap()).await.unwrap().unwrap().id;
        let (_, profile) = app.get_as(&format!("/people/{alex_id}"), &tom).await;
        assert!(profile.contains("Commented on “The PA leaflet”"), "{profile}");
    }

    async fn threads_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        person(&app, "Priya", Perspective::Staff, None).await;
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let client = &app.client;
        let doc: serde_json::Value = client.post(app.url(&format!("/api/v1/spaces/{policy}/documents"))).bearer_auth(&priya).json(&serde_json::json!({"title": "Plan", "kind": "policy", "body": "# Plan\n\nText.\n"})).send().await.unwrap().json().await.unwrap();
        let id = doc["id"].as_str().unwrap().to_owned();
        let response = client.post(app.url("/api/v1/threads")).bearer_auth(&alex).json(&serde_json::json!({"target_type": "section", "target_id": id, "section_key": "plan", "body": "Shorter?"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let thread: serde_json::Value = response.json().await.unwrap();
        assert_eq!(thread["section_title"], "Plan");
        assert_eq!(thread["comments"][0]["perspective"], "expert");
        let tid = thread["id"].as_str().unwrap().to_owned();
        let cid = thread["comments"][0]["id"].as_str().unwrap().to_owned();
        let response = client.post(app.url(&format!("/api/v1/threads/{tid}/comments"))).bearer_auth(&priya).json(&serde_json::json!({"body": "Yes", "parent_id": cid})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let reply: serde_json::Value = response.json().await.unwrap();
        assert_eq!(reply["parent_id"], cid.as_str());
        let response = client.put(app.url(&format!("/api/v1/comments/{cid}/reactions/question"))).bearer_auth(&priya).send().await.unwrap();
        let c: serde_json::Value = response.json().await.unwrap();
        assert_eq!(c["reactions"][2]["kind"], "question");
        assert_eq!(c["reactions"][2]["total"], 1);
        let response = client.put(app.url(&format!("/api/v1/comments/{cid}/reactions/sulk"))).bearer_auth(&priya).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
        let response = client.patch(app.url(&format!("/api/v1/comments/{cid}"))).bearer_auth(&alex).json(&serde_json::json!({"body": "Shorter, please?"})).send().await.unwrap();
        let c: serde_json::Value = response.json().await.unwrap();
        assert_eq!(c["earlier"][0]["body"], "Shorter?");
        let response = client.patch(app.url(&format!("/api/v1/comments/{cid}"))).bearer_auth(&alex).json(&serde_json::json!({"text": "x"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "unknown fields are refused");
        let list: serde_json::Value = client.get(app.url(&format!("/api/v1/threads?target_type=document&target_id={id}"))).bearer_auth(&alex).send().await.unwrap().json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        assert_eq!(list["items"][0]["comment_count"], 2);
        let response = client.patch(app.url(&format!("/api/v1/threads/{tid}"))).bearer_auth(&alex).json(&serde_json::json!({"resolved": true})).send().await.unwrap();
        let t: serde_json::Value = response.json().await.unwrap();
        assert_eq!(t["resolved_by"], "Alex");
        let response = client.delete(app.url(&format!("/api/v1/comments/{cid}"))).bearer_auth(&alex).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 204);
        let c: serde_json::Value = client.get(app.url(&format!("/api/v1/comments/{cid}"))).bearer_auth(&priya).send().await.unwrap().json().await.unwrap();
        assert_eq!(c["deleted"], true);
        assert!(c["body"].is_null());
        assert_eq!(app.get(&format!("/api/v1/threads/{tid}")).await.status().as_u16(), 404, "signed out: not found");
        let notes = client.get(app.url("/api/v1/notifications")).bearer_auth(&alex).send().await.unwrap();
        assert_eq!(notes.headers()["x-unread-count"], "1");
        let notes: serde_json::Value = notes.json().await.unwrap();
        assert_eq!(notes["items"][0]["kind"], "reply");
        let openapi: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
        for path in ["/api/v1/threads", "/api/v1/threads/{id}/comments", "/api/v1/comments/{id}", "/api/v1/events", "/api/v1/notifications"] {
            assert!(openapi["paths"].get(path).is_some(), "{path} is described");
        }
    }

    async fn live_events_reach_other_instances_are_replayed_and_stay_private(app: TestApp) {
        app.load_demo().await;
        person(&app, "Priya", Perspective::Staff, None).await;
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let olu_email = "olu@example.org";
        create_account(&app.db, NewAccount { display_name: "Olu".into(), email: olu_email.into(), perspective: Some(Perspective::Carer), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() }).await.unwrap();
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap();
        let olu = server::cli::create_token(&app.db, olu_email, None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        // On PostgreSQL the stream is on another instance than the one the comment is posted to.
        let second = match app.backend {
            common::Backend::Postgres => Some(app.second_instance().await),
            common::Backend::Sqlite => None,
        };
        let stream_url = |path: &str| second.as_ref().map_or_else(|| app.url(path), |s| s.url(path));
        if second.is_some() {
            // The second instance listens before it relies on what it hears.
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let mut alex_events = Events::open(stream_url("/api/v1/events"), &alex, None).await;
        let mut olu_events = Events::open(stream_url("/api/v1/events"), &olu, None).await;

        let start = |title: &str| {
            let body = serde_json::json!({"target_type": "discussion", "target_id": policy, "title": title, "body": "What do you think?"});
            let request = app.client.post(app.url("/api/v1/threads")).bearer_auth(&priya).json(&body);
            async move {
                let response = request.send().await.unwrap();
                assert_eq!(response.status().as_u16(), 201);
                response.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
            }
        };
        let first = start("Meeting times").await;
        let seen = alex_events.next(Duration::from_secs(1)).await.expect("the event arrives within a second");
        assert_eq!(seen.kind, "comment_posted");
        assert!(seen.data.contains(&first), "{seen:?}");

        // Two more while Alex is away; reconnecting with Last-Event-ID gives exactly those two.
        drop(alex_events);
        let second_thread = start("Leaflet").await;
        let third_thread = start("Training").await;
        let mut again = Events::open(stream_url("/api/v1/events"), &alex, Some(seen.id)).await;
        let a = again.next(Duration::from_secs(2)).await.expect("the first missed event");
        let b = again.next(Duration::from_secs(2)).await.expect("the second missed event");
        assert!(a.data.contains(&second_thread) && b.data.contains(&third_thread), "{a:?} {b:?}");
        assert!(a.id > seen.id && b.id > a.id);
        assert!(again.next(Duration::from_millis(700)).await.is_none(), "none twice, nothing else");

        // Someone outside the group receives none of it.
        assert!(olu_events.next(Duration::from_millis(500)).await.is_none(), "an outsider hears nothing of the group");
        // Signed out: no stream.
        assert_eq!(app.get("/api/v1/events").await.status().as_u16(), 401);
        let response = app.client.get(app.url("/api/v1/events")).bearer_auth(&alex).header("Last-Event-ID", "soon").send().await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
    }

    async fn suggestion_discussions_move_into_threads_and_back(app: TestApp) {
        use sea_orm_migration::MigratorTrait;
        app.load_demo().await;
        person(&app, "Priya", Perspective::Staff, None).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let post = |path: String, body: serde_json::Value| app.client.post(app.url(&path)).bearer_auth(&priya).json(&body).send();
        let doc: serde_json::Value = post(format!("/api/v1/spaces/{policy}/documents"), serde_json::json!({"title": "Plan", "kind": "policy", "body": "Utilise the form.\n"})).await.unwrap().json().await.unwrap();
        let (id, rev) = (doc["id"].as_str().unwrap().to_owned(), doc["revision"]["id"].as_str().unwrap().to_owned());
        let s: serde_json::Value = post(format!("/api/v1/documents/{id}/suggestions"), serde_json::json!({"revision_id": rev, "words": "Utilise", "proposed": "Use", "reason": "Plain"})).await.unwrap().json().await.unwrap();
        let sid = s["id"].as_str().unwrap().to_owned();
        for body in ["First", "Second"] {
            post(format!("/api/v1/suggestions/{sid}/comments"), serde_json::json!({"body": body})).await.unwrap();
        }
        // Undone (with every migration after it), the discussion is back in its own table; done
        // again, it is the same thread.
        let one = server::db::connect_single(&app.database_url).await.unwrap();
        let all = migrations::Migrator::migrations();
        let conversations = all.iter().position(|m| m.name() == "m20261201_000001_conversations").expect("the conversations migration");
        migrations::Migrator::down(&one, Some((all.len() - conversations) as u32)).await.unwrap();
        migrations::Migrator::up(&one, None).await.unwrap();
        app.pages.drop_all();
        let s: serde_json::Value = app.client.get(app.url(&format!("/api/v1/suggestions/{sid}"))).bearer_auth(&priya).send().await.unwrap().json().await.unwrap();
        let bodies: Vec<&str> = s["discussion"]["comments"].as_array().unwrap().iter().map(|c| c["body"].as_str().unwrap()).collect();
        assert_eq!(bodies, vec!["First", "Second"]);
        assert_eq!(s["discussion"]["id"], sid.as_str(), "a suggestion's thread has its id");
    }

    async fn a_thread_costs_the_same_however_many_comments(app: TestApp) {
        app.load_demo().await;
        let cookie = person(&app, "Priya", Perspective::Staff, None).await;
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let thread: serde_json::Value = app.client.post(app.url("/api/v1/threads")).bearer_auth(&priya)
            .json(&serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Costs", "body": "First"})).send().await.unwrap().json().await.unwrap();
        let tid = thread["id"].as_str().unwrap().to_owned();
        let page = format!("/threads/{tid}");
        let measure = || async {
            app.pages.drop_all();
            app.queries_for(&page, Some(&cookie)).await
        };
        measure().await;
        let (status, one) = measure().await;
        assert_eq!(status, 200);
        let mut parent: Option<String> = None;
        for i in 0..20 {
            let token = if i % 2 == 0 { &alex } else { &priya };
            let c: serde_json::Value = app.client.post(app.url(&format!("/api/v1/threads/{tid}/comments"))).bearer_auth(token)
                .json(&serde_json::json!({"body": format!("Comment {i}"), "parent_id": parent})).send().await.unwrap().json().await.unwrap();
            let cid = c["id"].as_str().unwrap().to_owned();
            app.client.put(app.url(&format!("/api/v1/comments/{cid}/reactions/agree"))).bearer_auth(&priya).send().await.unwrap();
            if i % 5 == 0 {
                parent = Some(cid);
            }
        }
        let (_, many) = measure().await;
        println!("{page}: {one} statements with one comment, {many} with 21 and 20 reactions");
        // One more at most: the reactions, read only once there are any.
        assert!(many <= one + 1, "{one} then {many}: the cost grows with the comments");
    }

    async fn many_open_streams_cost_one_read_of_the_log(app: TestApp) {
        use std::sync::atomic::Ordering;
        app.load_demo().await;
        let (poster, _) = app.person_with_token("Priya", Perspective::Staff, Some(Role::Member)).await;
        let (follower, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let body = serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Streams", "body": "First."});
        let (status, thread) = app.call(reqwest::Method::POST, "/api/v1/threads", Some(body), Some(&poster)).await;
        assert_eq!(status, 201);
        let comments = format!("/api/v1/threads/{}/comments", thread["id"].as_str().unwrap());
        let post = |words: &'static str| app.call(reqwest::Method::POST, &comments, Some(serde_json::json!({"body": words})), Some(&poster));
        // What a comment costs with one stream open, then with forty.
        let mut one = vec![Events::open(app.url("/api/v1/events"), &follower, None).await];
        let mut cost = Vec::new();
        for (streams, words) in [(1, "With one listening."), (40, "With forty listening.")] {
            while one.len() < streams {
                one.push(Events::open(app.url("/api/v1/events"), &follower, None).await);
            }
            // Every stream has settled (read where "now" is) before counting.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let before = app.queries.load(Ordering::SeqCst);
            let (status, comment) = post(words).await;
            assert_eq!(status, 201);
            let id = comment["id"].as_str().unwrap();
            for stream in &mut one {
                let event = stream.next(Duration::from_secs(10)).await.expect("every stream hears the comment");
                assert!(event.data.contains(id), "{event:?}");
            }
            cost.push(app.queries.load(Ordering::SeqCst) - before);
        }
        println!("a comment and its delivery: {} statements to one stream, {} to forty", cost[0], cost[1]);
        assert!(cost[1] <= cost[0] + 3, "forty streams share one read of the log: {} then {}", cost[0], cost[1]);
    }
}
