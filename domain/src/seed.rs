//! `coboard seed`: fills a database with a large, realistic board, to measure and test Coboard at
//! the size a council board reaches after years of work (issue 18). Rows are written in bulk,
//! many to a statement and one transaction per batch, straight into the tables the services
//! write, with the search rows built by the same code the services use (`search::index`), so
//! every page and search reads generated data exactly as it reads real work.
//!
//! What is made is repeatable: the words come from a fixed pseudo-random sequence, so two runs
//! of one size give the same board (with new ids and times).

use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::entities::{agenda_item, comment, document, feedback_item, feedback_source, meeting, membership, person, revision, space, thread};
use crate::{DomainError, DomainResult};

/// How much to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub groups: usize,
    pub people: usize,
    pub documents: usize,
    /// Versions of each document.
    pub versions: usize,
    pub comments: usize,
    pub meetings: usize,
    pub feedback: usize,
    /// The words of the one long policy (the second document), for comparing long versions.
    pub long_policy_words: usize,
    /// Comments on the first document, the busiest page.
    pub busy_document_comments: usize,
}

impl Size {
    /// The board the issue describes: years of work.
    pub const LARGE: Size = Size {
        groups: 50,
        people: 1_000,
        documents: 2_000,
        versions: 20,
        comments: 200_000,
        meetings: 500,
        feedback: 5_000,
        long_policy_words: 20_000,
        busy_document_comments: 200,
    };
    /// The same shape, a hundredth of the size or so: for tests and a quick look.
    pub const SMALL: Size = Size {
        groups: 3,
        people: 30,
        documents: 20,
        versions: 3,
        comments: 600,
        meetings: 6,
        feedback: 40,
        long_policy_words: 2_000,
        busy_document_comments: 50,
    };

    pub fn named(name: &str) -> Option<Size> {
        match name.trim() {
            "large" => Some(Size::LARGE),
            "small" => Some(Size::SMALL),
            _ => None,
        }
    }
}

/// What was made, and where to find the pages worth measuring.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub board_id: Uuid,
    pub groups: usize,
    pub people: usize,
    pub documents: usize,
    pub revisions: usize,
    pub comments: usize,
    pub meetings: usize,
    pub feedback: usize,
    pub search_rows: usize,
    /// The document with `busy_document_comments` comments.
    pub busy_document: Uuid,
    /// The long policy, and its last version.
    pub long_policy: Uuid,
    pub long_policy_last: Uuid,
}

/// Slug of the first generated group: its presence means this database was seeded already.
const FIRST_GROUP_SLUG: &str = "seeded-group-1";
/// Rows to a statement: under SQLite's limit of 32,766 bound values for the widest table here.
const ROWS_PER_STATEMENT: usize = 500;
/// Rows to a transaction.
const ROWS_PER_BATCH: usize = 5_000;

/// Words of a direct payments board's work, from everyday to rare, so searches find many or few.
const WORDS: &[&str] = &[
    "the", "and", "to", "of", "a", "for", "we", "your", "is", "in", "you", "with", "on", "can", "will", "this", "people", "direct", "payments", "personal",
    "assistant", "support", "plan", "care", "money", "council", "form", "help", "home", "time", "carer", "budget", "account", "review", "agency",
    "payroll", "timesheet", "holiday", "insurance", "employer", "training", "recruitment", "contract", "audit", "brokerage", "reablement",
    "eligibility", "respite", "advocacy", "safeguarding", "pension", "redundancy", "contingency",
];
const FIRST_NAMES: &[&str] = &[
    "Amira", "Ben", "Chloe", "Dev", "Ellie", "Femi", "Grace", "Hamza", "Isla", "Jon", "Kemi", "Leon", "Maya", "Nia", "Omar", "Priya", "Quinn", "Rosa",
    "Sam", "Tariq", "Uma", "Vik", "Wendy", "Xander", "Yusuf", "Zara",
];
const LAST_NAMES: &[&str] = &[
    "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fofana", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Owen", "Patel",
    "Reid", "Shah", "Taylor", "Walsh", "Young",
];
const PERSPECTIVES: &[&str] = &["expert", "expert", "expert", "expert", "carer", "carer", "staff", "staff", "staff", "partner"];
const GROUP_TOPICS: &[&str] = &["Policy", "Communications, paperwork, finance and audit", "Recruitment and retention of personal assistants", "Support plans", "Easy read", "Payroll"];
const DOC_KINDS: &[&str] = &["policy", "paperwork", "form", "report", "other"];
const DOC_STATUSES: &[&str] = &["draft", "draft", "out_for_comment", "agreed", "published", "published"];
const THEMES: &[&str] = &["paperwork", "finance", "recruiting_pas", "support_plans", "information", "eligibility", "other"];
const FEEDBACK_STATUSES: &[&str] = &["heard", "considering", "doing", "done", "done", "not_doing"];

