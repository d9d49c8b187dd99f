//! Shared drafts on a real database: many people saving the same document at once all keep
//! their words. Each test runs on SQLite and PostgreSQL.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::documents::{DocumentKind, service};
use domain::people::{CurrentUser, Perspective, Role};

async fn member(app: &common::TestApp, n: usize, space: uuid::Uuid) -> CurrentUser {
    let (person, _) = create_account(&app.db, NewAccount {
        display_name: format!("Editor {n}"),
        email: format!("editor{n}@example.org"),
        perspective: Some(if n % 2 == 0 { Perspective::Expert } else { Perspective::Staff }),
        ..Default::default()
    })
    .await
    .unwrap();
    set_role(&app.db, space, person.id, Role::Member).await.unwrap();
    domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, &format!("editor{n}@example.org"), None).await.unwrap())
        .await
        .unwrap()
        .unwrap()
}

/// Signs in as a new account (the first one is a co-chair of the board, so leads every group).
async fn signed_in(app: &common::TestApp, email: &str) -> String {
    create_account(&app.db, NewAccount {
        display_name: email.split('@').next().unwrap().to_owned(),
        email: email.into(),
        perspective: Some(Perspective::Staff),
        password: Some("purple kettle island".into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let response = app.post_form("/sign-in", &[("email", email), ("password", "purple kettle island")], None).await;
    common::session_from(&response).unwrap()
}

on_both_databases! {
    async fn documents_through_the_pages_without_javascript(app: TestApp) {
        app.load_demo().await;
        let priya = signed_in(&app, "priya@example.org").await;
        let (_, html) = app.get_as("/groups/policy", &priya).await;
        assert!(html.contains(r#"<a href="/documents/new/policy">Start a new document</a>"#));

        // A mistake keeps what was typed.
        let response = app.post_form("/documents/new/policy", &[("title", ""), ("kind", "policy"), ("body", "Our words.")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("Please give the document a title.") && html.contains("Our words."));

        let base = "# Direct Payments Policy 2027\n\nWe check how the money is spent.\n\nAsk us for help.\n";
        let response = app.post_form("/documents/new/policy", &[("title", "Direct Payments Policy 2027"), ("kind", "policy"), ("body", base)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let doc_path = location.split('?').next().unwrap().to_owned();
        let (status, html) = app.get_as(&location, &priya).await;
        assert_eq!(status, 200);
        assert!(html.contains("Saved as version 1.") && html.contains("<h1>Direct Payments Policy 2027</h1>"));
        assert!(html.contains("Version 1, saved by priya"));

        // Two people open the editor on version 1; Alex saves first, then Priya.
        let (_, edit) = app.get_as(&format!("{doc_path}/edit"), &priya).await;
        let base_id = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let alex = {
            domain::accounts::create_account(&app.db, NewAccount { display_name: "Alex".into(), email: "alex@example.org".into(), perspective: Some(Perspective::Expert), password: Some("purple kettle island".into()), ..Default::default() }).await.unwrap();
            let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
            let alex_id = domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, "alex@example.org", None).await.unwrap()).await.unwrap().unwrap().id;
            set_role(&app.db, policy, alex_id, Role::Member).await.unwrap();
            common::session_from(&app.post_form("/sign-in", &[("email", "alex@example.org"), ("password", "purple kettle island")], None).await).unwrap()
        };
        let alex_body = base.replace("Ask us for help.", "Ask us for help at any time.");
        let response = app.post_form(&format!("{doc_path}/edit"), &[("base_revision_id", &base_id), ("body", &alex_body), ("note", "friendlier ending")], Some(&alex)).await;
        assert_eq!(response.status().as_u16(), 303);
        let priya_body = base.replace("We check how the money is spent.", "We check your statements once a year.");
        let response = app.post_form(&format!("{doc_path}/edit"), &[("base_revision_id", &base_id), ("body", &priya_body), ("note", "")], Some(&priya)).await;
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("saved=3&merged=1&clashes=0"), "{location}");
        let (_, html) = app.get_as(&location, &priya).await;
        assert!(html.contains("we merged your words with theirs"));
        assert!(html.contains("Ask us for help at any time.") && html.contains("We check your statements once a year."));

        let (_, html) = app.get_as(&format!("{doc_path}/history"), &priya).await;
        assert!(html.contains("Version 3") && html.contains("Merged with a change saved at the same time") && html.contains("friendlier ending"));
        assert!(!html.contains("Older versions"), "all three fit on one page");
        // Older versions are a page further on, by a plain link.
        let (status, older) = app.get_as(&format!("{doc_path}/history?before=3"), &priya).await;
        assert_eq!(status, 200);
        assert!(older.contains("<strong>Version 2</strong>") && older.contains("<strong>Version 1</strong>") && !older.contains("<strong>Version 3</strong>"), "{older}");
        let (status, html) = app.get_as(&format!("{doc_path}/compare?from=1&to=3"), &priya).await;
        assert_eq!(status, 200);
        assert!(html.contains("<ins>") && html.contains("[added: ") && html.contains("<del>") && html.contains("[removed: "), "{html}");

        // Any version downloads as Markdown; an old one can be brought back as a new version.
        let response = app.client.get(app.url(&format!("{doc_path}/versions/1"))).header("Cookie", &priya).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.headers()["content-type"], "text/markdown; charset=utf-8");
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("direct-payments-policy-2027-version-1.md"));
        assert_eq!(response.text().await.unwrap(), base);
        assert_eq!(app.get_text(&format!("{doc_path}/versions/1")).await.0, 404, "not for the public");
        let response = app.post_form(&format!("{doc_path}/restore"), &[("number", "1")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&format!("{doc_path}/history"), &priya).await;
        assert!(html.contains("Version 4") && html.contains("Brought back version 1"));
        let (_, html) = app.get_as(&doc_path, &priya).await;
        assert!(html.contains("Ask us for help.</p>") && !html.contains("at any time"));

        // Drafts are not for the public.
        assert_eq!(app.get_text(&doc_path).await.0, 404);
        let (_, public) = app.get_text("/groups/policy").await;
        assert!(!public.contains("Direct Payments Policy 2027"));
        // A stale form with a broken base id keeps the text.
        let response = app.post_form(&format!("{doc_path}/edit"), &[("base_revision_id", "nonsense"), ("body", "My precious words.")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("My precious words."));
    }


    async fn checking_the_writing_saves_nothing_and_keeps_the_edit(app: TestApp) {
        app.load_demo().await;
        let priya = signed_in(&app, "priya@example.org").await;
        let response = app.post_form("/documents/new/policy", &[("title", "Letter"), ("kind", "paperwork"), ("body", "Dear Sam.\n")], Some(&priya)).await;
        let doc = response.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &priya).await;
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        // Someone saves meanwhile; checking must not move the edit onto their version.
        app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", "Dear Sam,\n\nThanks.\n")], Some(&priya)).await;
        let draft = "Your PA is paid by the council in order to help you. We utilise a list.";
        let (status, html) = {
            let r = app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", draft), ("note", "plainer"), ("check", "1")], Some(&priya)).await;
            (r.status().as_u16(), r.text().await.unwrap().replace("<!>", ""))
        };
        assert_eq!(status, 200);
        assert!(html.contains("Nothing has been saved yet.") && html.contains(draft) && html.contains(r#"value="plainer""#));
        assert!(html.contains(&format!(r#"name="base_revision_id" value="{base}""#)), "the edit still starts from the version first opened");
        assert!(html.contains("Reading ease") && html.contains("\u{201c}is paid\u{201d}") && html.contains("\u{201c}utilise\u{201d}: try \u{201c}use\u{201d}"), "{html}");
        let (_, history) = app.get_as(&format!("{doc}/history"), &priya).await;
        assert!(!history.contains("Version 3"), "nothing was saved");
        let (_, page) = app.get_as(&doc, &priya).await;
        assert!(page.contains("How easy is it to read?"));
    }

    async fn twenty_four_people_saving_at_once_all_keep_their_words(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let mut editors = Vec::new();
        for n in 0..24 {
            editors.push(member(&app, n, policy).await);
        }
        let base: String = (0..24).map(|i| format!("Paragraph {i}: the old words.\n\n")).collect();
        let doc = service::create_document(&app.db, &editors[0], policy, "Direct Payments Policy 2027", Some(DocumentKind::Policy), &base, &[]).await.unwrap();
        let first = service::history(&app.db, Some(editors[0].id), doc).await.unwrap()[0].id;

        // Everyone opened version 1 and now presses Save at the same moment.
        let saves = editors.iter().enumerate().map(|(i, editor)| {
            let db = app.db.clone();
            let editor = editor.clone();
            let body = base.replace(&format!("Paragraph {i}: the old words."), &format!("Paragraph {i}: rewritten by editor {i}."));
            tokio::spawn(async move { service::save(&db, &editor, doc, first, &body, Some("my paragraph")).await })
        });
        let outcomes: Vec<_> = futures_join(saves).await;
        let outcomes: Vec<_> = outcomes.into_iter().map(|o| o.expect("every save lands")).collect();
        assert_eq!(outcomes.iter().filter(|o| !o.merged).count(), 1, "only the first save needed no merge");
        assert!(outcomes.iter().all(|o| o.clashes == 0), "different paragraphs never clash");
        let mut numbers: Vec<i32> = outcomes.iter().map(|o| o.number).collect();
        numbers.sort();
        assert_eq!(numbers, (2..=25).collect::<Vec<_>>(), "one revision each, in turn");

        let view = service::view(&app.db, Some(editors[0].id), doc).await.unwrap();
        for i in 0..24 {
            assert!(view.body_markdown.contains(&format!("Paragraph {i}: rewritten by editor {i}.")), "editor {i}'s words are in:\n{}", view.body_markdown);
        }
        assert!(!view.body_markdown.contains("the old words"));
        assert_eq!(service::history(&app.db, Some(editors[0].id), doc).await.unwrap().len(), 25);
    }

    async fn documents_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let editor = member(&app, 1, policy).await;
        let token = server::cli::create_token(&app.db, &editor.email, Some("script")).await.unwrap();
        let post = |path: String, body: serde_json::Value, token: Option<String>| {
            let mut request = app.client.post(app.url(&path)).json(&body);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        let get = |path: String| app.client.get(app.url(&path)).bearer_auth(&token).send();

        let response = post(format!("/api/v1/spaces/{policy}/documents"), serde_json::json!({"title": "Letter", "kind": "paperwork", "body": "Dear Alex,\n\nWe check how the money is spent.\n"}), Some(token.clone())).await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let doc: serde_json::Value = response.json().await.unwrap();
        let id = doc["id"].as_str().unwrap().to_owned();
        let first = doc["revision"]["id"].as_str().unwrap().to_owned();
        assert_eq!(doc["body_html"], "<p>Dear Alex,</p>\n<p>We check how the money is spent.</p>\n");

        let save = |body: &str| post(format!("/api/v1/documents/{id}/revisions"), serde_json::json!({"base_revision_id": first, "body": body, "note": "api"}), Some(token.clone()));
        assert_eq!(save("Dear Alex,\n\nWe check your statements.\n").await.unwrap().status().as_u16(), 201);
        let response = save("Hello Alex,\n\nWe check how the money is spent.\n").await.unwrap();
        let outcome: serde_json::Value = response.json().await.unwrap();
        assert_eq!(outcome["merged"], true);
        assert_eq!(outcome["clashes"], 0);
        assert_eq!(outcome["number"], 3);

        let (status, current) = { let r = get(format!("/api/v1/documents/{id}")).await.unwrap(); (r.status().as_u16(), r.json::<serde_json::Value>().await.unwrap()) };
        assert_eq!(status, 200);
        assert_eq!(current["body_markdown"], "Hello Alex,\n\nWe check your statements.\n");
        let list: serde_json::Value = get(format!("/api/v1/documents/{id}/revisions")).await.unwrap().json().await.unwrap();
        assert_eq!(list["items"].as_array().unwrap().len(), 3);
        assert!(list["next_cursor"].is_null());
        // A page at a time, newest first, paged in the database.
        let first_page: serde_json::Value = get(format!("/api/v1/documents/{id}/revisions?limit=2")).await.unwrap().json().await.unwrap();
        let numbers = |page: &serde_json::Value| page["items"].as_array().unwrap().iter().map(|r| r["number"].as_i64().unwrap()).collect::<Vec<_>>();
        assert_eq!(numbers(&first_page), vec![3, 2]);
        let cursor = first_page["next_cursor"].as_str().unwrap().to_owned();
        let second_page: serde_json::Value = get(format!("/api/v1/documents/{id}/revisions?limit=2&cursor={cursor}")).await.unwrap().json().await.unwrap();
        assert_eq!((numbers(&second_page), second_page["next_cursor"].is_null()), (vec![1], true));
        let one: serde_json::Value = get(format!("/api/v1/documents/{id}/revisions/1")).await.unwrap().json().await.unwrap();
        assert_eq!(one["body"], "Dear Alex,\n\nWe check how the money is spent.\n");
        let diff: serde_json::Value = get(format!("/api/v1/documents/{id}/diff?from=1&to=3")).await.unwrap().json().await.unwrap();
        assert!(diff.as_array().unwrap().iter().any(|p| p["kind"] == "added" && p["text"].as_str().unwrap().contains("Hello")));

        // Signed out: drafts are not there. Without a token: 401. Unknown fields: 400.
        assert_eq!(app.get(&format!("/api/v1/documents/{id}")).await.status().as_u16(), 404);
        assert_eq!(save_status(post(format!("/api/v1/documents/{id}/revisions"), serde_json::json!({"base_revision_id": first, "body": "x"}), None).await), 401);
        assert_eq!(save_status(post(format!("/api/v1/documents/{id}/revisions"), serde_json::json!({"base_revision_id": first, "body": "x", "colour": "red"}), Some(token.clone())).await), 400);
        let (_, doc) = app.get_json("/api/v1/openapi.json").await;
        assert!(doc["paths"].get("/api/v1/documents/{id}/revisions").is_some());
    }

    async fn a_true_clash_keeps_both_versions_and_says_so(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, 1, policy).await;
        let alex = member(&app, 2, policy).await;
        let base = "We check how the money is spent.\n\nAsk us for help.\n";
        let doc = service::create_document(&app.db, &priya, policy, "Policy", Some(DocumentKind::Policy), base, &[]).await.unwrap();
        let first = service::history(&app.db, Some(priya.id), doc).await.unwrap()[0].id;
        service::save(&app.db, &priya, doc, first, &base.replace("how the money is spent", "your statements every three months"), None).await.unwrap();
        let outcome = service::save(&app.db, &alex, doc, first, &base.replace("how the money is spent", "the money once a year"), None).await.unwrap();
        assert!(outcome.merged);
        assert_eq!(outcome.clashes, 1);
        let text = service::view(&app.db, Some(alex.id), doc).await.unwrap().body_markdown;
        assert!(text.contains("every three months") && text.contains("once a year") && text.contains(domain::documents::merge::CLASH_START));
    }

    /// Bodies built to be slow, each as large as the API takes (1 MiB of JSON), once stalled the
    /// server for minutes. Each is now saved, rendered, split into easy-read parts and checked
    /// for plain language, and the server keeps answering everyone else meanwhile.
    async fn pathological_bodies_are_worked_out_and_others_are_still_answered(app: TestApp) {
        app.load_demo().await;
        let priya = signed_in(&app, "priya@example.org").await;
        let token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let bodies = [
            ("headings", "# a\n".repeat(200_000)),
            ("full stops", format!("x{}", ". ".repeat(480_000))),
            ("glossary words", "direct payment ".repeat(65_000)),
        ];
        for (name, body) in bodies {
            let response = app.client.post(app.url(&format!("/api/v1/spaces/{policy}/documents"))).bearer_auth(&token)
                .json(&serde_json::json!({"title": name, "kind": "policy", "body": body})).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 201, "{name}");
            let id = response.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned();

            // The page, with its plain-language check, while other people keep being answered.
            let path = format!("/documents/{id}");
            let page = app.get_as(&path, &priya);
            let others = async {
                for _ in 0..5 {
                    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
                }
            };
            let ((status, html), ()) = tokio::join!(page, others);
            assert_eq!(status, 200, "{name}");
            assert!(html.contains("How easy is it to read?"), "{name}");

            let doc: serde_json::Value = app.client.get(app.url(&format!("/api/v1/documents/{id}"))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            if name == "glossary words" {
                assert_eq!(doc["body_html"].as_str().unwrap().matches("#term-direct-payment").count(), 1, "only the first use is linked");
            }
            let easy = app.client.get(app.url(&format!("/api/v1/documents/{id}/easy-read"))).bearer_auth(&token).send().await.unwrap();
            assert_eq!(easy.status().as_u16(), 200, "{name}");
            let easy: serde_json::Value = easy.json().await.unwrap();
            assert!(easy["sections"].as_array().unwrap().len() <= domain::documents::MAX_SECTIONS, "{name}");
        }

        // A vision form with thousands of made-up fields is refused before any work is done.
        let id = service::list_in_space(&app.db, Some(domain::accounts::token_user(&app.db, &token).await.unwrap().unwrap().id), policy).await.unwrap()[0].id;
        let fields: Vec<(String, String)> = (0..5_000).map(|_| (format!("comment-{}", uuid::Uuid::now_v7()), "x".to_owned())).collect();
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let response = app.post_form(&format!("/documents/{id}/vision"), &fields, Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("This form has more answers than there are vision statements."));
    }

    async fn drafts_are_for_people_in_the_space(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, 1, policy).await;
        let doc = service::create_document(&app.db, &priya, policy, "Draft", Some(DocumentKind::Form), "<script>alert(1)</script> [x](javascript:alert(1))", &[]).await.unwrap();
        assert!(service::view(&app.db, None, doc).await.is_err(), "signed out: not found");
        let html = service::view(&app.db, Some(priya.id), doc).await.unwrap().body_html;
        assert!(!html.contains("<script") && !html.contains("href=\"javascript"), "{html}");
        let outsider = {
            let (p, _) = create_account(&app.db, NewAccount { display_name: "Out".into(), email: "out@example.org".into(), perspective: Some(Perspective::Other), ..Default::default() }).await.unwrap();
            p.id
        };
        assert!(service::view(&app.db, Some(outsider), doc).await.is_err());
        assert!(service::list_in_space(&app.db, Some(outsider), policy).await.unwrap().is_empty());
        let listed = service::list_in_space(&app.db, Some(priya.id), policy).await.unwrap();
        assert!(listed.iter().any(|d| d.id == doc) && listed.iter().any(|d| d.title == "Direct Payments Policy 2027"), "the new draft and the demo's");
    }
}

/// Waits for every spawned save and returns their results in order.
async fn futures_join<T: Send + 'static>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        out.push(handle.await.expect("the save task finished"));
    }
    out
}

fn save_status(response: reqwest::Result<reqwest::Response>) -> u16 {
    response.unwrap().status().as_u16()
}
