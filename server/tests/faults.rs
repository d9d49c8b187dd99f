//! Faults (issue 18), each bounded in time: the server killed with `kill -9` during a burst of
//! writes and started again; PostgreSQL out of reach for a while and back; a database that
//! cannot take writes (SQLite on a full disk, a read-only PostgreSQL); and an event
//! stream dropped in the middle of a burst, then resumed. What people are told must be true:
//! a clear 503 page or JSON error, never a 500 or a panic, and nothing acknowledged lost.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Backend, Events, TestApp, free_port, start_binary, wait_until_up};
use domain::people::{Perspective, Role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The sentences people see when the database cannot be reached or cannot take writes.
const UNREACHABLE: &str = "We cannot reach Coboard's database just now";
const CANNOT_WRITE: &str = "Coboard cannot save anything just now";

/// A member of the demo's policy group, signed in through the sign-in form; their session cookie.
async fn signed_in(app: &TestApp, name: &str) -> String {
    let email = format!("{}@example.org", name.to_lowercase());
    let (person, _) = domain::accounts::create_account(
        &app.db,
        domain::accounts::NewAccount { display_name: name.into(), email: email.clone(), perspective: Some(Perspective::Staff), password: Some(common::GOOD_PASSWORD.into()), ..Default::default() },
    )
    .await
    .unwrap();
    let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
    domain::accounts::set_role(&app.db, policy, person.id, Role::Member).await.unwrap();
    common::session_from(&app.post_form("/sign-in", &[("email", &email), ("password", common::GOOD_PASSWORD)], None).await).expect("signed in")
}

/// Starts a discussion in the demo's policy group through the API at `base`; its thread id.
async fn discussion(client: &reqwest::Client, base: &str, token: &str, db: &sea_orm::DatabaseConnection) -> String {
    let policy = domain::spaces::service::space_by_slug(db, "policy").await.unwrap().space.id;
    let response = client
        .post(format!("{base}/api/v1/threads"))
        .bearer_auth(token)
        .json(&serde_json::json!({"target_type": "discussion", "target_id": policy, "title": "Burst", "body": "The first word."}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    response.json::<serde_json::Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
}

/// Posts one comment; the status and the answer (`Null` when there was no JSON), or `None` when
/// no answer came at all (the server was gone).
async fn post_comment(client: &reqwest::Client, base: &str, token: &str, thread: &str, body: &str) -> Option<(u16, serde_json::Value)> {
    let response = client.post(format!("{base}/api/v1/threads/{thread}/comments")).bearer_auth(token).json(&serde_json::json!({"body": body})).send().await.ok()?;
    let status = response.status().as_u16();
    Some((status, response.json().await.unwrap_or(serde_json::Value::Null)))
}

/// How many of `ids` are comments in the database.
async fn comments_kept(db: &sea_orm::DatabaseConnection, ids: &[uuid::Uuid]) -> usize {
    let mut found = 0;
    for chunk in ids.chunks(200) {
        found += domain::entities::comment::Entity::find().filter(domain::entities::comment::Column::Id.is_in(chunk.to_vec())).count(db).await.unwrap() as usize;
    }
    found
}

/// The database's own consistency check: SQLite's `integrity_check` and `foreign_key_check`;
/// on PostgreSQL, amcheck over every table and B-tree index (when the extension is installed).
async fn assert_consistent(backend: Backend, database_url: &str) {
    let db = server::db::connect(database_url).await.unwrap();
    let text = |sql: &str| {
        let db = db.clone();
        let sql = sql.to_owned();
        async move {
            let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
            rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap_or_default()).collect::<Vec<_>>()
        }
    };
    match backend {
        Backend::Sqlite => {
            assert_eq!(text("PRAGMA integrity_check").await, vec!["ok".to_owned()], "SQLite's integrity check passes");
            let broken = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), "PRAGMA foreign_key_check")).await.unwrap();
            assert!(broken.is_empty(), "no row points at a row that is not there");
        }
        Backend::Postgres => {
            let available = text("SELECT name::text FROM pg_available_extensions WHERE name = 'amcheck'").await;
            if available.is_empty() {
                eprintln!("amcheck is not installed with this PostgreSQL: checked the acknowledged rows only.");
                return;
            }
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS amcheck").await.unwrap();
            // Raises an error (and so fails the test) at the first damaged page or index.
            db.execute_unprepared(
                "SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
                 JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace \
                 WHERE a.amname = 'btree' AND n.nspname = 'public'",
            )
            .await
            .expect("every index checks out");
            let damaged = text(
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, \
                 LATERAL verify_heapam(c.oid) WHERE c.relkind = 'r' AND n.nspname = 'public'",
            )
            .await;
            assert!(damaged.is_empty(), "no table has damaged pages: {damaged:?}");
        }
    }
}