/// A small, repeatable pseudo-random sequence (a linear congruential generator): the generator
/// needs variety, not secrecy, and the same board every run.
struct Words(u64);

impl Words {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    fn word(&mut self) -> &'static str {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        // Skewed: everyday words come up far more often than rare ones.
        let r = ((self.0 >> 33) as f64 / (1u64 << 31) as f64).powi(3);
        WORDS[((r * WORDS.len() as f64) as usize).min(WORDS.len() - 1)]
    }

    /// A sentence of about `n` words, with a capital and a full stop.
    fn sentence(&mut self, n: usize) -> String {
        let mut s = (0..n.max(1)).map(|_| self.word()).collect::<Vec<_>>().join(" ");
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut out = Vec::new();
        let mut left = words;
        while left > 0 {
            let n = (8 + self.below(14)).min(left);
            out.push(self.sentence(n));
            left -= n;
        }
        out.join(" ")
    }
}

/// The Markdown of a document from its paragraphs, with a heading every few of them so it has
/// sections, as board papers do.
fn body_of(title: &str, paragraphs: &[String]) -> String {
    let mut out = format!("# {title}\n\n");
    for (i, p) in paragraphs.iter().enumerate() {
        if i % 4 == 0 {
            out.push_str(&format!("## Part {}\n\n", i / 4 + 1));
        }
        out.push_str(p);
        out.push_str("\n\n");
    }
    out
}

/// Writes `rows`, `per_statement` to a statement, inside a transaction already open.
async fn insert_in<A>(txn: &sea_orm::DatabaseTransaction, rows: &[A], per_statement: usize) -> DomainResult<()>
where
    A: ActiveModelTrait + Clone + Send,
{
    for part in rows.chunks(per_statement) {
        A::Entity::insert_many(part.to_vec()).exec(txn).await?;
    }
    Ok(())
}

/// Writes `rows` many to a statement, one transaction per `ROWS_PER_BATCH`.
async fn insert_all<A>(db: &DatabaseConnection, rows: Vec<A>) -> DomainResult<()>
where
    A: ActiveModelTrait + Clone + Send,
{
    for batch in rows.chunks(ROWS_PER_BATCH) {
        let txn = crate::begin(db).await?;
        insert_in(&txn, batch, ROWS_PER_STATEMENT).await?;
        txn.commit().await?;
    }
    Ok(())
}

