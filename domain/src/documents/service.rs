//! Document services. Drafts are visible to people in the space (observers and up); members
//! edit. Saving carries the revision the edit started from; if someone saved in between, the two
//! are merged (see `merge`), and the newest-revision pointer moves by compare-and-swap, so
//! concurrent saves on SQLite or PostgreSQL each land as their own revision, in turn.

use std::time::Duration;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use uuid::Uuid;

use super::merge::three_way;
use super::{DocumentKind, DocumentStatus, DocumentSummary, DocumentView, RevisionSummary, SaveOutcome};
use crate::accounts::authorize;
use crate::entities::{document, person, revision};
use crate::people::CurrentUser;
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

const MAX_BODY_CHARS: usize = 1_000_000;

fn parse_title(raw: &str) -> DomainResult<String> {
    let title = raw.trim();
    crate::people::service::check_single_line("title", title)?;
    match title.chars().count() {
        0 => Err(DomainError::invalid("title", "Please give the document a title.")),
        n if n > 200 => Err(DomainError::invalid("title", "Please keep the title to 200 characters or fewer.")),
        _ => Ok(title.to_owned()),
    }
}

fn check_body(body: &str) -> DomainResult<String> {
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(DomainError::invalid("body", "This is too long to save as one document. Please split it into parts."));
    }
    // One kind of line ending, so merges compare like with like.
    Ok(body.replace("\r\n", "\n"))
}

fn clean_note(note: Option<&str>) -> Option<String> {
    note.map(str::trim).filter(|n| !n.is_empty()).map(|n| n.chars().take(500).collect())
}

/// Starts a document with its first revision.
#[tracing::instrument(skip_all)]
pub async fn create_document(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    space_id: Uuid,
    title: &str,
    kind: Option<DocumentKind>,
    body: &str,
    tags: &[String],
) -> DomainResult<Uuid> {
    authorize(db, Some(actor.id), space_id, Action::EditDocuments).await?;
    let title = parse_title(title)?;
    let kind = kind.ok_or_else(|| DomainError::invalid("kind", "Please choose what kind of document this is."))?;
    let body = check_body(body)?;
    let txn = crate::begin(db).await?;
    let id = insert_draft(&txn, actor, space_id, NewDraft { title, kind: kind.as_str(), tags: (!tags.is_empty()).then(|| tags.join(", ")), body, note: "First version".into() }).await?;
    txn.commit().await?;
    Ok(id)
}

/// A draft as it is first stored: checked already, with the note on its first version.
pub(crate) struct NewDraft<'a> {
    pub title: String,
    pub kind: &'a str,
    pub tags: Option<String>,
    pub body: String,
    pub note: String,
}

