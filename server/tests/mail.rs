//! Email through the outbox, against a real SMTP conversation with a server on loopback: the
//! headers and both parts, one-click unsubscribe, the mail server going down and coming back
//! (with one instance, and with two on one PostgreSQL), digests, "none" still getting sign-in
//! links, and a co-chair retrying a refused email from the outbox page.

mod common;

use common::{Backend, SmtpSink, TestApp, spawn_app_with, spawn_app_with_smtp, within_time_limit};
use domain::conversations::service::{NewTarget, Words};
use domain::people::{CurrentUser, EmailFrequency, Perspective, Preferences, Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

struct Board {
    id: uuid::Uuid,
    slug: String,
    marcia: CurrentUser,
    /// Marcia's session cookie.
    cookie: String,
}

/// The first account (Marcia, a co-chair) and the board.
async fn board(app: &TestApp) -> Board {
    let cookie = app.set_up_first_account().await;
    let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
    let marcia = domain::accounts::token_user(&app.db, &token).await.unwrap().unwrap();
    let space = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space;
    Board { id: space.id, slug: space.slug, marcia, cookie }
}

/// A member of the board who hears from Coboard `how` often.
async fn member(app: &TestApp, b: &Board, name: &str, email: &str, how: EmailFrequency) -> uuid::Uuid {
    let (p, _) = domain::accounts::create_account(
        &app.db,
        domain::accounts::NewAccount { display_name: name.into(), email: email.into(), perspective: Some(Perspective::Expert), ..Default::default() },
    )
    .await
    .unwrap();
    domain::accounts::set_role(&app.db, b.id, p.id, Role::Member).await.unwrap();
    domain::people::service::save_preferences(&app.db, p.id, Preferences { email_frequency: how, ..Default::default() }).await.unwrap();
    p.id
}

/// Marcia starts a discussion mentioning `name`.
async fn mention(app: &TestApp, b: &Board, name: &str, subject: &str) {
    let body = format!("@{name} could you look at this, please?");
    domain::conversations::service::start(&app.db, &b.marcia, NewTarget::Discussion { space_id: b.id, title: subject.into() }, Words { body: &body, said_by: None })
        .await
        .unwrap();
}

/// Headers as one line each (long ones are folded onto several).
fn unfold(mail: &str) -> String {
    mail.replace("\n ", " ").replace("\n\t", " ")
}

/// A header's value, with RFC 2047 words (`=?utf-8?b?...?=`) decoded.
fn header(mail: &str, name: &str) -> Option<String> {
    let mail = unfold(mail);
    let line = mail.lines().find(|l| l.to_lowercase().starts_with(&format!("{}:", name.to_lowercase())))?;
    let value = line[name.len() + 1..].trim();
    // Space between two encoded words is not part of the text (RFC 2047); any other space is.
    let mut out = String::new();
    let mut last_encoded = false;
    for word in value.split(' ') {
        let encoded = word.strip_prefix("=?utf-8?b?").and_then(|w| w.strip_suffix("?="));
        if !out.is_empty() && !(last_encoded && encoded.is_some()) {
            out.push(' ');
        }
        match encoded {
            Some(b64) => {
                use base64::Engine;
                out.push_str(&String::from_utf8_lossy(&base64::engine::general_purpose::STANDARD.decode(b64).unwrap()));
            }
            None => out.push_str(word),
        }
        last_encoded = encoded.is_some();
    }
    Some(out)
}

async fn outbox_id_of_notification(app: &TestApp, person: uuid::Uuid) -> Option<uuid::Uuid> {
    use domain::entities::notification;
    notification::Entity::find().filter(notification::Column::PersonId.eq(person)).all(&app.db).await.unwrap().into_iter().find_map(|n| n.outbox_id)
}

async fn waiting_or_failed(app: &TestApp) -> usize {
    use domain::entities::outbox;
    outbox::Entity::find().filter(outbox::Column::Status.ne("sent")).all(&app.db).await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_has_both_parts_the_right_headers_and_a_one_click_way_out() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let sink = SmtpSink::start().await;
        let Some(app) = spawn_app_with_smtp(backend, Some(sink.url.clone())).await else { continue };
        within_time_limit(async {
            let b = board(&app).await;
            let priya = member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::Instant).await;
            mention(&app, &b, "Priya Shah", "Bank details").await;
            app.mail_settled().await;
            let mails = sink.to("priya@example.org");
            assert_eq!(mails.len(), 1, "{backend:?}: one email for one mention");
            let mail = unfold(&mails[0]);
            let id = outbox_id_of_notification(&app, priya).await.expect("the notification names its email");
            assert_eq!(header(&mail, "Message-ID").as_deref(), Some(format!("<{id}@127.0.0.1>").as_str()), "the outbox id is in the Message-ID");
            assert_eq!(header(&mail, "From").as_deref(), Some("Coboard <coboard@localhost>"));
            assert_eq!(header(&mail, "Subject").as_deref(), Some("Marcia Okafor mentioned you in \u{201c}Bank details\u{201d}."));
            assert!(header(&mail, "Content-Type").unwrap().starts_with("multipart/alternative"), "{mail}");
            let base = format!("http://{}", app.addr);
            let unsubscribe = header(&mail, "List-Unsubscribe").expect("a List-Unsubscribe header");
            assert!(unsubscribe.starts_with(&format!("<{base}/email-settings/")) && unsubscribe.ends_with('>'), "{unsubscribe}");
            assert_eq!(header(&mail, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
            // The plain part first, then the HTML part, saying the same.
            let plain = mail.find("Content-Type: text/plain").expect("a plain-text part");
            let html = mail.find("Content-Type: text/html").expect("an HTML part");
            assert!(plain < html);
            let (text, markup) = (&mail[plain..html], &mail[html..]);
            assert!(text.contains("Hello Priya Shah,") && text.contains("mentioned you in"), "{text}");
            assert!(text.contains(&format!("{base}/threads/")), "one link to act: {text}");
            assert!(text.contains("You are getting this because someone mentioned you"), "why they got it: {text}");
            assert!(markup.contains("<html lang=\"en\">") && markup.contains(&format!("<a href=\"{base}/threads/")), "{markup}");

            // The settings page opens from the link without signing in.
            let url = unsubscribe.trim_start_matches('<').trim_end_matches('>').to_owned();
            let path = url.trim_start_matches(&base).to_owned();
            let (status, page) = app.get_text(&path).await;
            assert_eq!(status, 200);
            assert!(page.contains("This is for Priya Shah") && page.contains("How often we email you"), "{page}");
            // A mail program's one-click unsubscribe (RFC 8058): no cookie, no Origin.
            let response = app.client.post(&url).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
            assert_eq!(response.status().as_u16(), 200);
            let prefs = domain::people::service::preferences(&app.db, priya).await.unwrap();
            assert_eq!(prefs.email_frequency, EmailFrequency::None);
            // Another mention shows in Coboard, and no email goes.
            mention(&app, &b, "Priya Shah", "Forms").await;
            app.mail_settled().await;
            assert_eq!(sink.to("priya@example.org").len(), 1, "{backend:?}: none means none");
            let (_, page) = app.get_text(&path).await;
            assert!(page.contains("value=\"none\" checked"), "{page}");
            // The page's own form, as a browser sends it.
            let response = app.post_form(&path, &[("email_frequency", "weekly")], None).await;
            assert_eq!(response.status().as_u16(), 303);
            assert_eq!(domain::people::service::preferences(&app.db, priya).await.unwrap().email_frequency, EmailFrequency::Weekly);
            let (status, page) = app.get_text("/email-settings/not-a-key-we-sent").await;
            assert_eq!(status, 404, "{page}");
            assert!(page.contains("We do not recognise that link") && page.contains("To change how often we email you, sign in"), "{page}");
        })
        .await;
    }
}

/// POSTs a form to another instance, as a browser on that address would.
async fn post_to(app: &TestApp, base: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.client.post(format!("{base}{path}")).form(form).header("Origin", base).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_while_the_mail_server_is_down_and_goes_once_when_it_is_back() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let mut sink = SmtpSink::start().await;
        sink.stop();
        let Some(app) = spawn_app_with_smtp(backend, Some(sink.url.clone())).await else { continue };
        within_time_limit(async {
            let b = board(&app).await;
            // On PostgreSQL, a second instance sends from the same outbox.
            let second = match backend {
                Backend::Postgres => Some(app.second_instance_with(|c| c.smtp_url = Some(sink.url.clone())).await),
                Backend::Sqlite => None,
            };
            let people = ["priya", "jo", "tom", "june", "sam", "ade"];
            for name in people {
                member(&app, &b, name, &format!("{name}@example.org"), EmailFrequency::Instant).await;
            }
            for (i, name) in people.iter().enumerate() {
                let base = match (&second, i % 2) {
                    (Some(s), 1) => s.url(""),
                    _ => app.url(""),
                };
                let response = post_to(&app, &base, "/sign-in/link", &[("email", &format!("{name}@example.org"))]).await;
                assert_eq!(response.status().as_u16(), 303, "{backend:?}");
                // Told honestly that the email may be late; nothing they did is lost.
                assert_eq!(response.headers()["location"], "/sign-in/check-email?late=1", "{backend:?} {name}");
                mention(&app, &b, name, &format!("For {name}")).await;
            }
            let (_, page) = app.get_text("/sign-in/check-email?late=1").await;
            assert!(page.contains("may be late") && page.contains("Nothing is lost"), "{page}");
            // An address without an account is told the same.
            let response = app.post_form("/sign-in/link", &[("email", "nobody@example.org")], None).await;
            assert_eq!(response.headers()["location"], "/sign-in/check-email?late=1");
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            assert!(sink.messages.lock().unwrap().is_empty());
            assert_eq!(waiting_or_failed(&app).await, 12, "{backend:?}: six sign-in links and six mentions wait");
            let (status, page) = app.get_as("/outbox", &b.cookie).await;
            assert_eq!(status, 200);
            assert!(page.contains("could not be sent yet") && page.contains("Waiting: 12"), "{page}");

            sink.restart().await;
            let until = std::time::Instant::now() + std::time::Duration::from_secs(90);
            while waiting_or_failed(&app).await > 0 {
                assert!(std::time::Instant::now() < until, "{backend:?}: the outbox did not empty after the mail server came back");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            let messages = sink.messages.lock().unwrap().clone();
            assert_eq!(messages.len(), 12, "{backend:?}: every email arrived, and none twice");
            let ids: std::collections::HashSet<String> = messages.iter().map(|m| header(m, "Message-ID").expect("a Message-ID")).collect();
            assert_eq!(ids.len(), 12, "{backend:?}: twelve different emails");
            for name in people {
                let to = sink.to(&format!("{name}@example.org"));
                assert_eq!(to.len(), 2, "{backend:?}: {name} has a sign-in link and a mention");
                let link = to.iter().find(|m| m.contains("/sign-in/link/")).expect("the sign-in link");
                // Sent by either instance: each writes links with its own address (one site, in
                // real life, with COBOARD_SITE_URL).
                let at = link.find("/sign-in/link/").unwrap_or_else(|| panic!("{backend:?}: no link in {link}"));
                let token = link[at..].split_whitespace().next().unwrap().trim_end_matches('"').rsplit('/').next().unwrap().to_owned();
                let response = app.post_form(&format!("/sign-in/link/{token}"), &[], None).await;
                assert_eq!(response.status().as_u16(), 303, "{backend:?}: the late link still signs {name} in");
            }
            // Every try is recorded: failures while the server was down, then one success each.
            use domain::entities::outbox_attempt;
            let attempts = outbox_attempt::Entity::find().all(&app.db).await.unwrap();
            let sent: Vec<_> = attempts.iter().filter(|a| a.outcome == "sent").collect();
            assert_eq!(sent.len(), 12);
            assert_eq!(sent.iter().map(|a| a.outbox_id).collect::<std::collections::HashSet<_>>().len(), 12);
            assert!(attempts.iter().any(|a| a.outcome == "will_retry" && a.error.as_deref().is_some_and(|e| !e.is_empty())));
            drop(second);
        })
        .await;
    }
}

on_both_databases! {
    async fn a_weekly_reader_gets_one_digest_and_a_daily_reader_one_a_day(app: TestApp) {
        let b = board(&app).await;
        let priya = member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::Weekly).await;
        member(&app, &b, "Jo Patel", "jo@example.org", EmailFrequency::Daily).await;
        for subject in ["Bank details", "Forms", "Support plans"] {
            mention(&app, &b, "Priya Shah", subject).await;
        }
        for subject in ["Payroll", "Recruitment"] {
            mention(&app, &b, "Jo Patel", subject).await;
        }
        let to = |mails: &[String], who: &str| mails.iter().filter(|m| m.contains(&format!("To: {who}"))).cloned().collect::<Vec<_>>();
        let mails = app.mails().await;
        assert!(to(&mails, "priya@example.org").is_empty() && to(&mails, "jo@example.org").is_empty(), "nothing yet: they chose digests");
        let now = chrono::Utc::now();
        assert_eq!(domain::mail::digest::make_due(&app.db, now).await.unwrap(), 0, "not due until the next morning");
        let next_week = now + chrono::Duration::days(8);
        assert_eq!(domain::mail::digest::make_due(&app.db, next_week).await.unwrap(), 2);
        assert_eq!(domain::mail::digest::make_due(&app.db, next_week).await.unwrap(), 0, "once only");
        let mails = app.mails().await;
        let weekly = to(&mails, "priya@example.org");
        assert_eq!(weekly.len(), 1, "one digest, not many emails");
        let digest = &weekly[0];
        assert_eq!(header(digest, "Subject").as_deref(), Some("Your weekly summary from Coboard: 3 things to know"));
        for subject in ["Bank details", "Forms", "Support plans"] {
            assert!(digest.contains(&format!("mentioned you in \u{201c}{subject}\u{201d}")), "{subject}: {digest}");
        }
        assert!(digest.contains("Direct Payments Board\n\n- Marcia Okafor mentioned you"), "grouped under its space: {digest}");
        assert!(digest.contains("once a week, in one email"), "{digest}");
        let daily = to(&mails, "jo@example.org");
        assert_eq!(daily.len(), 1);
        assert_eq!(header(&daily[0], "Subject").as_deref(), Some("Your daily summary from Coboard: 2 things to know"));
        // In Coboard they are still there to read.
        let list = domain::conversations::notifications::list(&app.db, priya, domain::page::PageRequest::parse(None, None).unwrap()).await.unwrap();
        assert_eq!(list.items.len(), 3);
    }

    async fn someone_who_wants_no_email_still_gets_sign_in_links(app: TestApp) {
        let b = board(&app).await;
        let priya = member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::None).await;
        mention(&app, &b, "Priya Shah", "Bank details").await;
        assert!(!app.mails().await.iter().any(|m| m.contains("To: priya@example.org")), "no email for a mention");
        let response = app.post_form("/sign-in/link", &[("email", "priya@example.org")], None).await;
        assert_eq!(response.headers()["location"], "/sign-in/check-email", "sent, not late");
        let link = app.link_in_mail_to("priya@example.org", &format!("http://{}/sign-in/link/", app.addr)).await;
        let path = link.trim_start_matches(&format!("http://{}", app.addr)).to_owned();
        let response = app.post_form(&path, &[], None).await;
        assert_eq!(response.status().as_u16(), 303, "the link signs her in");
        // A sign-in link is not kept in the outbox once it has gone.
        use domain::entities::outbox;
        let kept = outbox::Entity::find().filter(outbox::Column::Kind.eq("sign_in")).one(&app.db).await.unwrap().unwrap();
        assert_eq!(kept.status, "sent");
        assert!(!kept.content.contains("/sign-in/link/"), "{}", kept.content);

        // The same setting through the API.
        let token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let api = |m: reqwest::Method| app.client.request(m, app.url("/api/v1/notifications/settings")).bearer_auth(&token);
        let got: serde_json::Value = api(reqwest::Method::GET).send().await.unwrap().json().await.unwrap();
        assert_eq!(got["email_frequency"], "none");
        let changed = api(reqwest::Method::PUT).json(&serde_json::json!({"email_frequency": "daily"})).send().await.unwrap();
        assert_eq!(changed.status().as_u16(), 200);
        assert_eq!(domain::people::service::preferences(&app.db, priya).await.unwrap().email_frequency, EmailFrequency::Daily);
        let wrong = api(reqwest::Method::PUT).json(&serde_json::json!({"email_frequency": "sometimes"})).send().await.unwrap();
        assert_eq!(wrong.status().as_u16(), 400);
    }

    async fn following_a_document_tells_you_when_it_moves_on(app: TestApp) {
        let b = board(&app).await;
        let priya = member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::Instant).await;
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let doc: serde_json::Value = app
            .client
            .post(app.url(&format!("/api/v1/spaces/{}/documents", b.id)))
            .bearer_auth(&token)
            .json(&serde_json::json!({"title": "Direct payments policy", "kind": "policy", "body": "# Policy\n\nWe pay on time."}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = doc["id"].as_str().expect("a document").to_owned();
        let priya_token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let followed = app.client.put(app.url(&format!("/api/v1/documents/{id}/follow"))).bearer_auth(&priya_token).send().await.unwrap();
        assert_eq!(followed.status().as_u16(), 204);
        let moved = app
            .client
            .post(app.url(&format!("/api/v1/documents/{id}/status")))
            .bearer_auth(&token)
            .json(&serde_json::json!({"status": "out_for_comment"}))
            .send()
            .await
            .unwrap();
        assert_eq!(moved.status().as_u16(), 200, "{}", moved.text().await.unwrap());
        let mails = app.mails().await;
        let to_priya: Vec<_> = mails.iter().filter(|m| m.contains("To: priya@example.org")).collect();
        assert_eq!(to_priya.len(), 1);
        assert!(to_priya[0].contains("\u{201c}Direct payments policy\u{201d}, which you follow, is now out for comment."), "{}", to_priya[0]);
        assert!(!mails.iter().any(|m| m.contains("To: marcia@example.org")), "the person who moved it is not told");
        let list = domain::conversations::notifications::list(&app.db, priya, domain::page::PageRequest::parse(None, None).unwrap()).await.unwrap();
        assert_eq!(list.items[0].kind, "document");
        // Stopping, through the page's form.
        let cookie = {
            let response = app.post_form("/sign-in", &[("email", "marcia@example.org"), ("password", common::GOOD_PASSWORD)], None).await;
            common::session_from(&response).unwrap()
        };
        let (_, page) = app.get_as(&format!("/documents/{id}"), &cookie).await;
        assert!(page.contains("You follow this document"), "the author follows what she starts");
        let response = app.post_form(&format!("/documents/{id}/follow"), &[("follow", "no")], Some(&cookie)).await;
        assert_eq!(response.status().as_u16(), 303);
        let (_, page) = app.get_as(&format!("/documents/{id}"), &cookie).await;
        assert!(page.contains("Follow this document"), "{page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_co_chair_sees_a_refused_email_in_the_outbox_and_sends_it_again() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let sink = SmtpSink::start().await;
        sink.refuse.lock().unwrap().push("sam@example.org".into());
        let Some(app) = spawn_app_with_smtp(backend, Some(sink.url.clone())).await else { continue };
        within_time_limit(async {
            let b = board(&app).await;
            let response = app.post_form(&format!("/invite/{}", b.slug), &[("email", "sam@example.org"), ("role", "member")], Some(&b.cookie)).await;
            let page = response.text().await.unwrap();
            assert!(page.contains("the mail server refused the email to sam@example.org"), "{backend:?}: {page}");
            let (status, page) = app.get_as("/outbox?status=failed", &b.cookie).await;
            assert_eq!(status, 200);
            assert!(page.contains("Failed: 1") && page.contains("sam@example.org") && page.contains("550"), "{page}");
            // Only co-chairs see it.
            member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::Instant).await;
            let priya = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
            let refused = app.client.get(app.url("/api/v1/outbox")).bearer_auth(&priya).send().await.unwrap();
            assert_eq!(refused.status().as_u16(), 403);
            let (status, _) = app.get_text("/outbox").await;
            assert_eq!(status, 403, "signed out");

            use domain::entities::outbox;
            let failed = outbox::Entity::find().filter(outbox::Column::Status.eq("failed")).one(&app.db).await.unwrap().unwrap();
            assert_eq!(failed.attempts, 1, "a refusal for good is not tried again by itself");
            sink.refuse.lock().unwrap().clear();
            let response = app.post_form(&format!("/outbox/{}/retry", failed.id), &[], Some(&b.cookie)).await;
            assert_eq!(response.status().as_u16(), 200);
            assert!(response.text().await.unwrap().contains("The email to sam@example.org has been sent."));
            assert_eq!(sink.to("sam@example.org").len(), 1);
            let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
            let o: serde_json::Value = app.client.get(app.url("/api/v1/outbox")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            assert_eq!(o["failed"], 0);
            assert!(o["sent"].as_u64().unwrap() >= 1);
            assert_eq!(o["messages"][0]["kind"], "invitation");
            // Sending it again once sent is refused, kindly.
            let again = app.client.post(app.url(&format!("/api/v1/outbox/{}/retry", failed.id))).bearer_auth(&token).send().await.unwrap();
            assert_eq!(again.status().as_u16(), 409);
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_mail_is_written_to_files() {
    let app = spawn_app_with(Backend::Sqlite, |_| {}).await.unwrap();
    let b = board(&app).await;
    member(&app, &b, "Priya Shah", "priya@example.org", EmailFrequency::Instant).await;
    app.post_form("/sign-in/link", &[("email", "priya@example.org")], None).await;
    let mails = app.mails().await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains("Content-Type: text/plain") && mails[0].contains("Content-Type: text/html"));
}
