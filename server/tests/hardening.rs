//! Security hardening (issue 9): what a supporter may do for themselves, sign-in floods, limits
//! behind a reverse proxy, what sign-in reveals about accounts, invitations for existing
//! accounts, and single-line fields. Each test runs on SQLite and PostgreSQL.

mod common;

use common::{GOOD_PASSWORD, TestApp, session_from};

impl TestApp {
    /// The path of the newest invitation link emailed to `email`.
    async fn invitation_path(&self, email: &str) -> String {
        let link = self.link_in_mail_to(email, &format!("http://{}/invitations/", self.addr)).await;
        link.trim_start_matches(&format!("http://{}", self.addr)).to_owned()
    }

    /// Invites a new person into the space at `slug` and accepts as them; their session cookie.
    async fn newcomer(&self, cookie: &str, slug: &str, email: &str, role: &str, name: &str) -> String {
        let response = self.post_form(&format!("/invite/{slug}"), &[("email", email), ("role", role)], Some(cookie)).await;
        assert_eq!(response.status().as_u16(), 200, "{}", response.text().await.unwrap());
        let path = self.invitation_path(email).await;
        let response = self.post_form(&path, &[("display_name", name), ("perspective", "other"), ("password", GOOD_PASSWORD)], None).await;
        assert_eq!(response.status().as_u16(), 303, "{}", response.text().await.unwrap());
        session_from(&response).expect("signed in after accepting")
    }

