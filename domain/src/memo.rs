//! Remembering, for the length of one page load, what that page has already read.
//!
//! A page asks several services for its parts (a document, its agreement, its decisions, its
//! vision check...). Each service checks the viewer's role and reads the document and its space
//! itself, so that it is correct on its own; on one page that meant the same rows read again and
//! again. Inside [`reading`], those look-ups are answered once and remembered until the page is
//! built. Outside it (every write, every API call), nothing is remembered and each service reads
//! afresh, so a change is never checked against a stale row.
//!
//! Page loads of one app instance also share what they read through [`Shared`], until anything
//! changes: the server drops it all after every request that may write (and, on PostgreSQL, when
//! another instance announces a change), exactly as it drops the pages it keeps. A page load
//! that began before a change never leaves what it read there, so nothing read before a change
//! is used after it. What is shared is also forgotten after [`MAX_AGE`], so a change made where
//! no server hears it (the command line on SQLite) shows within a minute, as kept pages do.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::DomainResult;
use crate::entities::{document, space};
use crate::people::Role;

#[derive(Default)]
struct Tables {
    roles: HashMap<(Uuid, Uuid), Option<Role>>,
    spaces: HashMap<Uuid, Option<space::Model>>,
    documents: HashMap<Uuid, Option<document::Model>>,
    glossaries: HashMap<Uuid, Vec<crate::glossary::Term>>,
    /// Whole parts of pages, worked out for one viewer (see [`value`]).
    values: HashMap<(&'static str, Uuid, Uuid), Arc<dyn std::any::Any + Send + Sync>>,
}

impl Tables {
    fn len(&self) -> usize {
        self.roles.len() + self.spaces.len() + self.documents.len() + self.glossaries.len() + self.values.len()
    }
}

/// What one page load has read.
struct Memo {
    tables: Mutex<Tables>,
    shared: Option<Arc<Shared>>,
    /// The shared tables' generation when this page load began.
    began: u64,
}

/// What the page loads of one app instance have read, until something changes.
pub struct Shared {
    generation: AtomicU64,
    /// False while changes could go unheard (PostgreSQL without its listener): nothing is shared.
    trusted: AtomicBool,
    /// The generation the tables were read in, when they were begun, and the tables.
    tables: Mutex<(u64, Instant, Tables)>,
    max_age: Duration,
}

/// How long shared rows are trusted at most, whatever is heard.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// Past this many remembered rows, the shared tables start again (they refill as pages load).
const MAX_SHARED: usize = 20_000;

impl Shared {
    pub fn new(trusted: bool) -> Arc<Self> {
        Self::with_max_age(trusted, MAX_AGE)
    }

    /// As [`Shared::new`], forgetting after `max_age` (tests use a short one).
    pub fn with_max_age(trusted: bool, max_age: Duration) -> Arc<Self> {
        Arc::new(Self {
            max_age,
            generation: AtomicU64::new(1),
            trusted: AtomicBool::new(trusted),
            tables: Mutex::new((1, Instant::now(), Tables::default())),
        })
    }

    /// Something may have changed: forget everything.
    pub fn changed(&self) {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        if let Ok(mut tables) = self.tables.lock() {
            *tables = (generation, Instant::now(), Tables::default());
        }
    }

    /// Whether changes made elsewhere are heard, so that what is shared can be trusted.
    pub fn set_trusted(&self, trusted: bool) {
        self.trusted.store(trusted, Ordering::Release);
        self.changed();
    }

    fn recall<T>(&self, read: impl FnOnce(&Tables) -> Option<T>) -> Option<T> {
        if !self.trusted.load(Ordering::Acquire) {
            return None;
        }
        let tables = self.tables.lock().ok()?;
        let current = tables.0 == self.generation.load(Ordering::Acquire) && tables.1.elapsed() < self.max_age;
        current.then(|| read(&tables.2)).flatten()
    }

