//! Search over a generated board: 2,000 documents (half of them published) and 100,000
//! comments in 1,000 discussions, indexed as the services index them. Prints p50 and p95 for a
//! signed-out visitor and for a member, for a common word, a rare one, two words and the start of
//! a word, on SQLite and then on PostgreSQL (when it answers). Asserts nothing about time.
//!
//! Run: `cargo bench -p server --bench search` (`SEARCH_BENCH_RUNS`, 200 by default).

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::entities::{comment, document, revision, thread};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};
use uuid::Uuid;

const DOCUMENTS: usize = 2_000;
const THREADS: usize = 1_000;
const COMMENTS: usize = 100_000;

/// Words of the board's work, from everyday to rare, so results vary in number.
const WORDS: &[&str] = &[
    "direct", "payments", "personal", "assistant", "support", "plan", "care", "money", "council", "form", "help", "home", "time", "people", "carer",
    "budget", "account", "review", "agency", "payroll", "timesheet", "holiday", "insurance", "employer", "training", "recruitment", "contract", "audit",
    "brokerage", "reablement", "eligibility", "respite", "advocacy", "safeguarding", "pension", "redundancy", "contingency",
];

/// A small, repeatable pseudo-random sequence (no dependency for the bench's words).
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        // Skewed: low indexes (everyday words) come up far more often than the rare ones.
        let r = ((self.0 >> 33) as f64 / (1u64 << 31) as f64).powi(3);
        WORDS[((r * WORDS.len() as f64) as usize).min(WORDS.len() - 1)]
    }

    fn sentence(&mut self, n: usize) -> String {
        (0..n).map(|_| self.next()).collect::<Vec<_>>().join(" ")
    }
}

async fn generate(db: &DatabaseConnection) -> (Uuid, Uuid) {
    let board = domain::spaces::service::create_board(db, domain::spaces::service::NewBoard { name: "Bench Board", purpose: "To measure search." }).await.unwrap();
    let (person, _) = domain::accounts::create_account(db, domain::accounts::NewAccount {
        display_name: "Member".into(),
        email: "member@example.org".into(),
        perspective: Some(domain::people::Perspective::Expert),
        ..Default::default()
    })
    .await
    .unwrap();
    domain::accounts::set_role(db, board.id, person.id, domain::people::Role::Member).await.unwrap();
    let mut words = Words(42);
    let now = Utc::now();
    for chunk in (0..DOCUMENTS).collect::<Vec<_>>().chunks(200) {
        let (mut docs, mut revs) = (Vec::new(), Vec::new());
        for &n in chunk {
            let (id, rev) = (Uuid::now_v7(), Uuid::now_v7());
            let body = (0..20).map(|_| words.sentence(25)).collect::<Vec<_>>().join(".\n\n");
            docs.push(document::ActiveModel {
                id: Set(id),
                space_id: Set(board.id),
                title: Set(format!("Policy {n}: {}", words.sentence(3))),
                kind: Set("policy".into()),
                status: Set(if n % 2 == 0 { "published" } else { "draft" }.into()),
                tags: Set(None),
                current_revision_id: Set(rev),
                published_revision_id: Set((n % 2 == 0).then_some(rev)),
                created_by: Set(person.id),
                created_at: Set(now),
                updated_at: Set(now),
            });
            revs.push(revision::ActiveModel {
                id: Set(rev),
                document_id: Set(id),
                number: Set(1),
                body: Set(body),
                note: Set(None),
                author_id: Set(person.id),
                supporter_id: Set(None),
                merged: Set(false),
                clashes: Set(0),
                written_with: Set(None),
                created_at: Set(now),
            });
        }
        document::Entity::insert_many(docs).exec(db).await.unwrap();
        revision::Entity::insert_many(revs).exec(db).await.unwrap();
    }
    let threads: Vec<Uuid> = (0..THREADS).map(|_| Uuid::now_v7()).collect();
    for chunk in threads.chunks(200) {
        let rows = chunk.iter().map(|id| thread::ActiveModel {
            id: Set(*id),
            space_id: Set(board.id),
            target_type: Set("discussion".into()),
            target_id: Set(Some(board.id)),
            section_key: Set(None),
            section_title: Set(None),
            section_text: Set(None),
            revision_id: Set(None),
            revision_number: Set(None),
            title: Set(Some(words.sentence(4))),
            created_by: Set(person.id),
            created_at: Set(now),
            last_activity_at: Set(now),
            resolved_at: Set(None),
            resolved_by: Set(None),
        });
        thread::Entity::insert_many(rows).exec(db).await.unwrap();
    }
    for chunk in (0..COMMENTS).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|n| comment::ActiveModel {
            id: Set(Uuid::now_v7()),
            thread_id: Set(threads[n % THREADS]),
            parent_id: Set(None),
            author_id: Set(person.id),
            supporter_id: Set(None),
            said_by_name: Set(None),
            said_by_id: Set(None),
            body: Set(words.sentence(30)),
            created_at: Set(now),
            edited_at: Set(None),
            deleted_at: Set(None),
            hidden_at: Set(None),
            hidden_by: Set(None),
            hidden_reason: Set(None),
        });
        comment::Entity::insert_many(rows).exec(db).await.unwrap();
    }
    (board.id, person.id)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}

async fn measure(label: &str, db: &DatabaseConnection) {
    let started = Instant::now();
    let (_, member) = generate(db).await;
    let generated = started.elapsed();
    let started = Instant::now();
    let txn = domain::begin(db).await.unwrap();
    let indexed = domain::search::index::rebuild(&txn).await.unwrap();
    sea_orm::TransactionSession::commit(txn).await.unwrap();
    println!("\n{label}: {DOCUMENTS} documents and {COMMENTS} comments generated in {:.1} s; {indexed} things indexed in {:.1} s", generated.as_secs_f64(), started.elapsed().as_secs_f64());
    let runs: usize = std::env::var("SEARCH_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(200);
    println!("{:<44} {:>9} {:>9} {:>9}", "search (20 results with excerpts)", "p50 ms", "p95 ms", "found");
    for q in ["payments", "contingency", "holiday insurance", "recruit", "nothingmatches"] {
        for (who, viewer) in [("signed out", None), ("member", Some(member))] {
            let mut times = Vec::with_capacity(runs);
            let mut found = 0;
            for _ in 0..runs {
                let one = Instant::now();
                let r = domain::search::query::search(db, viewer, q, 0, 20).await.unwrap();
                times.push(one.elapsed());
                found = r.items.len();
            }
            times.sort();
            println!("{:<44} {:>9.2} {:>9.2} {:>9}", format!("\u{201c}{q}\u{201d}, {who}"), percentile(&times, 0.5), percentile(&times, 0.95), found);
        }
    }
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.path().join("bench.db").display());
    let db = server::db::connect(&sqlite).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    measure("SQLite (FTS5)", &db).await;
    db.close().await.unwrap();

    let admin_url = std::env::var("COBOARD_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let Ok(admin) = server::db::connect(&admin_url).await else {
        println!("\nPostgreSQL does not answer at {admin_url}: measured SQLite only.");
        return;
    };
    let name = format!("coboard_bench_search_{}", std::process::id());
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    let url = format!("{}/{name}", admin_url.rsplit_once('/').unwrap().0);
    let db = server::db::connect(&url).await.unwrap();
    server::db::migrate(&db).await.unwrap();
    measure("PostgreSQL (tsvector, GIN)", &db).await;
    db.close().await.unwrap();
    admin.execute_unprepared(&format!("DROP DATABASE {name}")).await.unwrap();
}
