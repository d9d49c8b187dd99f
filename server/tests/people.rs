//! People, sign-in and equal roles, through HTTP as a browser without JavaScript would use them.
//! Each test runs on SQLite and PostgreSQL.

mod common;

use common::{GOOD_PASSWORD, TestApp, session_from};
use domain::people::{Perspective, Role};
use domain::permissions::Action;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};


impl TestApp {
    async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/sign-in", &[("email", email), ("password", password)], None).await
    }

    /// Invites `email` into the group at `slug` as `role`, and accepts as a new person.
    async fn invite_and_accept(&self, cookie: &str, slug: &str, email: &str, role: &str, name: &str, perspective: &str) -> String {
        let response = self.post_form(&format!("/invite/{slug}"), &[("email", email), ("role", role)], Some(cookie)).await;
        assert_eq!(response.status().as_u16(), 200, "{}", response.text().await.unwrap());
        let link = self.link_in_mail_to(email, &format!("http://{}/invitations/", self.addr)).await;
        let path = link.trim_start_matches(&format!("http://{}", self.addr)).to_owned();
        let response = self
            .post_form(&path, &[("display_name", name), ("perspective", perspective), ("password", GOOD_PASSWORD)], None)
            .await;
        assert_eq!(response.status().as_u16(), 303, "{}", response.text().await.unwrap());
        session_from(&response).expect("signed in after accepting")
    }
}

