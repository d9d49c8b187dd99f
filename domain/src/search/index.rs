//! Keeps `search_entries` in step with what it indexes. Each function reads the thing as it now
//! stands and writes (or removes) its rows; the services call them inside the transaction that
//! made the change, so the index is never behind and a rolled-back change leaves no trace.

use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use uuid::Uuid;

use super::FoundKind;
use crate::DomainResult;
use crate::entities::{action, comment, document, feedback_item, glossary_term, outcome, revision, search_entry, thread};

struct Entry {
    key: String,
    kind: FoundKind,
    item_id: Uuid,
    space_id: Option<Uuid>,
    public: bool,
    twin: bool,
    url: String,
    title: String,
    body: String,
}

/// The words of Markdown without its marks, and without the excerpt markers (see `super::START`).
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_)) => out.push('\n'),
            _ => {}
        }
    }
    clean(&out)
}

fn clean(text: &str) -> String {
    text.chars().filter(|c| *c != super::START && *c != super::STOP && *c != '\0').collect::<String>().trim().to_owned()
}

impl Entry {
    fn row(self, now: chrono::DateTime<chrono::Utc>) -> search_entry::ActiveModel {
        search_entry::ActiveModel {
            key: Set(self.key),
            kind: Set(self.kind.as_str().to_owned()),
            item_id: Set(self.item_id),
            space_id: Set(self.space_id),
            public: Set(self.public),
            twin: Set(self.twin),
            url: Set(self.url),
            title: Set(clean(&self.title)),
            body: Set(self.body),
            updated_at: Set(now),
            ..Default::default()
        }
    }
}

async fn put(db: &impl ConnectionTrait, e: Entry) -> DomainResult<()> {
    remove(db, &e.key).await?;
    e.row(chrono::Utc::now()).insert(db).await?;
    Ok(())
}

async fn remove(db: &impl ConnectionTrait, key: &str) -> DomainResult<()> {
    search_entry::Entity::delete_many().filter(search_entry::Column::Key.eq(key)).exec(db).await?;
    Ok(())
}

/// A document's draft (for its space's readers) and, once published, its published text (for
/// everyone). Minutes are documents of their own kind.
pub async fn document(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let (draft_key, public_key) = (format!("document:{id}"), format!("published:{id}"));
    let Some(doc) = document::Entity::find_by_id(id).one(db).await? else {
        remove(db, &draft_key).await?;
        return remove(db, &public_key).await;
    };
    let text_of = |revision_id: Uuid| async move { Ok::<_, crate::DomainError>(revision::Entity::find_by_id(revision_id).one(db).await?.map(|r| plain_text(&r.body)).unwrap_or_default()) };
    let current = text_of(doc.current_revision_id).await?;
    let published = match doc.published_revision_id {
        Some(p) if p == doc.current_revision_id => Some(current.clone()),
        Some(p) => Some(text_of(p).await?),
        None => None,
    };
    let (draft, public) = document_entries(&doc, current, published);
    put(db, draft).await?;
    match public {
        Some(public) => put(db, public).await,
        None => remove(db, &public_key).await,
    }
}

/// A document's rows from its texts already made plain: shared with the bulk generator
/// (`crate::seed`), so generated data is found exactly as the services' own writes are.
fn document_entries(doc: &document::Model, current: String, published: Option<String>) -> (Entry, Option<Entry>) {
    let id = doc.id;
    let kind = if doc.kind == "minutes" { FoundKind::Minutes } else { FoundKind::Document };
    let draft = Entry { key: format!("document:{id}"), kind, item_id: id, space_id: Some(doc.space_id), public: false, twin: false, url: format!("/documents/{id}"), title: doc.title.clone(), body: current };
    let public = published.map(|body| Entry { key: format!("published:{id}"), kind, item_id: id, space_id: Some(doc.space_id), public: true, twin: true, url: format!("/documents/{id}/published"), title: doc.title.clone(), body });
    (draft, public)
}

