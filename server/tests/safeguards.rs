//! Findings of the security and robustness review, on SQLite and PostgreSQL. Writes made at the
//! same moment: two people deciding the same thing at once get one outcome and one plain
//! "already done", never two outcomes or a broken record. And who may see whom.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::documents::{DocumentKind, VisionRating, service, suggestions, vision};
use domain::people::{CurrentUser, Perspective, Role};
use domain::DomainError;

async fn member(app: &common::TestApp, name: &str, role: Role) -> CurrentUser {
    let email = format!("{}@example.org", name.to_lowercase());
    let (person, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(Perspective::Expert), ..Default::default() })
        .await
        .unwrap();
    let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
    set_role(&app.db, policy, person.id, role).await.unwrap();
    domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, &email, None).await.unwrap()).await.unwrap().unwrap()
}

fn conflicts<T: std::fmt::Debug>(results: &[Result<T, DomainError>]) -> usize {
    results.iter().filter(|r| matches!(r, Err(DomainError::Conflict(_)))).count()
}

on_both_databases! {
    async fn two_accepts_of_one_suggestion_make_one_version(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, "Priya", Role::CoChair).await;
        let sam = member(&app, "Sam", Role::CoChair).await;
        let alex = member(&app, "Alex", Role::Member).await;
        let doc = service::create_document(&app.db, &priya, policy, "Paying", Some(DocumentKind::Policy), "We will endeavour to pay.\n\nAsk us.\n", &[]).await.unwrap();
        let first = service::history(&app.db, Some(priya.id), doc).await.unwrap()[0].id;
        let s = suggestions::suggest(&app.db, &alex, doc, first, None, "endeavour to pay", "pay", "plainer").await.unwrap();

        let (a, b) = tokio::join!(suggestions::accept(&app.db, &priya, s.id), suggestions::accept(&app.db, &sam, s.id));
        let results = [a.map(|_| ()), b.map(|_| ())];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        assert_eq!(conflicts(&results), 1, "{results:?}");
        assert_eq!(service::history(&app.db, Some(priya.id), doc).await.unwrap().len(), 2, "one new version, not two");
        assert_eq!(service::view(&app.db, Some(priya.id), doc).await.unwrap().body_markdown, "We will pay.\n\nAsk us.\n");

        // An accept and a decline at once: one of them, never both.
        let s = suggestions::suggest(&app.db, &alex, doc, service::history(&app.db, Some(priya.id), doc).await.unwrap()[0].id, None, "Ask us.", "Ask us any time.", "friendlier").await.unwrap();
        let (a, d) = tokio::join!(suggestions::accept(&app.db, &priya, s.id), suggestions::decline(&app.db, &sam, s.id, "not now"));
        let results = [a.map(|_| ()), d.map(|_| ())];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        let decided = suggestions::get(&app.db, Some(priya.id), s.id).await.unwrap();
        let versions = service::history(&app.db, Some(priya.id), doc).await.unwrap().len();
        match decided.status {
            domain::documents::SuggestionStatus::Accepted => assert_eq!(versions, 3),
            domain::documents::SuggestionStatus::Declined => assert_eq!((versions, decided.decline_reason.as_deref()), (2, Some("not now"))),
            other => panic!("still {other:?}"),
        }
    }

    async fn two_answers_to_one_question_make_one_explanation(app: TestApp) {
        app.load_demo().await;
        let priya = member(&app, "Priya", Role::Member).await;
        let sam = member(&app, "Sam", Role::Member).await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        for person in [&priya, &sam] {
            set_role(&app.db, board, person.id, Role::Member).await.unwrap();
        }
        let asked = domain::glossary::service::ask(&app.db, None, board, "reablement", Some("/"), "192.0.2.1").await.unwrap();
        let domain::glossary::AskOutcome::Queued { request } = asked else { panic!("reablement is not explained in the demo") };
        let (a, b) = tokio::join!(
            domain::glossary::service::answer(&app.db, priya.id, request.id, "Short-term help to get back on your feet."),
            domain::glossary::service::answer(&app.db, sam.id, request.id, "Help at home after hospital."),
        );
        let results = [a.map(|_| ()), b.map(|_| ())];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        assert_eq!(conflicts(&results), 1, "{results:?}");
        let terms = domain::glossary::service::terms(&app.db, board).await.unwrap();
        assert_eq!(terms.iter().filter(|t| t.slug == "reablement").count(), 1);
        assert!(domain::glossary::service::open_requests(&app.db, Some(priya.id), board).await.unwrap().iter().all(|r| r.id != request.id));

        // A refused answer (no explanation) leaves the question open for someone else.
        let domain::glossary::AskOutcome::Queued { request } = domain::glossary::service::ask(&app.db, None, board, "brokerage", None, "192.0.2.1").await.unwrap() else { panic!() };
        assert!(matches!(domain::glossary::service::answer(&app.db, priya.id, request.id, "  ").await, Err(DomainError::Invalid { .. })));
        assert!(domain::glossary::service::open_requests(&app.db, Some(priya.id), board).await.unwrap().iter().any(|r| r.id == request.id));
    }

    async fn rating_the_vision_twice_at_once_keeps_one_rating(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let alex = member(&app, "Alex", Role::Member).await;
        let doc = service::create_document(&app.db, &alex, policy, "Paying", Some(DocumentKind::Policy), "We pay.\n", &[]).await.unwrap();
        let rev = service::history(&app.db, Some(alex.id), doc).await.unwrap()[0].id;
        let statements: Vec<uuid::Uuid> = vision::vision_check(&app.db, Some(alex.id), doc).await.unwrap().statements.iter().map(|s| s.statement_id).collect();
        assert!(!statements.is_empty());
        let rate = |rating: VisionRating, comment: &'static str| {
            let (db, alex, statements) = (app.db.clone(), alex.clone(), statements.clone());
            tokio::spawn(async move {
                let ratings: Vec<vision::Rating> = statements.iter().map(|s| vision::Rating { statement_id: *s, rating: Some(rating), comment }).collect();
                vision::rate(&db, &alex, doc, rev, &ratings).await.map(|_| ())
            })
        };
        let handles: Vec<_> = (0..6).map(|i| if i % 2 == 0 { rate(VisionRating::Yes, "") } else { rate(VisionRating::Partly, "Shorter words, please.") }).collect();
        for handle in handles {
            handle.await.unwrap().expect("each rating is saved, the last one winning");
        }
        let check = vision::vision_check(&app.db, Some(alex.id), doc).await.unwrap();
        for st in &check.statements {
            assert_eq!(st.reviews.len(), 1, "one rating per person per statement: {st:?}");
        }
    }

    async fn members_and_their_perspectives_are_named_only_inside_the_space(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let jordan = member(&app, "Jordan", Role::Member).await;
        let outsider = {
            create_account(&app.db, NewAccount { display_name: "Olu".into(), email: "olu@example.org".into(), perspective: Some(Perspective::Carer), ..Default::default() }).await.unwrap();
            server::cli::create_token(&app.db, "olu@example.org", None).await.unwrap()
        };
        let insider = server::cli::create_token(&app.db, &jordan.email, None).await.unwrap();
        let names = |members: &serde_json::Value| -> Vec<String> { members.as_array().unwrap().iter().map(|m| m["person"]["display_name"].as_str().unwrap().to_owned()).collect() };

        // Inside the group: everyone, with perspectives.
        let inside: serde_json::Value = app.client.get(app.url(&format!("/api/v1/spaces/{policy}/members"))).bearer_auth(&insider).send().await.unwrap().json().await.unwrap();
        assert!(names(&inside).contains(&"Jordan".to_owned()), "{inside}");
        // Signed out, or signed in outside the group: the convenors only.
        let (_, public) = app.get_json(&format!("/api/v1/spaces/{policy}/members")).await;
        let outside: serde_json::Value = app.client.get(app.url(&format!("/api/v1/spaces/{policy}/members"))).bearer_auth(&outsider).send().await.unwrap().json().await.unwrap();
        for seen in [&public, &outside] {
            assert!(!names(seen).contains(&"Jordan".to_owned()), "{seen}");
            assert!(seen.as_array().unwrap().iter().all(|m| m["role"] == "co_chair"), "{seen}");
        }
        let (_, space) = app.get_json(&format!("/api/v1/spaces/{policy}")).await;
        assert!(!names(&space["members"]).contains(&"Jordan".to_owned()), "{space}");
        let counted: u64 = space["people"].as_array().unwrap().iter().map(|c| c["people"].as_u64().unwrap()).sum();
        assert_eq!(counted as usize, names(&inside).len(), "everyone is still counted: {space}");

        // The group's page says the same.
        let (status, page) = app.get_text("/groups/policy").await;
        assert_eq!(status, 200);
        assert!(!page.contains("Jordan") && page.contains("4 people take part in this group: 2 experts by experience, 1 family carer, 1 council staff. Members are named only for people in the group."), "{page}");
    }

    async fn questions_about_words_are_limited_kept_once_and_capped(app: TestApp) {
        use domain::glossary::{AskOutcome, service};
        app.load_demo().await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let (reader, _) = create_account(&app.db, NewAccount { display_name: "Reader".into(), email: "reader@example.org".into(), perspective: Some(Perspective::Staff), ..Default::default() }).await.unwrap();
        set_role(&app.db, board, reader.id, Role::Member).await.unwrap();
        let queued = |outcome: Result<AskOutcome, DomainError>| match outcome {
            Ok(AskOutcome::Queued { request }) => request,
            other => panic!("{other:?}"),
        };

        // Asked at the same moment, in two spellings: one question, asked twice.
        let (a, b) = tokio::join!(service::ask(&app.db, None, board, "Brokerage", None, "192.0.2.1"), service::ask(&app.db, None, board, "brokerage ", None, "192.0.2.2"));
        let (a, b) = (queued(a), queued(b));
        assert_eq!(a.id, b.id);
        let waiting = service::open_requests(&app.db, Some(reader.id), board).await.unwrap();
        let brokerage: Vec<_> = waiting.iter().filter(|r| r.word.eq_ignore_ascii_case("brokerage")).collect();
        assert_eq!((brokerage.len(), brokerage[0].times_asked), (1, 2), "{waiting:?}");

        // One address asks at most 30 times an hour; others still can. (Two asked above from .1.)
        for i in 0..29 {
            queued(service::ask(&app.db, None, board, &format!("word number {i}"), None, "198.51.100.7").await);
        }
        queued(service::ask(&app.db, None, board, "one more", None, "198.51.100.7").await);
        let refused = service::ask(&app.db, None, board, "and another", None, "198.51.100.7").await;
        assert!(matches!(&refused, Err(DomainError::Invalid { message, .. }) if message.contains("paused new questions")), "{refused:?}");
        queued(service::ask(&app.db, None, board, "and another", None, "198.51.100.8").await);
        // Words already explained are always answered, however often.
        assert!(matches!(service::ask(&app.db, None, board, "direct payment", None, "198.51.100.7").await, Ok(AskOutcome::Explained { .. })));

        // At most MAX_OPEN_QUESTIONS wait at once.
        let mut n = service::open_requests(&app.db, Some(reader.id), board).await.unwrap().len() as u64;
        let mut i = 0;
        while n < service::MAX_OPEN_QUESTIONS {
            queued(service::ask(&app.db, None, board, &format!("filler {i}"), None, &format!("203.0.113.{}", i % 200)).await);
            n += 1;
            i += 1;
        }
        let full = service::ask(&app.db, None, board, "one too many", None, "192.0.2.200").await;
        assert!(matches!(&full, Err(DomainError::Invalid { message, .. }) if message.contains("a lot of words waiting")), "{full:?}");
        // A word already waiting is still counted.
        assert_eq!(queued(service::ask(&app.db, None, board, "brokerage", None, "192.0.2.201").await).times_asked, 3);
    }

    async fn two_convenors_removing_each_other_at_once_leave_one(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya = member(&app, "Priya", Role::CoChair).await;
        let sam = member(&app, "Sam", Role::CoChair).await;
        // The demo's convenor steps back, so Priya and Sam are the only two leading the group.
        let demo_leads: Vec<uuid::Uuid> = domain::spaces::service::space_by_id(&app.db, policy).await.unwrap().leads.iter().map(|p| p.id).filter(|id| *id != priya.id && *id != sam.id).collect();
        for id in demo_leads {
            domain::accounts::change_role(&app.db, &priya, policy, id, Some(Role::Member)).await.unwrap();
        }
        for _ in 0..3 {
            let (a, b) = tokio::join!(
                domain::accounts::change_role(&app.db, &priya, policy, sam.id, Some(Role::Member)),
                domain::accounts::change_role(&app.db, &sam, policy, priya.id, Some(Role::Member)),
            );
            let leads = domain::spaces::service::space_by_id(&app.db, policy).await.unwrap().leads.len();
            assert_eq!(leads, 1, "one of them still leads: {a:?} {b:?}");
            let results = [a, b];
            assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
            // The other is refused: either the only lead left is themselves, or by the time it was
            // their turn they no longer led the group.
            assert!(results.iter().any(|r| matches!(r, Err(DomainError::Conflict(_) | DomainError::Forbidden(_)))), "{results:?}");
            // Both lead again for the next round.
            let lead = if results[0].is_ok() { &priya } else { &sam };
            let other = if results[0].is_ok() { &sam } else { &priya };
            domain::accounts::change_role(&app.db, lead, policy, other.id, Some(Role::CoChair)).await.unwrap();
        }
    }

    async fn one_person_saving_without_pause_is_asked_to_wait(app: TestApp) {
        app.load_demo().await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let alex = member(&app, "Alex", Role::Member).await;
        let sam = member(&app, "Sam", Role::Member).await;
        let doc = service::create_document(&app.db, &alex, policy, "Notes", Some(DocumentKind::Other), "v0\n", &[]).await.unwrap();
        let mut base = service::history(&app.db, Some(alex.id), doc).await.unwrap()[0].id;
        for i in 0..service::SAVES_PER_PERSON.max {
            base = service::save(&app.db, &alex, doc, base, &format!("v{i}\n"), None).await.unwrap().revision_id;
        }
        let refused = service::save(&app.db, &alex, doc, base, "one too many\n", None).await;
        assert!(matches!(&refused, Err(DomainError::Conflict(m)) if m.contains("Your text is still in the box")), "{refused:?}");
        // Someone else saves as usual.
        service::save(&app.db, &sam, doc, base, "Sam's words\n", None).await.unwrap();
    }
}
