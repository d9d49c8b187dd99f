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

on_both_databases! {
    async fn twenty_four_people_saving_at_once_all_keep_their_words(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let mut editors = Vec::new();
        for n in 0..24 {
            editors.push(member(&app, n, policy).await);
        }
        let base: String = (0..24).map(|i| format!("Paragraph {i}: the old words.\n\n")).collect();
        let doc = service::create_document(&app.db, &editors[0], policy, "Direct Payments Policy 2027", Some(DocumentKind::Policy), &base, None).await.unwrap();
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

    async fn a_true_clash_keeps_both_versions_and_says_so(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, 1, policy).await;
        let alex = member(&app, 2, policy).await;
        let base = "We check how the money is spent.\n\nAsk us for help.\n";
        let doc = service::create_document(&app.db, &priya, policy, "Policy", Some(DocumentKind::Policy), base, None).await.unwrap();
        let first = service::history(&app.db, Some(priya.id), doc).await.unwrap()[0].id;
        service::save(&app.db, &priya, doc, first, &base.replace("how the money is spent", "your statements every three months"), None).await.unwrap();
        let outcome = service::save(&app.db, &alex, doc, first, &base.replace("how the money is spent", "the money once a year"), None).await.unwrap();
        assert!(outcome.merged);
        assert_eq!(outcome.clashes, 1);
        let text = service::view(&app.db, Some(alex.id), doc).await.unwrap().body_markdown;
        assert!(text.contains("every three months") && text.contains("once a year") && text.contains(domain::documents::merge::CLASH_START));
    }

    async fn drafts_are_for_people_in_the_space(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, 1, policy).await;
        let doc = service::create_document(&app.db, &priya, policy, "Draft", Some(DocumentKind::Form), "<script>alert(1)</script> [x](javascript:alert(1))", None).await.unwrap();
        assert!(service::view(&app.db, None, doc).await.is_err(), "signed out: not found");
        let html = service::view(&app.db, Some(priya.id), doc).await.unwrap().body_html;
        assert!(!html.contains("<script") && !html.contains("href=\"javascript"), "{html}");
        let outsider = {
            let (p, _) = create_account(&app.db, NewAccount { display_name: "Out".into(), email: "out@example.org".into(), perspective: Some(Perspective::Other), ..Default::default() }).await.unwrap();
            p.id
        };
        assert!(service::view(&app.db, Some(outsider), doc).await.is_err());
        assert!(service::list_in_space(&app.db, Some(outsider), policy).await.unwrap().is_empty());
        assert_eq!(service::list_in_space(&app.db, Some(priya.id), policy).await.unwrap().len(), 1);
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
