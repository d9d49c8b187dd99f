//! Remembering, for the length of one page load, what that page has already read.
//!
//! A page asks several services for its parts (a document, its agreement, its decisions, its
//! vision check...). Each service checks the viewer's role and reads the document and its space
//! itself, so that it is correct on its own; on one page that meant the same rows read again and
//! again. Inside [`reading`], those look-ups are answered once and remembered until the page is
//! built. Outside it (every write, every API call), nothing is remembered and each service reads
//! afresh, so a change is never checked against a stale row.

use std::collections::HashMap;
use std::sync::Mutex;

use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::DomainResult;
use crate::entities::{document, space};
use crate::people::Role;

#[derive(Default)]
pub struct Memo {
    roles: Mutex<HashMap<(Uuid, Uuid), Option<Role>>>,
    spaces: Mutex<HashMap<Uuid, Option<space::Model>>>,
    documents: Mutex<HashMap<Uuid, Option<document::Model>>>,
    glossaries: Mutex<HashMap<Uuid, Vec<crate::glossary::Term>>>,
}

tokio::task_local! {
    static MEMO: Memo;
}

/// Runs a read-only page load with its look-ups remembered. Never wrap a write in this.
pub async fn reading<F: std::future::Future>(load: F) -> F::Output {
    MEMO.scope(Memo::default(), load).await
}

/// What this page load remembers under `key` in one of its tables (nothing outside a page load).
fn recall<K: std::hash::Hash + Eq, T: Clone>(table: fn(&Memo) -> &Mutex<HashMap<K, T>>, key: &K) -> Option<T> {
    MEMO.try_with(|m| table(m).lock().ok().and_then(|t| t.get(key).cloned())).ok().flatten()
}

fn keep<K: std::hash::Hash + Eq, T>(table: fn(&Memo) -> &Mutex<HashMap<K, T>>, key: K, value: T) {
    let _ = MEMO.try_with(|m| {
        if let Ok(mut t) = table(m).lock() {
            t.insert(key, value);
        }
    });
}

/// The remembered role of `person` in `space`, if this page load has worked it out already.
pub(crate) fn role(person: Uuid, space: Uuid) -> Option<Option<Role>> {
    recall(|m| &m.roles, &(person, space))
}

pub(crate) fn remember_role(person: Uuid, space: Uuid, role: Option<Role>) {
    keep(|m| &m.roles, (person, space), role);
}

/// A space's row, read once per page load.
pub(crate) async fn space(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<space::Model>> {
    if let Some(found) = recall(|m| &m.spaces, &id) {
        return Ok(found);
    }
    let found = space::Entity::find_by_id(id).one(db).await?;
    keep(|m| &m.spaces, id, found.clone());
    Ok(found)
}

/// A document's row, read once per page load.
pub(crate) async fn document(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<document::Model>> {
    if let Some(found) = recall(|m| &m.documents, &id) {
        return Ok(found);
    }
    let found = document::Entity::find_by_id(id).one(db).await?;
    keep(|m| &m.documents, id, found.clone());
    Ok(found)
}

/// A board's glossary, read once per page load (a page explains several texts with it).
pub(crate) fn glossary(board: Uuid) -> Option<Vec<crate::glossary::Term>> {
    recall(|m| &m.glossaries, &board)
}

pub(crate) fn remember_glossary(board: Uuid, terms: &[crate::glossary::Term]) {
    keep(|m| &m.glossaries, board, terms.to_vec());
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
}
