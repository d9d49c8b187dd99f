//! Task-and-finish groups from start to finish, through the pages without JavaScript and
//! through the JSON API, and who may do each step. Each test runs on SQLite and PostgreSQL.

mod common;

use domain::DomainError;
use domain::accounts::{NewAccount, create_account, set_role};
use domain::documents::{DocumentKind, service as documents};
use domain::people::{CurrentUser, Perspective, Role};
use domain::spaces::{GroupStatus, Participation, life, service as spaces};

/// A new account with a role on the board (if any), signed in through the form.
async fn person(app: &common::TestApp, name: &str, perspective: Perspective, board_role: Option<Role>) -> (CurrentUser, String) {
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let (created, _) = create_account(&app.db, NewAccount {
        display_name: name.into(),
        email: email.clone(),
        perspective: Some(perspective),
        password: Some(common::GOOD_PASSWORD.into()),
        ..Default::default()
    })
    .await
    .unwrap();
    if let Some(role) = board_role {
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space.id;
        set_role(&app.db, board, created.id, role).await.unwrap();
    }
    let response = app.post_form("/sign-in", &[("email", &email), ("password", common::GOOD_PASSWORD)], None).await;
    let cookie = common::session_from(&response).expect("signed in");
    let user = domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, &email, None).await.unwrap()).await.unwrap().unwrap();
    (user, cookie)
}

fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
}

fn today() -> String {
    domain::dates::long_date(domain::dates::local_day(chrono::Utc::now(), domain::dates::zone_or_default(None)))
}

