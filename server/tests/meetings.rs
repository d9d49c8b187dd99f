//! Meetings on SQLite and PostgreSQL: planned, papers attached and sent (late ones marked),
//! replies and recorded attendance counted by perspective, access needs shown only to the
//! organisers, minutes started from the agenda and agreed at the next meeting, decisions with
//! their vote counts and vision check, actions in the tracker with overdue judged at midnight in
//! Europe/London, the calendar files read back with a real iCalendar parser, and the JSON API.

mod common;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use domain::accounts::{NewAccount, create_account, set_role};
use domain::people::{Perspective, Role};
use icalendar::{Component, EventLike};

async fn person(app: &common::TestApp, name: &str, perspective: Perspective, role: Option<Role>) -> (String, uuid::Uuid) {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let (p, _) = create_account(&app.db, NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(perspective), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() })
        .await
        .unwrap();
    if let Some(role) = role {
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        set_role(&app.db, policy, p.id, role).await.unwrap();
    }
    (common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", common::GOOD_PASSWORD)], None).await).unwrap(), p.id)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn read(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    (status, response.text().await.unwrap().replace("<!>", "").replace("&#x27;", "'").replace("&quot;", "\""))
}

/// The local date `days` from today in London, as a date picker sends it.
fn london_day(days: i64) -> String {
    (Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + Duration::days(days)).format("%Y-%m-%d").to_string()
}

fn meeting_id(response: &reqwest::Response) -> String {
    let to = location(response);
    to.trim_start_matches("/meetings/").split(['?', '#']).next().unwrap().to_owned()
}