    fn keep(&self, began: u64, write: impl FnOnce(&mut Tables)) {
        if !self.trusted.load(Ordering::Acquire) {
            return;
        }
        let Ok(mut tables) = self.tables.lock() else { return };
        // Read before a change: never shared after it.
        if tables.0 != began || began != self.generation.load(Ordering::Acquire) {
            return;
        }
        // Too many rows, or too old to trust: begin again.
        if tables.2.len() >= MAX_SHARED || tables.1.elapsed() >= self.max_age {
            tables.1 = Instant::now();
            tables.2 = Tables::default();
        }
        write(&mut tables.2);
    }
}

tokio::task_local! {
    static MEMO: Memo;
}

/// Runs a read-only page load with its look-ups remembered. Never wrap a write in this.
pub async fn reading<F: std::future::Future>(load: F) -> F::Output {
    MEMO.scope(Memo { tables: Mutex::default(), shared: None, began: 0 }, load).await
}

/// As [`reading`], also sharing what is read with the instance's other page loads until
/// anything changes.
pub async fn reading_shared<F: std::future::Future>(shared: Arc<Shared>, load: F) -> F::Output {
    let began = shared.generation.load(Ordering::Acquire);
    MEMO.scope(Memo { tables: Mutex::default(), shared: Some(shared), began }, load).await
}

/// What this page load, or failing that the instance's page loads, remember (nothing outside a
/// page load).
fn recall<T: Clone>(read: impl Fn(&Tables) -> Option<T>) -> Option<T> {
    MEMO.try_with(|m| {
        if let Some(found) = m.tables.lock().ok().and_then(|t| read(&t)) {
            return Some(found);
        }
        m.shared.as_ref()?.recall(&read)
    })
    .ok()
    .flatten()
}

fn keep(write: impl Fn(&mut Tables)) {
    let _ = MEMO.try_with(|m| {
        if let Ok(mut t) = m.tables.lock() {
            write(&mut t);
        }
        if let Some(shared) = &m.shared {
            shared.keep(m.began, &write);
        }
    });
}

/// The remembered role of `person` in `space`, if this page load has worked it out already.
pub(crate) fn role(person: Uuid, space: Uuid) -> Option<Option<Role>> {
    recall(|t| t.roles.get(&(person, space)).copied())
}

pub(crate) fn remember_role(person: Uuid, space: Uuid, role: Option<Role>) {
    keep(|t| {
        t.roles.insert((person, space), role);
    });
}

/// A space's row, read once per page load.
pub(crate) async fn space(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<space::Model>> {
    if let Some(found) = recall(|t| t.spaces.get(&id).cloned()) {
        return Ok(found);
    }
    let found = space::Entity::find_by_id(id).one(db).await?;
    keep(|t| {
        t.spaces.insert(id, found.clone());
    });
    Ok(found)
}

/// A document's row, read once per page load.
pub(crate) async fn document(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<document::Model>> {
    if let Some(found) = recall(|t| t.documents.get(&id).cloned()) {
        return Ok(found);
    }
    let found = document::Entity::find_by_id(id).one(db).await?;
    keep(|t| {
        t.documents.insert(id, found.clone());
    });
    Ok(found)
}

/// A board's glossary, read once per page load (a page explains several texts with it).
pub(crate) fn glossary(board: Uuid) -> Option<Vec<crate::glossary::Term>> {
    recall(|t| t.glossaries.get(&board).cloned())
}

pub(crate) fn remember_glossary(board: Uuid, terms: &[crate::glossary::Term]) {
    keep(|t| {
        t.glossaries.insert(board, terms.to_vec());
    });
}

/// What a page load, or the instance's page loads since the last change, worked out as `kind`
/// for `viewer` (`Uuid::nil()` for nobody signed in) about `subject`: a whole part of a page,
/// such as everything below a document for one person. Only for what depends on nothing else
/// than the rows a change would drop and the viewer.
pub fn value<T: Clone + Send + Sync + 'static>(kind: &'static str, viewer: Uuid, subject: Uuid) -> Option<T> {
    recall(|t| t.values.get(&(kind, viewer, subject)).and_then(|v| v.downcast_ref::<T>()).cloned())
}

pub fn remember_value<T: Clone + Send + Sync + 'static>(kind: &'static str, viewer: Uuid, subject: Uuid, found: &T) {
    let found: Arc<dyn std::any::Any + Send + Sync> = Arc::new(found.clone());
    keep(|t| {
        t.values.insert((kind, viewer, subject), found.clone());
    });
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn remembered_only_inside_a_page_load() {
        let (person, space) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        super::remember_role(person, space, Some(crate::people::Role::Member));
        assert_eq!(super::role(person, space), None, "outside a page load nothing is kept");
        super::reading(async {
            assert_eq!(super::role(person, space), None);
            super::remember_role(person, space, Some(crate::people::Role::Member));
            assert_eq!(super::role(person, space), Some(Some(crate::people::Role::Member)));
        })
        .await;
        assert_eq!(super::role(person, space), None);
    }

    #[tokio::test]
    async fn shared_until_a_change_and_never_across_one() {
        use crate::people::Role;
        let (person, space) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let shared = super::Shared::new(true);
        super::reading_shared(shared.clone(), async { super::remember_role(person, space, Some(Role::Member)) }).await;
        let seen = super::reading_shared(shared.clone(), async { super::role(person, space) }).await;
        assert_eq!(seen, Some(Some(Role::Member)), "the next page load finds it");
        shared.changed();
        let seen = super::reading_shared(shared.clone(), async { super::role(person, space) }).await;
        assert_eq!(seen, None, "forgotten after a change");
        // A page load that began before a change does not leave what it read.
        super::reading_shared(shared.clone(), async {
            shared.changed();
            super::remember_role(person, space, Some(Role::Observer));
        })
        .await;
        let seen = super::reading_shared(shared.clone(), async { super::role(person, space) }).await;
        assert_eq!(seen, None);
        // Whole parts of pages, per viewer and subject, go with a change like every row.
        let (other, subject) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        super::reading_shared(shared.clone(), async { super::remember_value("part", person, subject, &7_u32) }).await;
        let seen = super::reading_shared(shared.clone(), async {
            (super::value::<u32>("part", person, subject), super::value::<u32>("part", other, subject), super::value::<u64>("part", person, subject))
        })
        .await;
        assert_eq!(seen, (Some(7), None, None), "for that viewer only, and of that type only");
        shared.changed();
        assert_eq!(super::reading_shared(shared.clone(), async { super::value::<u32>("part", person, subject) }).await, None);
        // Nothing is trusted for longer than its age allows, even with no change heard.
        let brief = super::Shared::with_max_age(true, std::time::Duration::from_millis(50));
        super::reading_shared(brief.clone(), async { super::remember_role(person, space, Some(Role::Member)) }).await;
        assert_eq!(super::reading_shared(brief.clone(), async { super::role(person, space) }).await, Some(Some(Role::Member)));
        tokio::time::sleep(std::time::Duration::from_millis(80)).await;
        assert_eq!(super::reading_shared(brief.clone(), async { super::role(person, space) }).await, None, "too old to trust");
        // Nothing is shared while changes could go unheard.
        shared.set_trusted(false);
        super::reading_shared(shared.clone(), async { super::remember_role(person, space, Some(Role::Member)) }).await;
        let seen = super::reading_shared(shared.clone(), async { super::role(person, space) }).await;
        assert_eq!(seen, None);
    }
}
