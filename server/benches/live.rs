//! Live editing: how long a keystroke takes to reach another person's editor, and how much
//! memory an open document costs the server. Runs the real `coboard` binary (release build) on
//! SQLite and then on PostgreSQL (when it answers), with Rust Yjs clients (`tests/common/yjs.rs`)
//! in this process, so the server's memory is its own. Prints figures; asserts nothing on time.
//!
//! Run: `cargo bench -p server --features app/ssr --bench live` (`LIVE_BENCH_KEYSTROKES`, 300
//! by default; `LIVE_BENCH_DOCUMENTS`, 200 open documents for the memory figure).

#[path = "../tests/common/yjs.rs"]
mod yjs;

use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;
use yjs::YClient;

const POLICY_WORDS: usize = 3_000;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

struct Server {
    child: std::process::Child,
    port: u16,
}

impl Server {
    async fn start(database_url: &str, data: &std::path::Path) -> Self {
        let port = free_port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_coboard"))
            .env("DATABASE_URL", database_url)
            .env("COBOARD_DATA_DIR", data)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", data.join("site"))
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the coboard binary starts");
        let deadline = Instant::now() + Duration::from_secs(60);
        while reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.map(|r| r.status().as_u16()).unwrap_or(0) != 200 {
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Self { child, port }
    }

    fn socket(&self, doc: uuid::Uuid) -> String {
        format!("ws://127.0.0.1:{}/documents/{doc}/live/socket", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A board with one member (whose token is returned) and `n` documents of a policy's length.
async fn board(database_url: &str, n: usize) -> (String, Vec<uuid::Uuid>) {
    let db = server::db::connect(database_url).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    let board = domain::spaces::service::create_board(&db, domain::spaces::service::NewBoard { name: "Bench Board", purpose: "To measure live editing." }).await.unwrap();
    let (person, _) = domain::accounts::create_account(&db, domain::accounts::NewAccount {
        display_name: "Writer".into(),
        email: "writer@example.org".into(),
        perspective: Some(domain::people::Perspective::Expert),
        ..Default::default()
    })
    .await
    .unwrap();
    domain::accounts::set_role(&db, board.id, person.id, domain::people::Role::Member).await.unwrap();
    let token = server::cli::create_token(&db, "writer@example.org", None).await.unwrap();
    let user = domain::accounts::token_user(&db, &token).await.unwrap().unwrap();
    let words = ["direct", "payments", "personal", "assistant", "support", "plan", "money", "council", "review", "help"];
    let body: String = (0..POLICY_WORDS).map(|i| if i % 12 == 11 { format!("{}.\n\n", words[i % words.len()]) } else { format!("{} ", words[i % words.len()]) }).collect();
    let mut docs = Vec::new();
    for i in 0..n {
        docs.push(domain::documents::service::create_document(&db, &user, board.id, &format!("Policy {i}"), Some(domain::documents::DocumentKind::Policy), &body, &[]).await.unwrap());
    }
    (token, docs)
}

/// Keystroke by keystroke: `a` types one character, and the time until `b` has it is recorded.
async fn latency(a: &YClient, b: &YClient, keystrokes: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(keystrokes);
    let letters = b"the board writes together ";
    for i in 0..keystrokes {
        let mut rx = b.received.clone();
        rx.borrow_and_update();
        let want = b.len() + 1;
        let started = Instant::now();
        a.type_at(i * 7 % (a.len() + 1), std::str::from_utf8(&letters[i % letters.len()..][..1]).unwrap());
        while b.len() < want {
            if tokio::time::timeout(Duration::from_secs(10), rx.changed()).await.is_err() {
                panic!("a keystroke did not arrive within 10 s");
            }
        }
        times.push(started.elapsed());
        // A person types a few characters a second at most; this also keeps one keystroke's
        // saving from queueing behind the next.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    times.sort();
    times
}

fn print_latency(label: &str, times: &[Duration]) {
    println!("  keystroke to the other editor, {label}: p50 {:.2} ms, p95 {:.2} ms ({} keystrokes)", percentile(times, 0.5), percentile(times, 0.95), times.len());
}

async fn run(label: &str, database_url: &str, two_instances: bool) {
    let keystrokes = env_number("LIVE_BENCH_KEYSTROKES", 300);
    let open = env_number("LIVE_BENCH_DOCUMENTS", 200);
    println!("\n{label}");
    let (token, docs) = board(database_url, open + 1).await;
    let data = tempfile::tempdir().unwrap();
    let first = Server::start(database_url, data.path()).await;

    let a = YClient::connect(&first.socket(docs[0]), Some(&token), None).await.unwrap();
    let b = YClient::connect(&first.socket(docs[0]), Some(&token), None).await.unwrap();
    a.wait_for_text("the policy", |t| t.len() > 1000).await;
    b.wait_for_text("the policy", |t| t.len() > 1000).await;
    print_latency("same instance", &latency(&a, &b, keystrokes).await);

    if two_instances {
        let second = Server::start(database_url, data.path()).await;
        let c = YClient::connect(&second.socket(docs[0]), Some(&token), None).await.unwrap();
        let text = a.text();
        c.wait_for_text("the live text", |t| t == text).await;
        print_latency("across two instances (PostgreSQL NOTIFY)", &latency(&a, &c, keystrokes).await);
        c.leave();
    }

    // Memory: the server's resident size before and after `open` more documents are opened,
    // each by one person (a policy of 3,000 words, as the server keeps it live).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss_kb(first.child.id());
    let mut clients = Vec::new();
    for doc in &docs[1..] {
        clients.push(YClient::connect(&first.socket(*doc), Some(&token), None).await.unwrap());
    }
    for c in &clients {
        c.wait_for_text("the policy", |t| t.len() > 1000).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = rss_kb(first.child.id());
    println!(
        "  memory: {} KB resident with 1 document open, {} KB with {} more; {:.1} KB per open document ({} words, one person in it)",
        before,
        after,
        open,
        after.saturating_sub(before) as f64 / open as f64,
        POLICY_WORDS
    );
    for c in clients {
        c.leave();
    }
    a.leave();
    b.leave();
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    run("SQLite", &server::config::sqlite_url_in(dir.path()), false).await;

    let admin_url = std::env::var("COBOARD_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    match sea_orm::Database::connect(admin_url.as_str()).await {
        Ok(admin) => {
            let name = format!("coboard_bench_live_{}", uuid::Uuid::now_v7().simple());
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.unwrap();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_owned()).unwrap();
            run("PostgreSQL", &format!("{base}/{name}"), true).await;
            let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
        }
        Err(error) => println!("\nPostgreSQL is not reachable at {admin_url} ({error}): its half is left out."),
    }
}
