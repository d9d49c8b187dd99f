//! You Said We Did on SQLite and PostgreSQL: feedback told through the public form (with its
//! spam guards and limits), reviewed, answered, linked to an action, marked done (asking the
//! person "did this make a difference?"), published, then on the public page, in the Atom feed
//! (read back with a real feed parser) and in the CSV (read back with a real CSV reader); an
//! unpublished item invisible signed out everywhere; an event's CSV with broken rows; merging;
//! the overview; and the JSON API.

mod common;

use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};

async fn person(app: &common::TestApp, name: &str, perspective: Perspective, board_role: Option<Role>) -> (String, uuid::Uuid) {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = board_role {
        let board = domain::feedback::service::board(&app.db, None).await.unwrap().space.id;
        set_role(&app.db, board, p.id, role).await.unwrap();
    }
    (common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", common::GOOD_PASSWORD)], None).await).unwrap(), p.id)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn read(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    (status, unescape(&response.text().await.unwrap()))
}

fn unescape(html: &str) -> String {
    html.replace("<!>", "").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&").replace("&#39;", "'")
}

fn item_id(response: &reqwest::Response) -> String {
    location(response).trim_start_matches("/you-said-we-did/").split(['?', '#']).next().unwrap().to_owned()
}

async fn json_as(app: &common::TestApp, path: &str, cookie: Option<&str>) -> (u16, serde_json::Value) {
    let mut request = app.client.get(app.url(path));
    if let Some(c) = cookie {
        request = request.header("Cookie", c);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

/// Everything the public can reach, signed out: the pages, the feed, the CSV and the API.
async fn public_text(app: &common::TestApp, id: &str) -> (u16, String, String, String, String, u16) {
    app.pages.drop_all();
    let (item_status, _) = app.get_text(&format!("/you-said-we-did/{id}")).await;
    let (_, list) = app.get_text("/you-said-we-did").await;
    let (_, feed) = app.get_text("/you-said-we-did/feed.atom").await;
    let (_, csv) = app.get_text("/you-said-we-did/feedback.csv").await;
    let (_, api) = app.get_text("/api/v1/feedback?limit=200").await;
    let (api_one, _) = app.get_text(&format!("/api/v1/feedback/{id}")).await;
    (item_status, unescape(&list), feed, csv, api, api_one)
}

const WORDS: &str = "The \"yearly statement\" form is 14 pages, asks for my bank details twice,\nand nobody explained what \"financial monitoring\" means.";

on_both_databases! {
    async fn feedback_from_the_public_form_to_the_public_page_without_javascript(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await; // the first account: co-chair
        let (jo, jo_id) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;

        // Signed out, without JavaScript: the form is there and takes no account.
        let (status, page) = app.get_text("/tell-us").await;
        assert_eq!(status, 200);
        assert!(page.contains("Tell the board something") && page.contains("name=\"website\""), "{page}");

        // A filled-in hidden box: refused plainly, every word kept.
        let form = |words: &str, website: &str| {
            vec![("words".to_owned(), words.to_owned()), ("theme-paperwork".into(), "on".into()), ("theme-finance".into(), "on".into()), ("name".into(), "Sam".into()), ("email".into(), "sam@example.org".into()), ("may_ask".into(), "on".into()), ("show_words".into(), "on".into()), ("website".into(), website.to_owned())]
        };
        let a = &app;
        let send = |f: Vec<(String, String)>| async move { a.client.post(a.url("/tell-us")).form(&f).header("Origin", format!("http://{}", a.addr)).send().await.unwrap() };
        let (status, page) = read(send(form(WORDS, "http://spam.example")).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("Leave this empty") && page.contains("bank details twice"), "{page}");
        // Too long: told by how much, and nothing lost.
        let long = format!("{} {}", WORDS, "and more ".repeat(600));
        let (status, page) = read(send(form(&long, "")).await).await;
        assert_eq!(status, 422);
        assert!(page.contains(&format!("This is {} characters long", long.trim().chars().count())), "{page}");
        assert!(page.contains("and more and more and more"), "what was typed is kept");
        // Asked to be contacted but no email: a kind message.
        let (status, page) = read(app.post_form("/tell-us", &[("words", "Hello"), ("may_ask", "on")], None).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("please give an email address"), "{page}");

        let sent = send(form(WORDS, "")).await;
        assert_eq!(sent.status().as_u16(), 303);
        assert_eq!(location(&sent), "/tell-us/thank-you");

        // It arrives unpublished; the co-chairs are told; signed out it is nowhere.
        let (_, list) = json_as(&app, "/api/v1/feedback?published=false&limit=200", Some(&priya)).await;
        let item = list["items"].as_array().unwrap().iter().find(|i| i["said"].as_str().unwrap().contains("bank details twice")).expect("the message is waiting").clone();
        let id = item["id"].as_str().unwrap().to_owned();
        assert_eq!(item["status"], "heard");
        assert_eq!(item["published"], false);
        let (_, notes) = app.get_as("/notifications", &priya).await;
        assert!(notes.contains("through the website"), "{notes}");
        let (item_status, list, feed, csv, api, api_one) = public_text(&app, &id).await;
        assert_eq!(item_status, 404);
        assert_eq!(api_one, 404);
        for (what, text) in [("list", &list), ("feed", &feed), ("csv", &csv), ("api", &api)] {
            assert!(!text.contains("bank details twice"), "an unpublished item is in the {what}");
        }
        // Nor can someone who is not on the board see it.
        let (outsider, _) = person(&app, "Outsider", Perspective::Partner, None).await;
        assert_eq!(app.get_as(&format!("/you-said-we-did/{id}"), &outsider).await.0, 404);
        assert_eq!(app.get_as("/feedback", &outsider).await.0, 403);

        // A member reviews it: the board's words, an owner, the paperwork group's action.
        let (status, page) = app.get_as(&format!("/you-said-we-did/{id}"), &jo).await;
        assert_eq!(status, 200);
        let page = unescape(&page);
        assert!(page.contains("Not published") && page.contains("sam@example.org"), "members see who said it");
        let (_, actions) = json_as(&app, "/api/v1/actions?status=all", Some(&priya)).await;
        let action = actions["items"][0]["id"].as_str().unwrap().to_owned();
        let edit = app
            .post_form(
                &format!("/you-said-we-did/{id}/edit"),
                &[("said", WORDS), ("theme-paperwork", "on"), ("theme-finance", "on"), ("response", "We are rewriting the yearly statement form with people who fill it in."), ("owner", &jo_id.to_string()), ("group", "policy"), ("target_on", "")],
                Some(&jo),
            )
            .await;
        assert_eq!(edit.status().as_u16(), 303, "{:?}", read(edit).await);
        let linked = app.post_form(&format!("/you-said-we-did/{id}/links"), &[("target", &format!("action:{action}"))], Some(&jo)).await;
        assert_eq!(linked.status().as_u16(), 303);
        let (status, page) = read(app.post_form(&format!("/you-said-we-did/{id}/links"), &[("target", "action:not-an-id")], Some(&jo)).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("Please choose a document, decision, action or meeting"), "{page}");
        // Not doing needs a reason; done needs what changed. A mistake loses nothing typed.
        let (status, page) = read(app.post_form(&format!("/you-said-we-did/{id}/status"), &[("status", "not_doing"), ("note", "Thinking about it")], Some(&jo)).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("honest reason") && page.contains("Thinking about it"), "{page}");
        assert_eq!(app.post_form(&format!("/you-said-we-did/{id}/status"), &[("status", "doing"), ("note", "The policy group has started.")], Some(&jo)).await.status().as_u16(), 303);
        let to_sam = |mails: Vec<String>| mails.iter().filter(|m| m.contains("To: sam@example.org")).count();
        let before = to_sam(app.mails().await);
        let done = app.post_form(&format!("/you-said-we-did/{id}/status"), &[("status", "done"), ("note", "The form is now 2 pages, and asks for your bank details once.")], Some(&jo)).await;
        assert_eq!(done.status().as_u16(), 303);
        assert!(location(&done).contains("done=asked"), "{}", location(&done));
        assert_eq!(to_sam(app.mails().await), before + 1, "one question, to the one person who agreed");
        let ask = app.link_in_mail_to("sam@example.org", "http://").await;
        assert!(ask.contains("/did-it-help/"), "{ask}");

        // Only a co-chair publishes.
        let (status, _) = read(app.post_form(&format!("/you-said-we-did/{id}/publish"), &[("publish", "yes")], Some(&jo)).await).await;
        assert_eq!(status, 403);
        assert_eq!(app.post_form(&format!("/you-said-we-did/{id}/publish"), &[("publish", "yes")], Some(&priya)).await.status().as_u16(), 303);

        // Now public: the page, the list with its filters, the feed and the CSV.
        let (item_status, list, feed, csv, api, api_one) = public_text(&app, &id).await;
        assert_eq!(item_status, 200);
        assert_eq!(api_one, 200);
        assert!(list.contains("bank details twice"), "{list}");
        assert!(api.contains(&id));
        let (_, page) = app.get_text(&format!("/you-said-we-did/{id}")).await;
        let page = unescape(&page);
        assert!(page.contains("Doing it") || page.contains("Done"), "status in words");
        assert!(!page.contains("sam@example.org"), "contact details are never public");
        assert!(page.contains("Words explained") && page.contains("financial monitoring"), "glossary words explained");
        assert!(!page.contains("Action:"), "actions are for members");
        let (_, filtered) = app.get_text("/you-said-we-did?theme=finance&status=done").await;
        assert!(unescape(&filtered).contains("bank details twice"));
        let (_, other) = app.get_text("/you-said-we-did?theme=recruiting_pas").await;
        assert!(!unescape(&other).contains("bank details twice"));

        let parsed = feed_rs::parser::parse(feed.as_bytes()).expect("the Atom feed parses");
        assert_eq!(parsed.feed_type, feed_rs::model::FeedType::Atom);
        let entry = parsed.entries.iter().find(|e| e.links.iter().any(|l| l.href.ends_with(&format!("/you-said-we-did/{id}")))).expect("the item is in the feed");
        assert!(entry.summary.as_ref().unwrap().content.contains("bank details twice"));
        assert!(entry.summary.as_ref().unwrap().content.contains("We did: "));
        assert!(entry.categories.iter().any(|c| c.term == "paperwork"));
        assert!(parsed.entries.len() >= 3, "the demo's published items too");

        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), vec!["id", "you_said", "themes", "people", "first_heard", "status", "we_did", "link"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let row = rows.iter().find(|r| &r[0] == id.as_str()).expect("the item is in the CSV");
        assert_eq!(&row[1], WORDS, "quotes, commas and new lines survive unchanged");
        assert_eq!(&row[5], "Done");
        assert_eq!(&row[6], "We are rewriting the yearly statement form with people who fill it in.");

        // "Did this make a difference?" — no: it opens again with their words.
        let secret = ask.rsplit('/').next().unwrap().to_owned();
        let (status, page) = app.get_text(&format!("/did-it-help/{secret}")).await;
        assert_eq!(status, 200);
        assert!(unescape(&page).contains("bank details twice"));
        let answered = app.post_form(&format!("/did-it-help/{secret}"), &[("answer", "no"), ("words", "The new form still asks twice.")], None).await;
        assert_eq!(answered.status().as_u16(), 303);
        let (status, page) = read(app.post_form(&format!("/did-it-help/{secret}"), &[("answer", "yes")], None).await).await;
        assert_eq!(status, 409, "one answer per question");
        assert!(page.contains("You answered on"), "{page}");
        assert!(page.contains("already answered"));
        let (_, item) = json_as(&app, &format!("/api/v1/feedback/{id}"), None).await;
        assert_eq!(item["summary"]["status"], "considering", "no reopens it");
        assert_eq!(item["answers"][0]["answer"], "no");
        assert_eq!(item["answers"][0]["words"], "The new form still asks twice.");
        assert!(item["sources"][0]["contact"].is_null(), "no contact details signed out");
        let (_, notes) = app.get_as("/notifications", &jo).await;
        assert!(notes.contains("did not make a difference"), "the owner is told");
        let (_, page) = app.get_text(&format!("/you-said-we-did/{id}")).await;
        assert!(unescape(&page).contains("The new form still asks twice."));

        // Taken off the public page, it is gone from everything public again.
        assert_eq!(app.post_form(&format!("/you-said-we-did/{id}/publish"), &[("publish", "no")], Some(&priya)).await.status().as_u16(), 303);
        let (item_status, list, feed, csv, api, api_one) = public_text(&app, &id).await;
        assert_eq!((item_status, api_one), (404, 404));
        for text in [&list, &feed, &csv, &api] {
            assert!(!text.contains("bank details twice"));
        }
        // A conversation on the item, for members.
        let posted = app.post_form(&format!("/you-said-we-did/{id}/comments"), &[("body", "Shall we ask Sam to test the next draft?")], Some(&jo)).await;
        assert_eq!(posted.status().as_u16(), 303);
        let (_, page) = app.get_as(&format!("/you-said-we-did/{id}"), &jo).await;
        assert!(unescape(&page).contains("Shall we ask Sam to test the next draft?"));
    }

    async fn words_a_person_kept_private_are_never_published(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let sent = app.post_form("/tell-us", &[("words", "My social worker never rings back.")], None).await;
        assert_eq!(sent.status().as_u16(), 303);
        let (_, list) = json_as(&app, "/api/v1/feedback?published=false&limit=200", Some(&priya)).await;
        let id = list["items"].as_array().unwrap().iter().find(|i| i["said"] == "My social worker never rings back.").unwrap()["id"].as_str().unwrap().to_owned();
        let (status, page) = read(app.post_form(&format!("/you-said-we-did/{id}/publish"), &[("publish", "yes")], Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("did not agree to their own words being shown"), "{page}");
        let edit = app.post_form(&format!("/you-said-we-did/{id}/edit"), &[("said", "People find it hard to reach their social worker."), ("response", ""), ("owner", ""), ("group", ""), ("target_on", "")], Some(&priya)).await;
        assert_eq!(edit.status().as_u16(), 303);
        assert_eq!(app.post_form(&format!("/you-said-we-did/{id}/publish"), &[("publish", "yes")], Some(&priya)).await.status().as_u16(), 303);
        app.pages.drop_all();
        let (_, page) = app.get_text(&format!("/you-said-we-did/{id}")).await;
        assert!(page.contains("hard to reach their social worker"));
        assert!(!page.contains("never rings back"), "their own words stay private");
        let (_, api) = app.get_text(&format!("/api/v1/feedback/{id}")).await;
        assert!(!api.contains("never rings back"));
    }

    async fn the_public_form_turns_away_a_flood_but_keeps_the_words(app: TestApp) {
        app.load_demo().await;
        for n in 0..5 {
            let sent = app.post_form("/tell-us", &[("words", &format!("Message {n}"))], None).await;
            assert_eq!(sent.status().as_u16(), 303);
        }
        let (status, page) = read(app.post_form("/tell-us", &[("words", "A long message I typed with care")], None).await).await;
        assert_eq!(status, 429);
        assert!(page.contains("try again in an hour") && page.contains("A long message I typed with care"), "{page}");
    }

    async fn an_event_csv_with_broken_rows_adds_the_good_ones(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let csv_text = "said,themes,date,people,email,may_ask\n\
                        \"Forms are long, very long\",Paperwork,01/03/2026,4,,no\n\
                        ,Finance,01/03/2026,1,,no\n\
                        PAs leave after a month,PAs,01/03/2026,2,pa@example.org,yes\n\
                        Nobody explains the Care Act,Weather,01/03/2026,1,,no\n\
                        Too many visits,Information,30/02/2026,1,,no\n\
                        Payroll is hard,Finance,01/03/2026,lots,,no\n";
        let multipart = |step: &str, file: bool| {
            let mut form = reqwest::multipart::Form::new().text("kind", "event").text("detail", "Co-production event, March").text("step", step.to_owned());
            form = if file {
                form.part("file", reqwest::multipart::Part::bytes(csv_text.as_bytes().to_vec()).file_name("cards.csv").mime_str("text/csv").unwrap()).text("csv", "")
            } else {
                form.text("csv", csv_text)
            };
            form
        };
        let post = |form: reqwest::multipart::Form| {
            app.client.post(app.url("/feedback/import")).multipart(form).header("Origin", format!("http://{}", app.addr)).header("Cookie", priya.clone()).send()
        };
        // Checking shows every row and adds nothing.
        let (_, before) = json_as(&app, "/api/v1/feedback?limit=200", Some(&priya)).await;
        let before = before["items"].as_array().unwrap().len();
        let (status, page) = read(post(multipart("check", true)).await.unwrap()).await;
        assert_eq!(status, 200);
        for expected in ["2 rows ready to add", "4 rows cannot be added", "Line 3: what was said is empty", "Line 5: we do not know the theme \u{201c}Weather\u{201d}", "Line 6: \u{201c}30/02/2026\u{201d} is not a date", "Line 7: \u{201c}lots\u{201d} is not a number", "Forms are long, very long", "Add the 2 good rows"] {
            assert!(page.contains(expected), "missing {expected:?} in {page}");
        }
        let (_, after_check) = json_as(&app, "/api/v1/feedback?limit=200", Some(&priya)).await;
        assert_eq!(after_check["items"].as_array().unwrap().len(), before, "checking adds nothing");
        // Adding keeps every good row, unpublished.
        let added = post(multipart("add", false)).await.unwrap();
        assert_eq!(added.status().as_u16(), 303);
        let (_, after) = json_as(&app, "/api/v1/feedback?published=false&limit=200", Some(&priya)).await;
        let items = after["items"].as_array().unwrap();
        let forms = items.iter().find(|i| i["said"] == "Forms are long, very long").expect("added");
        assert_eq!(forms["people"], 4);
        assert_eq!(forms["first_heard"], "2026-03-01");
        assert!(items.iter().any(|i| i["said"] == "PAs leave after a month"));
        let (_, all) = json_as(&app, "/api/v1/feedback?limit=200", Some(&priya)).await;
        assert_eq!(all["items"].as_array().unwrap().len(), before + 2);
        // Nobody outside the board can import.
        let (outsider, _) = person(&app, "Outsider", Perspective::Partner, None).await;
        let refused = app.client.post(app.url("/feedback/import")).multipart(multipart("add", false)).header("Origin", format!("http://{}", app.addr)).header("Cookie", outsider).send().await.unwrap();
        assert_eq!(refused.status().as_u16(), 403);
    }

    async fn merging_keeps_every_source_and_its_people(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let a = &app;
        let add = |said: &'static str, people: &'static str| {
            let priya = priya.clone();
            async move { a.post_form("/feedback", &[("said", said), ("kind", "survey"), ("detail", "Spring survey"), ("people", people), ("theme-support_plans", "on")], Some(&priya)).await }
        };
        let a = item_id(&add("Support plans take too long", "3").await);
        let b = item_id(&add("I waited months for my support plan", "2").await);
        let (status, page) = read(app.post_form("/feedback", &[("said", "x"), ("kind", "survey"), ("people", "-2")], Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert!(page.contains("whole number"), "{page}");
        let merged = app.post_form(&format!("/you-said-we-did/{a}/merge"), &[("other", &b)], Some(&priya)).await;
        assert_eq!(merged.status().as_u16(), 303);
        let (_, item) = json_as(&app, &format!("/api/v1/feedback/{a}"), Some(&priya)).await;
        assert_eq!(item["summary"]["people"], 5);
        assert_eq!(item["sources"].as_array().unwrap().len(), 2);
        let (_, old) = json_as(&app, &format!("/api/v1/feedback/{b}"), Some(&priya)).await;
        assert_eq!(old["merged_into"], a.as_str());
        let (_, page) = app.get_as(&format!("/you-said-we-did/{b}"), &priya).await;
        assert!(page.contains(&format!("/you-said-we-did/{a}")), "the old page leads to the item it joined");
        let (_, list) = json_as(&app, "/api/v1/feedback?limit=200", Some(&priya)).await;
        assert!(!list["items"].as_array().unwrap().iter().any(|i| i["id"] == b.as_str()), "counted once");
        // Signed out: unpublished, the joined item is nowhere; published, the old address leads
        // to it (the old row itself was never published).
        assert_eq!(app.get(&format!("/api/v1/feedback/{b}")).await.status().as_u16(), 404);
        assert_eq!(app.post_form(&format!("/you-said-we-did/{a}/publish"), &[("publish", "yes")], Some(&priya)).await.status().as_u16(), 303);
        let (status, old) = json_as(&app, &format!("/api/v1/feedback/{b}"), None).await;
        assert_eq!(status, 200);
        assert_eq!(old["merged_into"], a.as_str());
        assert_eq!(old["summary"]["said"], "Support plans take too long");
        assert_eq!(old["summary"]["id"], a.as_str(), "the item it joined, not its own row");
        let (status, page) = app.get_text(&format!("/you-said-we-did/{b}")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("/you-said-we-did/{a}")));
    }

    async fn the_overview_counts_waits_and_finds_forgotten_items(app: TestApp) {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let id = item_id(&app.post_form("/feedback", &[("said", "Nobody answers the phone on Fridays"), ("kind", "complaint"), ("theme-information", "on")], Some(&priya)).await);
        let (status, page) = app.get_as("/feedback/overview", &priya).await;
        assert_eq!(status, 200);
        let page = unescape(&page);
        assert!(page.contains("Items by status") && page.contains("Items by theme and status") && page.contains("How long items wait"));
        assert!(!page.contains("Nobody answers the phone on Fridays"), "nothing is forgotten yet");
        // 100 days with no update: listed.
        let uuid = uuid::Uuid::parse_str(&id).unwrap();
        let mut m: domain::entities::feedback_item::ActiveModel = domain::entities::feedback_item::Entity::find_by_id(uuid).one(&app.db).await.unwrap().unwrap().into();
        let long_ago = chrono::Utc::now() - chrono::Duration::days(100);
        m.last_update_at = Set(long_ago);
        m.created_at = Set(long_ago);
        m.status_since = Set(long_ago);
        m.update(&app.db).await.unwrap();
        app.pages.drop_all();
        let (_, page) = app.get_as("/feedback/overview", &priya).await;
        let page = unescape(&page);
        assert!(page.contains("Nobody answers the phone on Fridays"), "{page}");
        assert!(page.contains("Heard: "), "the chart's numbers are in text");
        // The bars are drawn by classes: the pages' policy allows no style attributes.
        assert!(!page.contains("style="), "no inline style, which the Content-Security-Policy would block");
        assert!(page.contains("class=\"bar w100\""), "the longest bar is full width");
        // Members only.
        let (status, _) = app.get_text("/feedback/overview").await;
        assert_eq!(status, 403);
    }

    async fn the_api_lists_published_items_signed_out_and_everything_for_members(app: TestApp) {
        app.load_demo().await;
        let (_, id) = person(&app, "Priya", Perspective::Staff, None).await;
        let token = server::cli::create_token(&app.db, "priya@example.org", Some("test")).await.unwrap();
        let _ = id;
        let auth = format!("Bearer {token}");
        let created = app.client.post(app.url("/api/v1/feedback")).header("Authorization", &auth).json(&serde_json::json!({"said": "Explain the Care Act in plain words", "source": "meeting", "themes": ["eligibility"], "people": 2})).send().await.unwrap();
        assert_eq!(created.status().as_u16(), 201);
        let item: serde_json::Value = created.json().await.unwrap();
        let id = item["summary"]["id"].as_str().unwrap().to_owned();
        let bad = app.client.post(app.url("/api/v1/feedback")).header("Authorization", &auth).json(&serde_json::json!({"said": "x", "source": "event", "colour": "red"})).send().await.unwrap();
        assert_eq!(bad.status().as_u16(), 400);
        let (status, body) = json_as(&app, "/api/v1/feedback?theme=weather", None).await;
        assert_eq!(status, 400);
        assert_eq!(body["error"]["code"], "invalid_input");
        // Signed out: published only.
        let (_, public) = json_as(&app, "/api/v1/feedback?limit=200", None).await;
        assert!(public["items"].as_array().unwrap().iter().all(|i| i["published"] == true));
        assert!(!public["items"].as_array().unwrap().iter().any(|i| i["id"] == id.as_str()));
        assert_eq!(app.get(&format!("/api/v1/feedback/{id}/updates")).await.status().as_u16(), 404);
        // Updates, status and publishing through PATCH.
        let posted = app.client.post(app.url(&format!("/api/v1/feedback/{id}/updates"))).header("Authorization", &auth).json(&serde_json::json!({"body": "Asked the legal team for a plain summary"})).send().await.unwrap();
        assert_eq!(posted.status().as_u16(), 201);
        let patched = app.client.patch(app.url(&format!("/api/v1/feedback/{id}"))).header("Authorization", &auth).json(&serde_json::json!({"response": "A one-page guide to the Care Act", "status": "done", "note": "The guide is on the website", "published": true})).send().await.unwrap();
        assert_eq!(patched.status().as_u16(), 200, "{}", patched.text().await.unwrap());
        let (_, one) = json_as(&app, &format!("/api/v1/feedback/{id}"), None).await;
        assert_eq!(one["summary"]["status"], "done");
        assert_eq!(one["summary"]["response"], "A one-page guide to the Care Act");
        let (_, updates) = json_as(&app, &format!("/api/v1/feedback/{id}/updates"), None).await;
        let bodies: Vec<&str> = updates["items"].as_array().unwrap().iter().map(|u| u["body"].as_str().unwrap()).collect();
        assert!(bodies.contains(&"Asked the legal team for a plain summary"), "{bodies:?}");
        assert!(bodies.contains(&"The guide is on the website"));
        // In OpenAPI.
        let (_, doc) = json_as(&app, "/api/v1/openapi.json", None).await;
        for path in ["/api/v1/feedback", "/api/v1/feedback/{id}", "/api/v1/feedback/{id}/updates"] {
            assert!(doc["paths"][path].is_object(), "{path} is in OpenAPI");
        }
    }
}