on_both_databases! {
    async fn a_meeting_from_plan_to_published_minutes_without_javascript(app: TestApp) {
        app.load_demo().await;
        let (priya, priya_id) = person(&app, "Priya", Perspective::Staff, None).await; // the first account: co-chair
        let (jo, jo_id) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;
        let (sam, _) = person(&app, "Sam Lee", Perspective::Carer, Some(Role::Member)).await;
        // Jo's access needs: for the organisers only.
        {
            use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
            let mut p: domain::entities::person::ActiveModel = domain::entities::person::Entity::find_by_id(jo_id).one(&app.db).await.unwrap().unwrap().into();
            p.access_needs = Set(Some("Papers two weeks ahead in large print, please".into()));
            p.update(&app.db).await.unwrap();
        }

        // A member cannot plan; a co-chair can. A mistake keeps what was typed.
        let day = london_day(20);
        let plan = |date: String| vec![("title".to_owned(), "Policy group meeting".to_owned()), ("date".into(), date), ("start".into(), "10:00".into()), ("end".into(), "12:00".into()), ("place".into(), "Room 2, Town Hall".into()), ("join_link".into(), "https://meet.example.org/policy".into()), ("access-bsl".into(), "on".into()), ("access-breaks".into(), "on".into()), ("papers_days".into(), "7".into())];
        let as_pairs = |v: &Vec<(String, String)>| v.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>();
        let form = plan(day.clone());
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _) = read(app.post_form("/meetings/new/policy", &pairs, Some(&jo)).await).await;
        assert_eq!(status, 403);
        let mut wrong = as_pairs(&form);
        wrong[3].1 = "09:00".into();
        let wrong_pairs: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, html) = read(app.post_form("/meetings/new/policy", &wrong_pairs, Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please give an end time after the start time.") && html.contains("Room 2, Town Hall"), "kind message, nothing lost");
        let response = app.post_form("/meetings/new/policy", &pairs, Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let first = meeting_id(&response);
        let page = format!("/meetings/{first}");

        // An agenda item with a paper.
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let docs = domain::documents::service::list_in_space(&app.db, Some(priya_id), policy).await.unwrap();
        let paper = docs.first().expect("the demo policy group has documents").clone();
        let response = app.post_form(&format!("{page}/items"), &[("item_title", "The new policy draft"), ("lead", &jo_id.to_string()), ("minutes", "20")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let item = location(&response).rsplit("#item-").next().unwrap().to_owned();
        let response = app.post_form(&format!("/agenda-items/{item}/papers"), &[("meeting_id", &first), ("document_id", &paper.id.to_string())], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);

        // Everyone in the space sees the agenda; only the organisers see access needs.
        let (status, html) = app.get_as(&page, &jo).await;
        assert_eq!(status, 200);
        assert!(html.contains("The new policy draft") && html.contains(&paper.title) && html.contains("Led by Jo Patel"), "agenda with its paper");
        assert!(html.contains("British Sign Language (BSL) interpreter") && html.contains("Regular breaks"));
        assert!(html.contains("UK time") && html.contains("10:00 to 12:00"));
        assert!(!html.contains("large print, please"), "a member does not see anyone's access needs");
        let (_, html) = app.get_as(&page, &priya).await;
        assert!(html.contains("large print, please"), "the organiser sees access needs");
        let (status, _) = app.get_text(&page).await;
        assert_eq!(status, 404, "signed out, a meeting is not found");

        // Replies, one answered by a supporter.
        assert_eq!(app.post_form(&format!("{page}/reply"), &[("reply", "online")], Some(&jo)).await.status().as_u16(), 303);
        let (status, html) = read(app.post_form(&format!("{page}/reply"), &[], Some(&sam)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please choose whether you are coming"));
        assert_eq!(app.post_form(&format!("{page}/reply"), &[("reply", "apologies")], Some(&sam)).await.status().as_u16(), 303);
        assert_eq!(app.post_form(&format!("{page}/reply"), &[("reply", "in_person")], Some(&priya)).await.status().as_u16(), 303);
        let (_, html) = app.get_as(&page, &jo).await;
        assert!(html.contains("1 coming in person, 1 joining online, 1 sent apologies"), "replies counted");
        assert!(html.contains("Coming: 1 expert by experience and 1 council staff."), "counted by perspective");

        // Sending the papers tells everyone invited; a paper added afterwards is late.
        let response = app.post_form(&format!("{page}/send-papers"), &[], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as("/notifications", &jo).await;
        assert!(html.contains("The papers for Policy group meeting"), "Jo was told the papers are ready");
        let (status, _) = read(app.post_form(&format!("{page}/send-papers"), &[], Some(&priya)).await).await;
        assert_eq!(status, 409, "papers go out once");
        let late = docs.get(1).unwrap_or(&paper).clone();
        app.post_form(&format!("/agenda-items/{item}/papers"), &[("meeting_id", &first), ("document_id", &late.id.to_string())], Some(&priya)).await;
        let (_, html) = app.get_as(&page, &jo).await;
        assert!(html.contains("Late paper: added on"), "the late paper is marked in words");
        let (_, html) = app.get_as("/notifications", &sam).await;
        assert!(html.contains("A late paper"), "people were told of the late paper");

        // The meeting moves to yesterday (it happened): the calendar's sequence goes up.
        let mut moved = as_pairs(&form);
        moved[1].1 = london_day(-1);
        let moved_pairs: Vec<(&str, &str)> = moved.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(app.post_form(&format!("{page}/edit"), &moved_pairs, Some(&priya)).await.status().as_u16(), 303);
        let (_, ics) = app.get_as(&format!("{page}/calendar.ics"), &jo).await;
        assert!(ics.contains("SEQUENCE:1"), "{ics}");

        // Who came, counted by perspective.
        let response = app.post_form(&format!("{page}/attendance"), &[(&format!("attended-{jo_id}") as &str, "online"), (&format!("attended-{priya_id}"), "in_person")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&page, &jo).await;
        assert!(html.contains("Attended: 1 expert by experience and 1 council staff."), "attendance by perspective");

        // Minutes from the agenda, a decision by vote with its paper's vision check, an action.
        let response = app.post_form(&format!("{page}/minutes"), &[], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let minutes = location(&response).trim_start_matches("/documents/").trim_end_matches("/edit").to_owned();
        let (_, html) = app.get_as(&format!("/documents/{minutes}/edit"), &priya).await;
        assert!(html.contains("## 1. The new policy draft"), "one section per item");
        assert!(html.contains("Present: Jo Patel and Priya") || html.contains("Present: Priya and Jo Patel"), "who came is in the minutes");
        let response = app.post_form(&format!("{page}/decisions"), &[("item_id", &item), ("decision", "Send the draft out for comment."), ("method", "vote"), ("votes_for", "5"), ("votes_against", ""), ("document_id", &paper.id.to_string())], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422, "a vote needs its counts");
        let response = app.post_form(&format!("{page}/decisions"), &[("item_id", &item), ("decision", "Send the draft out for comment."), ("method", "vote"), ("votes_for", "5"), ("votes_against", "1"), ("abstentions", "2"), ("document_id", &paper.id.to_string())], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let due = london_day(-1);
        let response = app.post_form(&format!("{page}/actions"), &[("item_id", &item), ("what", "Ask three more people about the draft"), ("owner", &jo_id.to_string()), ("due", &due)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        let action = location(&response).rsplit("#action-").next().unwrap().to_owned();
        let (_, html) = app.get_as(&page, &jo).await;
        assert!(html.contains("By a vote: 5 for, 1 against, 2 did not vote."), "how it was decided");
        assert!(html.contains("Vision check when decided:"), "the paper's vision check is kept");
        assert!(html.contains("Ask three more people about the draft") && html.contains("Overdue: it was due on"), "overdue in words");

        // The next meeting: last time's minutes to agree, and matters arising.
        let next_form = plan(london_day(13));
        let next_pairs: Vec<(&str, &str)> = next_form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let second = meeting_id(&app.post_form("/meetings/new/policy", &next_pairs, Some(&priya)).await);
        let (_, html) = app.get_as(&format!("/meetings/{second}"), &jo).await;
        assert!(html.contains("Minutes of the last meeting") && html.contains("Minutes: Policy group meeting"), "the minutes are on the next agenda");
        assert!(html.contains("Matters arising") && html.contains("Ask three more people about the draft"));
        app.post_form(&format!("/meetings/{second}/send-papers"), &[], Some(&priya)).await;
        let (_, html) = app.get_as("/notifications", &jo).await;
        assert!(html.contains("will come up under matters arising"), "the owner is reminded before the meeting");

        // The owner updates progress and marks it done; someone else cannot.
        let (status, _) = read(app.post_form(&format!("/actions/{action}"), &[("step", "progress"), ("progress", "Asked one")], Some(&sam)).await).await;
        assert_eq!(status, 403);
        assert_eq!(app.post_form(&format!("/actions/{action}"), &[("step", "progress"), ("progress", "Asked two people so far")], Some(&jo)).await.status().as_u16(), 303);
        let (status, html) = read(app.post_form(&format!("/actions/{action}"), &[("step", "done"), ("note", "")], Some(&jo)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("Please write a short note on what was done"));
        assert_eq!(app.post_form(&format!("/actions/{action}"), &[("step", "done"), ("note", "Asked three people; their views are in the thread")], Some(&jo)).await.status().as_u16(), 303);
        let (_, html) = app.get_as("/groups/policy/actions?show=done", &jo).await;
        assert!(html.contains("Ask three more people about the draft") && html.contains("Done on"));
        let (_, html) = app.get_as("/groups/policy/actions", &jo).await;
        assert!(!html.contains("Ask three more people about the draft"), "done actions leave the open list");

        // The minutes are agreed through the documents' consent decision, then published.
        let (_, doc): (u16, serde_json::Value) = {
            let r = app.client.get(app.url(&format!("/api/v1/documents/{minutes}"))).header("Cookie", &priya).send().await.unwrap();
            (r.status().as_u16(), r.json().await.unwrap())
        };
        let rev = doc["revision"]["id"].as_str().unwrap().to_owned();
        let docpath = format!("/documents/{minutes}");
        assert_eq!(app.post_form(&format!("{docpath}/status"), &[("to", "out_for_comment"), ("revision_id", &rev), ("note", "")], Some(&priya)).await.status().as_u16(), 303);
        for who in [&priya, &jo] {
            assert_eq!(app.post_form(&format!("{docpath}/view"), &[("revision_id", &rev), ("response", "agree"), ("reason", "")], Some(who)).await.status().as_u16(), 303);
        }
        assert_eq!(app.post_form(&format!("{docpath}/status"), &[("to", "agreed"), ("revision_id", &rev), ("note", "Agreed at the next meeting")], Some(&priya)).await.status().as_u16(), 303);
        assert_eq!(app.post_form(&format!("{docpath}/status"), &[("to", "published"), ("revision_id", &rev), ("note", "")], Some(&priya)).await.status().as_u16(), 303);
        let (status, html) = app.get_text(&format!("{docpath}/published")).await;
        assert_eq!(status, 200);
        assert!(html.contains("The new policy draft"), "the published minutes");
        let (_, html) = app.get_as(&format!("/meetings/{second}"), &jo).await;
        assert!(html.contains("These minutes have been agreed."));

        // A conversation about an item.
        let response = app.post_form(&format!("{page}/comments"), &[("item_id", &item), ("body", "Can we see the easy-read version first?")], Some(&jo)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as(&page, &priya).await;
        assert!(html.contains("Can we see the easy-read version first?") && html.contains("About the item"));
    }

    async fn calendar_files_parse_and_keep_the_time_across_the_clock_change(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let (jo, _) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;
        // 26 March 2027 is GMT, 29 March 2027 is BST: 10:00 in London is 10:00Z, then 09:00Z.
        let mut ids = Vec::new();
        for date in ["26/03/2027", "2027-03-29"] {
            let response = app.post_form("/meetings/new/policy", &[("title", "Policy group, meeting"), ("date", date), ("start", "10:00"), ("end", "11:30"), ("place", "Room 2; Town Hall"), ("join_link", "https://meet.example.org/policy")], Some(&priya)).await;
            assert_eq!(response.status().as_u16(), 303, "{date}");
            ids.push(meeting_id(&response));
        }
        let (status, html) = read(app.post_form("/meetings/new/policy", &[("title", "Night"), ("date", "28/03/2027"), ("start", "01:30"), ("end", "02:30"), ("place", "Online")], Some(&priya)).await).await;
        assert_eq!(status, 422);
        assert!(html.contains("because the clocks go forward"), "a time that does not happen is refused in words");

        let expected = [(Utc.with_ymd_and_hms(2027, 3, 26, 10, 0, 0).unwrap(), Utc.with_ymd_and_hms(2027, 3, 26, 11, 30, 0).unwrap()), (Utc.with_ymd_and_hms(2027, 3, 29, 9, 0, 0).unwrap(), Utc.with_ymd_and_hms(2027, 3, 29, 10, 30, 0).unwrap())];
        for (id, (start, end)) in ids.iter().zip(expected) {
            let response = app.client.get(app.url(&format!("/api/v1/meetings/{id}/calendar.ics"))).header("Cookie", &jo).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 200);
            assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
            let text = response.text().await.unwrap();
            icalendar::parser::read_calendar(&icalendar::parser::unfold(&text)).expect("valid iCalendar");
            let calendar: icalendar::Calendar = text.parse().unwrap();
            let events: Vec<&icalendar::Event> = calendar.events().collect();
            assert_eq!(events.len(), 1);
            let e = events[0];
            assert_eq!(e.get_uid(), Some(format!("meeting-{id}@coboard").as_str()));
            assert_eq!(e.get_start(), Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(start))));
            assert_eq!(e.get_end(), Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(end))));
            assert_eq!(e.get_location(), Some("Room 2; Town Hall, or online: https://meet.example.org/policy"), "escaped and read back");
            assert!(e.get_description().unwrap().contains("Join online: https://meet.example.org/policy"));
            assert_eq!(e.property_value("SEQUENCE"), Some("0"));
            assert!(e.get_summary().unwrap().starts_with("Policy group, meeting ("), "commas survive escaping");
        }
        let (_, html) = app.get_as(&format!("/meetings/{}", ids[1]), &jo).await;
        assert!(html.contains("Monday 29 March 2027, 10:00 to 11:30 (UK time)"), "shown in the board's time");

        // The personal feed: a secret address, shown once, that can be replaced.
        let (status, html) = read(app.post_form("/account/calendar", &[], Some(&jo)).await).await;
        assert_eq!(status, 200);
        let start = html.find("/calendar/").unwrap_or_else(|| panic!("{html}"));
        let path: String = html[start..].chars().take_while(|c| !c.is_whitespace() && *c != '<').collect();
        assert!(path.ends_with(".ics"), "{path}");
        let (status, feed) = app.get_text(&path).await;
        assert_eq!(status, 200);
        let calendar: icalendar::Calendar = feed.parse().unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let all = domain::meetings::service::list(&app.db, None, policy).await;
        assert!(all.is_err(), "signed out, a space's meetings are not listed");
        let uids: Vec<String> = calendar.events().filter_map(|e| e.get_uid().map(str::to_owned)).collect();
        for id in &ids {
            assert!(uids.contains(&format!("meeting-{id}@coboard")), "{uids:?}");
        }
        assert_eq!(uids.len(), 4, "Jo's two meetings and the demo's two policy group meetings");
        icalendar::parser::read_calendar(&icalendar::parser::unfold(&feed)).expect("a valid feed");
        app.post_form("/account/calendar", &[], Some(&jo)).await;
        assert_eq!(app.get(&path).await.status().as_u16(), 404, "the old address stops working");
        assert_eq!(app.get("/calendar/not-a-secret.ics").await.status().as_u16(), 404);
    }

    async fn overdue_is_judged_at_midnight_in_london(app: TestApp) {
        use domain::meetings::{ActionStatus, actions};
        app.load_demo().await;
        let (priya, priya_id) = person(&app, "Priya", Perspective::Staff, None).await;
        let response = app.post_form("/meetings/new/policy", &[("title", "Summer meeting"), ("date", "2027-06-01"), ("start", "10:00"), ("end", "11:00"), ("place", "Town Hall")], Some(&priya)).await;
        let id = uuid::Uuid::parse_str(&meeting_id(&response)).unwrap();
        let user = domain::people::CurrentUser { id: priya_id, display_name: "Priya".into(), email: "priya@example.org".into(), pronouns: None, perspective: Perspective::Staff, supporter: None };
        actions::add(&app.db, &user, id, actions::NewAction { item_id: None, what: "Book the room", owner: Some(priya_id), due: "30/06/2027" }).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        // 30 June 2027, 23:59:59 in London is 22:59:59 UTC: still due today. One second after
        // midnight (23:00:01 UTC) it is overdue, though it is still 30 June in UTC.
        let before = Utc.with_ymd_and_hms(2027, 6, 30, 22, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2027, 6, 30, 23, 0, 1).unwrap();
        let ours = |list: Vec<domain::meetings::ActionItem>| list.into_iter().filter(|a| a.what == "Book the room").collect::<Vec<_>>();
        let open = ours(actions::tracker(&app.db, Some(priya_id), Some(policy), actions::Show::Open, before).await.unwrap());
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].status, ActionStatus::Open);
        assert_eq!(open[0].status_words, "Open: due today, 30 June 2027");
        assert!(ours(actions::tracker(&app.db, Some(priya_id), Some(policy), actions::Show::Overdue, before).await.unwrap()).is_empty(), "not overdue before midnight");
        let overdue = ours(actions::tracker(&app.db, Some(priya_id), None, actions::Show::Overdue, after).await.unwrap());
        assert_eq!(overdue.len(), 1, "the database filter agrees with London's midnight");
        assert_eq!(overdue[0].status, ActionStatus::Overdue);
        assert_eq!(overdue[0].status_words, "Overdue: it was due on 30 June 2027 (1 day ago)");
        // In winter (GMT) London's midnight is UTC's.
        let due = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
        assert_eq!(ActionStatus::of(due, false, domain::dates::local_day(Utc.with_ymd_and_hms(2027, 1, 15, 23, 59, 59).unwrap(), chrono_tz::Europe::London)), ActionStatus::Open);
        assert_eq!(ActionStatus::of(due, false, domain::dates::local_day(Utc.with_ymd_and_hms(2027, 1, 16, 0, 0, 1).unwrap(), chrono_tz::Europe::London)), ActionStatus::Overdue);
    }

    async fn meetings_and_actions_through_the_json_api(app: TestApp) {
        app.load_demo().await;
        person(&app, "Priya", Perspective::Staff, None).await;
        let (_, jo_id) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;
        let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let jo = server::cli::create_token(&app.db, "jo.patel@example.org", None).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let send = |method: reqwest::Method, path: String, body: Option<serde_json::Value>, token: &str| {
            let mut r = app.client.request(method, app.url(&path)).bearer_auth(token.to_owned());
            if let Some(b) = body {
                r = r.json(&b);
            }
            async move {
                let r = r.send().await.unwrap();
                let status = r.status().as_u16();
                (status, r.json::<serde_json::Value>().await.unwrap_or(serde_json::Value::Null))
            }
        };
        let day = london_day(10);
        let (status, m) = send(reqwest::Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "Policy group", "date": day, "start": "10:00", "end": "12:00", "join_link": "https://meet.example.org/p", "access": ["captions"]})), &priya).await;
        assert_eq!(status, 201, "{m}");
        assert_eq!(m["access"], serde_json::json!(["captions"]));
        let id = m["id"].as_str().unwrap().to_owned();
        let (status, err) = send(reqwest::Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "X", "date": day, "start": "10:00", "end": "12:00"})), &priya).await;
        assert_eq!(status, 400);
        assert_eq!(err["error"]["field"], "place", "{err}");
        let (status, _) = send(reqwest::Method::POST, format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": "X", "date": day, "start": "10:00", "end": "12:00", "place": "Hall"})), &jo).await;
        assert_eq!(status, 403);
        let (status, agenda) = send(reqwest::Method::POST, format!("/api/v1/meetings/{id}/agenda"), Some(serde_json::json!({"title": "Welcome", "minutes": 5})), &priya).await;
        assert_eq!(status, 201);
        assert_eq!(agenda[0]["title"], "Welcome");
        let item = agenda[0]["id"].as_str().unwrap().to_owned();
        let (status, a) = send(reqwest::Method::PUT, format!("/api/v1/meetings/{id}/attendance"), Some(serde_json::json!({"reply": "online"})), &jo).await;
        assert_eq!(status, 200);
        assert!(a["replies"].as_str().unwrap().contains("1 joining online"), "{a}");
        let (status, list) = send(reqwest::Method::GET, format!("/api/v1/spaces/{policy}/meetings"), None, &jo).await;
        assert_eq!(status, 200);
        assert!(list["items"].as_array().unwrap().iter().any(|m| m["id"] == id.as_str()), "{list}");
        let starts: Vec<&str> = list["items"].as_array().unwrap().iter().filter(|m| m["past"] == false).map(|m| m["starts_at"].as_str().unwrap()).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "soonest first: {starts:?}");
        let (status, action) = send(reqwest::Method::POST, "/api/v1/actions".into(), Some(serde_json::json!({"meeting_id": id, "item_id": item, "what": "Send the link", "owner_id": jo_id, "due_on": london_day(3)})), &priya).await;
        assert_eq!(status, 201, "{action}");
        assert_eq!(action["status"], "open");
        let aid = action["id"].as_str().unwrap().to_owned();
        let (status, changed) = send(reqwest::Method::PATCH, format!("/api/v1/actions/{aid}"), Some(serde_json::json!({"done_note": "Sent to everyone"})), &jo).await;
        assert_eq!(status, 200);
        assert_eq!(changed["status"], "done");
        let (status, done) = send(reqwest::Method::GET, "/api/v1/actions?status=done".into(), None, &jo).await;
        assert_eq!(status, 200);
        assert!(done["items"].as_array().unwrap().iter().any(|a| a["id"] == aid.as_str()), "{done}");
        assert!(done["items"].as_array().unwrap().iter().all(|a| a["status"] == "done"));
        let (status, _) = send(reqwest::Method::GET, "/api/v1/actions?status=soon".into(), None, &jo).await;
        assert_eq!(status, 400);
        let (status, d) = send(reqwest::Method::POST, format!("/api/v1/meetings/{id}/decisions"), Some(serde_json::json!({"item_id": item, "decision": "Meet online in future", "method": "consent"})), &priya).await;
        assert_eq!(status, 201, "{d}");
        assert_eq!(d["how"], "By consent: nobody objected.");
        let (status, sent) = send(reqwest::Method::POST, format!("/api/v1/meetings/{id}/papers/send"), None, &priya).await;
        assert_eq!((status, sent["sent"].as_bool()), (200, Some(true)));
        let (status, started) = send(reqwest::Method::POST, format!("/api/v1/meetings/{id}/minutes"), None, &priya).await;
        assert_eq!(status, 201);
        assert!(started["document_id"].is_string());
        let (_, spec) = app.get_json("/api/v1/openapi.json").await;
        for path in ["/api/v1/spaces/{id}/meetings", "/api/v1/meetings/{id}", "/api/v1/meetings/{id}/agenda", "/api/v1/meetings/{id}/attendance", "/api/v1/meetings/{id}/calendar.ics", "/api/v1/actions"] {
            assert!(spec["paths"].get(path).is_some(), "{path} in OpenAPI");
        }
    }

    async fn a_supporter_answers_for_the_person_they_support(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let (jo, jo_id) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;
        let (sam, _) = person(&app, "Sam Lee", Perspective::Carer, None).await;
        let id = meeting_id(&app.post_form("/meetings/new/policy", &[("title", "Policy group"), ("date", &london_day(9)), ("start", "14:00"), ("end", "15:30"), ("place", "Hall")], Some(&priya)).await);
        assert_eq!(app.post_form("/account/supporters", &[("email", "sam.lee@example.org"), ("consent", "on")], Some(&jo)).await.status().as_u16(), 200);
        assert_eq!(app.post_form("/account/supporting/start", &[("member_id", &jo_id.to_string())], Some(&sam)).await.status().as_u16(), 303);
        assert_eq!(app.post_form(&format!("/meetings/{id}/reply"), &[("reply", "in_person")], Some(&sam)).await.status().as_u16(), 303);
        let (_, html) = app.get_as(&format!("/meetings/{id}"), &priya).await;
        assert!(html.contains("Coming in person (answered by Sam Lee, supporting Jo Patel)"), "the supporter answered for Jo, and it says so");
        assert!(html.contains("Coming: 1 expert by experience."), "counted as Jo, by Jo's perspective");
    }

    async fn papers_go_out_by_themselves_once_when_due(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = person(&app, "Priya", Perspective::Staff, None).await;
        let (jo, _) = person(&app, "Jo Patel", Perspective::Expert, Some(Role::Member)).await;
        // Papers 7 days before a meeting in 3 days: due already. In 20 days: not yet.
        let soon = meeting_id(&app.post_form("/meetings/new/policy", &[("title", "Soon"), ("date", &london_day(3)), ("start", "10:00"), ("end", "11:00"), ("place", "Hall")], Some(&priya)).await);
        let later = meeting_id(&app.post_form("/meetings/new/policy", &[("title", "Later"), ("date", &london_day(20)), ("start", "10:00"), ("end", "11:00"), ("place", "Hall")], Some(&priya)).await);
        let now = Utc::now();
        // Two instances at once: one sends.
        // (The server's own once-a-minute run may have sent them first: then neither does.)
        let (a, b) = tokio::join!(domain::meetings::service::send_due_papers(&app.db, now), domain::meetings::service::send_due_papers(&app.db, now));
        assert!(a.unwrap() + b.unwrap() <= 1, "the due meeting's papers went out once");
        let (_, html) = app.get_as("/notifications", &jo).await;
        assert_eq!(html.matches("The papers for Soon").count(), 1, "told once");
        assert!(!html.contains("The papers for Later"));
        let (_, html) = app.get_as(&format!("/meetings/{soon}"), &jo).await;
        assert!(html.contains("The papers went out on"));
        let (_, html) = app.get_as(&format!("/meetings/{later}"), &jo).await;
        assert!(html.contains("The papers go out on"), "the day they will go is given");
    }
}
