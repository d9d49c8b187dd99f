//! Live editing: several people writing one draft at the same time, each seeing the others'
//! words as they type. The text is a CRDT (`yrs`, the Rust port of Yjs, so browsers run Yjs and
//! speak the same format): every keystroke travels as a small update that merges the same way
//! whatever order updates arrive in, so nobody's words are lost and everyone ends with the
//! same text.
//!
//! **What is kept.** A document written live has one `live_documents` row. Inserting it starts
//! the session, with one `start` update holding the text of the newest version; an insert that
//! finds the row there already does nothing, so two instances can never both start a session and
//! double the text. Every update someone sends is kept in `live_updates` *before* it is passed on,
//! so a server that stops (or is killed) has lost nothing it received: the text is rebuilt from
//! the updates.
//!
//! **Revisions stay the record.** [`save`] turns the live text into an ordinary revision,
//! credited to everyone who typed since the last one (the first as author, the rest in
//! `written_with`), so history, compare, agreeing and easy-read freshness work as before. A
//! version saved any other way (a form, the API, bringing back an old one, an accepted
//! suggestion) is merged into the live text by [`merge_saved`], so it is not undone when the
//! live text is next saved.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Statement, sea_query::Expr,
};
use uuid::Uuid;
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, ReadTxn, StateVector, Text, Transact, Update};

use super::SaveOutcome;
use crate::accounts::authorize;
use crate::entities::{document, live_document, live_update, person, revision};
use crate::people::{CurrentUser, Perspective};
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

/// The name of the shared text in every live document (the browser editor binds to it too).
pub const TEXT_NAME: &str = "content";
/// One update bigger than this is refused: typing makes updates of a few dozen bytes, and even
/// pasting a long policy stays far below it.
pub const MAX_UPDATE_BYTES: usize = 2 * 1024 * 1024;
/// The longest live text, as for any version (see `service::check_body`).
pub const MAX_TEXT_BYTES: usize = 4 * 1_000_000;

/// What an update was.
pub mod kind {
    /// Sent by someone's editor.
    pub const TYPED: &str = "typed";
    /// The newest version's text, when the session started.
    pub const START: &str = "start";
    /// A version saved another way, merged in.
    pub const FORM: &str = "form";
    /// Earlier updates packed into one.
    pub const KEPT: &str = "kept";
}

/// A CRDT document built from `updates` (each Yjs v1-encoded), oldest first. An update that
/// cannot be read is skipped and logged: it was checked before it was kept, so this is only a
/// safeguard.
pub fn doc_from<'a>(updates: impl IntoIterator<Item = &'a [u8]>) -> Doc {
    let doc = Doc::new();
    let _ = doc.get_or_insert_text(TEXT_NAME);
    {
        let mut txn = doc.transact_mut();
        for data in updates {
            match Update::decode_v1(data) {
                Ok(update) => {
                    if let Err(error) = txn.apply_update(update) {
                        tracing::warn!(%error, "skipped a live update that could not be applied");
                    }
                }
                Err(error) => tracing::warn!(%error, "skipped a live update that could not be read"),
            }
        }
    }
    doc
}

/// The text of a live document.
pub fn text_of(doc: &Doc) -> String {
    let text = doc.get_or_insert_text(TEXT_NAME);
    let txn = doc.transact();
    text.get_string(&txn)
}

/// Checks that `data` is one readable Yjs update of a sensible size (before it is kept).
pub fn check_update(data: &[u8]) -> Result<Update, String> {
    if data.len() > MAX_UPDATE_BYTES {
        return Err(format!("That change is too big to send at once ({} KB). Please paste long text in smaller parts.", data.len() / 1024));
    }
    Update::decode_v1(data).map_err(|e| format!("That change could not be read: {e}"))
}

/// The update that turns `doc`'s text into `to`, made on `doc` (so it is applied there too), or
/// `None` when the text is already `to`. The change is worked out character by character, so
/// what others are typing elsewhere in the text merges around it.
pub fn change_text(doc: &Doc, to: &str) -> Option<Vec<u8>> {
    use similar::{Algorithm, DiffOp, TextDiff};
    let text = doc.get_or_insert_text(TEXT_NAME);
    let from = {
        let txn = doc.transact();
        text.get_string(&txn)
    };
    if from == to {
        return None;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let diff = TextDiff::configure().algorithm(Algorithm::Myers).deadline(deadline).diff_chars(from.as_str(), to);
    // Character positions to byte offsets (yrs counts bytes by default).
    let old_at: Vec<usize> = from.char_indices().map(|(b, _)| b).chain(std::iter::once(from.len())).collect();
    let new_at: Vec<usize> = to.char_indices().map(|(b, _)| b).chain(std::iter::once(to.len())).collect();
    let mut txn = doc.transact_mut();
    // From the end backwards, so the offsets of changes not yet made stay right.
    for op in diff.ops().iter().rev() {
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, .. } => {
                let (start, end) = (old_at[old_index], old_at[old_index + old_len]);
                text.remove_range(&mut txn, start as u32, (end - start) as u32);
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                text.insert(&mut txn, old_at[old_index] as u32, &to[new_at[new_index]..new_at[new_index + new_len]]);
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let (start, end) = (old_at[old_index], old_at[old_index + old_len]);
                text.remove_range(&mut txn, start as u32, (end - start) as u32);
                text.insert(&mut txn, start as u32, &to[new_at[new_index]..new_at[new_index + new_len]]);
            }
        }
    }
    Some(txn.encode_update_v1())
}