    async fn person_id(&self, email: &str) -> uuid::Uuid {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        domain::entities::person::Entity::find()
            .filter(domain::entities::person::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .expect("that person has an account")
            .id
    }

    async fn role_on_board(&self, email: &str) -> Option<domain::people::Role> {
        let board = domain::spaces::service::home_board(&self.db).await.unwrap().unwrap();
        domain::accounts::role_in(&self.db, self.person_id(email).await, board.space.id).await.unwrap()
    }
}

on_both_databases! {
    async fn a_supporter_cannot_give_themselves_a_role_or_an_invitation(app: TestApp) {
        // Arrange: Jordan co-chairs the board; Sam observes, and supports Jordan.
        let marcia = app.set_up_first_account().await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let slug = board.space.slug.clone();
        let jordan = app.newcomer(&marcia, &slug, "jordan@example.org", "co_chair", "Jordan Reid").await;
        let sam = app.newcomer(&marcia, &slug, "sam@example.org", "observer", "Sam Lee").await;
        app.newcomer(&marcia, &slug, "priya@example.org", "member", "Priya Shah").await;
        let response = app.post_form("/account/supporters", &[("email", "sam@example.org"), ("consent", "on")], Some(&jordan)).await;
        assert_eq!(response.status().as_u16(), 200);
        let jordan_id = app.person_id("jordan@example.org").await;
        let sam_id = app.person_id("sam@example.org").await;
        let response = app.post_form("/account/supporting/start", &[("member_id", &jordan_id.to_string())], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 303);

        // Act and assert: Sam, acting as co-chair for Jordan, tries to make Sam a co-chair.
        let response = app.post_form(&format!("/members/{slug}"), &[("person_id", &sam_id.to_string()), ("role", "co_chair")], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 403);
        let html = response.text().await.unwrap();
        assert!(html.contains("While you are supporting Jordan Reid, you cannot change your own role or invite yourself"), "{html}");
        assert_eq!(app.role_on_board("sam@example.org").await, Some(domain::people::Role::Observer));

        // Nor by inviting their own email, through the form or the API.
        let response = app.post_form(&format!("/invite/{slug}"), &[("email", "SAM@example.org"), ("role", "co_chair")], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 403);
        assert!(response.text().await.unwrap().contains("you cannot change your own role or invite yourself"));
        let response = app.client.post(app.url(&format!("/api/v1/spaces/{}/members", board.space.id)))
            .header("Cookie", &sam)
            .json(&serde_json::json!({"email": "sam@example.org", "role": "co_chair"}))
            .send().await.unwrap();
        assert_eq!(response.status().as_u16(), 403);
        let body: serde_json::Value = response.json().await.unwrap();
        assert!(body["error"]["message"].as_str().unwrap().contains("invite yourself"), "{body}");
        assert!(!app.mails().await.iter().any(|m| m.contains("To: sam@example.org") && m.contains("co-chair")), "no invitation went out");

        // What Sam may do for Jordan still works, and the audit log names them both.
        let priya_id = app.person_id("priya@example.org").await;
        let response = app.post_form(&format!("/members/{slug}"), &[("person_id", &priya_id.to_string()), ("role", "observer")], Some(&sam)).await;
        assert_eq!(response.status().as_u16(), 200);
        let (_, html) = app.get_as("/audit", &marcia).await;
        let row = html.split("<tr>").find(|r| r.contains("Role changed")).expect("the role change is logged");
        assert!(row.contains("Sam Lee, supporting Jordan Reid"), "{row}");
        // Signing out while supporting is logged with both names too.
        app.post_form("/sign-out", &[], Some(&sam)).await;
        let (_, html) = app.get_as("/audit", &marcia).await;
        let row = html.split("<tr>").find(|r| r.contains("Signed out")).expect("signing out is logged");
        assert!(row.contains("Sam Lee, supporting Jordan Reid"), "{row}");
    }

    async fn a_flood_of_wrong_passwords_gets_only_the_limit_checked(app: TestApp) {
        // Arrange
        app.set_up_first_account().await;
        let sign_in = || app.post_form("/sign-in", &[("email", "marcia@example.org"), ("password", "wrong wrong wrong")], None);

        // Act: twenty wrong passwords at once.
        let mut flood = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let request = app.client.post(app.url("/sign-in")).header("Origin", format!("http://{}", app.addr))
                .form(&[("email", "marcia@example.org"), ("password", "wrong wrong wrong")]);
            flood.spawn(async move { request.send().await.expect("request reaches the server").status().as_u16() });
        }
        let statuses = flood.join_all().await;

        // Assert: at most the limit (5) were checked; every other one was refused unchecked.
        let checked = statuses.iter().filter(|s| **s == 422).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(checked + refused, 20, "{statuses:?}");
        assert_eq!(checked, 5, "exactly the limit is checked: {statuses:?}");
        let entries = domain::accounts::recent_audit(&app.db, domain::page::PageRequest { limit: 100, after: None }).await.unwrap().items;
        let count = |action| entries.iter().filter(|e| e.action == action).count();
        assert_eq!(count(domain::accounts::AuditAction::SignInFailed), 5, "one line per checked try");
        assert_eq!(count(domain::accounts::AuditAction::SignInRefused), 1, "one line for the refused burst, not fifteen");

        // When the window has passed, the next try opens a new one and the log says how many
        // were refused in the last.
        sea_orm::ConnectionTrait::execute_unprepared(&app.db, "UPDATE rate_limits SET window_start = '2000-01-01 00:00:00+00:00'").await.unwrap();
        assert_eq!(sign_in().await.status().as_u16(), 422, "checked again in the new window");
        let entries = domain::accounts::recent_audit(&app.db, domain::page::PageRequest { limit: 100, after: None }).await.unwrap().items;
        let summary = entries.iter().find(|e| e.detail.as_deref().is_some_and(|d| d.contains("were refused"))).expect("a summary of the refused tries");
        assert!(summary.detail.as_deref().unwrap().starts_with("15 sign-in tries for this email were refused"), "{summary:?}");
        assert_eq!(summary.subject.as_deref(), Some("marcia@example.org"));
        // The right password works again, once the account's tries are under the limit.
        let response = app.post_form("/sign-in", &[("email", "marcia@example.org"), ("password", GOOD_PASSWORD)], None).await;
        assert_eq!(response.status().as_u16(), 303);
    }

