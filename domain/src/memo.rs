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

/// The remembered role of `person` in `space`, if this page load has worked it out already.
pub(crate) fn role(person: Uuid, space: Uuid) -> Option<Option<Role>> {
    MEMO.try_with(|m| m.roles.lock().ok().and_then(|r| r.get(&(person, space)).copied())).ok().flatten()
}

pub(crate) fn remember_role(person: Uuid, space: Uuid, role: Option<Role>) {
    let _ = MEMO.try_with(|m| {
        if let Ok(mut roles) = m.roles.lock() {
            roles.insert((person, space), role);
        }
    });
}

/// A space's row, read once per page load.
pub(crate) async fn space(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<space::Model>> {
    if let Ok(Some(found)) = MEMO.try_with(|m| m.spaces.lock().ok().and_then(|s| s.get(&id).cloned())) {
        return Ok(found);
    }
    let found = space::Entity::find_by_id(id).one(db).await?;
    let _ = MEMO.try_with(|m| {
        if let Ok(mut spaces) = m.spaces.lock() {
            spaces.insert(id, found.clone());
        }
    });
    Ok(found)
}

/// A document's row, read once per page load.
pub(crate) async fn document(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Option<document::Model>> {
    if let Ok(Some(found)) = MEMO.try_with(|m| m.documents.lock().ok().and_then(|d| d.get(&id).cloned())) {
        return Ok(found);
    }
    let found = document::Entity::find_by_id(id).one(db).await?;
    let _ = MEMO.try_with(|m| {
        if let Ok(mut documents) = m.documents.lock() {
            documents.insert(id, found.clone());
        }
    });
    Ok(found)
}

/// A board's glossary, read once per page load (a page explains several texts with it).
pub(crate) fn glossary(board: Uuid) -> Option<Vec<crate::glossary::Term>> {
    MEMO.try_with(|m| m.glossaries.lock().ok().and_then(|g| g.get(&board).cloned())).ok().flatten()
}

pub(crate) fn remember_glossary(board: Uuid, terms: &[crate::glossary::Term]) {
    let _ = MEMO.try_with(|m| {
        if let Ok(mut glossaries) = m.glossaries.lock() {
            glossaries.insert(board, terms.to_vec());
        }
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
}
