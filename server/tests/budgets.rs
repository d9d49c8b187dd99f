//! Query budgets: how many database statements each page may send, on SQLite and PostgreSQL.
//! A number, not a time: a page that starts asking the database once per item in a list fails
//! here at once, whatever the machine. Lower a budget when a page gets cheaper; raise one only
//! with a reason in the commit.

mod common;

/// The pages signed-out visitors see most, with their budgets.
const PUBLIC: &[(&str, u64)] = &[("/", 6), ("/vision", 5), ("/groups", 5), ("/groups/policy", 8), ("/glossary", 5), ("/published", 3), ("/you-said-we-did", 6), ("/tell-us", 1), ("/outcomes", 2), ("/search?q=direct+payments", 6)];
// An outcome reads the outcome, its board and its links (documents, decisions, feedback).
const OUTCOME: u64 = 5;
const OUTCOME_SIGNED_IN: u64 = 10;
// Search reads who the reader is, the spaces they may read, one page of results and how many
// there are: the same however many things match.
const SEARCH_SIGNED_IN: u64 = 14;
const OUTCOMES_SIGNED_IN: u64 = 7;
// A published document also reads every move to published and those versions' numbers, for
// the list of earlier published versions (one statement each, however many there are).
const PUBLISHED_DOCUMENT: u64 = 11;
// Signed in, every page also counts the person's unread notifications for the header (one
// statement). A document page with comments (the demo policy has a thread with a reply and
// reactions) reads its threads, their comments, the reactions, the people named, and who can
// be mentioned: five more, however many threads and comments there are. And one for whether the
// reader follows the document (the "Follow this document" button).
// The outbox (co-chairs): who may see it, four counts (waiting, sent, failed, late) and one page
// of emails, however many there are.
const FORMS_SIGNED_IN: &[(&str, u64)] = &[("/groups/new", 10), ("/groups/policy/edit", 16), ("/groups/policy/report", 16), ("/board/edit", 11), ("/outbox", 14)];
const DOCUMENT_SIGNED_IN: u64 = 29;
/// The same page loaded again by the same person before anything changed: who is asking
/// (session and person in one statement, then their display preferences and unread count), and
/// nothing else.
const DOCUMENT_SIGNED_IN_AGAIN: u64 = 3;
const HISTORY_SIGNED_IN: u64 = 12;
const HOME_SIGNED_IN: u64 = 12;
const GROUP_SIGNED_IN: u64 = 16;
// A meeting page reads the meeting, its space and the board's time zone, the reader's role,
// who is invited and their replies, the agenda, papers and their documents, decisions, actions
// (with their owners, meetings and items), the last meeting's minutes, and the conversation:
// the same number however long the agenda or the list of people.
const MEETING_SIGNED_IN: u64 = 26;
const MEETINGS_SIGNED_IN: u64 = 15;
const ACTIONS_SIGNED_IN: u64 = 14;
// You Said We Did reads the same number of statements however many items, sources and updates
// there are: an item signed out reads the item, its board, sources, updates, links, answers and
// the glossary; a member's page also reads what the work forms offer (people, groups, documents,
// actions, meetings, decisions, other items) and the conversation.
const FEEDBACK_ITEM: u64 = 8;
const FEEDBACK_ITEM_SIGNED_IN: u64 = 25;
const FEEDBACK_REVIEW_SIGNED_IN: u64 = 11;
const FEEDBACK_OVERVIEW_SIGNED_IN: u64 = 12;