    async fn an_invitation_for_an_existing_account_needs_a_normal_sign_in(app: TestApp) {
        // Arrange: Priya has an account; Marcia invites her into a group as well.
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        app.newcomer(&marcia, &board.space.slug, "priya@example.org", "member", "Priya Shah").await;
        let response = app.post_form("/invite/policy", &[("email", "priya@example.org"), ("role", "member")], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 200);
        let path = app.invitation_path("priya@example.org").await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let priya_id = app.person_id("priya@example.org").await;
        let role_in_policy = || async { domain::accounts::role_in(&app.db, priya_id, policy).await.unwrap() };
        let before = role_in_policy().await;

        // Act: whoever holds the link, signed out, tries to accept.
        let response = app.post_form(&path, &[], None).await;

        // Assert: no session and no role; they are sent to sign in, and back here after.
        assert_eq!(response.status().as_u16(), 303);
        let sign_in = format!("/sign-in?next={path}");
        assert_eq!(response.headers()["location"].to_str().unwrap(), sign_in);
        assert!(session_from(&response).is_none(), "the link alone signs nobody in");
        assert_eq!(role_in_policy().await, before);
        let (_, html) = app.get_text(&path).await;
        assert!(html.contains("Sign in to accept") && !html.contains(">Accept and sign in</button>"), "{html}");

        // Signed in as someone else, it is refused, kindly.
        let response = app.post_form(&path, &[], Some(&marcia)).await;
        assert_eq!(response.status().as_u16(), 403);
        assert!(response.text().await.unwrap().contains("you are signed in as someone else"));

        // A normal sign-in returns to the invitation, and then it can be accepted.
        let (_, html) = app.get_text(&sign_in).await;
        assert!(html.contains(&format!(r#"name="next" value="{path}""#)), "{html}");
        let response = app.post_form("/sign-in", &[("email", "priya@example.org"), ("password", GOOD_PASSWORD), ("next", &path)], None).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"].to_str().unwrap(), path);
        let priya = session_from(&response).unwrap();
        let response = app.post_form(&path, &[], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);
        assert_eq!(response.headers()["location"], "/groups/policy");
        assert_eq!(role_in_policy().await, Some(domain::people::Role::Member));

        // `next` never leads off the site.
        let response = app.post_form("/sign-in", &[("email", "priya@example.org"), ("password", GOOD_PASSWORD), ("next", "//evil.example/")], None).await;
        assert_eq!(response.headers()["location"], "/");
    }

    async fn single_line_fields_refuse_line_breaks_and_long_pronouns_are_refused(app: TestApp) {
        // A name with a line break, as someone might paste to add a line to every email.
        let response = app.post_form("/setup", &[
            ("board_name", "Direct Payments Board"),
            ("display_name", "Marcia\r\nBcc: everyone@example.org"),
            ("perspective", "expert"),
            ("email", "marcia@example.org"),
        ], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please keep this to one line, without line breaks or tabs."));
        // A board name too.
        let response = app.post_form("/setup", &[
            ("board_name", "Direct Payments\nBoard"),
            ("display_name", "Marcia Okafor"),
            ("perspective", "expert"),
            ("email", "marcia@example.org"),
        ], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("one line"));
        assert_eq!(domain::accounts::account_count(&app.db).await.unwrap(), 0, "nothing was made");

        // Accepting an invitation: pronouns and access needs have a length limit.
        let marcia = app.set_up_first_account().await;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        app.post_form(&format!("/invite/{}", board.space.slug), &[("email", "jo@example.org"), ("role", "member")], Some(&marcia)).await;
        let path = app.invitation_path("jo@example.org").await;
        let long_pronouns = "they/them ".repeat(10);
        let response = app.post_form(&path, &[("display_name", "Jo"), ("perspective", "carer"), ("pronouns", &long_pronouns)], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("Please keep pronouns to 40 characters or fewer"));
        let long_needs = "Large print, please. ".repeat(200);
        let response = app.post_form(&path, &[("display_name", "Jo"), ("perspective", "carer"), ("access_needs", &long_needs)], None).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("2000 characters or fewer"));
        let response = app.post_form(&path, &[("display_name", "Jo\nSmith"), ("perspective", "carer")], None).await;
        assert_eq!(response.status().as_u16(), 422);
        let response = app.post_form(&path, &[("display_name", "Jo Smith"), ("perspective", "carer"), ("pronouns", "they/them"), ("access_needs", "Large print.\nBreaks every hour.")], None).await;
        assert_eq!(response.status().as_u16(), 303, "ordinary answers are welcome, access needs on several lines too");
    }
}

/// Limits behind a reverse proxy: the app trusts 127.0.0.2 as its proxy, so requests sent from
/// that address may say which client they carry, and requests from 127.0.0.1 may not.
async fn forwarded_clients_get_their_own_limits(app: TestApp) {
    let from = |local: &str| {
        reqwest::Client::builder()
            .local_address(local.parse::<std::net::IpAddr>().unwrap())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    };
    let (proxy, stranger) = (from("127.0.0.2"), from("127.0.0.1"));
    let ask = |client: &reqwest::Client, forwarded_for: &str, email: String| {
        client
            .post(app.url("/sign-in/link"))
            .header("Origin", format!("http://{}", app.addr))
            .header("X-Forwarded-For", forwarded_for)
            .form(&[("email", email)])
            .send()
    };
    let status = |response: reqwest::Result<reqwest::Response>| response.expect("request reaches the server").status().as_u16();

    // One client behind the proxy uses up its address's ten link requests (each for another
    // email, so only the address limit is reached).
    for i in 0..10 {
        assert_eq!(status(ask(&proxy, "203.0.113.1", format!("a{i}@example.org")).await), 303, "request {i}");
    }
    assert_eq!(status(ask(&proxy, "203.0.113.1", "a10@example.org".into()).await), 429);
    // Another client behind the same proxy still has all of its own.
    assert_eq!(status(ask(&proxy, "203.0.113.1, 203.0.113.2", "b@example.org".into()).await), 303, "the right-most untrusted address counts");

    // IPv6 clients share one limit per /64, whichever address in it they use.
    for i in 0..10 {
        assert_eq!(status(ask(&proxy, &format!("2001:db8:1:2::{:x}", i + 1), format!("v6-{i}@example.org")).await), 303);
    }
    assert_eq!(status(ask(&proxy, "2001:db8:1:2:ffff:ffff:ffff:ffff", "v6-last@example.org".into()).await), 429);
    assert_eq!(status(ask(&proxy, "2001:db8:1:3::1", "v6-other@example.org".into()).await), 303, "the next /64 is someone else");

    // A peer that is not a trusted proxy cannot choose its address by writing the header: all
    // its requests count against its own socket address.
    for i in 0..10 {
        assert_eq!(status(ask(&stranger, &format!("198.51.100.{i}"), format!("s{i}@example.org")).await), 303);
    }
    assert_eq!(status(ask(&stranger, "198.51.100.200", "s10@example.org".into()).await), 429);
}

fn behind_a_proxy(config: &mut server::Config) {
    config.trusted_proxies = server::config::TrustedProxies::parse("127.0.0.2").unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_clients_get_their_own_limits_on_sqlite() {
    let app = common::spawn_app_with(common::Backend::Sqlite, behind_a_proxy).await.expect("SQLite always starts");
    common::within_time_limit(forwarded_clients_get_their_own_limits(app)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_clients_get_their_own_limits_on_postgres() {
    if let Some(app) = common::spawn_app_with(common::Backend::Postgres, behind_a_proxy).await {
        common::within_time_limit(forwarded_clients_get_their_own_limits(app)).await;
    }
}

/// The page as a person would compare it: without the email they typed. (Pages carry no
/// per-response nonce any more, so nothing else may differ.)
fn same_page(html: &str, email: &str) -> String {
    html.replace(email, "EMAIL")
}

/// Known and unknown emails get the same answers, even when the mail server is down.
async fn emails_with_and_without_accounts_get_the_same_answers(app: TestApp) {
    let marcia = app.set_up_first_account().await;
    let answer = |path: &'static str, form: Vec<(&'static str, &'static str)>, cookie: Option<String>| {
        let app = &app;
        async move {
            let response = app.post_form(path, &form, cookie.as_deref()).await;
            let status = response.status().as_u16();
            let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
            (status, location, response.text().await.unwrap())
        }
    };

    // A sign-in link: the mail server cannot be reached, and still both answers are the same.
    let known = answer("/sign-in/link", vec![("email", "marcia@example.org")], None).await;
    let unknown = answer("/sign-in/link", vec![("email", "nobody@example.org")], None).await;
    assert_eq!(known.0, 303);
    assert_eq!(known, unknown);

    // A wrong password: the same page and status (argon2 runs on a dummy hash for no account).
    let known = answer("/sign-in", vec![("email", "marcia@example.org"), ("password", "not my password")], None).await;
    let unknown = answer("/sign-in", vec![("email", "nobody@example.org"), ("password", "not my password")], None).await;
    assert_eq!((known.0, &known.1), (422, &None));
    assert_eq!((known.0, known.1), (unknown.0, unknown.1));
    assert_eq!(same_page(&known.2, "marcia@example.org"), same_page(&unknown.2, "nobody@example.org"));

    // Naming a supporter: the same status and message, and no "there is no account".
    let sam = domain::accounts::NewAccount {
        display_name: "Sam Lee".into(),
        email: "sam@example.org".into(),
        perspective: Some(domain::people::Perspective::Other),
        ..Default::default()
    };
    domain::accounts::create_account(&app.db, sam).await.unwrap();
    let known = answer("/account/supporters", vec![("email", "sam@example.org"), ("consent", "on")], Some(marcia.clone())).await;
    let unknown = answer("/account/supporters", vec![("email", "nobody@example.org"), ("consent", "on")], Some(marcia.clone())).await;
    assert_eq!((known.0, unknown.0), (200, 200));
    let message = |email: &str| format!("If {email} has a Coboard account, they can now act for you");
    assert!(known.2.contains(&message("sam@example.org")), "{}", known.2);
    assert!(unknown.2.contains(&message("nobody@example.org")), "{}", unknown.2);
    assert!(!unknown.2.to_lowercase().contains("no account with that email"));
}

fn mail_server_down(config: &mut server::Config) {
    // A port that was free a moment ago: nothing listens there now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    config.smtp_url = Some(format!("smtp://{closed}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emails_with_and_without_accounts_get_the_same_answers_on_sqlite() {
    let app = common::spawn_app_with(common::Backend::Sqlite, mail_server_down).await.expect("SQLite always starts");
    common::within_time_limit(emails_with_and_without_accounts_get_the_same_answers(app)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emails_with_and_without_accounts_get_the_same_answers_on_postgres() {
    if let Some(app) = common::spawn_app_with(common::Backend::Postgres, mail_server_down).await {
        common::within_time_limit(emails_with_and_without_accounts_get_the_same_answers(app)).await;
    }
}

on_both_databases! {
    /// Words that would end a `<title>` or a `<textarea>` stay words: leptos_meta and tachys write
    /// those elements' contents as they are, so Coboard escapes them. (That a script in a page's
    /// words would not be approved by its Content-Security-Policy either is `page_cache`'s test.)
    async fn words_that_end_a_title_or_a_text_box_stay_words(app: TestApp) {
        app.load_demo().await;
        let marcia = app.set_up_first_account().await;
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap();
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let hostile = "Board </title><script>window.stolen=1</script> & co";
        let (status, body) = app.call(reqwest::Method::PATCH, &format!("/api/v1/spaces/{}", board.space.id), Some(serde_json::json!({"name": hostile})), Some(&token)).await;
        assert_eq!(status, 200, "{body}");
        let (status, body) = app
            .call(reqwest::Method::POST, &format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": "Leaflet </title><script>window.stolen=2</script>", "kind": "policy", "body": "Words </textarea><script>window.stolen=3</script> &amp; more"})), Some(&token))
            .await;
        assert_eq!(status, 201, "{body}");
        let doc = body["id"].as_str().unwrap().to_owned();

        for (path, who) in [("/".to_owned(), None), (format!("/documents/{doc}"), Some(&marcia)), (format!("/documents/{doc}/edit"), Some(&marcia))] {
            let mut request = app.client.get(app.url(&path));
            if let Some(cookie) = who {
                request = request.header("Cookie", cookie.as_str());
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status().as_u16(), 200, "{path}");
            let html = response.text().await.unwrap();
            assert!(!html.contains("<script>window.stolen"), "{path}: no script of the words' own: {html}");
            let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
            assert_eq!(html.matches("<title>").count(), 1, "{path}: one title");
            assert!(!title.contains('<'), "{path}: the title holds only text: {title}");
        }
        let (_, home) = app.get_text("/").await;
        assert!(home.contains("<title>Board &lt;/title&gt;&lt;script&gt;window.stolen=1&lt;/script&gt; &amp; co – Coboard</title>"), "{home}");
        let (_, edit) = app.get_as(&format!("/documents/{doc}/edit"), &marcia).await;
        assert!(edit.contains("Words &lt;/textarea&gt;&lt;script&gt;window.stolen=3&lt;/script&gt; &amp;amp; more</textarea>"), "the text box shows exactly what was saved: {edit}");
    }
}