on_both_databases! {
    /// The journey the issue asks for, by form posts only: a co-chair starts a group with a
    /// convenor and a board document to start from; the convenor moves its dates (with a reason)
    /// and renames it; it reports back and finishes; the home and group pages show each step;
    /// a finished group is read-only.
    async fn a_group_runs_from_start_to_finish_without_javascript(app: TestApp) {
        let marcia = app.set_up_first_account().await;
        let (priya, priya_cookie) = person(&app, "Priya Shah", Perspective::Staff, Some(Role::Member)).await;
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space;
        let marcia_user = domain::accounts::token_user(&app.db, &server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap()).await.unwrap().unwrap();
        let source = documents::create_document(&app.db, &marcia_user, board.id, "Charging policy", Some(DocumentKind::Policy), "# Charging\n\nWe charge fairly.\n", &[]).await.unwrap();

        let (status, page) = app.get_as("/groups/new", &marcia).await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("name=\"convenor-{}\"", priya.id)) && page.contains("Charging policy"), "{page}");
        let (status, _) = app.get_as("/groups/new", &priya_cookie).await;
        assert_eq!(status, 403, "a board member cannot start a group");

        // No convenor: refused, with everything typed kept.
        let convenor_box = format!("convenor-{}", priya.id);
        let document_box = format!("document-{source}");
        let mut form = vec![("name", "Charging"), ("remit", "Make **charging** fair and clear."), ("start_date", "2027-01-10"), ("planned_end_date", "2027-06-30")];
        let response = app.post_form("/groups/new", &form, Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("Please choose at least one convenor from the board, or invite one by email.") && html.contains("value=\"Charging\""), "{html}");
        // An end before the start: refused.
        let backwards = [("name", "Charging"), ("remit", "Fair."), ("start_date", "2027-06-30"), ("planned_end_date", "2027-01-10"), (convenor_box.as_str(), "on")];
        assert_eq!(app.post_form("/groups/new", &backwards, Some(&marcia)).await.status().as_u16(), 422);

        form.push((convenor_box.as_str(), "on"));
        form.push((document_box.as_str(), "on"));
        let response = app.post_form("/groups/new", &form, Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(location(&response), "/groups/charging?done=started");
        let (_, page) = app.get_as("/groups/charging?done=started", &marcia).await;
        assert!(page.contains("The group is started."), "{page}");
        assert!(page.contains("Started, to run from 10 January 2027 to 30 June 2027, with Priya Shah as convenor. It starts from the board's \u{201c}Charging policy\u{201d}."), "{page}");
        assert!(page.contains("Priya Shah</a>") && page.contains(", convenor"), "{page}");
        let group = spaces::space_by_slug(&app.db, "charging").await.unwrap().space;
        let copies = documents::list_in_space(&app.db, Some(priya.id), group.id).await.unwrap();
        assert_eq!(copies.len(), 1, "the board's document is copied into the group");
        let copy = documents::history(&app.db, Some(priya.id), copies[0].id).await.unwrap();
        assert_eq!(copy[0].note.as_deref(), Some("Started from the board's \u{201c}Charging policy\u{201d}, version 1"));

        // The convenor moves the planned end date: a reason is needed, and kept.
        let (status, _) = app.get_as("/groups/charging/edit", &priya_cookie).await;
        assert_eq!(status, 200);
        let mut edit = vec![("name", "Charging"), ("remit", "Make **charging** fair and clear."), ("start_date", "2027-01-10"), ("planned_end_date", "2027-09-30"), ("reason", "")];
        let response = app.post_form("/groups/charging/edit", &edit, Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("Please say why the planned end date is moving.") && html.contains("2027-09-30"), "what was typed is kept: {html}");
        edit[4] = ("reason", "The consultation runs over the summer.");
        edit[0] = ("name", "Charging and contributions");
        let response = app.post_form("/groups/charging/edit", &edit, Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(location(&response), "/groups/charging-and-contributions?done=changed");
        // The old address leads to the new one.
        let old = app.client.get(app.url("/groups/charging")).send().await.unwrap();
        assert_eq!(old.status().as_u16(), 301);
        assert_eq!(location(&old), "/groups/charging-and-contributions");
        let (_, page) = app.get_as("/groups/charging-and-contributions", &priya_cookie).await;
        assert!(page.contains("Planned end date moved from 30 June 2027 to 30 September 2027.") && page.contains("Reason: The consultation runs over the summer."), "{page}");
        assert!(page.contains("Renamed from \u{201c}Charging\u{201d} to \u{201c}Charging and contributions\u{201d}.") && page.contains("By Priya Shah."), "{page}");
        // Saving the same again changes nothing, and says so.
        let response = app.post_form("/groups/charging-and-contributions/edit", &edit, Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.text().await.unwrap().contains("Nothing had changed, so nothing was saved."));

        // Reporting back needs a summary.
        let response = app.post_form("/groups/charging-and-contributions/report", &[("step", "report"), ("summary", " ")], Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 422);
        let response = app.post_form("/groups/charging-and-contributions/report", &[("step", "finish"), ("confirm", "on")], Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 409, "an active group reports back before it finishes");
        let summary = [("step", "report"), ("summary", "People want one clear letter about charges.\n\n- Send it a month before\n- Use plain words")];
        let response = app.post_form("/groups/charging-and-contributions/report", &summary, Some(&priya_cookie)).await;
        assert_eq!(location(&response), "/groups/charging-and-contributions?done=reported");
        let (_, page) = app.get_as("/groups/charging-and-contributions", &marcia).await;
        assert!(page.contains("What the group found") && page.contains("<li>Send it a month before</li>"), "{page}");
        assert!(page.contains(&format!("Reported back to the board on {}.", today())), "{page}");
        let (_, home) = app.get_text("/").await;
        assert!(home.contains(&format!("reported back to the board on {}.", today())), "{home}");

        // Finishing asks for a tick first, then the group is read-only.
        let response = app.post_form("/groups/charging-and-contributions/report", &[("step", "finish")], Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert_eq!(spaces::space_by_slug(&app.db, "charging-and-contributions").await.unwrap().space.status, Some(GroupStatus::Reporting));
        let response = app.post_form("/groups/charging-and-contributions/report", &[("step", "finish"), ("confirm", "on")], Some(&priya_cookie)).await;
        assert_eq!(location(&response), "/groups/charging-and-contributions?done=finished");
        let (_, page) = app.get_text("/groups/charging-and-contributions").await;
        assert!(page.contains(&format!("This group finished on {}.", today())) && page.contains("What the group found"), "{page}");
        let (_, home) = app.get_text("/").await;
        assert!(home.contains(&format!("finished on {}.", today())), "{home}");
        let (_, groups) = app.get_text("/groups").await;
        assert!(groups.contains("Finished (1)") && groups.contains(&format!("Finished on {}.", today())), "{groups}");

        let response = app.post_form("/groups/charging-and-contributions/edit", &edit, Some(&priya_cookie)).await;
        assert_eq!(response.status().as_u16(), 409);
        assert!(response.text().await.unwrap().contains("This group has finished, so its work can be read but no longer changed."));
        let (status, page) = app.get_as("/groups/charging-and-contributions/edit", &marcia).await;
        assert_eq!(status, 403, "{page}");
        let head = documents::history(&app.db, Some(priya.id), copies[0].id).await.unwrap()[0].id;
        let saved = documents::save(&app.db, &priya, copies[0].id, head, "# Changed\n", None).await;
        assert!(matches!(saved, Err(DomainError::Conflict(_))), "{saved:?}");
        assert!(documents::view(&app.db, Some(priya.id), copies[0].id).await.is_ok(), "still readable");

        // Every step is in the audit log.
        let audit = domain::accounts::recent_audit(&app.db, domain::page::PageRequest::parse(Some("50"), None).unwrap()).await.unwrap().items;
        for action in ["group_started", "space_changed", "group_status_changed"] {
            assert!(audit.iter().any(|e| e.action.as_str() == action), "{action} missing from {audit:?}");
        }
    }

    /// Every role × action the issue adds, for two perspectives each: the decision follows the
    /// role and never the perspective.
    async fn who_may_start_change_finish_join_and_follow(app: TestApp) {
        app.set_up_first_account().await;
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space.id;
        for perspective in [Perspective::Expert, Perspective::Staff] {
            let tag = perspective.as_str();
            let (co_chair, _) = person(&app, &format!("Chair {tag}"), perspective, Some(Role::CoChair)).await;
            let (member, _) = person(&app, &format!("Member {tag}"), perspective, Some(Role::Member)).await;
            let (observer, _) = person(&app, &format!("Observer {tag}"), perspective, Some(Role::Observer)).await;
            let (convenor, _) = person(&app, &format!("Convenor {tag}"), perspective, Some(Role::Member)).await;
            let (outsider, _) = person(&app, &format!("Outsider {tag}"), perspective, None).await;
            let name = format!("Group {tag}");
            let new = |who: &'static str| life::GroupStart {
                name: who,
                remit: "A job.",
                start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
                planned_end_date: chrono::NaiveDate::from_ymd_opt(2027, 6, 1),
                ..Default::default()
            };
            let convenors = [convenor.id];
            // Starting: board co-chairs only.
            for who in [&member, &observer, &convenor, &outsider] {
                let refused = life::start_group(&app.db, who, board, life::GroupStart { convenors: &convenors, ..new("Refused") }).await;
                assert!(matches!(refused, Err(DomainError::Forbidden(_))), "{} {refused:?}", who.display_name);
            }
            let group = life::start_group(&app.db, &co_chair, board, life::GroupStart { name: &name, convenors: &convenors, ..new("") }).await.unwrap().group.id;

            // Changing and moving on: the group's convenors and the board's co-chairs.
            let rename = |to: &'static str| life::SpaceChange { purpose: Some(to), ..Default::default() };
            for who in [&member, &observer, &outsider] {
                assert!(matches!(life::change_space(&app.db, who, group, rename("No.")).await, Err(DomainError::Forbidden(_))), "{}", who.display_name);
                assert!(matches!(life::move_on(&app.db, who, group, GroupStatus::Reporting, Some("No.")).await, Err(DomainError::Forbidden(_))), "{}", who.display_name);
            }
            assert_eq!(life::change_space(&app.db, &convenor, group, rename("By the convenor.")).await.unwrap().1.len(), 1);
            assert_eq!(life::change_space(&app.db, &co_chair, group, rename("By a co-chair.")).await.unwrap().1.len(), 1);

            // Joining: members and co-chairs of the board. Following: anyone on the board.
            assert!(matches!(life::take_part(&app.db, &observer, group, Some(Participation::Member)).await, Err(DomainError::Forbidden(_))));
            assert!(matches!(life::take_part(&app.db, &outsider, group, Some(Participation::Member)).await, Err(DomainError::Forbidden(_))));
            assert!(matches!(life::take_part(&app.db, &outsider, group, Some(Participation::Follower)).await, Err(DomainError::Forbidden(_))));
            assert_eq!(life::take_part(&app.db, &member, group, Some(Participation::Member)).await.unwrap(), Some(Role::Member));
            assert_eq!(life::take_part(&app.db, &observer, group, Some(Participation::Follower)).await.unwrap(), Some(Role::Observer));
            assert_eq!(life::take_part(&app.db, &co_chair, group, Some(Participation::Follower)).await.unwrap(), Some(Role::Observer));
            // A convenor hands the role over on the members page rather than leaving by a click.
            assert!(matches!(life::take_part(&app.db, &convenor, group, None).await, Err(DomainError::Conflict(_))));
            // Followers see the work without being counted.
            let detail = spaces::space_by_id(&app.db, group).await.unwrap();
            assert_eq!((detail.people_total(), detail.followers), (2, 2), "{detail:?}");
            // A member joining the group now may change its documents but not the group itself.
            assert!(matches!(life::change_space(&app.db, &member, group, rename("No.")).await, Err(DomainError::Forbidden(_))));
            assert_eq!(life::take_part(&app.db, &member, group, None).await.unwrap(), None);

            life::move_on(&app.db, &convenor, group, GroupStatus::Reporting, Some("Found things.")).await.unwrap();
            life::move_on(&app.db, &co_chair, group, GroupStatus::Finished, None).await.unwrap();
            // Finished: nobody changes it, joins it or follows it; those on the board still read it.
            for who in [&co_chair, &convenor] {
                assert!(matches!(life::change_space(&app.db, who, group, rename("Late.")).await, Err(DomainError::Conflict(_))), "{}", who.display_name);
            }
            assert!(matches!(life::take_part(&app.db, &member, group, Some(Participation::Member)).await, Err(DomainError::Conflict(_))));
            for who in [&co_chair, &member, &observer, &convenor] {
                domain::accounts::authorize(&app.db, Some(who.id), group, domain::permissions::Action::ViewSpace).await.unwrap();
            }
        }
    }

    /// Two convenors finishing the same group at the same moment: one finishes it, the other is
    /// told it already has; one history entry.
    async fn two_finishes_at_once_make_one(app: TestApp) {
        app.set_up_first_account().await;
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space.id;
        let (a, _) = person(&app, "Ann", Perspective::Expert, Some(Role::Member)).await;
        let (b, _) = person(&app, "Ben", Perspective::Staff, Some(Role::Member)).await;
        let start = life::GroupStart {
            name: "Quick",
            remit: "A job.",
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
            planned_end_date: chrono::NaiveDate::from_ymd_opt(2027, 6, 1),
            convenors: &[a.id, b.id],
            ..Default::default()
        };
        let group = life::start_group(&app.db, &a, board, start).await;
        assert!(matches!(group, Err(DomainError::Forbidden(_))), "a board member cannot start a group");
        let (chair, _) = person(&app, "Cara", Perspective::Carer, Some(Role::CoChair)).await;
        let group = life::start_group(&app.db, &chair, board, life::GroupStart { convenors: &[a.id, b.id], ..start_fields() }).await.unwrap().group.id;
        let (x, y) = tokio::join!(
            life::move_on(&app.db, &a, group, GroupStatus::Reporting, Some("Ann's summary.")),
            life::move_on(&app.db, &b, group, GroupStatus::Reporting, Some("Ben's summary."))
        );
        assert_eq!([x.is_ok(), y.is_ok()].iter().filter(|ok| **ok).count(), 1, "{x:?} {y:?}");
        assert!(matches!(x, Err(DomainError::Conflict(_))) || matches!(y, Err(DomainError::Conflict(_))));
        let history = life::history(&app.db, Some(a.id), group).await.unwrap();
        assert_eq!(history.iter().filter(|e| e.kind == domain::spaces::EventKind::ReportedBack).count(), 1);
    }

    /// The JSON API: start a group, move its dates (with a reason), report back and finish, join,
    /// follow and leave; signed out, the lists show what the public pages show.
    async fn groups_through_the_api(app: TestApp) {
        app.set_up_first_account().await;
        let (priya, _) = person(&app, "Priya Shah", Perspective::Staff, Some(Role::Member)).await;
        let (_, _) = person(&app, "Alex Morgan", Perspective::Expert, Some(Role::Member)).await;
        let chair = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let alex = server::cli::create_token(&app.db, "alex.morgan@example.org", None).await.unwrap();
        let api = |method: reqwest::Method, path: &str, token: Option<&str>, body: Option<serde_json::Value>| {
            let mut request = app.client.request(method, app.url(path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(&body);
            }
            request.send()
        };
        let body = serde_json::json!({"name": "Easy read", "remit": "Make papers easy to read.", "start_date": "2027-02-01", "planned_end_date": "2027-05-01", "convenor_ids": [priya.id]});
        let response = api(reqwest::Method::POST, "/api/v1/spaces", None, Some(body.clone())).await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
        let response = api(reqwest::Method::POST, "/api/v1/spaces", Some(&alex), Some(body.clone())).await.unwrap();
        assert_eq!(response.status().as_u16(), 403);
        let response = api(reqwest::Method::POST, "/api/v1/spaces", Some(&chair), Some(body)).await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let group: serde_json::Value = response.json().await.unwrap();
        let id = group["id"].as_str().unwrap().to_owned();
        assert_eq!((group["slug"].as_str(), group["status"].as_str()), (Some("easy-read"), Some("active")));

        let path = format!("/api/v1/spaces/{id}");
        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"planned_end_date": "2027-07-01"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["error"]["field"].as_str(), Some("reason"), "{error}");
        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"planned_end_date": "2027-07-01", "reason": "Printing is late."}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"status": "reporting"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "a summary is needed");

        // Alex (on the board) joins, then follows, then leaves.
        let members = format!("{path}/members");
        let response = api(reqwest::Method::POST, &members, Some(&alex), Some(serde_json::json!({"role": "member"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert_eq!(response.json::<serde_json::Value>().await.unwrap()["role"].as_str(), Some("member"));
        let response = api(reqwest::Method::POST, &members, Some(&alex), Some(serde_json::json!({"role": "observer"}))).await.unwrap();
        assert_eq!(response.json::<serde_json::Value>().await.unwrap()["role"].as_str(), Some("observer"));
        let response = api(reqwest::Method::POST, &members, Some(&alex), Some(serde_json::json!({"role": "co_chair"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "nobody makes themselves a convenor");
        let response = api(reqwest::Method::DELETE, &format!("{members}/me"), Some(&alex), None).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.json::<serde_json::Value>().await.unwrap()["role"].is_null());

        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"status": "reporting", "report_summary": "Use pictures."}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let reported: serde_json::Value = response.json().await.unwrap();
        assert_eq!(reported["status"].as_str(), Some("reporting"));
        assert!(reported["reported_on"].is_string(), "{reported}");
        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"status": "finished"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let response = api(reqwest::Method::PATCH, &path, Some(&chair), Some(serde_json::json!({"name": "Too late"}))).await.unwrap();
        assert_eq!(response.status().as_u16(), 409);

        // Signed out: the group, its dates and its history, as the public page shows them.
        let (status, history) = app.get_json(&format!("{path}/history")).await;
        assert_eq!(status, 200);
        let steps: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(steps, ["started", "dates_changed", "reported_back", "finished"]);
        assert_eq!(history[1]["reason"].as_str(), Some("Printing is late."));
        let (_, list) = app.get_json("/api/v1/spaces?kind=group").await;
        assert_eq!(list["items"][0]["finished_on"].is_string(), true, "{list}");
        let (_, openapi) = app.get_json("/api/v1/openapi.json").await;
        assert!(openapi["paths"]["/api/v1/spaces"]["post"].is_object() && openapi["paths"]["/api/v1/spaces/{id}/members/me"]["delete"].is_object());
    }

    /// After the demo board is renamed, `coboard demo` still knows it is there.
    async fn the_demo_loads_once_even_after_the_board_is_renamed(app: TestApp) {
        app.load_demo().await;
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space.id;
        let (chair, _) = person(&app, "Cara", Perspective::Carer, Some(Role::CoChair)).await;
        life::change_space(&app.db, &chair, board, life::SpaceChange { name: Some("Direct Payments Partnership"), ..Default::default() }).await.unwrap();
        assert_eq!(domain::demo::load(&app.db).await.unwrap(), domain::demo::DemoOutcome::AlreadyThere);
        // The demo's groups have their history, and one is reporting back with its summary.
        let recruitment = spaces::space_by_slug(&app.db, "recruitment-and-retention-of-personal-assistants").await.unwrap().space;
        assert_eq!(recruitment.status, Some(GroupStatus::Reporting));
        assert!(recruitment.report_summary.as_deref().is_some_and(|s| s.contains("personal assistant")));
        let steps = life::history(&app.db, None, recruitment.id).await.unwrap();
        assert_eq!(steps.iter().map(|e| e.kind).collect::<Vec<_>>(), [domain::spaces::EventKind::Started, domain::spaces::EventKind::ReportedBack]);
    }

    /// The board's co-chairs change its name, purpose and time zone; a time zone nobody knows is
    /// refused kindly, and nothing typed is lost.
    async fn the_board_is_changed_by_its_co_chairs(app: TestApp) {
        let marcia = app.set_up_first_account().await;
        let (_, member) = person(&app, "Priya Shah", Perspective::Staff, Some(Role::Member)).await;
        let (status, _) = app.get_as("/board/edit", &member).await;
        assert_eq!(status, 403);
        let form = [("name", "Direct Payments Partnership Board"), ("purpose", "We decide together, as equals."), ("time_zone", "Europe/Atlantis")];
        let response = app.post_form("/board/edit", &form, Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("We do not know the time zone") && html.contains("value=\"Direct Payments Partnership Board\""), "{html}");
        let form = [("name", "Direct Payments Partnership Board"), ("purpose", "We decide together, as equals."), ("time_zone", "Europe/Dublin")];
        assert_eq!(app.post_form("/board/edit", &form, Some(&member)).await.status().as_u16(), 403);
        let response = app.post_form("/board/edit", &form, Some(&marcia)).await;
        assert_eq!(location(&response), "/?done=board-changed");
        let board = spaces::home_board(&app.db).await.unwrap().unwrap().space;
        assert_eq!((board.name.as_str(), board.time_zone.as_deref()), ("Direct Payments Partnership Board", Some("Europe/Dublin")));
        let (_, home) = app.get_text("/").await;
        assert!(home.contains("<h1>Direct Payments Partnership Board</h1>") && home.contains("We decide together, as equals."), "{home}");
        // The board's old address still leads to it (its members page, for example).
        let (status, _) = app.get_as("/members/direct-payments-board", &marcia).await;
        assert_eq!(status, 200);
    }
}

fn start_fields() -> life::GroupStart<'static> {
    life::GroupStart {
        name: "Quick",
        remit: "A job.",
        start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
        planned_end_date: chrono::NaiveDate::from_ymd_opt(2027, 6, 1),
        ..Default::default()
    }
}