on_both_databases! {
    async fn a_newcomer_sets_up_invites_and_the_invitee_signs_in(app: TestApp) {
        // A fresh install points to set-up.
        let (_, html) = app.get_text("/setup").await;
        assert!(html.contains("Create the first account"));

        let marcia = app.set_up_first_account().await;
        let (status, html) = app.get_as("/account", &marcia).await;
        assert_eq!(status, 200);
        assert!(html.contains("Marcia Okafor") && html.contains("Expert by experience"));
        assert!(html.contains("Direct Payments Board</a>, co-chair"), "the first account is a co-chair: {html}");

        // Set-up happens once.
        let (status, html) = app.get_text("/setup").await;
        assert_eq!(status, 200);
        assert!(html.contains("Coboard is already set up"));

        // Marcia invites Priya to the board as a member; the email lands as a file.
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let priya = app.invite_and_accept(&marcia, &board.space.slug, "priya@example.org", "member", "Priya Shah", "staff").await;
        let (_, html) = app.get_as("/account", &priya).await;
        assert!(html.contains("Priya Shah") && html.contains("Council staff"));
        assert!(html.contains("Direct Payments Board</a>, member"), "{html}");

        // And she can sign in again later with her password.
        let response = app.sign_in("PRIYA@example.org ", GOOD_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 303);
        assert!(session_from(&response).is_some());
    }

    async fn set_up_mistakes_keep_what_was_typed(app: TestApp) {
        let response = app
            .post_form("/setup", &[("display_name", "Marcia Okafor"), ("email", "marcia@example.org"), ("perspective", "expert"), ("password", "short")], None)
            .await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("There is a problem"));
        assert!(html.contains("Please use at least 10 characters"));
        assert!(html.contains(r#"value="Marcia Okafor""#), "the name is kept");
        assert!(html.contains(r#"value="marcia@example.org""#), "the email is kept");
        assert!(!html.contains(r#"value="short""#), "the password is never sent back");
        assert!(html.contains(r#"aria-invalid="true""#));

        let response = app.post_form("/setup", &[("display_name", "Marcia"), ("email", "marcia@example.org")], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please choose the experience you bring"));
        assert_eq!(domain::accounts::account_count(&app.db).await.unwrap(), 0, "nothing half-made");
    }

    async fn wrong_details_get_one_kind_answer_that_reveals_nothing(app: TestApp) {
        app.set_up_first_account().await;
        let wrong_password = app.sign_in("marcia@example.org", "not my password at all").await;
        assert_eq!(wrong_password.status().as_u16(), 422);
        let a = wrong_password.text().await.unwrap();
        let unknown = app.sign_in("nobody@example.org", "not my password at all").await;
        assert_eq!(unknown.status().as_u16(), 422);
        let b = unknown.text().await.unwrap();
        let message = "That email and password do not match an account.";
        assert!(a.contains(message) && b.contains(message));
        assert!(b.contains(r#"value="nobody@example.org""#), "the email is kept");
    }

    async fn too_many_wrong_passwords_pause_sign_in(app: TestApp) {
        app.set_up_first_account().await;
        for _ in 0..5 {
            assert_eq!(app.sign_in("marcia@example.org", "wrong wrong wrong").await.status().as_u16(), 422);
        }
        let response = app.sign_in("marcia@example.org", GOOD_PASSWORD).await;
        assert_eq!(response.status().as_u16(), 429, "even the right password waits");
        assert!(response.text().await.unwrap().contains("Please wait 15 minutes"));
        // Someone else's account is not affected.
        let response = app.sign_in("someone@example.org", "wrong wrong wrong").await;
        assert_eq!(response.status().as_u16(), 422);
    }

    async fn sign_in_links_work_once_and_only_in_time(app: TestApp) {
        app.set_up_first_account().await;
        let response = app.post_form("/sign-in/link", &[("email", "marcia@example.org")], None).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/sign-in/check-email");
        let link = app.link_in_mail_to("marcia@example.org", &format!("http://{}/sign-in/link/", app.addr)).await;
        let path = link.trim_start_matches(&format!("http://{}", app.addr)).to_owned();

        // Opening the link (as a mail scanner would) signs nobody in: it shows a button.
        let response = app.get(&path).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(session_from(&response).is_none());
        assert!(response.text().await.unwrap().contains(">Sign in</button>"));

        let response = app.post_form(&path, &[], None).await;
        assert_eq!(response.status().as_u16(), 303);
        assert!(session_from(&response).is_some());

        let reused = app.post_form(&path, &[], None).await;
        assert_eq!(reused.status().as_u16(), 409);
        assert!(reused.text().await.unwrap().contains("already been used"));

        // An expired link says so.
        app.post_form("/sign-in/link", &[("email", "marcia@example.org")], None).await;
        let link = app.link_in_mail_to("marcia@example.org", &format!("http://{}/sign-in/link/", app.addr)).await;
        let token = link.rsplit('/').next().unwrap();
        let row = domain::entities::sign_in_link::Entity::find_by_id(domain::accounts::hash_token(token)).one(&app.db).await.unwrap().unwrap();
        let mut row: domain::entities::sign_in_link::ActiveModel = row.into();
        row.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
        row.update(&app.db).await.unwrap();
        let expired = app.post_form(&format!("/sign-in/link/{token}"), &[], None).await;
        assert_eq!(expired.status().as_u16(), 409);
        assert!(expired.text().await.unwrap().contains("has expired"));

        let unknown = app.post_form("/sign-in/link/made-up-token", &[], None).await;
        assert_eq!(unknown.status().as_u16(), 404);
        assert!(unknown.text().await.unwrap().contains("not one we recognise"));

        // Only a hash of a link is stored.
        let stored = domain::entities::sign_in_link::Entity::find().all(&app.db).await.unwrap();
        assert!(stored.iter().all(|l| l.token_hash != token && l.token_hash.len() == 64));
    }

    async fn asking_for_a_link_reveals_nothing_about_accounts(app: TestApp) {
        app.set_up_first_account().await;
        let before = app.mails().await.len();
        let response = app.post_form("/sign-in/link", &[("email", "stranger@example.org")], None).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/sign-in/check-email");
        assert_eq!(app.mails().await.len(), before, "no mail for an address without an account");
        let bad = app.post_form("/sign-in/link", &[("email", "not an email")], None).await;
        assert_eq!(bad.status().as_u16(), 422);
        let html = bad.text().await.unwrap();
        assert!(html.contains("like name@example.org"), "{html}");
    }

    async fn sign_out_and_sessions(app: TestApp) {
        let first = app.set_up_first_account().await;
        let second = session_from(&app.sign_in("marcia@example.org", GOOD_PASSWORD).await).unwrap();
        let (_, html) = app.get_as("/account", &second).await;
        assert_eq!(html.matches(r#"name="session""#).count(), 2, "two sessions listed, each with its own button");
        assert!(html.contains("(this device)"));

        // End the first session from the second.
        let short_id = {
            let sessions = domain::entities::session::Entity::find().all(&app.db).await.unwrap();
            let first_hash = domain::accounts::hash_token(first.trim_start_matches("coboard_session="));
            sessions.into_iter().find(|s| s.id == first_hash).unwrap().id[..12].to_owned()
        };
        let response = app.post_form("/account/sessions/end", &[("session", &short_id)], Some(&second)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (status, _) = app.get_as("/account", &first).await;
        assert_eq!(status, 403, "the ended session no longer works");

        let response = app.post_form("/sign-out", &[], Some(&second)).await;
        assert_eq!(response.status().as_u16(), 303);
        assert!(response.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
        let (status, html) = app.get_as("/account", &second).await;
        assert_eq!(status, 403);
        assert!(html.contains("Please sign in"));
    }

    async fn sign_out_everywhere_ends_every_session(app: TestApp) {
        let first = app.set_up_first_account().await;
        let second = session_from(&app.sign_in("marcia@example.org", GOOD_PASSWORD).await).unwrap();
        let response = app.post_form("/sign-out/everywhere", &[], Some(&second)).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(app.get_as("/account", &first).await.0, 403);
        assert_eq!(app.get_as("/account", &second).await.0, 403);
    }

    async fn cookies_are_http_only_and_same_site(app: TestApp) {
        let response = app
            .post_form("/setup", &[("display_name", "Marcia"), ("perspective", "expert"), ("email", "m@example.org"), ("board_name", "Board")], None)
            .await;
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http in tests");
    }

    async fn cross_origin_posts_are_refused_everywhere(app: TestApp) {
        app.set_up_first_account().await;
        let cases: [(&str, &str, &str); 4] = [
            ("/sign-in", "Origin", "http://evil.example"),
            ("/sign-in", "Sec-Fetch-Site", "cross-site"),
            ("/fn/spaces/home", "Origin", "http://evil.example"),
            ("/fn/people/setup-status", "Sec-Fetch-Site", "same-site"),
        ];
        for (path, header, value) in cases {
            let response = app.client.post(app.url(path)).header(header, value).form(&[("email", "marcia@example.org"), ("password", GOOD_PASSWORD)]).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 403, "{path} with {header}: {value}");
            assert!(response.text().await.unwrap().contains("sent from another website"));
        }
        // The same request from Coboard's own pages goes through.
        let ok = app.client.post(app.url("/fn/spaces/home")).header("Sec-Fetch-Site", "same-origin").header("Origin", format!("http://{}", app.addr)).send().await.unwrap();
        assert_eq!(ok.status().as_u16(), 200);
    }

    async fn security_headers_and_a_script_policy_without_inline_scripts(app: TestApp) {
        let response = app.get("/sign-in").await;
        let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
        let html = response.text().await.unwrap();
        // No page has an island yet, so none loads a script: the policy allows only our own files
        // (page_cache.rs checks that a page with an island gets its loader's hash instead).
        assert!(!html.contains("<script"), "no inline script left on the page");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self';"), "{csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("nonce"), "{csp}");
    }

    async fn only_co_chairs_and_convenors_invite(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let priya = app.invite_and_accept(&marcia, "policy", "priya@example.org", "member", "Priya Shah", "staff").await;
        let (_, html) = app.get_as("/groups/policy", &marcia).await;
        assert!(html.contains(r#"<a href="/invite/policy">Invite someone to this group</a>"#), "a board co-chair leads every group");
        // Priya is a member of the Policy group: she may not invite, and is not offered to.
        let (_, html) = app.get_as("/groups/policy", &priya).await;
        assert!(!html.contains("Invite someone"));
        let (status, html) = app.get_as("/invite/policy", &priya).await;
        assert_eq!(status, 403);
        assert!(html.contains("Only a convenor of the Policy can invite"));
        let response = app.post_form("/invite/policy", &[("email", "x@example.org"), ("role", "member")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 403);
        // Signed out: asked to sign in.
        let (status, html) = app.get_text("/invite/policy").await;
        assert_eq!(status, 403);
        assert!(html.contains("Please sign in"));
    }

    async fn invitations_work_once(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        app.post_form("/invite/support-plans", &[("email", "jo@example.org"), ("role", "observer")], Some(&marcia)).await;
        let link = app.link_in_mail_to("jo@example.org", &format!("http://{}/invitations/", app.addr)).await;
        let path = link.trim_start_matches(&format!("http://{}", app.addr)).to_owned();
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, 200);
        assert!(html.contains("Marcia Okafor has invited you to join the Support plans as a observer") || html.contains("as a observer"), "{html}");
        let first = app.post_form(&path, &[("display_name", "Jo"), ("perspective", "carer")], None).await;
        assert_eq!(first.status().as_u16(), 303);
        assert_eq!(first.headers()["location"], "/groups/support-plans");
        let again = app.post_form(&path, &[("display_name", "Jo"), ("perspective", "carer")], None).await;
        assert_eq!(again.status().as_u16(), 409);
        assert!(again.text().await.unwrap().contains("already been accepted"));
    }

    async fn co_chairs_read_the_audit_log_and_others_cannot(app: TestApp) {
        let marcia = app.set_up_first_account().await;
        app.sign_in("marcia@example.org", "wrong wrong wrong").await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let priya = app.invite_and_accept(&marcia, &board.space.slug, "priya@example.org", "member", "Priya Shah", "staff").await;
        let (status, html) = app.get_as("/audit", &marcia).await;
        assert_eq!(status, 200);
        for entry in ["Account created", "Sign-in failed", "Invitation sent", "Invitation accepted"] {
            assert!(html.contains(entry), "{entry} is logged");
        }
        assert_eq!(app.get_as("/audit", &priya).await.0, 403);
        assert_eq!(app.get_text("/audit").await.0, 403);
    }

    async fn swapping_perspective_changes_no_decision_on_a_real_database(app: TestApp) {
        app.load_demo().await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let policy = board.groups.iter().find(|g| g.slug == "policy").unwrap().clone();
        let mut people = Vec::new();
        for (i, role) in Role::ALL.into_iter().enumerate() {
            let (person, _) = domain::accounts::create_account(&app.db, domain::accounts::NewAccount {
                display_name: format!("Person {i}"),
                email: format!("p{i}@example.org"),
                perspective: Some(Perspective::Expert),
                ..Default::default()
            }).await.unwrap();
            domain::accounts::set_role(&app.db, policy.id, person.id, role).await.unwrap();
            people.push(person.id);
        }
        let decide = |db: sea_orm::DatabaseConnection, person: uuid::Uuid| async move {
            let mut out = Vec::new();
            for action in Action::ALL {
                out.push(domain::accounts::authorize(&db, Some(person), policy.id, action).await.is_ok());
            }
            out
        };
        for person in people {
            let first = decide(app.db.clone(), person).await;
            for perspective in Perspective::ALL {
                let model = domain::entities::person::Entity::find_by_id(person).one(&app.db).await.unwrap().unwrap();
                let mut model: domain::entities::person::ActiveModel = model.into();
                model.perspective = Set(perspective.as_str().to_owned());
                model.update(&app.db).await.unwrap();
                assert_eq!(decide(app.db.clone(), person).await, first, "{perspective:?} changed a decision");
            }
        }
    }

    async fn preferences_apply_to_every_page_for_members_and_visitors(app: TestApp) {
        app.load_demo().await;
        // A visitor: kept in a cookie.
        let response = app.post_form("/preferences", &[("text_size", "largest"), ("high_contrast", "on")], None).await;
        assert_eq!(response.status().as_u16(), 200);
        let cookie = response.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("coboard_prefs=")).unwrap();
        let html = response.text().await.unwrap();
        assert!(html.contains("Your choices are saved."));
        assert!(html.contains(r#"data-text-size="largest""#), "the page shows the new choice at once");
        let visitor = cookie.split(';').next().unwrap().to_owned();
        for path in ["/", "/vision", "/groups/policy", "/sign-in", "/no-such-page"] {
            let (_, html) = app.get_as(path, &visitor).await;
            assert!(html.contains(r#"data-text-size="largest""#) && html.contains(r#"data-contrast="high""#), "{path}");
        }

        // A member: kept with the account, so it follows them to another device.
        let marcia = app.set_up_first_account().await;
        let response = app.post_form("/preferences", &[("text_size", "large"), ("easy_read", "on"), ("reduced_motion", "on"), ("email_frequency", "weekly")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 200);
        let elsewhere = session_from(&app.sign_in("marcia@example.org", GOOD_PASSWORD).await).unwrap();
        let (_, html) = app.get_as("/groups", &elsewhere).await;
        assert!(html.contains(r#"data-text-size="large""#) && html.contains(r#"data-easy-read="on""#) && html.contains(r#"data-motion="reduce""#));
        assert!(!html.contains("data-contrast"));
        let (_, html) = app.get_as("/preferences", &elsewhere).await;
        assert!(html.contains(r#"value="weekly" checked"#), "{html}");
        // Without a choice, pages carry the standard size only.
        let (_, html) = app.get_text("/").await;
        assert!(html.contains(r#"data-text-size="standard""#) && !html.contains("data-easy-read"));
    }

    async fn tokens_act_as_their_owner_in_the_api(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let response = app.post_form("/account/tokens", &[("name", "Council website")], Some(&marcia)).await;
        let html = response.text().await.unwrap();
        let token = html.split("is: ").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("the token is shown once").to_owned();
        assert!(token.starts_with("cbt_"));
        let (_, html) = app.get_as("/account", &marcia).await;
        assert!(html.contains("Council website") && !html.contains(&token), "listed, but never shown again");

        let (_, list) = app.get_json("/api/v1/spaces?kind=group").await;
        let policy = list["items"].as_array().unwrap().iter().find(|g| g["slug"] == "policy").unwrap()["id"].as_str().unwrap().to_owned();
        let invite = |token: Option<String>, body: serde_json::Value| {
            let mut request = app.client.post(app.url(&format!("/api/v1/spaces/{policy}/members"))).json(&body);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        let response = invite(Some(token.clone()), serde_json::json!({"email": "sam@example.org", "role": "member"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["email"], "sam@example.org");
        assert!(app.link_in_mail_to("sam@example.org", "/invitations/").await.contains("/invitations/"));

        let response = invite(None, serde_json::json!({"email": "x@example.org", "role": "member"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
        let response = invite(Some(token.clone()), serde_json::json!({"email": "x@example.org", "role": "boss"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
        let response = invite(Some(token.clone()), serde_json::json!({"email": "x@example.org", "role": "member", "colour": "red"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 400, "unknown fields are refused");
        let response = invite(Some(token.clone()), serde_json::json!({"email": "nope", "role": "member"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 400);
        let big = "x".repeat(server::BODY_LIMIT_BYTES + 10);
        // Its own connection: the server closes one it refused a body on, and a pooled connection
        // reused for the next request would fail with "incomplete message".
        let response = reqwest::Client::new().post(app.url(&format!("/api/v1/spaces/{policy}/members"))).bearer_auth(&token)
            .json(&serde_json::json!({"email": big, "role": "member"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 413);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "body_too_large");

        let (status, members) = app.get_json(&format!("/api/v1/spaces/{policy}/members")).await;
        assert_eq!(status, 200);
        assert!(members.as_array().unwrap().iter().any(|m| m["person"]["display_name"] == "Alex Morgan" && m["role"] == "co_chair"));

        // Revoked, the token stops working at once.
        let id = domain::accounts::list_api_tokens(&app.db, domain::accounts::token_user(&app.db, &token).await.unwrap().unwrap().id).await.unwrap()[0].id.to_string();
        app.post_form("/account/tokens/revoke", &[("token_id", &id)], Some(&marcia)).await;
        let response = invite(Some(token), serde_json::json!({"email": "y@example.org", "role": "member"})).await.unwrap();
        assert_eq!(response.status().as_u16(), 401);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "invalid_token");
    }

    async fn a_member_token_cannot_invite(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        app.invite_and_accept(&marcia, "policy", "priya@example.org", "member", "Priya Shah", "staff").await;
        let token = server::cli::create_token(&app.db, "priya@example.org", Some("script")).await.unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let response = app.client.post(app.url(&format!("/api/v1/spaces/{policy}/members"))).bearer_auth(&token)
            .json(&serde_json::json!({"email": "z@example.org", "role": "member"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 403);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
        let err = server::cli::create_token(&app.db, "nobody@example.org", None).await.unwrap_err();
        assert!(err.contains("no account"));
    }

    async fn a_supporter_acts_for_a_member_only_with_their_consent(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let jordan = app.invite_and_accept(&marcia, "policy", "jordan@example.org", "member", "Jordan Reid", "expert").await;
        let sam = app.invite_and_accept(&marcia, "policy", "sam@example.org", "observer", "Sam Lee", "other").await;

        // Consent must be given, and by ticking the box.
        let response = app.post_form("/account/supporters", &[("email", "sam@example.org")], Some(&jordan)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please tick the box"));
        let response = app.post_form("/account/supporters", &[("email", "jordan@example.org"), ("consent", "on")], Some(&jordan)).await;
        assert_eq!(response.status().as_u16(), 422, "not yourself");
        let response = app.post_form("/account/supporters", &[("email", "sam@example.org"), ("consent", "on")], Some(&jordan)).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.text().await.unwrap().contains("If sam@example.org has a Coboard account, they can now act for you"));

        // Sam starts acting for Jordan: pages say so, and Jordan's role counts.
        let (_, html) = app.get_as("/account", &sam).await;
        assert!(html.contains("Act for Jordan Reid"));
        let jordan_id = domain::accounts::people_supported_by(&app.db, domain::accounts::session_user(&app.db, sam.trim_start_matches("coboard_session=")).await.unwrap().unwrap().0.id).await.unwrap()[0].id;
        let response = app.post_form("/account/supporting/start", &[("member_id", &jordan_id.to_string())], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, html) = app.get_as("/groups/policy", &sam).await;
        assert!(html.contains("Sam Lee, supporting Jordan Reid"), "{html}");
        // The keys to Jordan's account stay Jordan's.
        let response = app.post_form("/account/tokens", &[("name", "sneaky")], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 403);
        assert!(response.text().await.unwrap().contains("While supporting Jordan Reid"));
        let (_, html) = app.get_as("/account", &sam).await;
        assert!(html.contains("You are Sam Lee, supporting Jordan Reid"));
        assert!(!html.contains(r#"name="session""#) && !html.contains("Make a token"), "no session or token controls while supporting");

        // Jordan withdraws consent: Sam is back to being Sam at the next request.
        let sam_id = domain::accounts::supporters_of(&app.db, jordan_id).await.unwrap()[0].id;
        let response = app.post_form("/account/supporters/revoke", &[("supporter_id", &sam_id.to_string())], Some(&jordan)).await;
        assert_eq!(response.status().as_u16(), 200);
        let (_, html) = app.get_as("/groups/policy", &sam).await;
        assert!(!html.contains("supporting Jordan"));
        let response = app.post_form("/account/supporting/start", &[("member_id", &jordan_id.to_string())], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 403);
        let (_, html) = app.get_as("/audit", &marcia).await;
        assert!(html.contains("Supporter named") && html.contains("Supporter removed") && html.contains("Supporter started acting for someone"));
    }

    async fn people_pages_show_who_someone_is_and_where_they_take_part(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let priya = app.invite_and_accept(&marcia, "policy", "priya@example.org", "member", "Priya Shah", "staff").await;
        let priya_id = domain::accounts::session_user(&app.db, priya.trim_start_matches("coboard_session=")).await.unwrap().unwrap().0.id;
        sea_orm::ConnectionTrait::execute_unprepared(&app.db, "UPDATE people SET access_needs = 'Papers a week before, please' WHERE email = 'priya@example.org'").await.unwrap();

        // Names link to people's pages for those signed in.
        let (_, html) = app.get_as("/groups/policy", &marcia).await;
        assert!(html.contains(&format!(r#"href="/people/{priya_id}""#)));
        let (_, public) = app.get_text("/groups/policy").await;
        assert!(!public.contains("/people/"), "visitors see names only");

        let (status, html) = app.get_as(&format!("/people/{priya_id}"), &marcia).await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Priya Shah</h1>") && html.contains("Council staff") && html.contains("Policy</a>, member"));
        assert!(html.contains("Papers a week before"), "a co-chair sees access needs, to plan meetings");
        let other = app.invite_and_accept(&marcia, "policy", "tom@example.org", "member", "Tom", "partner").await;
        let (_, html) = app.get_as(&format!("/people/{priya_id}"), &other).await;
        assert!(html.contains("Priya Shah") && !html.contains("Papers a week before"), "other members do not");
        assert_eq!(app.get_text(&format!("/people/{priya_id}")).await.0, 403);
        assert_eq!(app.get_as("/people/not-an-id", &marcia).await.0, 404);
    }

    async fn co_chairs_change_roles_and_every_change_is_audited(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let priya = app.invite_and_accept(&marcia, "support-plans", "priya@example.org", "member", "Priya Shah", "staff").await;
        let group = domain::spaces::service::space_by_slug(&app.db, "support-plans").await.unwrap();
        let priya_id = group.members.iter().find(|m| m.person.display_name == "Priya Shah").unwrap().person.id.to_string();
        let convenor_id = group.leads[0].id.to_string();

        let (status, html) = app.get_as("/members/support-plans", &marcia).await;
        assert_eq!(status, 200);
        assert!(html.contains("New role for Priya Shah"));
        assert_eq!(app.get_as("/members/support-plans", &priya).await.0, 403, "members cannot manage roles");
        let response = app.post_form("/members/support-plans", &[("person_id", &convenor_id), ("role", "observer")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 403);

        let response = app.post_form("/members/support-plans", &[("person_id", &priya_id), ("role", "observer")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 200);
        assert!(response.text().await.unwrap().contains("recorded in the audit log"));
        let (_, html) = app.get_as("/account", &priya).await;
        assert!(html.contains("Support plans</a>, observer"));

        // The only convenor cannot be removed or demoted.
        let response = app.post_form("/members/support-plans", &[("person_id", &convenor_id), ("role", "remove")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 409);
        assert!(response.text().await.unwrap().contains("only co-chair or convenor"));

        let response = app.post_form("/members/support-plans", &[("person_id", &priya_id), ("role", "remove")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 200);
        let (_, html) = app.get_as("/audit", &marcia).await;
        assert!(html.contains("Role changed") && html.contains("Support plans: member to observer") && html.contains("Support plans: observer to removed"), "{html}");
    }

    async fn co_chairs_reword_the_vision_and_others_cannot(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let priya = app.invite_and_accept(&marcia, "direct-payments-board", "priya@example.org", "member", "Priya Shah", "staff").await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let clear = board.vision.iter().find(|v| v.title == "Clear and simple").unwrap();
        let id = clear.id.to_string();
        let form = format!("vision-{}", clear.position);

        let (_, html) = app.get_as("/vision", &marcia).await;
        assert!(html.contains(r#"<a href="/vision/edit">Change the vision statements</a>"#));
        let (status, html) = app.get_as("/vision/edit", &marcia).await;
        assert_eq!(status, 200);
        assert!(html.contains("Save statement 3"));

        let response = app.post_form("/vision/edit", &[("id", &id), ("form", &form), ("title", ""), ("body", "Short, plain letters.")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("Please give the statement a short title.") && html.contains("Short, plain letters."), "the body typed is kept");

        let response = app.post_form("/vision/edit", &[("id", &id), ("form", &form), ("title", "Clear, simple and kind"), ("body", "Short, plain letters.")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 200);
        let (_, public) = app.get_text("/vision").await;
        assert!(public.contains("<h2>Clear, simple and kind</h2>") && public.contains("Short, plain letters."));
        assert!(!public.contains("/vision/edit"), "visitors are not offered the edit page");

        let response = app.post_form("/vision/edit", &[("id", &id), ("form", &form), ("title", "Mine"), ("body", "Mine.")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 403);
        assert_eq!(app.get_as("/vision/edit", &priya).await.0, 403);
        let response = app.post_form("/vision/edit", &[("id", &id), ("form", &form), ("title", "Mine"), ("body", "Mine.")], None).await;
        assert_eq!(response.status().as_u16(), 403);
    }

    async fn the_command_line_adds_accounts(app: TestApp) {
        use server::cli::add_user;
        // An empty install has no board: without --board nothing is created, and it says what to run.
        let err = add_user(&app.db, "alex@example.org", "Alex Morgan", "expert", Some(GOOD_PASSWORD.into()), None).await.unwrap_err();
        assert!(err.contains("There is no board yet") && err.contains("Nothing was created") && err.contains("--board"), "{err}");
        assert_eq!(domain::accounts::account_count(&app.db).await.unwrap(), 0);
        // A mistake in the account makes no board either.
        let err = add_user(&app.db, "not an email", "Alex Morgan", "expert", None, Some("Direct Payments Board")).await.unwrap_err();
        assert!(err.starts_with("Could not create the account"), "{err}");
        assert!(domain::spaces::service::home_board(&app.db).await.unwrap().is_none());

        let message = add_user(&app.db, "alex@example.org", "Alex Morgan", "expert", Some(GOOD_PASSWORD.into()), Some("Direct Payments Board")).await.unwrap();
        assert_eq!(message, "Created the board \u{201c}Direct Payments Board\u{201d} and an account for Alex Morgan, who is its co-chair.");
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().expect("a board");
        assert_eq!(board.space.name, "Direct Payments Board");
        assert_eq!(board.leads.iter().map(|p| p.display_name.as_str()).collect::<Vec<_>>(), vec!["Alex Morgan"]);

        let err = add_user(&app.db, "sam@example.org", "Sam", "carer", None, Some("Another Board")).await.unwrap_err();
        assert!(err.contains("There is already a board, Direct Payments Board."), "{err}");
        let message = add_user(&app.db, "sam@example.org", "Sam", "carer", None, None).await.unwrap();
        assert_eq!(message, "Created an account for Sam. A co-chair can now invite them into the board or a group.");
        let err = add_user(&app.db, "jo@example.org", "Jo", "manager", None, None).await.unwrap_err();
        assert!(err.contains("expert, carer, staff, partner or other"));
        let err = add_user(&app.db, "alex@example.org", "Alex again", "expert", None, None).await.unwrap_err();
        assert!(err.contains("already has an account"));
        assert_eq!(app.sign_in("alex@example.org", GOOD_PASSWORD).await.status().as_u16(), 303);
        let (_, home) = app.get_as("/", &common::session_from(&app.sign_in("alex@example.org", GOOD_PASSWORD).await).unwrap()).await;
        assert!(home.contains("<h1>Direct Payments Board</h1>"), "{home}");
    }

    async fn the_first_account_from_the_command_line_leads_the_demo_board(app: TestApp) {
        app.load_demo().await;
        let message = server::cli::add_user(&app.db, "alex@example.org", "Alex", "expert", None, None).await.unwrap();
        assert_eq!(message, "Created an account for Alex. As the first account, they are a co-chair of the board.");
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        assert!(board.leads.iter().any(|p| p.display_name == "Alex"));
    }
}