/// The rows for a document as it was just written in bulk (`current` and `published` are
/// Markdown), ready to insert.
pub(crate) fn document_rows(doc: &document::Model, current: &str, published: Option<&str>, now: chrono::DateTime<chrono::Utc>) -> Vec<search_entry::ActiveModel> {
    let (draft, public) = document_entries(doc, plain_text(current), published.map(plain_text));
    std::iter::once(draft).chain(public).map(|e| e.row(now)).collect()
}

/// A comment, for the readers of its space; gone once removed or hidden.
pub async fn comment(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let key = format!("comment:{id}");
    let Some(c) = comment::Entity::find_by_id(id).one(db).await? else { return remove(db, &key).await };
    if c.deleted_at.is_some() || c.hidden_at.is_some() {
        return remove(db, &key).await;
    }
    let Some(t) = thread::Entity::find_by_id(c.thread_id).one(db).await? else { return remove(db, &key).await };
    let title = match (&t.title, &t.section_title, t.target_type.as_str(), t.target_id) {
        (Some(title), _, _, _) => title.clone(),
        (None, _, "document", Some(doc)) => {
            let doc = document::Entity::find_by_id(doc).one(db).await?.map(|d| d.title).unwrap_or_else(|| "a document".into());
            match &t.section_title {
                Some(section) => format!("{doc}: {section}"),
                None => doc,
            }
        }
        (None, Some(section), _, _) => section.clone(),
        _ => "A conversation".to_owned(),
    };
    put(db, comment_entry(&c, &t, title)).await
}

fn comment_entry(c: &comment::Model, t: &thread::Model, title: String) -> Entry {
    let id = c.id;
    Entry { key: format!("comment:{id}"), kind: FoundKind::Comment, item_id: id, space_id: Some(t.space_id), public: false, twin: false, url: format!("/threads/{}#comment-{id}", t.id), title, body: plain_text(&c.body) }
}

/// The row for a comment written in bulk, under the title its thread is found by.
pub(crate) fn comment_row(c: &comment::Model, t: &thread::Model, title: String, now: chrono::DateTime<chrono::Utc>) -> search_entry::ActiveModel {
    comment_entry(c, t, title).row(now)
}