async fn killed_during_a_burst_keeps_every_acknowledged_write(backend: Backend) {
    let Some(app) = common::spawn_app(backend).await else { return };
    common::within_time_limit(async move {
        // Arrange: the real binary, as people run it, on the test's database.
        app.load_demo().await;
        let (token, _) = app.person_with_token("Burst", Perspective::Staff, Some(Role::Member)).await;
        let data = tempfile::tempdir().unwrap();
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let mut server = start_binary(&app.database_url, data.path(), port, &[]);
        wait_until_up(port).await;
        let thread = discussion(&app.client, &base, &token, &app.db).await;

        // Act: six writers post comments as fast as they are answered; the server is killed
        // once sixty have been acknowledged, while the others are in flight.
        let acknowledged: Arc<Mutex<Vec<uuid::Uuid>>> = Arc::default();
        let mut writers = tokio::task::JoinSet::new();
        for writer in 0..6 {
            let (client, base, token, thread, acknowledged) = (app.client.clone(), base.clone(), token.clone(), thread.clone(), acknowledged.clone());
            writers.spawn(async move {
                for n in 0..2_000 {
                    match post_comment(&client, &base, &token, &thread, &format!("Writer {writer}, comment {n}.")).await {
                        Some((201, body)) => acknowledged.lock().unwrap().push(body["id"].as_str().unwrap().parse().unwrap()),
                        Some((status, body)) => panic!("a comment was refused before the kill: {status} {body}"),
                        None => return,
                    }
                }
            });
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while acknowledged.lock().unwrap().len() < 60 {
            assert!(std::time::Instant::now() < deadline, "sixty comments were not acknowledged within a minute");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        server.kill().expect("kill -9");
        server.wait().unwrap();
        tokio::time::timeout(Duration::from_secs(60), writers.join_all()).await.expect("every writer notices the server has gone");
        let acknowledged = acknowledged.lock().unwrap().clone();

        // Assert: after a restart the database checks out and every acknowledged comment is there.
        let mut server = start_binary(&app.database_url, data.path(), port, &[]);
        wait_until_up(port).await;
        assert_consistent(backend, &app.database_url).await;
        assert_eq!(comments_kept(&app.db, &acknowledged).await, acknowledged.len(), "every acknowledged comment of {} is kept", acknowledged.len());
        let last = acknowledged.last().unwrap();
        let response = app.client.get(format!("{base}/api/v1/comments/{last}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "the restarted server shows the last acknowledged comment");
        let again = post_comment(&app.client, &base, &token, &thread, "After the restart.").await.expect("an answer");
        assert_eq!(again.0, 201, "writing works again: {:?}", again.1);
        server.kill().unwrap();
        server.wait().unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_during_a_burst_keeps_every_acknowledged_write_sqlite() {
    killed_during_a_burst_keeps_every_acknowledged_write(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_during_a_burst_keeps_every_acknowledged_write_postgres() {
    killed_during_a_burst_keeps_every_acknowledged_write(Backend::Postgres).await;
}

/// A TCP relay between the server and PostgreSQL that can be cut (every connection closed and
/// new ones refused, as when PostgreSQL stops) and restored on the same port. The machine's
/// PostgreSQL is shared by tests running side by side, so it is never stopped itself.
struct Relay {
    addr: std::net::SocketAddr,
    target: String,
    task: Mutex<Option<tokio::task::JoinHandle<()>>>,
}

impl Relay {
    async fn start(target: &str) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let relay = Self { addr, target: target.to_owned(), task: Mutex::new(None) };
        relay.serve(listener);
        relay
    }

    fn serve(&self, listener: tokio::net::TcpListener) {
        let target = self.target.clone();
        let task = tokio::spawn(async move {
            // Each connection's task belongs to this set, so cutting drops them all at once.
            let mut connections = tokio::task::JoinSet::new();
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { continue };
                let target = target.clone();
                connections.spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                while connections.try_join_next().is_some() {}
            }
        });
        *self.task.lock().unwrap() = Some(task);
    }

    /// Closes every relayed connection and the listening socket: connecting is refused.
    async fn cut(&self) {
        if let Some(task) = self.task.lock().unwrap().take() {
            task.abort();
        }
        // Let the aborted task's sockets close before anyone tries again.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    async fn restore(&self) {
        let listener = tokio::net::TcpListener::bind(self.addr).await.expect("the relay's port is free again");
        self.serve(listener);
    }
}

/// `host:port` of a `postgres://user@host:port/db` URL.
fn host_port(url: &str) -> String {
    let authority = url.split("://").nth(1).unwrap().split('/').next().unwrap();
    let host_port = authority.rsplit('@').next().unwrap();
    if host_port.contains(':') { host_port.to_owned() } else { format!("{host_port}:5432") }
}

/// PostgreSQL goes away for a while: people get a clear 503 (a page, or JSON for the API) rather
/// than a 500 or a wrong "please sign in", and the server carries on by itself once it is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_out_of_reach_gives_503_and_the_server_recovers() {
    let admin = common::postgres_admin_url();
    let real = host_port(&admin);
    let relay = Arc::new(Relay::start(&real).await);
    let through_relay = relay.addr.to_string();
    let Some(app) = common::spawn_app_with(Backend::Postgres, move |config| config.database_url = config.database_url.replacen(&real, &through_relay, 1)).await else { return };
    common::within_time_limit(async move {
        // Arrange: a member with a token and a signed-in session; pages load.
        app.load_demo().await;
        let (token, _) = app.person_with_token("Olu", Perspective::Carer, Some(Role::Member)).await;
        let cookie = signed_in(&app, "Priya").await;
        let thread = discussion(&app.client, &app.url(""), &token, &app.db).await;
        assert_eq!(app.get_as("/groups/policy", &cookie).await.0, 200);
        let comments_before = comments_kept_in_thread(&app, &thread).await;

        // Act: PostgreSQL is out of reach.
        relay.cut().await;
        let started = std::time::Instant::now();
        let api_read = app.client.get(app.url("/api/v1/spaces")).bearer_auth(&token).send();
        let api_write = app.client.post(app.url(&format!("/api/v1/threads/{thread}/comments"))).bearer_auth(&token).json(&serde_json::json!({"body": "While it was away."})).send();
        let page_signed_in = app.get_as("/groups/policy", &cookie);
        let form_path = format!("/threads/{thread}/comments");
        let form_signed_in = app.post_form(&form_path, &[("body", "Typed while it was away.")], Some(&cookie));
        let page_signed_out = app.get_text("/glossary");
        let health = app.get_json("/healthz");
        let (api_read, api_write, page_signed_in, form_signed_in, page_signed_out, health) =
            tokio::join!(api_read, api_write, page_signed_in, form_signed_in, page_signed_out, health);
        eprintln!("answers while PostgreSQL was out of reach came within {:?}", started.elapsed());

        // Assert: 503s that say what happened, as JSON for programs and as pages for people.
        for (what, response) in [("an API read", api_read.unwrap()), ("an API write", api_write.unwrap())] {
            assert_eq!(response.status().as_u16(), 503, "{what}");
            assert!(response.headers().contains_key("retry-after"), "{what} says when to try again");
            let body: serde_json::Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], "database_unavailable", "{what}: {body}");
            assert!(body["error"]["message"].as_str().unwrap().contains(UNREACHABLE), "{what}: {body}");
        }
        let (status, html) = page_signed_in;
        assert_eq!(status, 503, "a signed-in page: {html}");
        assert!(html.contains("<h1>Coboard is not available just now</h1>") && html.contains(UNREACHABLE), "{html}");
        let form = form_signed_in;
        assert_eq!(form.status().as_u16(), 503, "a form");
        assert!(form.text().await.unwrap().contains(UNREACHABLE));
        let (status, html) = page_signed_out;
        assert_eq!(status, 503, "a signed-out page: {html}");
        assert!(html.contains(UNREACHABLE), "{html}");
        assert_eq!(health, (503, serde_json::json!({"status": "unavailable", "database": "postgres"})));
        assert_eq!(comments_kept_in_thread(&app, &thread).await, comments_before, "nothing was half written");

        // PostgreSQL is back: the same requests work again, with no restart.
        relay.restore().await;
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while app.get_json("/healthz").await.0 != 200 {
            assert!(std::time::Instant::now() < deadline, "the server did not recover within 30 seconds");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let response = app.client.get(app.url("/api/v1/spaces")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let (status, body) = post_comment(&app.client, &app.url(""), &token, &thread, "Back again.").await.unwrap();
        assert_eq!(status, 201, "{body}");
        assert_eq!(app.get_as("/groups/policy", &cookie).await.0, 200);
        assert_eq!(app.get_text("/glossary").await.0, 200);
    })
    .await;
}

async fn comments_kept_in_thread(app: &TestApp, thread: &str) -> u64 {
    let thread: uuid::Uuid = thread.parse().unwrap();
    let direct = server::db::connect(&app.database_url.replacen(&host_port(&app.database_url), &host_port(&common::postgres_admin_url()), 1)).await.unwrap();
    domain::entities::comment::Entity::find().filter(domain::entities::comment::Column::ThreadId.eq(thread)).count(&direct).await.unwrap()
}

/// PostgreSQL only allows reading (as a standby does after a failover, or a database set
/// read-only): writes get a clear 503 saying nothing was saved, reading carries on, and writing
/// works again once the database does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_postgres_refuses_writes_clearly_and_reads_go_on() {
    let Some(app) = common::spawn_app(Backend::Postgres).await else { return };
    common::within_time_limit(async move {
        app.load_demo().await;
        let (token, _) = app.person_with_token("Olu", Perspective::Carer, Some(Role::Member)).await;
        let thread = discussion(&app.client, &app.url(""), &token, &app.db).await;
        let name = app.database_url.rsplit('/').next().unwrap().to_owned();
        let admin = sea_orm::Database::connect(common::postgres_admin_url()).await.unwrap();
        // New sessions only read; ending the current ones makes every pool connect anew.
        let read_only = |on: bool| {
            let (admin, name) = (admin.clone(), name.clone());
            async move {
                let setting = if on { "SET default_transaction_read_only = on" } else { "RESET default_transaction_read_only" };
                admin.execute_unprepared(&format!("ALTER DATABASE \"{name}\" {setting}")).await.unwrap();
                admin.execute_unprepared(&format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()")).await.unwrap();
            }
        };
        read_only(true).await;

        let (status, body) = post_comment(&app.client, &app.url(""), &token, &thread, "Written to a read-only database.").await.unwrap();
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["error"]["code"], "database_unavailable");
        assert!(body["error"]["message"].as_str().unwrap().contains(CANNOT_WRITE), "{body}");
        let response = app.client.get(app.url(&format!("/api/v1/threads/{thread}/comments"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "reading goes on");

        read_only(false).await;
        let (status, body) = post_comment(&app.client, &app.url(""), &token, &thread, "Written once it can be.").await.unwrap();
        assert_eq!(status, 201, "{body}");
    })
    .await;
}

/// A small file system of its own for a SQLite data folder, so a test can fill it. Needs the right to mount (root, as CI runs); elsewhere the test says so and stops,
/// except under CI where that is a failure.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            return Some(Self { dir });
        }
        assert!(!common::under_ci(), "under CI this test must be able to mount a small file system (CI runs as root)");
        eprintln!("Could not mount a small file system here (this needs root): skipping the full and read-only disk test.");
        None
    }

    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// SQLite on a disk that fills up: writes get a clear 503 saying nothing was saved (never a 500
/// or a panic), reading goes on, and once there is room again writing works with nothing lost.
/// (A disk cannot be made read-only under an open database here, as Linux refuses to remount a
/// file system with files open for writing; the read-only case is PostgreSQL's test above.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_on_a_full_disk_refuses_writes_clearly() {
    let Some(disk) = SmallDisk::mount(64) else { return };
    let folder = disk.path().to_owned();
    let app = common::spawn_app_with(Backend::Sqlite, move |config| {
        config.database_url = server::config::sqlite_url_in(&folder);
        config.data_dir = folder;
    })
    .await
    .expect("SQLite always starts");
    common::within_time_limit(async move {
        app.load_demo().await;
        let (token, _) = app.person_with_token("Olu", Perspective::Carer, Some(Role::Member)).await;
        let cookie = signed_in(&app, "Priya").await;
        let thread = discussion(&app.client, &app.url(""), &token, &app.db).await;
        let (status, _) = post_comment(&app.client, &app.url(""), &token, &thread, "While there is room.").await.unwrap();
        assert_eq!(status, 201);

        // The write-ahead log is emptied into the database, so the next write needs new room.
        app.db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
        // The disk fills up (with a file of someone else's).
        let filler = disk.path().join("filler");
        {
            use std::io::Write;
            let mut file = std::fs::File::create(&filler).unwrap();
            let block = vec![0u8; 1 << 20];
            while file.write_all(&block).is_ok() {}
            while file.write_all(&block[..4096]).is_ok() {}
            let _ = file.flush();
        }
        // Comments long enough to need new pages, whatever room the last one left.
        let long = "Written when the disk was full. ".repeat(300);
        let mut refused = None;
        for _ in 0..20 {
            let (status, body) = post_comment(&app.client, &app.url(""), &token, &thread, &long).await.expect("an answer, not a crash");
            assert!(status == 201 || status == 503, "{status} {body}");
            if status == 503 {
                refused = Some(body);
                break;
            }
        }
        let body = refused.expect("a full disk refuses writes");
        assert_eq!(body["error"]["code"], "database_unavailable");
        assert!(body["error"]["message"].as_str().unwrap().contains(CANNOT_WRITE), "{body}");
        let response = app.client.get(app.url(&format!("/api/v1/threads/{thread}/comments"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "reading goes on when the disk is full");
        // Through a form: the page comes back with the sentence and the words typed.
        let response = app.post_form(&format!("/threads/{thread}/comments"), &[("body", "My words, typed on the day the disk was full.")], Some(&cookie)).await;
        assert_eq!(response.status().as_u16(), 503);
        let html = response.text().await.unwrap();
        assert!(html.contains(CANNOT_WRITE), "{html}");
        assert!(html.contains("My words, typed on the day the disk was full."), "what was typed is still there: {html}");

        // Room again: writing works, and the comment from before is there.
        std::fs::remove_file(&filler).unwrap();
        let (status, body) = post_comment(&app.client, &app.url(""), &token, &thread, "Room again.").await.unwrap();
        assert_eq!(status, 201, "{body}");
        // Every pooled connection works as before: no transaction left half open by the failure
        // (reused, one refused every later transaction or read from before).
        let mut writers = tokio::task::JoinSet::new();
        for n in 0..24 {
            let (client, base, token, thread) = (app.client.clone(), app.url(""), token.clone(), thread.clone());
            writers.spawn(async move {
                let (status, body) = post_comment(&client, &base, &token, &thread, &format!("Room again, {n}.")).await.unwrap();
                assert_eq!(status, 201, "{body}");
                let id = body["id"].as_str().unwrap().to_owned();
                let seen = client.get(format!("{base}/api/v1/comments/{id}")).bearer_auth(&token).send().await.unwrap().status().as_u16();
                assert_eq!(seen, 200, "comment {n} reads back");
            });
        }
        writers.join_all().await;

        let bodies: Vec<String> = domain::entities::comment::Entity::find()
            .filter(domain::entities::comment::Column::ThreadId.eq(thread.parse::<uuid::Uuid>().unwrap()))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.body)
            .collect();
        for said in ["While there is room.", "Room again."] {
            assert!(bodies.iter().any(|b| b == said), "{said:?} is kept: {bodies:?}");
        }
        assert_consistent(Backend::Sqlite, &app.database_url).await;
    })
    .await;
}

/// A follower's event stream drops in the middle of a burst of comments; reconnecting with the
/// last id it saw gives it every comment it missed, once each and in order.
async fn a_stream_dropped_mid_burst_resumes_with_nothing_lost(app: TestApp) {
    app.load_demo().await;
    let (poster, _) = app.person_with_token("Priya", Perspective::Staff, Some(Role::Member)).await;
    let (follower, _) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
    let thread = discussion(&app.client, &app.url(""), &poster, &app.db).await;
    let mut stream = Events::open(app.url("/api/v1/events"), &follower, None).await;

    // Forty comments from four writers at once.
    let mut writers = tokio::task::JoinSet::new();
    for writer in 0..4 {
        let (client, base, token, thread) = (app.client.clone(), app.url(""), poster.clone(), thread.clone());
        writers.spawn(async move {
            let mut ids = Vec::new();
            for n in 0..10 {
                let (status, body) = post_comment(&client, &base, &token, &thread, &format!("Writer {writer}, comment {n}.")).await.unwrap();
                assert_eq!(status, 201, "{body}");
                ids.push(body["id"].as_str().unwrap().to_owned());
            }
            ids
        });
    }
    // The follower takes five, then its connection drops while the burst goes on.
    let mut seen = Vec::new();
    while seen.len() < 5 {
        let event = stream.next(Duration::from_secs(10)).await.expect("the burst's events arrive");
        seen.push(event);
    }
    drop(stream);
    let posted: Vec<String> = writers.join_all().await.into_iter().flatten().collect();

    let mut resumed = Events::open(app.url("/api/v1/events"), &follower, Some(seen.last().unwrap().id)).await;
    while let Some(event) = resumed.next(Duration::from_secs(2)).await {
        seen.push(event);
    }
    let ids: Vec<i64> = seen.iter().map(|e| e.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order, none twice: {ids:?}");
    for id in &posted {
        let matching = seen.iter().filter(|e| e.kind == "comment_posted" && e.data.contains(id.as_str())).count();
        assert_eq!(matching, 1, "comment {id} arrives exactly once");
    }
    assert_eq!(seen.iter().filter(|e| e.kind == "comment_posted").count(), posted.len(), "and nothing else was posted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_dropped_mid_burst_resumes_with_nothing_lost_sqlite() {
    let app = common::spawn_app(Backend::Sqlite).await.expect("SQLite always starts");
    common::within_time_limit(a_stream_dropped_mid_burst_resumes_with_nothing_lost(app)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_dropped_mid_burst_resumes_with_nothing_lost_postgres() {
    if let Some(app) = common::spawn_app(Backend::Postgres).await {
        common::within_time_limit(a_stream_dropped_mid_burst_resumes_with_nothing_lost(app)).await;
    }
}