/// The document, if `person` may write it live: anyone who may edit it. Someone who may only
/// read it is told so; someone who may not see it is told it is not there.
pub async fn may_write(db: &impl ConnectionTrait, person: Uuid, doc_id: Uuid) -> DomainResult<document::Model> {
    let not_found = || DomainError::NotFound("We could not find that document.".into());
    let doc = document::Entity::find_by_id(doc_id).one(db).await?.ok_or_else(not_found)?;
    authorize(db, Some(person), doc.space_id, Action::ViewSpace).await.map_err(|_| not_found())?;
    authorize(db, Some(person), doc.space_id, Action::EditDocuments)
        .await
        .map_err(|_| DomainError::Forbidden("You can read this document but not change it, so you cannot join the live writing.".into()))?;
    Ok(doc)
}

/// Opens the document's live session, starting it from the newest version when there is none,
/// and returns every update kept so far, oldest first.
pub async fn open(db: &DatabaseConnection, doc_id: Uuid) -> DomainResult<Vec<live_update::Model>> {
    if live_document::Entity::find_by_id(doc_id).one(db).await?.is_none() {
        let doc = document::Entity::find_by_id(doc_id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that document.".into()))?;
        let head = revision::Entity::find_by_id(doc.current_revision_id).one(db).await?.ok_or(DomainError::Internal)?;
        let txn = crate::begin(db).await?;
        let backend = txn.get_database_backend();
        let now = chrono::Utc::now();
        let sql = match backend {
            DatabaseBackend::Postgres => {
                "INSERT INTO live_documents (document_id, base_revision_id, saved_through, created_at, updated_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT (document_id) DO NOTHING"
            }
            _ => "INSERT INTO live_documents (document_id, base_revision_id, saved_through, created_at, updated_at) VALUES (?1, ?2, 0, ?3, ?3) ON CONFLICT (document_id) DO NOTHING",
        };
        let inserted = txn.execute_raw(Statement::from_sql_and_values(backend, sql, [doc_id.into(), head.id.into(), now.into()])).await?;
        if inserted.rows_affected() == 1 {
            let start = Doc::new();
            let text = start.get_or_insert_text(TEXT_NAME);
            let data = {
                let mut t = start.transact_mut();
                text.insert(&mut t, 0, &head.body);
                t.encode_update_v1()
            };
            append(&txn, doc_id, None, kind::START, data).await?;
        }
        txn.commit().await?;
    }
    updates(db, doc_id).await
}

/// Every update kept for the document, oldest first.
pub async fn updates(db: &impl ConnectionTrait, doc_id: Uuid) -> DomainResult<Vec<live_update::Model>> {
    Ok(live_update::Entity::find().filter(live_update::Column::DocumentId.eq(doc_id)).order_by_asc(live_update::Column::Id).all(db).await?)
}

/// One kept update (to pass on one another instance kept).
pub async fn update(db: &impl ConnectionTrait, id: i64) -> DomainResult<Option<live_update::Model>> {
    Ok(live_update::Entity::find_by_id(id).one(db).await?)
}

/// Keeps an update; returns its id.
pub async fn append(db: &impl ConnectionTrait, doc_id: Uuid, person: Option<Uuid>, kind: &str, data: Vec<u8>) -> DomainResult<i64> {
    let row = live_update::ActiveModel {
        id: sea_orm::ActiveValue::NotSet,
        document_id: Set(doc_id),
        person_id: Set(person),
        kind: Set(kind.to_owned()),
        data: Set(data),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// The live text now (from what is kept), or `None` when the document has no live session.
pub async fn current_text(db: &impl ConnectionTrait, doc_id: Uuid) -> DomainResult<Option<String>> {
    if live_document::Entity::find_by_id(doc_id).one(db).await?.is_none() {
        return Ok(None);
    }
    let rows = updates(db, doc_id).await?;
    let text = crate::text_work::off_the_async_workers(move || text_of(&doc_from(rows.iter().map(|r| r.data.as_slice())))).await;
    Ok(Some(text))
}

fn as_writer(p: person::Model) -> CurrentUser {
    CurrentUser {
        id: p.id,
        perspective: Perspective::parse(&p.perspective).unwrap_or(Perspective::Other),
        email: p.email.unwrap_or_default(),
        pronouns: p.pronouns,
        display_name: p.display_name,
        supporter: None,
    }
}

/// Saves the live text as a revision when anyone has typed since the last one: credited to the
/// first of them, written with the rest. `None` when there was nothing new to save, or another
/// instance is saving the same updates. Safe to call from several instances at once: the updates
/// are claimed first, and only the one that claims them saves.
pub async fn save(db: &DatabaseConnection, doc_id: Uuid, note: &str) -> DomainResult<Option<SaveOutcome>> {
    let Some(row) = live_document::Entity::find_by_id(doc_id).one(db).await? else { return Ok(None) };
    let rows = updates(db, doc_id).await?;
    let newest = rows.last().map_or(0, |r| r.id);
    if newest <= row.saved_through {
        return Ok(None);
    }
    let mut writers: Vec<Uuid> = Vec::new();
    for r in rows.iter().filter(|r| r.id > row.saved_through && r.kind == kind::TYPED) {
        if let Some(p) = r.person_id
            && !writers.contains(&p)
        {
            writers.push(p);
        }
    }
    let claimed = live_document::Entity::update_many()
        .col_expr(live_document::Column::SavedThrough, Expr::value(newest))
        .col_expr(live_document::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(live_document::Column::DocumentId.eq(doc_id))
        .filter(live_document::Column::SavedThrough.eq(row.saved_through))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 || writers.is_empty() {
        return Ok(None);
    }
    let (doc, text) = crate::text_work::off_the_async_workers(move || {
        let doc = doc_from(rows.iter().map(|r| r.data.as_slice()));
        let text = text_of(&doc);
        (doc, text)
    })
    .await;
    let base = revision::Entity::find_by_id(row.base_revision_id).one(db).await?.ok_or(DomainError::Internal)?;
    if text == base.body {
        return Ok(None);
    }
    let people = person::Entity::find().filter(person::Column::Id.is_in(writers.clone())).all(db).await?;
    let Some(author) = people.iter().find(|p| p.id == writers[0]).cloned().map(as_writer) else { return Err(DomainError::Internal) };
    match super::service::save_written_with(db, &author, Some(&writers[1..]), doc_id, base.id, &text, Some(note)).await {
        Ok(mut outcome) => {
            live_document::Entity::update_many()
                .col_expr(live_document::Column::BaseRevisionId, Expr::value(outcome.revision_id))
                .filter(live_document::Column::DocumentId.eq(doc_id))
                .exec(db)
                .await?;
            // Someone saved another way meanwhile and the two were merged: the live text takes
            // the merged words, or the next save would undo theirs.
            if outcome.merged {
                let saved = revision::Entity::find_by_id(outcome.revision_id).one(db).await?.ok_or(DomainError::Internal)?;
                if let Some(data) = change_text(&doc, &saved.body) {
                    outcome.live_update = Some(append(db, doc_id, Some(author.id), kind::FORM, data).await?);
                }
            }
            Ok(Some(outcome))
        }
        Err(error) => {
            // Give the updates back, so the next pause tries again.
            live_document::Entity::update_many()
                .col_expr(live_document::Column::SavedThrough, Expr::value(row.saved_through))
                .filter(live_document::Column::DocumentId.eq(doc_id))
                .filter(live_document::Column::SavedThrough.eq(newest))
                .exec(db)
                .await?;
            Err(error)
        }
    }
}

/// Carries a version saved another way (`revision_id`, by `by`) into the document's live
/// session, if it has one: the live text becomes both sets of changes merged. Returns the update
/// that did it, for the server to pass on to everyone writing live.
pub async fn merge_saved(db: &DatabaseConnection, doc_id: Uuid, revision_id: Uuid, by: Uuid) -> DomainResult<Option<i64>> {
    let Some(row) = live_document::Entity::find_by_id(doc_id).one(db).await? else { return Ok(None) };
    let ids = [row.base_revision_id, revision_id];
    let revs = revision::Entity::find().filter(revision::Column::Id.is_in(ids)).all(db).await?;
    let (Some(base), Some(saved)) = (revs.iter().find(|r| r.id == row.base_revision_id), revs.iter().find(|r| r.id == revision_id)) else {
        return Err(DomainError::Internal);
    };
    // The live text was saved after this version, and that save merged it in already.
    if base.number >= saved.number {
        return Ok(None);
    }
    let rows = updates(db, doc_id).await?;
    let (base_text, saved_text) = (base.body.clone(), saved.body.clone());
    let data = crate::text_work::off_the_async_workers(move || {
        let doc = doc_from(rows.iter().map(|r| r.data.as_slice()));
        let live = text_of(&doc);
        let merged = super::merge::three_way(&base_text, &saved_text, &live);
        change_text(&doc, &merged.text)
    })
    .await;
    let moved = live_document::Entity::update_many()
        .col_expr(live_document::Column::BaseRevisionId, Expr::value(revision_id))
        .col_expr(live_document::Column::UpdatedAt, Expr::value(chrono::Utc::now()))
        .filter(live_document::Column::DocumentId.eq(doc_id))
        .filter(live_document::Column::BaseRevisionId.eq(row.base_revision_id))
        .exec(db)
        .await?;
    if moved.rows_affected != 1 {
        return Ok(None);
    }
    match data {
        Some(data) => Ok(Some(append(db, doc_id, Some(by), kind::FORM, data).await?)),
        None => Ok(None),
    }
}

/// Packs a fully saved session's updates into one, so a document written live for months does
/// not replay every keystroke when it is opened. Only when everything is saved, so no one's
/// credit is lost; in one transaction, so a reader sees the old updates or the packed one.
pub async fn compact(db: &DatabaseConnection, doc_id: Uuid) -> DomainResult<bool> {
    let Some(row) = live_document::Entity::find_by_id(doc_id).one(db).await? else { return Ok(false) };
    let rows = updates(db, doc_id).await?;
    let newest = rows.last().map_or(0, |r| r.id);
    if rows.len() < 2 || newest > row.saved_through {
        return Ok(false);
    }
    let data = crate::text_work::off_the_async_workers(move || {
        let doc = doc_from(rows.iter().map(|r| r.data.as_slice()));
        doc.transact().encode_state_as_update_v1(&StateVector::default())
    })
    .await;
    let txn = crate::begin(db).await?;
    live_update::Entity::delete_many()
        .filter(live_update::Column::DocumentId.eq(doc_id))
        .filter(live_update::Column::Id.lte(newest))
        .exec(&txn)
        .await?;
    let kept = append(&txn, doc_id, None, kind::KEPT, data).await?;
    let moved = live_document::Entity::update_many()
        .col_expr(live_document::Column::SavedThrough, Expr::value(kept))
        .filter(live_document::Column::DocumentId.eq(doc_id))
        .filter(live_document::Column::SavedThrough.eq(newest))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(text: &str) -> Doc {
        let doc = Doc::new();
        let t = doc.get_or_insert_text(TEXT_NAME);
        let mut txn = doc.transact_mut();
        t.insert(&mut txn, 0, text);
        drop(txn);
        doc
    }

    #[test]
    fn changing_the_text_makes_an_update_others_can_apply() {
        let a = doc_with("Direct payments give you choice.");
        let b = Doc::new();
        let state = a.transact().encode_state_as_update_v1(&StateVector::default());
        b.transact_mut().apply_update(Update::decode_v1(&state).unwrap()).unwrap();
        let update = change_text(&a, "Direct payments give you choice and control — über easy.").unwrap();
        assert_eq!(text_of(&a), "Direct payments give you choice and control — über easy.");
        b.transact_mut().apply_update(Update::decode_v1(&update).unwrap()).unwrap();
        assert_eq!(text_of(&b), text_of(&a));
        assert!(change_text(&a, "Direct payments give you choice and control — über easy.").is_none());
    }

    #[test]
    fn a_change_merges_with_typing_elsewhere() {
        let a = doc_with("Line one.\nLine two.\n");
        let state = a.transact().encode_state_as_update_v1(&StateVector::default());
        let b = doc_from([state.as_slice()]);
        // b types at the end while a's text is changed at the start.
        let typed = {
            let t = b.get_or_insert_text(TEXT_NAME);
            let mut txn = b.transact_mut();
            t.insert(&mut txn, "Line one.\nLine two.\n".len() as u32, "Line three.\n");
            txn.encode_update_v1()
        };
        let changed = change_text(&a, "First line.\nLine two.\n").unwrap();
        a.transact_mut().apply_update(Update::decode_v1(&typed).unwrap()).unwrap();
        b.transact_mut().apply_update(Update::decode_v1(&changed).unwrap()).unwrap();
        assert_eq!(text_of(&a), "First line.\nLine two.\nLine three.\n");
        assert_eq!(text_of(&a), text_of(&b));
    }

    #[test]
    fn bad_updates_are_refused_before_they_are_kept() {
        assert!(check_update(&[0xff, 0x00, 0x13]).is_err());
        assert!(check_update(&vec![0u8; MAX_UPDATE_BYTES + 1]).is_err());
        let ok = doc_with("x").transact().encode_state_as_update_v1(&StateVector::default());
        assert!(check_update(&ok).is_ok());
    }
}