/// Fills the database with a board of `size`, beside whatever is there: on the home board when
/// there is one (so its co-chairs can read everything made), otherwise on a new board. Refuses
/// to run twice on one database. `progress` hears a line as each part is done.
pub async fn seed(db: &DatabaseConnection, size: Size, mut progress: impl FnMut(String)) -> DomainResult<Seeded> {
    if space::Entity::find().filter(space::Column::Slug.eq(FIRST_GROUP_SLUG)).count(db).await? > 0 {
        return Err(DomainError::Conflict("This database has generated data already (there is a group called seeded-group-1). Nothing was changed. Use a fresh database to generate again.".into()));
    }
    if size.documents < 2 || size.people < 2 || size.groups < 1 || size.versions < 1 {
        return Err(DomainError::invalid("size", "A generated board needs at least one group, two people, two documents and one version of each."));
    }
    let started = std::time::Instant::now();
    let board_id = match crate::spaces::service::home_board(db).await? {
        Some(board) => board.space.id,
        None => crate::spaces::service::create_board(db, crate::spaces::service::NewBoard { name: "Generated Direct Payments Board", purpose: crate::spaces::DEFAULT_BOARD_PURPOSE }).await?.id,
    };
    let mut words = Words(2026);
    let now = Utc::now();
    // Three years of work, oldest first.
    let start = now - Duration::days(3 * 365);
    let at = |fraction: f64| start + Duration::seconds(((now - start).num_seconds() as f64 * fraction.clamp(0.0, 1.0)) as i64);

    // People, all members of the board.
    let people: Vec<Uuid> = (0..size.people).map(|_| Uuid::now_v7()).collect();
    let mut rows = Vec::with_capacity(size.people);
    for (n, id) in people.iter().enumerate() {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
        rows.push(person::ActiveModel {
            id: Set(*id),
            display_name: Set(format!("{first} {last} {}", n + 1)),
            pronouns: Set([None, Some("she/her"), Some("he/him"), Some("they/them")][n % 4].map(str::to_owned)),
            perspective: Set(PERSPECTIVES[n % PERSPECTIVES.len()].to_owned()),
            created_at: Set(at(n as f64 / size.people as f64 * 0.5)),
            email: Set(Some(format!("seeded-person-{}@example.org", n + 1))),
            password_hash: Set(None),
            access_needs: Set((n % 7 == 0).then(|| "Papers in large print, please, a week before.".to_owned())),
        });
    }
    insert_all(db, rows).await?;
    let board_members = people.iter().map(|p| membership::ActiveModel { space_id: Set(board_id), person_id: Set(*p), role: Set("member".into()), created_at: Set(now) }).collect();
    insert_all(db, board_members).await?;
    progress(format!("{} people, members of the board", size.people));

    // Groups, each with twenty or so of the people; the first of each leads it.
    let groups: Vec<Uuid> = (0..size.groups).map(|_| Uuid::now_v7()).collect();
    let per_group = 20.min(size.people);
    let group_people = |g: usize| -> Vec<Uuid> { (0..per_group).map(|k| people[(g * 7 + k) % size.people]).collect() };
    let (mut rows, mut members) = (Vec::new(), Vec::new());
    for (g, id) in groups.iter().enumerate() {
        let begun = at(g as f64 / size.groups as f64 * 0.8);
        let finished = g % 5 == 4;
        rows.push(space::ActiveModel {
            id: Set(*id),
            kind: Set("group".into()),
            slug: Set(format!("seeded-group-{}", g + 1)),
            name: Set(format!("{} {}", GROUP_TOPICS[g % GROUP_TOPICS.len()], g + 1)),
            purpose: Set(words.paragraph(30)),
            parent_id: Set(Some(board_id)),
            status: Set(Some(if finished { "finished" } else { "active" }.into())),
            start_date: Set(Some(begun.date_naive())),
            planned_end_date: Set(Some((begun + Duration::days(180)).date_naive())),
            require_coproduction: Set(true),
            require_vision_check: Set(false),
            require_easy_read: Set(false),
            time_zone: Set(None),
            report_summary: Set(finished.then(|| words.paragraph(40))),
            reported_on: Set(finished.then(|| (begun + Duration::days(170)).date_naive())),
            finished_on: Set(finished.then(|| (begun + Duration::days(180)).date_naive())),
            created_at: Set(begun),
            updated_at: Set(begun),
        });
        for (k, p) in group_people(g).into_iter().enumerate() {
            members.push(membership::ActiveModel { space_id: Set(*id), person_id: Set(p), role: Set(if k == 0 { "co_chair" } else { "member" }.into()), created_at: Set(begun) });
        }
    }
    insert_all(db, rows).await?;
    insert_all(db, members).await?;
    progress(format!("{} groups", size.groups));

    // Documents, each with its versions: every version rewrites one paragraph or adds one.
    let mut documents: Vec<(Uuid, Uuid, String)> = Vec::with_capacity(size.documents); // id, space, title
    let mut long_last = Uuid::nil();
    let mut revisions_made = 0;
    let mut search_rows = 0;
    let chunk = (ROWS_PER_BATCH / size.versions).max(1);
    let mut n = 0;
    while n < size.documents {
        let (mut docs, mut revs, mut found) = (Vec::new(), Vec::new(), Vec::new());
        for d in n..(n + chunk).min(size.documents) {
            let id = Uuid::now_v7();
            let g = d % size.groups;
            let space_id = groups[g];
            let authors = group_people(g);
            let kind = if d == 1 { "policy" } else { DOC_KINDS[d % DOC_KINDS.len()] };
            let title = match d {
                0 => "Direct payments agreement (the most discussed paper)".to_owned(),
                1 => format!("Direct payments policy (long, {} words)", size.long_policy_words),
                _ => format!("{} {}: {}", kind_label(kind), d + 1, words.sentence(4).trim_end_matches('.')),
            };
            let mut paragraphs: Vec<String> = if d == 1 {
                let mut left = size.long_policy_words;
                let mut ps = Vec::new();
                while left > 0 {
                    let w = 120.min(left);
                    ps.push(words.paragraph(w));
                    left -= w;
                }
                ps
            } else {
                (0..8).map(|_| words.paragraph(30)).collect()
            };
            let created = at(0.05 + 0.9 * d as f64 / size.documents as f64);
            let mut rev_ids = Vec::with_capacity(size.versions);
            let mut body = String::new();
            for v in 0..size.versions {
                if v > 0 {
                    let which = words.below(paragraphs.len() + 1);
                    if which == paragraphs.len() {
                        paragraphs.push(words.paragraph(30));
                    } else {
                        paragraphs[which] = words.paragraph(30.max(paragraphs[which].split(' ').count()));
                    }
                }
                body = body_of(&title, &paragraphs);
                let rev = Uuid::now_v7();
                rev_ids.push(rev);
                revs.push(revision::ActiveModel {
                    id: Set(rev),
                    document_id: Set(id),
                    number: Set(v as i32 + 1),
                    body: Set(body.clone()),
                    note: Set((v > 0).then(|| format!("Changes from the group's meeting ({})", v + 1))),
                    author_id: Set(authors[v % authors.len()]),
                    supporter_id: Set(None),
                    merged: Set(false),
                    clashes: Set(0),
                    written_with: Set(None),
                    created_at: Set(created + Duration::hours(v as i64 * 30)),
                });
            }
            let status = if d <= 1 { "published" } else { DOC_STATUSES[d % DOC_STATUSES.len()] };
            let last = *rev_ids.last().expect("at least one version");
            let model = document::Model {
                id,
                space_id,
                title: title.clone(),
                kind: kind.to_owned(),
                status: status.to_owned(),
                tags: None,
                current_revision_id: last,
                published_revision_id: (status == "published").then_some(last),
                created_by: authors[0],
                created_at: created,
                updated_at: created + Duration::hours(size.versions as i64 * 30),
            };
            let rows = crate::search::index::document_rows(&model, &body, (status == "published").then_some(body.as_str()), now);
            search_rows += rows.len();
            found.extend(rows);
            if d == 1 {
                long_last = last;
            }
            revisions_made += rev_ids.len();
            docs.push(document::ActiveModel::from(model));
            documents.push((id, space_id, title));
        }
        // Documents before their versions: on PostgreSQL the versions point at their document.
        let txn = crate::begin(db).await?;
        insert_in(&txn, &docs, ROWS_PER_STATEMENT).await?;
        // Versions are long: fewer to a statement.
        insert_in(&txn, &revs, ROWS_PER_STATEMENT / 5).await?;
        insert_in(&txn, &found, ROWS_PER_STATEMENT).await?;
        txn.commit().await?;
        n += chunk;
    }
    progress(format!("{} documents with {} versions", size.documents, revisions_made));

    // Conversations: the busy document first, then most on documents (five to a thread) and
    // the rest in group discussions (twenty to a thread).
    let mut plan: Vec<(usize, Option<usize>, usize)> = Vec::new(); // (space index, document index, comments)
    let busy = size.busy_document_comments.min(size.comments);
    let mut left = size.comments - busy;
    for _ in 0..busy.div_ceil(10) {
        plan.push((0, Some(0), 10));
    }
    let on_documents = left * 4 / 5;
    let mut d = 1;
    let mut placed = 0;
    while placed < on_documents {
        let k = 5.min(on_documents - placed);
        plan.push((d % size.groups, Some(d), k));
        placed += k;
        d = if d + 1 >= size.documents { 1 } else { d + 1 };
    }
    left -= on_documents;
    let mut g = 0;
    while left > 0 {
        let k = 20.min(left);
        plan.push((g % size.groups, None, k));
        left -= k;
        g += 1;
    }
    // The busy document's threads hold exactly its number.
    if let Some(first) = plan.first_mut().filter(|_| busy % 10 != 0) {
        first.2 = busy % 10;
    }
    let total_threads = plan.len();
    let mut made_comments = 0;
    for (i, part) in plan.chunks(ROWS_PER_BATCH / 20).enumerate() {
        let (mut threads, mut comments, mut found) = (Vec::new(), Vec::new(), Vec::new());
        for (j, &(space_index, doc, count)) in part.iter().enumerate() {
            let position = (i * (ROWS_PER_BATCH / 20) + j) as f64 / total_threads.max(1) as f64;
            let begun = at(0.1 + 0.88 * position);
            let (space_id, target_type, target_id, title, search_title) = match doc {
                Some(d) => (documents[d].1, "document", Some(documents[d].0), None, documents[d].2.clone()),
                None => {
                    let t = words.sentence(5);
                    (groups[space_index], "discussion", None, Some(t.clone()), t)
                }
            };
            let speakers = group_people(doc.map(|d| d % size.groups).unwrap_or(space_index));
            let t = thread::Model {
                id: Uuid::now_v7(),
                space_id,
                target_type: target_type.into(),
                target_id,
                section_key: None,
                section_title: None,
                section_text: None,
                revision_id: None,
                revision_number: None,
                title,
                created_by: speakers[j % speakers.len()],
                created_at: begun,
                last_activity_at: begun + Duration::minutes(count as i64 * 90),
                resolved_at: None,
                resolved_by: None,
            };
            for k in 0..count {
                let c = comment::Model {
                    id: Uuid::now_v7(),
                    thread_id: t.id,
                    parent_id: None,
                    author_id: speakers[(j + k) % speakers.len()],
                    supporter_id: None,
                    said_by_name: None,
                    said_by_id: None,
                    body: { let n = 10 + words.below(40); words.paragraph(n) },
                    created_at: begun + Duration::minutes(k as i64 * 90),
                    edited_at: None,
                    deleted_at: None,
                    hidden_at: None,
                    hidden_by: None,
                    hidden_reason: None,
                };
                found.push(crate::search::index::comment_row(&c, &t, search_title.clone(), now));
                comments.push(comment::ActiveModel::from(c));
            }
            threads.push(thread::ActiveModel::from(t));
        }
        made_comments += comments.len();
        search_rows += found.len();
        let txn = crate::begin(db).await?;
        insert_in(&txn, &threads, ROWS_PER_STATEMENT).await?;
        insert_in(&txn, &comments, ROWS_PER_STATEMENT).await?;
        insert_in(&txn, &found, ROWS_PER_STATEMENT).await?;
        txn.commit().await?;
    }
    progress(format!("{made_comments} comments in {total_threads} conversations"));

    // Meetings: the board's and the groups', weekly through the three years and a few ahead.
    let (mut meetings, mut items) = (Vec::new(), Vec::new());
    for m in 0..size.meetings {
        let id = Uuid::now_v7();
        let space_index = m % (size.groups + 1);
        let space_id = if space_index == size.groups { board_id } else { groups[space_index] };
        let day = at(0.02 + 1.0 * m as f64 / size.meetings as f64) + Duration::days(30);
        let starts = day.date_naive().and_hms_opt(10, 30, 0).expect("a real time").and_utc();
        let online = m % 3 == 0;
        meetings.push(meeting::ActiveModel {
            id: Set(id),
            space_id: Set(space_id),
            title: Set(format!("Meeting {}", m + 1)),
            starts_at: Set(starts),
            ends_at: Set(starts + Duration::hours(2)),
            place: Set((!online).then(|| "Room 2, County Hall".to_owned())),
            join_link: Set(online.then(|| "https://meet.example.org/board".to_owned())),
            access_offered: Set(if m % 2 == 0 { "captions,bsl" } else { "captions" }.into()),
            papers_days: Set(7),
            papers_sent_at: Set((starts < now).then(|| starts - Duration::days(7))),
            minute_taker_id: Set(Some(people[m % size.people])),
            minutes_document_id: Set(None),
            sequence: Set(0),
            created_by: Set(people[m % size.people]),
            created_at: Set(starts - Duration::days(21)),
            updated_at: Set(starts - Duration::days(21)),
        });
        for k in 0..3 {
            items.push(agenda_item::ActiveModel {
                id: Set(Uuid::now_v7()),
                meeting_id: Set(id),
                position: Set(k + 1),
                title: Set(words.sentence(5)),
                lead_id: Set(Some(people[(m + k as usize) % size.people])),
                minutes: Set(Some(20)),
                created_at: Set(starts - Duration::days(21)),
            });
        }
    }
    insert_all(db, meetings).await?;
    insert_all(db, items).await?;
    progress(format!("{} meetings with their agendas", size.meetings));

    // You Said We Did: what people told the board, most of it answered and published.
    let (mut feedback, mut sources, mut found) = (Vec::new(), Vec::new(), Vec::new());
    for f in 0..size.feedback {
        let id = Uuid::now_v7();
        let told = at(0.05 + 0.9 * f as f64 / size.feedback as f64);
        let status = FEEDBACK_STATUSES[f % FEEDBACK_STATUSES.len()];
        let published = status != "heard" && f % 10 != 7;
        let item = feedback_item::Model {
            id,
            space_id: board_id,
            group_id: (f % 3 == 0).then(|| groups[f % size.groups]),
            said: { let n = 15 + words.below(25); words.paragraph(n) },
            themes: [THEMES[f % THEMES.len()], THEMES[(f / 7) % THEMES.len()]].iter().copied().collect::<std::collections::BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(","),
            status: status.into(),
            status_reason: (status == "not_doing").then(|| words.paragraph(20)),
            response: (status != "heard").then(|| words.paragraph(25)),
            owner_id: Some(people[f % size.people]),
            target_on: (status == "doing").then(|| NaiveDate::from_ymd_opt(2027, 3, 1).expect("a real date")),
            published_at: published.then(|| told + Duration::days(14)),
            published_by: published.then(|| people[(f + 1) % size.people]),
            merged_into: None,
            status_since: told + Duration::days(7),
            last_update_at: told + Duration::days(14),
            created_by: (f % 4 != 0).then(|| people[f % size.people]),
            created_at: told,
            updated_at: told + Duration::days(14),
        };
        sources.push(feedback_source::ActiveModel {
            id: Set(Uuid::now_v7()),
            item_id: Set(id),
            kind: Set(["event", "survey", "meeting", "complaint", "public_form"][f % 5].into()),
            detail: Set(Some("Spring co-production event".into())),
            said_on: Set(told.date_naive()),
            words: Set(words.paragraph(20)),
            show_words: Set(f % 2 == 0),
            people: Set(1 + (f % 6) as i32),
            contact_name: Set(None),
            contact_email: Set(None),
            may_ask: Set(false),
            created_at: Set(told),
        });
        found.extend(crate::search::index::feedback_rows(&item, now));
        feedback.push(feedback_item::ActiveModel::from(item));
    }
    search_rows += found.len();
    insert_all(db, feedback).await?;
    insert_all(db, sources).await?;
    insert_all(db, found).await?;
    progress(format!("{} You Said We Did items", size.feedback));
    progress(format!("done in {:.1} s", started.elapsed().as_secs_f64()));

    Ok(Seeded {
        board_id,
        groups: size.groups,
        people: size.people,
        documents: size.documents,
        revisions: revisions_made,
        comments: made_comments,
        meetings: size.meetings,
        feedback: size.feedback,
        search_rows,
        busy_document: documents[0].0,
        long_policy: documents[1].0,
        long_policy_last: long_last,
    })
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "policy" => "Policy",
        "paperwork" => "Paperwork",
        "form" => "Form",
        "report" => "Report",
        _ => "Paper",
    }
}