on_both_databases! {
    async fn every_page_keeps_to_its_query_budget(app: TestApp) {
        app.load_demo().await;
        let mut report = Vec::new();
        let mut over = Vec::new();
        let guide = domain::documents::agreeing::list_published(&app.db).await.unwrap()[0].id;
        let published = format!("/documents/{guide}/published");
        let mut pages: Vec<(String, u64, bool)> = PUBLIC.iter().map(|(p, b)| ((*p).to_owned(), *b, false)).collect();
        pages.push((published, PUBLISHED_DOCUMENT, false));
        // Signed in, as a co-chair of the board (so leading the policy group).
        let marcia = app.set_up_first_account().await;
        let policy_group = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let marcia_id = domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap()).await.unwrap().unwrap().id;
        let policy = domain::documents::service::list_in_space(&app.db, Some(marcia_id), policy_group).await.unwrap();
        for doc in policy.iter().take(1) {
            pages.push((format!("/documents/{}", doc.id), DOCUMENT_SIGNED_IN, true));
            pages.push((format!("/documents/{}/history", doc.id), HISTORY_SIGNED_IN, true));
        }
        pages.push(("/".to_owned(), HOME_SIGNED_IN, true));
        // Meetings: the demo's next policy group meeting (agenda, papers, replies, matters arising,
        // the last meeting's minutes) and the lists.
        let next = domain::meetings::service::list(&app.db, Some(marcia_id), policy_group).await.unwrap().into_iter().find(|m| !m.past).unwrap();
        pages.push((next.link.clone(), MEETING_SIGNED_IN, true));
        pages.push(("/meetings".to_owned(), MEETINGS_SIGNED_IN, true));
        pages.push(("/groups/policy/meetings".to_owned(), MEETINGS_SIGNED_IN, true));
        pages.push(("/actions".to_owned(), ACTIONS_SIGNED_IN, true));
        pages.push(("/groups/policy".to_owned(), GROUP_SIGNED_IN, true));
        // You Said We Did: a published item (signed out, and as a member with the work forms),
        // the review list and the overview.
        let (published_items, _) = domain::feedback::service::list(&app.db, None, &domain::feedback::Filter::default(), true).await.unwrap();
        let item = published_items[0].link.clone();
        pages.push((item.clone(), FEEDBACK_ITEM, false));
        pages.push((item, FEEDBACK_ITEM_SIGNED_IN, true));
        pages.push(("/feedback".to_owned(), FEEDBACK_REVIEW_SIGNED_IN, true));
        pages.push(("/feedback/overview".to_owned(), FEEDBACK_OVERVIEW_SIGNED_IN, true));
        // Outcomes and search: the demo's published outcome, signed out and in.
        let outcome = domain::outcomes::service::list(&app.db, None).await.unwrap();
        let outcome = format!("/outcomes/{}", outcome.items[0].id);
        pages.push((outcome.clone(), OUTCOME, false));
        pages.push((outcome, OUTCOME_SIGNED_IN, true));
        pages.push(("/outcomes".to_owned(), OUTCOMES_SIGNED_IN, true));
        pages.push(("/search?q=direct+payments".to_owned(), SEARCH_SIGNED_IN, true));
        // The forms a co-chair or convenor uses to run the board and its groups.
        for (path, budget) in FORMS_SIGNED_IN {
            pages.push(((*path).to_owned(), *budget, true));
        }
        for (path, budget, signed_in) in pages {
            // The first request warms what is kept per process; the most of the next three is what
            // a visitor costs. (Each page loads its data in one server function: a section with a
            // resource of its own inside a `Suspense` was sometimes built, and loaded, twice.)
            let cookie = signed_in.then_some(marcia.as_str());
            app.queries_for(&path, cookie).await;
            let mut status = 0;
            let mut used = 0;
            for _ in 0..3 {
                // What rendering costs: signed-out pages would otherwise come from the page
                // cache, at no cost (page_cache.rs holds that to 0).
                app.pages.drop_all();
                let (s, n) = app.queries_for(&path, cookie).await;
                status = s;
                used = used.max(n);
            }
            assert_eq!(status, 200, "{path}");
            report.push(format!("{path}{}: {used} queries (budget {budget})", if signed_in { " signed in" } else { "" }));
            if used > budget {
                over.push(path);
            }
        }
        println!("{}", report.join("\n"));
        assert!(over.is_empty(), "over budget: {over:?}\n{}", report.join("\n"));

        // Until something changes, page loads share the rows that rarely change (spaces, roles,
        // the glossary, the document's own row): a second signed-in load of a document reads less.
        let document = format!("/documents/{}", policy[0].id);
        app.pages.drop_all();
        let (_, cold) = app.queries_for(&document, Some(&marcia)).await;
        let (_, warm) = app.queries_for(&document, Some(&marcia)).await;
        println!("{document} signed in: {cold} queries after a change, {warm} on the next load");
        assert!(warm + 4 <= cold, "shared rows are read once: {cold} then {warm}");
        assert!(warm <= DOCUMENT_SIGNED_IN_AGAIN, "loaded again before any change: {warm} queries (budget {DOCUMENT_SIGNED_IN_AGAIN})");
        // A change drops them: the next load reads them afresh, and sees the change.
        let response = app.post_form(&format!("/documents/{}/view", policy[0].id), &[("view", "agree")], Some(&marcia)).await;
        assert!(response.status().is_redirection() || response.status().is_client_error(), "{}", response.status());
        let (_, after) = app.queries_for(&document, Some(&marcia)).await;
        assert!(after >= cold - 1, "read afresh after a change: {after} (cold {cold})");
    }
}

/// SQLite runs with write-ahead logging and `synchronous=NORMAL` on every pooled connection, so
/// readers never wait for a writer and a save does not wait for the disk twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_runs_in_wal_mode_on_every_connection() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = common::spawn_app(common::Backend::Sqlite).await.expect("SQLite always starts");
    // Several at once, so more than one pooled connection answers.
    let ask = |pragma: &'static str| {
        let db = app.db.clone();
        async move {
            let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), format!("PRAGMA {pragma}"))).await.unwrap().unwrap();
            row.try_get_by_index::<String>(0).map(|s| s.to_lowercase()).or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string())).unwrap()
        }
    };
    let (a, b, c, d) = tokio::join!(ask("journal_mode"), ask("journal_mode"), ask("synchronous"), ask("synchronous"));
    assert_eq!((a.as_str(), b.as_str()), ("wal", "wal"));
    assert_eq!((c.as_str(), d.as_str()), ("1", "1"), "1 is NORMAL");
}