/// An action, with its progress and the note left when it was done.
pub async fn action(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let key = format!("action:{id}");
    let Some(a) = action::Entity::find_by_id(id).one(db).await? else { return remove(db, &key).await };
    let body = [Some(a.what.as_str()), a.progress.as_deref(), a.done_note.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n");
    put(db, Entry { key, kind: FoundKind::Action, item_id: id, space_id: Some(a.space_id), public: false, twin: false, url: format!("/actions/{id}"), title: a.what.clone(), body: clean(&body) }).await
}

/// A You Said We Did item: for the board's readers always, and for everyone once published.
/// An item merged into another is found through the one it joined.
pub async fn feedback(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let (key, public_key) = (format!("feedback:{id}"), format!("published-feedback:{id}"));
    let item = feedback_item::Entity::find_by_id(id).one(db).await?.filter(|i| i.merged_into.is_none());
    let Some(item) = item else {
        remove(db, &key).await?;
        return remove(db, &public_key).await;
    };
    let (draft, public) = feedback_entries(&item);
    put(db, draft).await?;
    match public {
        Some(public) => put(db, public).await,
        None => remove(db, &public_key).await,
    }
}

fn feedback_entries(item: &feedback_item::Model) -> (Entry, Option<Entry>) {
    let id = item.id;
    let title = crate::shorten(&item.said, 120);
    let body = clean(&[Some(item.said.as_str()), item.response.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("\n"));
    let url = format!("/you-said-we-did/{id}");
    let draft = Entry { key: format!("feedback:{id}"), kind: FoundKind::Feedback, item_id: id, space_id: Some(item.space_id), public: false, twin: false, url: url.clone(), title: title.clone(), body: body.clone() };
    let public = item.published_at.is_some().then(|| Entry { key: format!("published-feedback:{id}"), kind: FoundKind::Feedback, item_id: id, space_id: Some(item.space_id), public: true, twin: true, url, title, body });
    (draft, public)
}

/// The rows for a feedback item written in bulk.
pub(crate) fn feedback_rows(item: &feedback_item::Model, now: chrono::DateTime<chrono::Utc>) -> Vec<search_entry::ActiveModel> {
    let (draft, public) = feedback_entries(item);
    std::iter::once(draft).chain(public).map(|e| e.row(now)).collect()
}

/// A glossary word: for everyone, as the glossary is.
pub async fn word(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let key = format!("word:{id}");
    let Some(t) = glossary_term::Entity::find_by_id(id).one(db).await? else { return remove(db, &key).await };
    put(db, Entry { key, kind: FoundKind::Word, item_id: id, space_id: Some(t.space_id), public: true, twin: false, url: format!("/glossary#{}", t.slug), title: t.term.clone(), body: clean(&t.explanation) }).await
}

/// An outcome: for the board's members as a draft, for everyone once published.
pub async fn outcome(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    let (key, public_key) = (format!("outcome:{id}"), format!("published-outcome:{id}"));
    let Some(o) = outcome::Entity::find_by_id(id).one(db).await? else {
        remove(db, &key).await?;
        return remove(db, &public_key).await;
    };
    let body = plain_text(&o.story);
    let url = format!("/outcomes/{id}");
    put(db, Entry { key, kind: FoundKind::Outcome, item_id: id, space_id: Some(o.space_id), public: false, twin: false, url: url.clone(), title: o.title.clone(), body: body.clone() }).await?;
    if o.published_at.is_some() {
        put(db, Entry { key: public_key, kind: FoundKind::Outcome, item_id: id, space_id: Some(o.space_id), public: true, twin: true, url, title: o.title, body }).await
    } else {
        remove(db, &public_key).await
    }
}

/// Writes every row again from what the database holds: for a database that had content before
/// search existed. Returns how many things were indexed.
pub async fn rebuild(db: &impl ConnectionTrait) -> DomainResult<usize> {
    search_entry::Entity::delete_many().exec(db).await?;
    let mut n = 0;
    macro_rules! each {
        ($entity:ident, $column:expr, $f:ident) => {{
            let mut after: Option<Uuid> = None;
            loop {
                let mut q = $entity::Entity::find().select_only().column($column).order_by_asc($column).limit(500);
                if let Some(a) = after {
                    q = q.filter($column.gt(a));
                }
                let ids: Vec<Uuid> = q.into_tuple().all(db).await?;
                for id in &ids {
                    $f(db, *id).await?;
                }
                n += ids.len();
                match ids.last() {
                    Some(last) if ids.len() == 500 => after = Some(*last),
                    _ => break,
                }
            }
        }};
    }
    each!(document, document::Column::Id, document);
    each!(comment, comment::Column::Id, comment);
    each!(action, action::Column::Id, action);
    each!(feedback_item, feedback_item::Column::Id, feedback);
    each!(glossary_term, glossary_term::Column::Id, word);
    each!(outcome, outcome::Column::Id, outcome);
    Ok(n)
}

/// At start-up: builds the index when it is empty but there is something to find (a database
/// from before search). One count when there is nothing to do.
pub async fn build_if_empty<C: ConnectionTrait + sea_orm::TransactionTrait>(db: &C) -> DomainResult<Option<usize>> {
    if search_entry::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let anything = document::Entity::find().count(db).await? + comment::Entity::find().count(db).await? + glossary_term::Entity::find().count(db).await?
        + feedback_item::Entity::find().count(db).await? + action::Entity::find().count(db).await?;
    if anything == 0 {
        return Ok(None);
    }
    let txn = crate::begin(db).await?;
    let n = rebuild(&txn).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_becomes_its_words() {
        let text = super::plain_text("# Direct payments\n\nWe **pay** [on time](/x).\n\n- one\n- two");
        assert_eq!(text, "Direct payments\nWe pay on time.\none\ntwo");
        assert_eq!(super::plain_text("a\u{E000}b"), "ab");
    }
}
