//! Email through a real SMTP conversation with a server on loopback, and what happens when the
//! mail server cannot be reached.

mod common;

use common::{Backend, SmtpSink, spawn_app_with_smtp};

async fn first_account(app: &common::TestApp) {
    domain::accounts::create_account(
        &app.db,
        domain::accounts::NewAccount {
            display_name: "Marcia Okafor".into(),
            email: "marcia@example.org".into(),
            perspective: Some(domain::people::Perspective::Expert),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_links_are_delivered_by_smtp() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let sink = SmtpSink::start().await;
        let Some(app) = spawn_app_with_smtp(backend, Some(sink.url.clone())).await else { continue };
        first_account(&app).await;
        let response = app.post_form("/sign-in/link", &[("email", "marcia@example.org")], None).await;
        assert_eq!(response.status().as_u16(), 303, "{backend:?}");
        let messages = sink.messages.lock().unwrap().clone();
        assert_eq!(messages.len(), 1, "{backend:?}");
        assert!(messages[0].contains("To: marcia@example.org"));
        assert!(messages[0].contains(&format!("http://{}/sign-in/link/", app.addr)), "{}", messages[0]);
        assert!(app.mails().await.is_empty(), "nothing written to files when SMTP is set");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_mail_server_does_not_reveal_who_has_an_account() {
    // A port that was free a moment ago: nothing listens there now.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let app = spawn_app_with_smtp(Backend::Sqlite, Some(format!("smtp://{closed}"))).await.unwrap();
    first_account(&app).await;
    // Saying "we could not send it" only to addresses with an account would tell anyone which
    // have one, so the answer is the check-email page either way (it says to ask again).
    for email in ["marcia@example.org", "nobody@example.org"] {
        let response = app.post_form("/sign-in/link", &[("email", email)], None).await;
        assert_eq!(response.status().as_u16(), 303, "{email}");
        assert_eq!(response.headers()["location"], "/sign-in/check-email", "{email}");
    }
}
