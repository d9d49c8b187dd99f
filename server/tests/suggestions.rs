//! Suggestions (accessible track changes) on SQLite and PostgreSQL, through the pages without
//! JavaScript and through the JSON API: suggest, discuss, accept (a version credited to the
//! suggester), decline with a reason, and flag a suggestion whose words changed meanwhile.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};

async fn person(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), password: Some("purple kettle island".into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", "purple kettle island")], None).await).unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn read(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    (status, response.text().await.unwrap().replace("<!>", ""))
}

on_both_databases! {
    async fn suggest_discuss_accept_and_decline_without_javascript(app: TestApp) {
        app.load_demo().await;
        let priya = person(&app, "Priya", Perspective::Staff, None).await; // co-chair
        let alex = person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let tom = person(&app, "Tom", Perspective::Partner, Some(Role::Observer)).await;
        let text = "# Paying your PA\n\nWe will endeavour to pay you promptly.\n\nAsk us for help.\n";
        let response = app.post_form("/documents/new/policy", &[("title", "Paying your PA"), ("kind", "policy"), ("body", text)], Some(&priya)).await;
        let doc = location(&response).split('?').next().unwrap().to_owned();

        let (_, page) = app.get_as(&doc, &alex).await;
        assert!(page.contains(&format!(r#"<a href="{doc}/suggest">Suggest a change</a>"#)));
        let (status, form) = app.get_as(&format!("{doc}/suggest"), &alex).await;
        assert_eq!(status, 200);
        assert!(form.contains(r#"<option value="1">Part 2: We will endeavour to pay you promptly.</option>"#), "{form}");
        let revision = form.split(r#"name="revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        assert_eq!(app.get_as(&format!("{doc}/suggest"), &tom).await.0, 403, "observers read, they do not suggest");

        // Mistakes are explained and nothing typed is lost.
        let (status, html) = read(app.post_form(&format!("{doc}/suggest"), &[("revision_id", &revision), ("passage", "1"), ("words", "endeavor"), ("proposed", "We pay you on time."), ("reason", "")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("We could not find those exact words in version 1.") && html.contains("We pay you on time.") && html.contains(r#"<option value="1" selected"#), "{html}");
        let (status, html) = read(app.post_form(&format!("{doc}/suggest"), &[("revision_id", &revision), ("passage", "1"), ("words", ""), ("proposed", "We pay you on time."), ("reason", "")], Some(&alex)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please say why"));

        let response = app.post_form(&format!("{doc}/suggest"), &[("revision_id", &revision), ("passage", "1"), ("words", "We will endeavour to pay you promptly."), ("proposed", "We pay you on time."), ("reason", "Plainer words")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, list) = app.get_as(&location(&response), &alex).await;
        assert!(list.contains("Your suggestion has been sent") && list.contains("Suggestion 1 by Alex (expert by experience)"), "{list}");
        assert!(list.contains(r#"<dd class="original">We will endeavour to pay you promptly.</dd>"#) && list.contains(r#"<dd class="proposed">We pay you on time.</dd>"#));
        let sid = list.split(r#"id="suggestion-"#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let (_, page) = app.get_as(&doc, &alex).await;
        assert!(page.contains("Suggestions (1 waiting)"), "the document says how many wait");

        // Anyone taking part discusses it; a member who edits may decide.
        let response = app.post_form(&format!("/suggestions/{sid}/comment"), &[("body", "Yes, and say which day.")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, list) = app.get_as(&format!("{doc}/suggestions"), &priya).await;
        assert!(list.contains("Discussion (1)") && list.contains("Yes, and say which day."));
        assert!(list.contains("Accept suggestion 1"));
        assert_eq!(app.post_form(&format!("/suggestions/{sid}/accept"), &[], Some(&tom)).await.status().as_u16(), 403);
        let response = app.post_form(&format!("/suggestions/{sid}/accept"), &[], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, list) = app.get_as(&format!("{doc}/suggestions"), &priya).await;
        assert!(list.contains("Accepted by Priya, as version 2."), "{list}");
        let (_, history) = app.get_as(&format!("{doc}/history"), &priya).await;
        assert!(history.contains("Version 2</strong>, by Alex on") && history.contains("Suggestion from Alex, accepted by Priya: Plainer words"), "{history}");
        let (_, page) = app.get_as(&doc, &priya).await;
        assert!(page.contains("We pay you on time.") && !page.contains("endeavour"));
        let (status, html) = read(app.post_form(&format!("/suggestions/{sid}/accept"), &[], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("This suggestion has already been accepted."));

        // A suggestion on words that have changed since is flagged and cannot be applied.
        let response = app.post_form(&format!("{doc}/suggest"), &[("revision_id", &revision), ("passage", "2"), ("words", ""), ("proposed", "Call us for help."), ("reason", "Say how")], Some(&alex)).await;
        let second = location(&response).split("#suggestion-").nth(1).unwrap().to_owned();
        let response = app.post_form(&format!("{doc}/suggest"), &[("revision_id", &revision), ("passage", "2"), ("words", "help"), ("proposed", "support"), ("reason", "Kinder")], Some(&alex)).await;
        let third = location(&response).split("#suggestion-").nth(1).unwrap().to_owned();
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &priya).await;
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", "# Paying your PA\n\nWe pay you on time.\n\nAsk us for help at any time, or for more help.\n")], Some(&priya)).await;
        let (_, list) = app.get_as(&format!("{doc}/suggestions"), &priya).await;
        assert!(list.contains("The words it changes have been edited since, so it cannot be applied as it is."), "{list}");
        assert!(list.contains("now appear more than once"), "{list}");
        let (status, html) = read(app.post_form(&format!("/suggestions/{second}/accept"), &[], Some(&priya)).await).await;
        assert_eq!(status, 409);
        assert!(html.contains("have been edited since"));
        let (status, _) = read(app.post_form(&format!("/suggestions/{third}/accept"), &[], Some(&priya)).await).await;
        assert_eq!(status, 409);

        // Declining needs a reason, which the suggester reads.
        let (status, html) = read(app.post_form(&format!("/suggestions/{second}/decline"), &[("reason", "")], Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please say why you are declining it."));
        app.post_form(&format!("/suggestions/{second}/decline"), &[("reason", "We changed this part already.")], Some(&priya)).await;
        let (_, list) = app.get_as(&format!("{doc}/suggestions"), &alex).await;
        assert!(list.contains("Declined by Priya: We changed this part already."));
        assert_eq!(app.get_text(&format!("{doc}/suggestions")).await.0, 404, "not for the public");
    }

    async fn suggestions_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        person(&app, "Priya", Perspective::Staff, None).await;
        person(&app, "Alex", Perspective::Expert, Some(Role::Member)).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let post = |path: String, body: serde_json::Value, token: &str| app.client.post(app.url(&path)).bearer_auth(token).json(&body).send();
        let doc: serde_json::Value = post(format!("/api/v1/spaces/{policy}/documents"), serde_json::json!({"title": "Plan", "kind": "policy", "body": "Utilise the form.\n"}), &priya).await.unwrap().json().await.unwrap();
        let (id, rev) = (doc["id"].as_str().unwrap().to_owned(), doc["revision"]["id"].as_str().unwrap().to_owned());
        let response = post(format!("/api/v1/documents/{id}/suggestions"), serde_json::json!({"revision_id": rev, "words": "Utilise", "proposed": "Use", "reason": "Plain English"}), &alex).await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let s: serde_json::Value = response.json().await.unwrap();
        assert_eq!(s["anchor"], "found");
        assert_eq!(s["perspective"], "expert");
        let sid = s["id"].as_str().unwrap().to_owned();
        let response = post(format!("/api/v1/suggestions/{sid}/comments"), serde_json::json!({"body": "Agreed"}), &priya).await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let response = post(format!("/api/v1/suggestions/{sid}/accept"), serde_json::json!({}), &alex).await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "members edit, so they may accept");
        let accepted: serde_json::Value = response.json().await.unwrap();
        assert_eq!(accepted["status"], "accepted");
        assert_eq!(accepted["applied_revision_number"], 2);
        let list: serde_json::Value = app.client.get(app.url(&format!("/api/v1/documents/{id}/suggestions"))).bearer_auth(&priya).send().await.unwrap().json().await.unwrap();
        assert_eq!(list["items"][0]["discussion"]["comments"][0]["body"], "Agreed");
        let current: serde_json::Value = app.client.get(app.url(&format!("/api/v1/documents/{id}"))).bearer_auth(&priya).send().await.unwrap().json().await.unwrap();
        assert_eq!(current["body_markdown"], "Use the form.\n");
        assert_eq!(current["revision"]["author"], "Alex");
        assert_eq!(app.get(&format!("/api/v1/suggestions/{sid}")).await.status().as_u16(), 404, "signed out: not found");

        // Pages come from the database in the list's order: open ones newest first, then decided.
        let rev = current["revision"]["id"].as_str().unwrap().to_owned();
        let mut open = Vec::new();
        for proposed in ["Fill in the form.", "Please use the form.", "Use this form."] {
            let s: serde_json::Value = post(format!("/api/v1/documents/{id}/suggestions"), serde_json::json!({"revision_id": rev, "words": "Use the form.", "proposed": proposed, "reason": "clearer"}), &alex).await.unwrap().json().await.unwrap();
            open.push(s["id"].as_str().unwrap().to_owned());
        }
        let page = |cursor: Option<String>| {
            let path = match cursor { Some(c) => format!("/api/v1/documents/{id}/suggestions?limit=2&cursor={c}"), None => format!("/api/v1/documents/{id}/suggestions?limit=2") };
            let request = app.client.get(app.url(&path)).bearer_auth(priya.clone());
            async move { request.send().await.unwrap().json::<serde_json::Value>().await.unwrap() }
        };
        let ids = |p: &serde_json::Value| p["items"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let first = page(None).await;
        assert_eq!(ids(&first), vec![open[2].clone(), open[1].clone()]);
        let second = page(first["next_cursor"].as_str().map(str::to_owned)).await;
        assert_eq!(ids(&second), vec![open[0].clone(), sid.clone()]);
        assert!(second["next_cursor"].is_null(), "{second}");
    }
}