/// Stores a new draft and its first version (inside the caller's transaction); returns its id.
pub(crate) async fn insert_draft(db: &impl ConnectionTrait, actor: &CurrentUser, space_id: Uuid, draft: NewDraft<'_>) -> DomainResult<Uuid> {
    let now = chrono::Utc::now();
    let (id, revision_id) = (Uuid::now_v7(), Uuid::now_v7());
    document::ActiveModel {
        id: Set(id),
        space_id: Set(space_id),
        title: Set(draft.title),
        kind: Set(draft.kind.to_owned()),
        status: Set(DocumentStatus::Draft.as_str().to_owned()),
        tags: Set(draft.tags),
        current_revision_id: Set(revision_id),
        published_revision_id: Set(None),
        created_by: Set(actor.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    revision::ActiveModel {
        id: Set(revision_id),
        document_id: Set(id),
        number: Set(1),
        body: Set(draft.body),
        note: Set(Some(draft.note)),
        author_id: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        merged: Set(false),
        clashes: Set(0),
        written_with: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    super::follows::start(db, actor.id, id).await?;
    crate::search::index::document(db, id).await?;
    Ok(id)
}

/// One document as one request sees it: its row and the reader's role in its space, looked up
/// once and handed to every part of the document page (its agreement, decisions, vision check,
/// suggestions count and comments), instead of each part finding them again.
#[derive(Debug, Clone)]
pub struct DocumentContext {
    pub document: document::Model,
    pub viewer: Option<Uuid>,
    pub role: Option<crate::people::Role>,
}

impl DocumentContext {
    /// The document and the reader's role, for a reader who may read the space's work; to
    /// anyone else it is not found.
    pub async fn load(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Self> {
        let document = find(db, id).await?;
        let role = match viewer {
            Some(v) => crate::accounts::role_in(db, v, document.space_id).await?,
            None => None,
        };
        if !crate::permissions::can(role, Action::ViewSpace) {
            return Err(DomainError::NotFound("We could not find that document.".into()));
        }
        Ok(Self { document, viewer, role })
    }

    pub fn id(&self) -> Uuid {
        self.document.id
    }

    pub fn can(&self, action: Action) -> bool {
        crate::permissions::can(self.role, action)
    }
}

pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<document::Model> {
    crate::memo::document(db, id).await?.ok_or_else(|| DomainError::NotFound("We could not find that document.".into()))
}

pub(crate) async fn find_revision(db: &impl ConnectionTrait, document_id: Uuid, id: Uuid) -> DomainResult<revision::Model> {
    revision::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|r| r.document_id == document_id)
        .ok_or_else(|| DomainError::NotFound("We could not find that version of the document.".into()))
}

pub(crate) async fn display_name(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<String> {
    Ok(person::Entity::find_by_id(id).one(db).await?.map(|p| p.display_name).unwrap_or_else(|| "Someone".into()))
}

/// Revisions' numbers by id, in one query whatever their number.
pub(crate) async fn revision_numbers(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> DomainResult<std::collections::HashMap<Uuid, i32>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let ids: std::collections::HashSet<Uuid> = ids.into_iter().collect();
    Ok(revision::Entity::find()
        .select_only()
        .column(revision::Column::Id)
        .column(revision::Column::Number)
        .filter(revision::Column::Id.is_in(ids))
        .into_tuple::<(Uuid, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// "Alex Morgan", or "Sam Lee, supporting Alex Morgan", from names already looked up.
pub(crate) fn credit_from(names: &std::collections::HashMap<Uuid, String>, person: Uuid, supporter: Option<Uuid>) -> String {
    let name = |id: Uuid| names.get(&id).map_or("Someone", String::as_str);
    crate::people::credit(name(person), supporter.map(name))
}

/// How something someone did is credited: "Alex Morgan", or "Sam Lee, supporting Alex Morgan".
pub(crate) async fn credited(db: &impl ConnectionTrait, person_id: Uuid, supporter_id: Option<Uuid>) -> DomainResult<String> {
    let supporter = match supporter_id {
        Some(s) => Some(display_name(db, s).await?),
        None => None,
    };
    Ok(crate::people::credit(&display_name(db, person_id).await?, supporter.as_deref()))
}

async fn summary(db: &impl ConnectionTrait, r: &revision::Model) -> DomainResult<RevisionSummary> {
    let author = credited(db, r.author_id, r.supporter_id).await?;
    let with = written_with_ids(r.written_with.as_deref());
    let written_with = if with.is_empty() {
        Vec::new()
    } else {
        let names: std::collections::HashMap<Uuid, String> =
            person::Entity::find().filter(person::Column::Id.is_in(with.clone())).all(db).await?.into_iter().map(|p| (p.id, p.display_name)).collect();
        with.iter().map(|id| names.get(id).cloned().unwrap_or_else(|| "Someone".into())).collect()
    };
    Ok(RevisionSummary {
        id: r.id,
        number: r.number,
        author,
        written_with,
        note: r.note.clone(),
        merged: r.merged,
        clashes: r.clashes,
        created_at: r.created_at,
    })
}

fn tags_of(doc: &document::Model) -> Vec<String> {
    doc.tags.as_deref().map(super::parse_tags).unwrap_or_default()
}

/// The document with its newest revision for people in the space. Anyone else sees the
/// published version, if there is one; drafts are not found.
pub async fn view(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<DocumentView> {
    let doc = find(db, id).await?;
    let in_space = authorize(db, viewer, doc.space_id, Action::ViewSpace).await.is_ok();
    let shown = match (in_space, doc.published_revision_id) {
        (true, _) => doc.current_revision_id,
        (false, Some(published)) => published,
        (false, None) => return Err(DomainError::NotFound("We could not find that document.".into())),
    };
    let current = find_revision(db, doc.id, shown).await?;
    let published_number = match doc.published_revision_id {
        Some(p) if p == current.id => Some(current.number),
        Some(p) => Some(find_revision(db, doc.id, p).await?.number),
        None => None,
    };
    let space = crate::memo::space(db, doc.space_id).await?.ok_or(DomainError::Internal)?;
    let terms = crate::glossary::service::terms(db, space.parent_id.unwrap_or(space.id)).await?;
    let rendered = crate::text_work::render(&current.body, &terms).await;
    let (body_html, explained) = (rendered.html.clone(), rendered.used.clone());
    Ok(DocumentView {
        id: doc.id,
        space_id: space.id,
        space_name: space.name,
        space_kind: crate::spaces::SpaceKind::parse(&space.kind).unwrap_or(crate::spaces::SpaceKind::Group),
        space_slug: space.slug,
        title: doc.title.clone(),
        kind: DocumentKind::parse(&doc.kind).unwrap_or(DocumentKind::Other),
        status: if in_space { DocumentStatus::parse(&doc.status).unwrap_or(DocumentStatus::Draft) } else { DocumentStatus::Published },
        tags: tags_of(&doc),
        revision: summary(db, &current).await?,
        published_number,
        body_html,
        explained,
        body_markdown: current.body,
    })
}

/// The documents of a space someone may see: all of them for people in the space, the published
/// ones for anyone else. Returns the query and whether the viewer is in the space.
async fn visible_in_space(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> (sea_orm::Select<document::Entity>, bool) {
    let in_space = authorize(db, viewer, space_id, Action::ViewSpace).await.is_ok();
    let mut query = document::Entity::find().filter(document::Column::SpaceId.eq(space_id));
    if !in_space {
        query = query.filter(document::Column::PublishedRevisionId.is_not_null());
    }
    (query, in_space)
}

/// A document in a list; someone outside the space sees it as published.
fn summarize(d: document::Model, in_space: bool) -> DocumentSummary {
    DocumentSummary {
        id: d.id,
        kind: DocumentKind::parse(&d.kind).unwrap_or(DocumentKind::Other),
        status: if in_space { DocumentStatus::parse(&d.status).unwrap_or(DocumentStatus::Draft) } else { DocumentStatus::Published },
        tags: tags_of(&d),
        title: d.title,
        updated_at: d.updated_at,
    }
}

/// The documents of a space, newest change first. Someone outside the space sees only the
/// published ones.
pub async fn list_in_space(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> DomainResult<Vec<DocumentSummary>> {
    let (query, in_space) = visible_in_space(db, viewer, space_id).await;
    Ok(query.order_by_desc(document::Column::UpdatedAt).all(db).await?.into_iter().map(|d| summarize(d, in_space)).collect())
}

/// One page of a space's documents for the API, oldest first (ids are UUID v7, so they sort by
/// creation on both databases). Someone outside the space sees only the published ones.
pub async fn list_page(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid, page: crate::page::PageRequest) -> DomainResult<crate::page::Page<DocumentSummary>> {
    use sea_orm::QuerySelect;
    let (mut query, in_space) = visible_in_space(db, viewer, space_id).await;
    if let Some(after) = page.after {
        query = query.filter(document::Column::Id.gt(after));
    }
    let mut rows = query.order_by_asc(document::Column::Id).limit(page.limit + 1).all(db).await?;
    let next_cursor = (rows.len() as u64 > page.limit).then(|| {
        rows.truncate(page.limit as usize);
        crate::page::encode_cursor(rows.last().expect("a full page").id)
    });
    Ok(crate::page::Page { items: rows.into_iter().map(|d| summarize(d, in_space)).collect(), next_cursor })
}

/// Saves an edit that started from `base_revision_id`. Never loses the words: if someone saved
/// meanwhile, both edits are merged, and where they clash both are kept in the text.
#[tracing::instrument(skip_all)]
pub async fn save(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: Uuid,
    base_revision_id: Uuid,
    body: &str,
    note: Option<&str>,
) -> DomainResult<SaveOutcome> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::EditDocuments).await?;
    // Every save keeps a whole copy of the text, so one person (or a script with their token)
    // saving without pause would fill the database. A person typing saves far less often.
    if SAVES_PER_PERSON.count(db, &format!("save:{}", actor.id)).await?.refused() {
        return Err(DomainError::Conflict(format!(
            "You have saved {} times in the last {} minutes, so we are pausing saves for a few minutes. Your text is still in the box: please save again shortly.",
            SAVES_PER_PERSON.max, SAVES_PER_PERSON.minutes
        )));
    }
    save_credited(db, actor, id, base_revision_id, body, note).await
}

/// How many versions one person may save in a short while, across all documents.
pub const SAVES_PER_PERSON: crate::accounts::Limit = crate::accounts::Limit { max: 60, minutes: 10 };

/// Saves without checking the actor's role: for a change someone else has approved, such as an
/// accepted suggestion credited to the person who suggested it.
pub(crate) async fn save_credited(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: Uuid,
    base_revision_id: Uuid,
    body: &str,
    note: Option<&str>,
) -> DomainResult<SaveOutcome> {
    save_written_with(db, actor, None, id, base_revision_id, body, note).await
}

/// Saves a version. `live` is `Some(everyone else who wrote it)` when it is a live session's
/// text, which is saved without checking roles (everyone in it was checked when they joined);
/// any other save is carried into the live session when one is open.
pub(crate) async fn save_written_with(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    live: Option<&[Uuid]>,
    id: Uuid,
    base_revision_id: Uuid,
    body: &str,
    note: Option<&str>,
) -> DomainResult<SaveOutcome> {
    let written_with = live.filter(|w| !w.is_empty()).map(|w| w.iter().map(Uuid::to_string).collect::<Vec<_>>().join(","));
    let body = check_body(body)?;
    let base = find_revision(db, id, base_revision_id).await?;
    let note = clean_note(note);
    let mut last_error = None;
    for attempt in 0..50u64 {
        let doc = find(db, id).await?;
        let head = find_revision(db, id, doc.current_revision_id).await?;
        let (text, merged, clashes) = if head.id == base.id {
            (body.clone(), false, 0)
        } else {
            // Merging long texts is CPU work: off the async workers.
            let (b, h, y) = (base.body.clone(), head.body.clone(), body.clone());
            let m = crate::text_work::off_the_async_workers(move || three_way(&b, &h, &y)).await;
            (m.text, true, m.clashes as i32)
        };
        let new_id = Uuid::now_v7();
        match try_commit(db, &doc, &head, new_id, text, note.clone(), actor, written_with.clone(), merged, clashes).await {
            Ok(true) => {
                // Into the live session, if there is one: a form save while others write live
                // must not be lost when their text is next saved. The version is saved already,
                // so a failure here is logged, not reported as a failed save.
                let live_update = match live {
                    Some(_) => None,
                    None => super::live::merge_saved(db, id, new_id, actor.id).await.unwrap_or_else(|error| {
                        tracing::error!(%error, document = %id, "could not carry a saved version into the live session");
                        None
                    }),
                };
                return Ok(SaveOutcome { revision_id: new_id, number: head.number + 1, merged, clashes, live_update });
            }
            Ok(false) => {}
            // SQLite reports a busy database, PostgreSQL a serialisation clash: both mean "again".
            Err(err) => last_error = Some(err),
        }
        // Someone else got there first: wait a moment, then merge with what they saved.
        tokio::time::sleep(Duration::from_millis(5 + (attempt * 7) % 40)).await;
    }
    if let Some(err) = last_error {
        tracing::error!(error = %err, "could not save a revision after many tries");
    }
    Err(DomainError::Conflict(
        "Many people are saving this document right now, so we could not save yet. Your text is still in the box: please press Save again.".into(),
    ))
}

#[allow(clippy::too_many_arguments)]
async fn try_commit(
    db: &DatabaseConnection,
    doc: &document::Model,
    head: &revision::Model,
    new_id: Uuid,
    text: String,
    note: Option<String>,
    actor: &CurrentUser,
    written_with: Option<String>,
    merged: bool,
    clashes: i32,
) -> Result<bool, sea_orm::DbErr> {
    let txn = crate::begin(db).await?;
    let now = chrono::Utc::now();
    // Write first: the pointer moves only if it still points where we read it.
    let moved = document::Entity::update_many()
        .col_expr(document::Column::CurrentRevisionId, Expr::value(new_id))
        .col_expr(document::Column::UpdatedAt, Expr::value(now))
        .filter(document::Column::Id.eq(doc.id))
        .filter(document::Column::CurrentRevisionId.eq(head.id))
        .exec(&txn)
        .await?;
    if moved.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    // People agreed to exact words: a change after agreeing needs agreeing again. The published
    // version stays public until a new one is published.
    let reopened = document::Entity::update_many()
        .col_expr(document::Column::Status, Expr::value(DocumentStatus::Draft.as_str()))
        .filter(document::Column::Id.eq(doc.id))
        .filter(document::Column::Status.is_in([DocumentStatus::Agreed.as_str(), DocumentStatus::Published.as_str()]))
        .exec(&txn)
        .await?;
    if reopened.rows_affected == 1 {
        let from = DocumentStatus::parse(&doc.status).unwrap_or(DocumentStatus::Agreed);
        super::agreeing::record_change(&txn, doc.id, from, DocumentStatus::Draft, new_id, actor, Some("Changed after it was agreed, so it needs agreeing again.".into()))
            .await
            .map_err(|_| sea_orm::DbErr::Custom("could not record the status change".into()))?;
    }
    revision::ActiveModel {
        id: Set(new_id),
        document_id: Set(doc.id),
        number: Set(head.number + 1),
        body: Set(text),
        note: Set(note),
        author_id: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        merged: Set(merged),
        clashes: Set(clashes),
        written_with: Set(written_with),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    super::follows::start(&txn, actor.id, doc.id).await.map_err(|_| sea_orm::DbErr::Custom("could not follow the document".into()))?;
    crate::search::index::document(&txn, doc.id).await.map_err(|_| sea_orm::DbErr::Custom("could not index the document for search".into()))?;
    txn.commit().await?;
    Ok(true)
}

/// Every revision, newest first.
pub async fn history(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Vec<RevisionSummary>> {
    Ok(history_page(db, viewer, id, None, u64::MAX).await?.0)
}

/// The person ids in a revision's `written_with`.
fn written_with_ids(raw: Option<&str>) -> Vec<Uuid> {
    raw.unwrap_or("").split(',').filter_map(|s| Uuid::try_parse(s.trim()).ok()).collect()
}

/// A revision without its text, for lists.
#[derive(Debug, sea_orm::FromQueryResult)]
struct RevisionRow {
    id: Uuid,
    number: i32,
    note: Option<String>,
    author_id: Uuid,
    supporter_id: Option<Uuid>,
    merged: bool,
    clashes: i32,
    written_with: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Versions newest first, at most `limit`, older than version `before` if given; and whether
/// there are older ones still. Two queries whatever the number of versions: the versions
/// (without their text) and the names of everyone who saved them.
pub async fn history_page(
    db: &impl ConnectionTrait,
    viewer: Option<Uuid>,
    id: Uuid,
    before: Option<i32>,
    limit: u64,
) -> DomainResult<(Vec<RevisionSummary>, bool)> {
    let doc = find(db, id).await?;
    authorize(db, viewer, doc.space_id, Action::ViewSpace).await.map_err(|_| DomainError::NotFound("We could not find that document.".into()))?;
    let mut query = revision::Entity::find()
        .select_only()
        .columns([
            revision::Column::Id,
            revision::Column::Number,
            revision::Column::Note,
            revision::Column::AuthorId,
            revision::Column::SupporterId,
            revision::Column::Merged,
            revision::Column::Clashes,
            revision::Column::WrittenWith,
            revision::Column::CreatedAt,
        ])
        .filter(revision::Column::DocumentId.eq(id))
        .order_by_desc(revision::Column::Number);
    if let Some(before) = before {
        query = query.filter(revision::Column::Number.lt(before));
    }
    if limit != u64::MAX {
        query = query.limit(limit + 1);
    }
    let mut rows: Vec<RevisionRow> = query.into_model::<RevisionRow>().all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit.min(rows.len() as u64) as usize);
    let people: std::collections::HashSet<Uuid> = rows
        .iter()
        .flat_map(|r| std::iter::once(r.author_id).chain(r.supporter_id).chain(written_with_ids(r.written_with.as_deref())))
        .collect();
    let names: std::collections::HashMap<Uuid, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.display_name))
        .collect();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_else(|| "Someone".into());
    let out = rows
        .into_iter()
        .map(|r| RevisionSummary {
            id: r.id,
            number: r.number,
            author: crate::people::credit(&name(r.author_id), r.supporter_id.map(name).as_deref()),
            written_with: written_with_ids(r.written_with.as_deref()).into_iter().map(name).collect(),
            note: r.note,
            merged: r.merged,
            clashes: r.clashes,
            created_at: r.created_at,
        })
        .collect();
    Ok((out, more))
}

/// Versions for the JSON API, newest first, a page at a time (the cursor is the last version seen).
pub async fn history_list(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid, page: crate::page::PageRequest) -> DomainResult<crate::page::Page<RevisionSummary>> {
    let before = match page.after {
        Some(last) => Some(find_revision(db, id, last).await?.number),
        None => None,
    };
    let (items, more) = history_page(db, viewer, id, before, page.limit).await?;
    let next_cursor = if more { items.last().map(|r| crate::page::encode_cursor(r.id)) } else { None };
    Ok(crate::page::Page { items, next_cursor })
}

/// The text of revision `number`. Someone outside the space may read the published one, and
/// the ones published before it, only.
pub async fn revision_text(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid, number: i32) -> DomainResult<(RevisionSummary, String)> {
    let doc = find(db, id).await?;
    let in_space = authorize(db, viewer, doc.space_id, Action::ViewSpace).await.is_ok();
    if !in_space && doc.published_revision_id.is_none() {
        return Err(DomainError::NotFound("We could not find that document.".into()));
    }
    let found = revision::Entity::find()
        .filter(revision::Column::DocumentId.eq(id))
        .filter(revision::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("This document has no version {number}.")))?;
    if !in_space && Some(found.id) != doc.published_revision_id {
        use crate::entities::decision;
        let decisions = decision::Entity::find().filter(decision::Column::DocumentId.eq(id)).all(db).await?;
        let history = super::agreeing::published_history(db, &doc, &decisions).await?;
        if !history.iter().any(|(r, _)| *r == found.id) {
            return Err(DomainError::NotFound(format!("This document has no version {number}.")));
        }
    }
    Ok((summary(db, &found).await?, found.body))
}

/// Brings back the words of version `number` as a new version: nothing in the history is lost.
#[tracing::instrument(skip_all)]
pub async fn restore(db: &DatabaseConnection, actor: &CurrentUser, id: Uuid, number: i32) -> DomainResult<SaveOutcome> {
    let (_, body) = revision_text(db, Some(actor.id), id, number).await?;
    let head = find(db, id).await?.current_revision_id;
    save(db, actor, id, head, &body, Some(&format!("Brought back version {number}"))).await
}
