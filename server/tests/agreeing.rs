//! Agreeing and publishing documents, through the pages (no JavaScript) and the JSON API, on
//! SQLite and PostgreSQL: views, the consent decision, the co-production check, publishing the
//! agreed version for everyone, and withdrawing it.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};

/// A signed-in browser session for a new account; `role` in the policy group when given. The
/// first account made is a co-chair of the board, so it leads every group.
async fn person(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    let (p, _) = create_account(&app.db, NewAccount {
        display_name: name.into(),
        email: email.clone(),
        perspective: Some(perspective),
        password: Some("purple kettle island".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    let response = app.post_form("/sign-in", &[("email", &email), ("password", "purple kettle island")], None).await;
    common::session_from(&response).unwrap()
}

/// The value of the first hidden `revision_id` field on a page.
fn revision_on(html: &str) -> String {
    html.split(r#"name="revision_id" value=""#).nth(1).expect("a revision_id field").split('"').next().unwrap().to_owned()
}

async fn read(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    (status, response.text().await.unwrap().replace("<!>", ""))
}

on_both_databases! {
    async fn agreeing_and_publishing_through_the_pages_without_javascript(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let text = "# Paying personal assistants\n\nWe pay on time.\n";
        let response = app.post_form("/documents/new/policy", &[("title", "Paying personal assistants"), ("kind", "policy"), ("body", text), ("tags", "finance, personal assistants")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let doc = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let (_, html) = app.get_as(&doc, &alex).await;
        assert!(html.contains("Where it is: Draft") && html.contains("Tags: finance, personal assistants"), "{html}");
        assert!(html.contains(r#"value="out_for_comment""#) && !html.contains(r#"value="agreed""#), "a member can send it out, not agree it");
        let rev1 = revision_on(&html);

        // Nothing is public yet.
        assert_eq!(app.get_text(&doc).await.0, 404);
        assert_eq!(app.get_text(&format!("{doc}/published")).await.0, 404);

        // A step it cannot take says so plainly.
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "published"), ("revision_id", &rev1), ("note", "")], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("This document is draft now, so it cannot go to published from here. From here it can go to out for comment."), "{html}");

        let response = app.post_form(&format!("{doc}/status"), &[("to", "out_for_comment"), ("revision_id", &rev1), ("note", "Ready for the group")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(response.headers()["location"].to_str().unwrap(), &alex).await;
        assert!(html.contains("Done: the document is now out for comment.") && html.contains("Where it is: Out for comment"));
        assert!(html.contains("Nobody has given a view on this version yet.") && html.contains("Can you agree to version 1?"));

        // Only a co-chair or convenor records the decision; and not before anyone agrees.
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev1)], Some(&alex)).await).await;
        assert_eq!(status, 403);
        assert!(html.contains("Only co-chairs and convenors record decisions"));
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev1), ("note", "at the meeting")], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("Nobody has said they agree to this version yet.") && html.contains("at the meeting"), "the note typed is kept");

        // Concerns need a reason; what was chosen stays chosen.
        let (status, html) = read(app.post_form(&format!("{doc}/view"), &[("revision_id", &rev1), ("response", "concerns"), ("reason", "")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please say what your concerns are") && html.contains(r#"value="concerns" checked"#), "{html}");
        let response = app.post_form(&format!("{doc}/view"), &[("revision_id", &rev1), ("response", "concerns"), ("reason", "Say what on time means")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let response = app.post_form(&format!("{doc}/view"), &[("revision_id", &rev1), ("response", "object"), ("reason", "The date is missing")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains("Alex</strong> (expert by experience) agrees, with concerns: \u{201c}Say what on time means\u{201d}"), "{html}");
        assert!(html.contains("Priya does not agree yet. They said: &quot;The date is missing&quot;") || html.contains("Priya does not agree yet. They said: \"The date is missing\""), "{html}");
        assert!(html.contains("So far 1 expert by experience and no member of staff agree."), "an objection does not count as agreeing");
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev1)], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("Priya does not agree yet."));

        // Priya changes her view; the decision records everyone as they stood.
        app.post_form(&format!("{doc}/view"), &[("revision_id", &rev1), ("response", "agree"), ("reason", "")], Some(&priya)).await;
        let response = app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev1), ("note", "Agreed at the board on 4 March")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(response.headers()["location"].to_str().unwrap(), &priya).await;
        assert!(html.contains("Recorded: the document is agreed.") && html.contains("Version 1 agreed on"));
        assert!(html.contains("Recorded by Priya. Note: Agreed at the board on 4 March The co-production check was met."), "{html}");
        assert!(html.contains("Priya</strong> (council staff) agrees"));

        // Publishing shows that exact version to everyone, at a stable address.
        let response = app.post_form(&format!("{doc}/status"), &[("to", "published"), ("revision_id", &rev1)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (status, public) = app.get_text(&format!("{doc}/published")).await;
        assert_eq!(status, 200);
        assert!(public.contains("<h1>Paying personal assistants</h1>") && public.contains("We pay on time."));
        assert!(public.contains("2 people agreed: 1 expert by experience and 1 council staff."), "{public}");
        assert!(!public.contains("Say what on time means"), "views stay inside the group");
        let (_, list) = app.get_text("/published").await;
        assert!(list.contains(&format!(r#"<a href="{doc}/published">Paying personal assistants</a>"#)));
        let (_, group) = app.get_text("/groups/policy").await;
        assert!(group.contains(&format!(r#"<a href="{doc}/published">Paying personal assistants</a>"#)), "the group page lists it for the public");
        assert_eq!(app.get_text(&doc).await.0, 200, "the document's own address shows the public the published version");
        assert_eq!(app.get_text(&format!("{doc}/versions/1")).await.0, 200);

        // A change after publishing goes back to draft; the public keeps reading version 1.
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &alex).await;
        assert!(edit.contains("If you save a change, it goes back to draft and needs agreeing again."));
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let response = app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", "# Paying personal assistants\n\nWe pay on the last working day of the month.\n")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &alex).await;
        assert!(html.contains("Where it is: Draft") && html.contains("The public can still read version 1"));
        assert!(html.contains("moved it from published to draft (version 2). Changed after it was agreed"), "{html}");
        let (_, public) = app.get_text(&format!("{doc}/published")).await;
        assert!(public.contains("We pay on time.") && !public.contains("last working day"));
        assert_eq!(app.get_text(&format!("{doc}/versions/2")).await.0, 404, "unagreed versions stay private");

        // An old form cannot agree to words the person has not read.
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "out_for_comment"), ("revision_id", &rev1)], Some(&alex)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("Someone saved a new version (version 2) since you loaded this page"));
    }

    async fn the_coproduction_check_and_withdrawing(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        let sam = person(&app, "Sam", Perspective::Staff, Some(Role::Member)).await;
        let response = app.post_form("/documents/new/policy", &[("title", "Audit letter"), ("kind", "paperwork"), ("body", "Dear Jordan,\n")], Some(&sam)).await;
        let doc = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let (_, html) = app.get_as(&doc, &sam).await;
        let rev = revision_on(&html);
        app.post_form(&format!("{doc}/status"), &[("to", "out_for_comment"), ("revision_id", &rev)], Some(&sam)).await;
        for who in [&sam, &priya] {
            assert_eq!(app.post_form(&format!("{doc}/view"), &[("revision_id", &rev), ("response", "agree")], Some(who)).await.status().as_u16(), 303);
        }
        // Two members of staff agree, but no expert by experience has.
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev)], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("Co-production check not met yet: this needs at least one expert by experience and one member of staff to agree. So far no expert by experience and 2 members of staff agree."), "{html}");

        // Only a co-chair or convenor changes the rule.
        assert_eq!(app.post_form(&format!("{doc}/rule"), &[], Some(&sam)).await.status().as_u16(), 403);
        let response = app.post_form(&format!("{doc}/rule"), &[], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(response.headers()["location"].to_str().unwrap().split('#').next().unwrap(), &priya).await;
        assert!(html.contains("Saved the rules for agreeing documents here.") && html.contains("This space does not ask for a co-production check."));
        let response = app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains("No co-production check was asked for."));
        assert!(html.contains("The vision check when it was agreed: Open and honest: nobody has checked this yet."), "{html}");

        app.post_form(&format!("{doc}/status"), &[("to", "published"), ("revision_id", &rev)], Some(&priya)).await;
        assert_eq!(app.get_text(&format!("{doc}/published")).await.0, 200);
        let response = app.post_form(&format!("{doc}/status"), &[("to", "withdrawn"), ("revision_id", &rev), ("note", "The address was wrong")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (status, gone) = app.get_text(&format!("{doc}/published")).await;
        assert_eq!(status, 404);
        assert!(!gone.contains("Dear Jordan"));
        assert_eq!(app.get_text(&doc).await.0, 404);
        let (_, list) = app.get_text("/published").await;
        assert!(!list.contains("Audit letter") && list.contains("Paying your personal assistants"), "the demo's guide stays");
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains("Where it is: Withdrawn") && html.contains("The address was wrong"));
        assert!(html.contains(r#"value="draft""#), "a withdrawn document can start again as a draft");
    }

    async fn agreeing_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let token = |email: &'static str| { let db = app.db.clone(); async move { server::cli::create_token(&db, email, None).await.unwrap() } };
        let (priya, alex) = (token("priya@example.org").await, token("alex@example.org").await);
        let send = |method: reqwest::Method, path: String, body: Option<serde_json::Value>, token: Option<&str>| {
            let mut request = app.client.request(method, app.url(&path));
            if let Some(body) = body { request = request.json(&body); }
            if let Some(token) = token { request = request.bearer_auth(token); }
            async move {
                let response = request.send().await.unwrap();
                (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
            }
        };
        use reqwest::Method;
        let (status, doc) = send(Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Support plans", "kind": "policy", "body": "Plans are yours.\n", "tags": ["plans"]})), Some(&alex)).await;
        assert_eq!(status, 201);
        assert_eq!(doc["tags"], serde_json::json!(["plans"]));
        let id = doc["id"].as_str().unwrap().to_owned();
        let rev = doc["revision"]["id"].as_str().unwrap().to_owned();

        let (status, report) = send(Method::GET, format!("/api/v1/documents/{id}/status"), None, Some(&alex)).await;
        assert_eq!(status, 200);
        assert_eq!(report["status"], "draft");
        assert_eq!(report["next_steps"], serde_json::json!(["out_for_comment"]));
        let (status, moved) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "out_for_comment", "revision_id": rev})), Some(&alex)).await;
        assert_eq!(status, 200);
        assert_eq!(moved["status"], "out_for_comment");

        let (status, err) = send(Method::PUT, format!("/api/v1/documents/{id}/consent"), Some(serde_json::json!({"revision_id": rev, "response": "object"})), Some(&alex)).await;
        assert_eq!(status, 400);
        assert_eq!(err["error"]["code"], "invalid_input");
        for who in [&alex, &priya] {
            let (status, _) = send(Method::PUT, format!("/api/v1/documents/{id}/consent"), Some(serde_json::json!({"revision_id": rev, "response": "agree"})), Some(who)).await;
            assert_eq!(status, 200);
        }
        let (_, consent) = send(Method::GET, format!("/api/v1/documents/{id}/consent"), None, Some(&priya)).await;
        assert_eq!(consent["views"].as_array().unwrap().len(), 2);
        assert_eq!(consent["check"], serde_json::json!({"required": true, "experts_agreeing": 1, "staff_agreeing": 1}));
        assert_eq!(consent["not_yet"], serde_json::json!([]));

        let (status, err) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "agreed"})), Some(&alex)).await;
        assert_eq!(status, 403);
        assert_eq!(err["error"]["code"], "forbidden");
        let (status, _) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "agreed", "note": "by email"})), Some(&priya)).await;
        assert_eq!(status, 200);
        let (_, decisions) = send(Method::GET, format!("/api/v1/documents/{id}/decisions"), None, Some(&alex)).await;
        assert_eq!(decisions[0]["revision_number"], 1);
        assert_eq!(decisions[0]["note"], "by email");
        assert_eq!(decisions[0]["voices"].as_array().unwrap().len(), 2);

        // Signed out: nothing until it is published, then the published version only.
        assert_eq!(send(Method::GET, format!("/api/v1/documents/{id}"), None, None).await.0, 404);
        assert_eq!(send(Method::GET, format!("/api/v1/documents/{id}/published"), None, None).await.0, 404);
        let (_, page) = send(Method::GET, format!("/api/v1/spaces/{policy}/documents"), None, None).await;
        assert_eq!(page["items"], serde_json::json!([]));
        let (status, _) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "published"})), Some(&priya)).await;
        assert_eq!(status, 200);
        let (status, public) = send(Method::GET, format!("/api/v1/documents/{id}/published"), None, None).await;
        assert_eq!(status, 200);
        assert_eq!(public["body_markdown"], "Plans are yours.\n");
        assert_eq!(public["body_html"], "<p>Plans are yours.</p>\n");
        let (_, listed) = send(Method::GET, "/api/v1/published?limit=1".into(), None, None).await;
        assert_eq!(listed["items"][0]["id"], id.as_str());
        let (_, page) = send(Method::GET, format!("/api/v1/spaces/{policy}/documents"), None, None).await;
        assert_eq!(page["items"][0]["status"], "published");
        assert_eq!(send(Method::GET, format!("/api/v1/documents/{id}/consent"), None, None).await.0, 404, "views stay inside the group");

        // The rule is a space setting; only co-chairs and convenors change it.
        let (status, _) = send(Method::PATCH, format!("/api/v1/spaces/{policy}"), Some(serde_json::json!({"require_coproduction": false})), Some(&alex)).await;
        assert_eq!(status, 403);
        let (status, space) = send(Method::PATCH, format!("/api/v1/spaces/{policy}"), Some(serde_json::json!({"require_coproduction": false})), Some(&priya)).await;
        assert_eq!(status, 200);
        assert_eq!(space["require_coproduction"], false);
        let (status, err) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "agreed"})), Some(&priya)).await;
        assert_eq!(status, 409);
        assert!(err["error"]["message"].as_str().unwrap().contains("cannot go to agreed from here"));
        let (_, openapi) = app.get_json("/api/v1/openapi.json").await;
        for path in ["/api/v1/documents/{id}/status", "/api/v1/documents/{id}/consent", "/api/v1/documents/{id}/decisions", "/api/v1/documents/{id}/published", "/api/v1/published"] {
            assert!(openapi["paths"].get(path).is_some(), "{path} is described");
        }
    }

    async fn earlier_published_versions_stay_readable_by_everyone(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap();
        let send = |method: reqwest::Method, path: String, body: Option<serde_json::Value>, token: &str| {
            let mut request = app.client.request(method, app.url(&path)).bearer_auth(token);
            if let Some(body) = body { request = request.json(&body); }
            async move {
                let response = request.send().await.unwrap();
                (response.status().as_u16(), response.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
            }
        };
        use reqwest::Method;
        let (_, doc) = send(Method::POST, format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Respite care", "kind": "policy", "body": "Respite is booked by phone.\n"})), &alex).await;
        let id = doc["id"].as_str().unwrap().to_owned();
        let mut rev = doc["revision"]["id"].as_str().unwrap().to_owned();
        for round in 1..=2 {
            if round == 2 {
                let (status, saved) = send(Method::POST, format!("/api/v1/documents/{id}/revisions"), Some(serde_json::json!({"base_revision_id": rev, "body": "Respite is booked online or by phone.\n"})), &alex).await;
                assert_eq!(status, 201, "{saved}");
                rev = saved["revision_id"].as_str().unwrap().to_owned();
            }
            let (status, moved) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "out_for_comment", "revision_id": rev})), &alex).await;
            assert_eq!(status, 200, "{moved}");
            for who in [&alex, &priya] {
                assert_eq!(send(Method::PUT, format!("/api/v1/documents/{id}/consent"), Some(serde_json::json!({"revision_id": rev, "response": "agree"})), who).await.0, 200);
            }
            for to in ["agreed", "published"] {
                let (status, moved) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": to})), &priya).await;
                assert_eq!(status, 200, "{to}: {moved}");
            }
        }
        // A third version, a draft nobody has agreed.
        let (_, third) = send(Method::POST, format!("/api/v1/documents/{id}/revisions"), Some(serde_json::json!({"base_revision_id": rev, "body": "Respite is a right.\n"})), &alex).await;
        let third = third["revision_id"].as_str().unwrap().to_owned();

        let (status, public) = app.get_json(&format!("/api/v1/documents/{id}/published")).await;
        assert_eq!(status, 200);
        assert_eq!((public["revision_number"].as_i64(), public["latest_number"].as_i64()), (Some(2), Some(2)), "{public}");
        assert_eq!(public["earlier"].as_array().unwrap().iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>(), [1]);

        let (status, page) = app.get_text(&format!("/documents/{id}/published")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Respite is booked online or by phone."), "{page}");
        assert!(page.contains("Earlier published versions"), "{page}");
        assert!(page.contains(&format!(r#"href="/documents/{id}/published/versions/1""#)), "{page}");

        let (status, old) = app.get_text(&format!("/documents/{id}/published/versions/1")).await;
        assert_eq!(status, 200, "{old}");
        assert!(old.contains("Respite is booked by phone."), "{old}");
        assert!(old.contains("This is version 1, an earlier published version."), "{old}");
        assert!(old.contains(&format!(r#"/documents/{id}/published/versions/1" rel="canonical""#)), "its own canonical address: {old}");
        assert!(!old.contains("Respite is a right."));
        let (status, markdown) = app.get_text(&format!("/documents/{id}/versions/1")).await;
        assert_eq!((status, markdown.as_str()), (200, "Respite is booked by phone.\n"), "an earlier published version downloads signed out");

        // The draft is nobody's business outside the group, by any address.
        assert_eq!(app.get_text(&format!("/documents/{id}/published/versions/3")).await.0, 404);
        assert_eq!(app.get_text(&format!("/documents/{id}/versions/3")).await.0, 404);
        assert_eq!(app.get_json(&format!("/api/v1/documents/{id}/revisions/3")).await.0, 404);
        assert_eq!(app.get_json(&format!("/api/v1/documents/{id}/revisions/1")).await.0, 200);
        assert_eq!(app.get_text(&format!("/documents/{id}/published/versions/nine")).await.0, 404);

        // Version 3 agreed and published, then withdrawn: every published version goes with it.
        assert_eq!(send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "out_for_comment", "revision_id": third})), &alex).await.0, 200);
        for who in [&alex, &priya] {
            assert_eq!(send(Method::PUT, format!("/api/v1/documents/{id}/consent"), Some(serde_json::json!({"revision_id": third, "response": "agree"})), who).await.0, 200);
        }
        for to in ["agreed", "published"] {
            assert_eq!(send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": to})), &priya).await.0, 200, "{to}");
        }
        let (_, public) = app.get_json(&format!("/api/v1/documents/{id}/published")).await;
        assert_eq!(public["earlier"].as_array().unwrap().iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>(), [2, 1], "newest first");
        let (status, moved) = send(Method::POST, format!("/api/v1/documents/{id}/status"), Some(serde_json::json!({"status": "withdrawn", "note": "Out of date"})), &priya).await;
        assert_eq!(status, 200, "{moved}");
        assert_eq!(app.get_text(&format!("/documents/{id}/published/versions/1")).await.0, 404);
        assert_eq!(app.get_text(&format!("/documents/{id}/versions/1")).await.0, 404);
    }

    async fn the_demo_has_a_published_guide_and_a_policy_out_for_comment(app: TestApp) {
        app.load_demo().await;
        let (_, list) = app.get_text("/published").await;
        let href = list.split(r#"<a href=""#).find(|l| l.contains(">Paying your personal assistants: a short guide</a>")).expect("the guide is listed").split('"').next().unwrap().to_owned();
        let (status, guide) = app.get_text(&href).await;
        assert_eq!(status, 200);
        assert!(guide.contains("2 people agreed: 1 expert by experience and 1 council staff."), "{guide}");
        let (_, policy) = app.get_text("/groups/policy").await;
        assert!(!policy.contains("Direct Payments Policy 2027"), "the draft policy is not public");
        let db_policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let alex = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().members.into_iter().find(|m| m.person.display_name == "Alex Morgan").unwrap().person.id;
        let docs = domain::documents::service::list_in_space(&app.db, Some(alex), db_policy).await.unwrap();
        assert_eq!(docs[0].status, domain::documents::DocumentStatus::OutForComment);
    }
}

on_both_databases! {
    async fn a_required_vision_check_must_be_complete_before_agreeing(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let response = app.post_form("/documents/new/policy", &[("title", "Flexible use"), ("kind", "policy"), ("body", "Use your payment flexibly.\n")], Some(&alex)).await;
        let doc = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let response = app.post_form(&format!("{doc}/rule"), &[("coproduction", "on"), ("vision_check", "on")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &alex).await;
        let rev = revision_on(&html);
        assert!(html.contains("This space asks for a complete vision check before a document is agreed. Still to check: Open and honest, Flexible and creative, Clear and simple."), "{html}");
        app.post_form(&format!("{doc}/status"), &[("to", "out_for_comment"), ("revision_id", &rev)], Some(&alex)).await;
        for who in [&alex, &priya] {
            app.post_form(&format!("{doc}/view"), &[("revision_id", &rev), ("response", "agree")], Some(who)).await;
        }
        let (status, html) = read(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev)], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("The vision check is not complete: nobody has checked it against \u{201c}Open and honest\u{201d}, \u{201c}Flexible and creative\u{201d}, \u{201c}Clear and simple\u{201d} yet."), "{html}");

        // Statement ids come from the form's field names.
        let ids: Vec<String> = html.split(r#"name="comment-"#).skip(1).map(|s| s.split('"').next().unwrap().to_owned()).collect();
        assert_eq!(ids.len(), 3);
        let mut form = vec![("revision_id".to_owned(), rev.clone()), (format!("rating-{}", ids[0]), "partly".to_owned()), (format!("comment-{}", ids[0]), String::new())];
        let pairs = |f: &Vec<(String, String)>| f.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
        let body: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, html) = read(app.post_form(&format!("{doc}/vision"), &body, Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please say what would make it meet \u{201c}Open and honest\u{201d}"), "{html}");
        assert!(html.contains(r#"value="partly" checked"#), "the choice is kept: {html}");
        form[2].1 = "Say who to call.".into();
        for id in &ids[1..] {
            form.push((format!("rating-{id}"), "yes".into()));
            form.push((format!("comment-{id}"), String::new()));
        }
        let form = pairs(&form);
        let body: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let response = app.post_form(&format!("{doc}/vision"), &body, Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains("Every vision statement has been checked.") && html.contains("0 yes, 1 partly, 0 not yet.") && html.contains("Say who to call."), "{html}");
        let response = app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains("The vision check when it was agreed: Open and honest: 0 yes, 1 partly, 0 not yet. Flexible and creative: 1 yes, 0 partly, 0 not yet. Clear and simple: 1 yes, 0 partly, 0 not yet."), "{html}");

        // A rule turned on after agreeing still counts at publishing.
        let other = app.post_form("/documents/new/policy", &[("title", "Second"), ("kind", "policy"), ("body", "Short.\n")], Some(&alex)).await;
        let other = other.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        app.post_form(&format!("{other}/rule"), &[], Some(&priya)).await;
        let (_, html) = app.get_as(&other, &priya).await;
        let other_rev = revision_on(&html);
        app.post_form(&format!("{other}/status"), &[("to", "out_for_comment"), ("revision_id", &other_rev)], Some(&priya)).await;
        app.post_form(&format!("{other}/view"), &[("revision_id", &other_rev), ("response", "agree")], Some(&priya)).await;
        assert_eq!(app.post_form(&format!("{other}/status"), &[("to", "agreed"), ("revision_id", &other_rev)], Some(&priya)).await.status().as_u16(), 303);
        app.post_form(&format!("{other}/rule"), &[("vision_check", "on")], Some(&priya)).await;
        let (status, html) = read(app.post_form(&format!("{other}/status"), &[("to", "published"), ("revision_id", &other_rev)], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("It cannot be published yet. This space asks for a complete vision check, and nobody has checked it against"), "{html}");

        // The API shows the same check.
        let token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let id = doc.trim_start_matches("/documents/");
        let check: serde_json::Value = app.client.get(app.url(&format!("/api/v1/documents/{id}/vision"))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(check["required"], true);
        assert_eq!(check["statements"][0]["reviews"][0]["rating"], "partly");
        let response = app.client.put(app.url(&format!("/api/v1/documents/{id}/vision"))).bearer_auth(&token)
            .json(&serde_json::json!({"revision_id": rev, "ratings": [{"statement_id": ids[0], "rating": "yes"}]})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let check: serde_json::Value = response.json().await.unwrap();
        assert_eq!(check["statements"][0]["reviews"].as_array().unwrap().len(), 2);
    }
}
