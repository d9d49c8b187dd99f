//! The glossary on SQLite and PostgreSQL: a signed-out visitor asks about a word, members see the
//! question and explain it, and from then on the word is explained wherever it appears.

mod common;

use domain::accounts::{NewAccount, create_account};
use domain::people::Perspective;

async fn sign_in(app: &common::TestApp, name: &str) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(Perspective::Expert), password: Some("purple kettle island".into()), ..Default::default() })
        .await
        .unwrap();
    common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", "purple kettle island")], None).await).unwrap()
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

on_both_databases! {
    async fn a_visitors_question_is_answered_and_the_word_explained_everywhere(app: TestApp) {
        app.load_demo().await;
        // The demo leaves a visitor's question waiting; this test counts its own.
        use sea_orm::EntityTrait;
        domain::entities::glossary_request::Entity::delete_many().exec(&app.db).await.unwrap();
        // Every page offers the question, and knows where it was asked from.
        let (_, home) = app.get_text("/groups/policy").await;
        assert!(home.contains(r#"<a href="/glossary/ask?from=/groups/policy">I don&#x27;t understand a word here</a>"#) || home.contains(r#"<a href="/glossary/ask?from=/groups/policy">I don't understand a word here</a>"#), "{home}");
        // A group's remit explains its words too.
        assert!(home.contains(r##"<a href="#term-direct-payment" rel="noopener noreferrer">direct payments</a>"##) && home.contains(r#"<dt id="term-direct-payment">direct payment</dt>"#), "{home}");
        let (_, board) = app.get_text("/").await;
        assert!(board.contains(r#"<h2 id="words-heading">Words explained</h2>"#), "the board's purpose too");
        let (status, ask) = app.get_text("/glossary/ask?from=/groups/policy").await;
        assert_eq!(status, 200);
        assert!(ask.contains(r#"name="page" value="/groups/policy""#));

        // An empty question is refused kindly; a known word goes straight to its explanation.
        let response = app.post_form("/glossary/ask", &[("word", "  "), ("page", "/groups/policy")], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please type the word or phrase."));
        let response = app.post_form("/glossary/ask", &[("word", "Direct payments"), ("page", "/")], None).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(location(&response), "/glossary#direct-payment");

        // A new word joins the queue, once, counting everyone who asked.
        let response = app.post_form("/glossary/ask", &[("word", "personal budget"), ("page", "/groups/policy")], None).await;
        assert_eq!(location(&response), "/glossary/ask?asked=personal%20budget&from=/groups/policy");
        let (_, thanks) = app.get_text(&location(&response)).await;
        assert!(thanks.contains("We have asked the board") && thanks.contains(r#"<a href="/groups/policy">Go back to the page you were reading</a>"#));
        app.post_form("/glossary/ask", &[("word", "Personal  Budget"), ("page", "https://evil.example/")], None).await;
        let (_, ask) = app.get_text("/glossary/ask?from=/%5Cevil.example").await;
        assert!(!ask.contains("evil.example"), "a link back never leads to another site");
        let (_, public) = app.get_text("/glossary").await;
        assert!(!public.contains("Words people asked about"), "the queue is for members");
        assert!(public.contains(r#"<dt id="direct-payment">direct payment</dt>"#));

        let priya = sign_in(&app, "Priya").await; // the first account: a co-chair
        let (_, home) = app.get_as("/", &priya).await;
        assert!(home.contains("1 word someone did not understand is waiting for an explanation."), "the question reaches members");
        assert!(!app.get_text("/").await.1.contains("waiting for an explanation"));
        let (_, glossary) = app.get_as("/glossary", &priya).await;
        assert!(glossary.contains("\u{201c}personal budget\u{201d}") && glossary.contains("Asked 2 times"), "{glossary}");
        assert!(!glossary.contains("evil.example"));
        let id = glossary.split(r#"action="/glossary/requests/"#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        assert_eq!(app.post_form(&format!("/glossary/requests/{id}"), &[("explanation", "x")], None).await.status().as_u16(), 403);
        let response = app.post_form(&format!("/glossary/requests/{id}"), &[("explanation", "")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please write a short explanation in plain words."));
        let response = app.post_form(&format!("/glossary/requests/{id}"), &[("explanation", "The amount of money the council works out you need for your care.")], Some(&priya)).await;
        assert_eq!(location(&response), "/glossary#personal-budget");
        let (_, glossary) = app.get_as("/glossary", &priya).await;
        assert!(glossary.contains("Nobody is waiting for an explanation.") && glossary.contains(r#"<dt id="personal-budget">personal budget</dt>"#));

        // Now a draft that uses the word explains it, below the text, by an ordinary link.
        let response = app.post_form("/documents/new/policy", &[("title", "Budgets"), ("kind", "policy"), ("body", "Your personal budget pays for your support plan.\n")], Some(&priya)).await;
        let doc = location(&response);
        let (_, html) = app.get_as(&doc, &priya).await;
        assert!(html.contains(r##"<a href="#term-personal-budget" rel="noopener noreferrer">personal budget</a>"##), "{html}");
        assert!(html.contains(r#"<dt id="term-personal-budget">personal budget</dt><dd>The amount of money the council works out you need for your care.</dd>"#), "{html}");
        assert!(html.contains(r#"<dt id="term-support-plan">support plan</dt>"#));

        // Emails explain their words too: an invitation to the Direct Payments Board.
        let response = app.post_form("/invite/direct-payments-board", &[("email", "june@example.org"), ("role", "member")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 200);
        let mail = app.mails().await.into_iter().rev().find(|m| m.contains("To: june@example.org")).expect("an invitation");
        assert!(mail.contains("Words explained") && mail.contains("- direct payment: Money from the council"), "{mail}");

        // The vision page explains the words in the statements.
        let (_, vision) = app.get_text("/vision").await;
        assert!(vision.contains(r##"href="#term-direct-payment""##) && vision.contains(r#"<dt id="term-direct-payment">"#), "{vision}");

        // And the published guide in the demo explains its words to everyone.
        let (_, list) = app.get_text("/published").await;
        let href = list.split(r#"<a href=""#).find(|l| l.contains("a short guide</a>")).unwrap().split('"').next().unwrap().to_owned();
        let (_, guide) = app.get_text(&href).await;
        assert!(guide.contains(r##"href="#term-payroll""##) && guide.contains(r#"<dt id="term-payroll">payroll</dt>"#), "{guide}");
    }

    async fn the_glossary_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        // The demo leaves a visitor's question waiting; this test counts its own.
        use sea_orm::EntityTrait;
        domain::entities::glossary_request::Entity::delete_many().exec(&app.db).await.unwrap();
        sign_in(&app, "Priya").await;
        let token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let (status, page) = app.get_json(&format!("/api/v1/spaces/{policy}/glossary?limit=2")).await;
        assert_eq!(status, 200);
        assert_eq!(page["items"][0]["term"], "Care Act", "A to Z, a group using its board's words");
        assert!(page["next_cursor"].is_string());
        let (_, next) = app.get_json(&format!("/api/v1/spaces/{policy}/glossary?limit=2&cursor={}", page["next_cursor"].as_str().unwrap())).await;
        assert_eq!(next["items"][0]["term"], "eligibility");

        let ask = |word: &str| app.client.post(app.url("/api/v1/glossary-requests")).json(&serde_json::json!({"word": word})).send();
        let asked: serde_json::Value = ask("support plans").await.unwrap().json().await.unwrap();
        assert_eq!(asked["outcome"], "explained");
        assert_eq!(asked["term"]["slug"], "support-plan");
        let asked: serde_json::Value = ask("reablement").await.unwrap().json().await.unwrap();
        assert_eq!(asked["outcome"], "queued");
        let request = asked["request"]["id"].as_str().unwrap().to_owned();

        assert_eq!(app.get("/api/v1/glossary-requests").await.status().as_u16(), 401);
        let queue: serde_json::Value = app.client.get(app.url("/api/v1/glossary-requests")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(queue["items"][0]["word"], "reablement");
        let response = app.client.post(app.url(&format!("/api/v1/glossary-requests/{request}/answer"))).bearer_auth(&token)
            .json(&serde_json::json!({"explanation": "Short-term help to get back your confidence and skills at home."})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let term: serde_json::Value = response.json().await.unwrap();
        let response = app.client.patch(app.url(&format!("/api/v1/glossary/{}", term["id"].as_str().unwrap()))).bearer_auth(&token)
            .json(&serde_json::json!({"explanation": "Help for a few weeks to do things at home again."})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let response = app.client.post(app.url(&format!("/api/v1/spaces/{board}/glossary"))).bearer_auth(&token)
            .json(&serde_json::json!({"term": "Reablement", "explanation": "again"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 409, "a word is in the glossary once");
        let response = app.client.post(app.url(&format!("/api/v1/spaces/{board}/glossary"))).json(&serde_json::json!({"term": "x", "explanation": "y"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
    }
}
