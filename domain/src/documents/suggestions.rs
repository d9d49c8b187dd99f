//! Suggestions: accessible track changes. Instead of marks over the text (which screen readers
//! cannot follow), each suggestion is an item in a list: the words now, the words proposed, why,
//! who suggested it, and a discussion. Accepting one saves a new version credited to the
//! suggester; a suggestion whose words changed meanwhile is flagged and never applied blindly.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr};
use uuid::Uuid;

use super::service::{find, find_revision, save_credited};
use super::{Anchor, Suggestion, SuggestionStatus, passages};
use crate::accounts::authorize;
use crate::entities::{person, revision, suggestion};
use crate::people::{CurrentUser, Perspective};
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that suggestion.".into())
}

fn anchor(text: &str, original: &str) -> Anchor {
    anchors(text, &[original])[0]
}

/// Where each passage stands in `text`, all found in one pass over the text however many
/// suggestions there are. Overlapping places count twice ("aa" twice in "aaa"): replacing
/// either would be a guess, so such a passage reads as repeated.
fn anchors(text: &str, originals: &[&str]) -> Vec<Anchor> {
    // Each different passage once: the same words suggested twice are looked for once.
    let mut unique: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    for &o in originals {
        if !o.is_empty() && !unique.contains_key(o) {
            unique.insert(o, patterns.len());
            patterns.push(o);
        }
    }
    let mut seen = vec![0usize; patterns.len()];
    if let Ok(automaton) = aho_corasick::AhoCorasick::new(&patterns) {
        for m in automaton.find_overlapping_iter(text) {
            let n = &mut seen[m.pattern().as_usize()];
            *n = (*n + 1).min(2);
        }
    }
    originals
        .iter()
        .map(|o| match unique.get(o).map(|&i| seen[i]) {
            Some(1) => Anchor::Found,
            Some(0) | None => Anchor::Changed,
            Some(_) => Anchor::Repeated,
        })
        .collect()
}

async fn to_view(db: &impl ConnectionTrait, viewer: Option<Uuid>, s: suggestion::Model, current_text: &str) -> DomainResult<Suggestion> {
    let anchor = anchor(current_text, &s.original);
    let mut views = to_views(db, viewer, vec![(s, anchor)]).await?;
    views.pop().ok_or(DomainError::Internal)
}

/// Suggestions as people read them, in the order given, each with its discussion (a thread, as
/// everywhere else). A few queries whatever the number of suggestions and comments.
async fn to_views(db: &impl ConnectionTrait, viewer: Option<Uuid>, rows: Vec<(suggestion::Model, Anchor)>) -> DomainResult<Vec<Suggestion>> {
    use std::collections::{HashMap, HashSet};
    use sea_orm::QuerySelect;
    let ids: Vec<Uuid> = rows.iter().map(|(s, _)| s.id).collect();
    let role = match (viewer, rows.first()) {
        (Some(v), Some((s, _))) => crate::accounts::role_in(db, v, find(db, s.document_id).await?.space_id).await?,
        _ => None,
    };
    let mut threads = crate::conversations::service::suggestion_threads(db, viewer, role, ids).await?;
    let mut people: HashSet<Uuid> = HashSet::new();
    for (s, _) in &rows {
        people.extend([Some(s.author_id), s.supporter_id, s.decided_by].into_iter().flatten());
    }
    let people: HashMap<Uuid, person::Model> = person::Entity::find().filter(person::Column::Id.is_in(people)).all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let name = |id: Uuid| people.get(&id).map_or_else(|| "Someone".to_owned(), |p| p.display_name.clone());
    let credit = |id: Uuid, supporter: Option<Uuid>| crate::people::credit(&name(id), supporter.map(name).as_deref());
    let versions: HashSet<Uuid> = rows.iter().flat_map(|(s, _)| [Some(s.revision_id), s.applied_revision_id]).flatten().collect();
    let numbers: HashMap<Uuid, i32> = revision::Entity::find()
        .select_only()
        .columns([revision::Column::Id, revision::Column::Number])
        .filter(revision::Column::Id.is_in(versions))
        .into_tuple::<(Uuid, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(s, anchor)| Suggestion {
            id: s.id,
            document_id: s.document_id,
            revision_number: numbers.get(&s.revision_id).copied().unwrap_or(0),
            anchor,
            by: credit(s.author_id, s.supporter_id),
            perspective: people.get(&s.author_id).and_then(|p| Perspective::parse(&p.perspective)).unwrap_or(Perspective::Other),
            status: SuggestionStatus::parse(&s.status).unwrap_or(SuggestionStatus::Open),
            decided_by: s.decided_by.map(name),
            decline_reason: s.decline_reason,
            applied_revision_number: s.applied_revision_id.and_then(|r| numbers.get(&r).copied()),
            discussion: threads.remove(&s.id),
            created_at: s.created_at,
            original: s.original,
            proposed: s.proposed,
            reason: s.reason,
        })
        .collect())
}

/// A suggestion: new words for a passage of the version the person read. The passage is either
/// the exact `words` typed or copied, or, when those are empty, the whole passage number
/// `passage` (counting from 0) of that version.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(skip_all)]
pub async fn suggest(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: Uuid,
    revision_id: Uuid,
    passage: Option<usize>,
    words: &str,
    proposed: &str,
    reason: &str,
) -> DomainResult<Suggestion> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::Contribute).await?;
    let read = find_revision(db, id, revision_id).await?;
    let words = words.trim();
    let original = if !words.is_empty() {
        if !read.body.contains(words) {
            return Err(DomainError::invalid(
                "words",
                format!("We could not find those exact words in version {}. Please copy them from the document, or leave this empty and choose the part instead.", read.number),
            ));
        }
        words.to_owned()
    } else {
        match passage.and_then(|i| passages(&read.body).into_iter().nth(i)) {
            Some(p) => p,
            None => return Err(DomainError::invalid("passage", "Please choose the part of the document you want to change.")),
        }
    };
    let proposed = proposed.trim().replace("\r\n", "\n");
    if proposed.is_empty() {
        return Err(DomainError::invalid("proposed", "Please write the words you would like instead."));
    }
    if proposed == original {
        return Err(DomainError::invalid("proposed", "Your new words are the same as the words now. Please change them, or say what you mean in a comment."));
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::invalid("reason", "Please say why, so the people editing can weigh it up."));
    }
    let model = suggestion::ActiveModel {
        id: Set(Uuid::now_v7()),
        document_id: Set(id),
        revision_id: Set(read.id),
        original: Set(original),
        proposed: Set(proposed.chars().take(20_000).collect()),
        reason: Set(reason.chars().take(2_000).collect()),
        author_id: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        status: Set(SuggestionStatus::Open.as_str().into()),
        decided_by: Set(None),
        decided_at: Set(None),
        decline_reason: Set(None),
        applied_revision_id: Set(None),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    to_view(db, Some(actor.id), model, &head.body).await
}

/// Every suggestion on a document, open ones first, then newest first.
pub async fn list(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Vec<Suggestion>> {
    let doc = find(db, id).await?;
    authorize(db, viewer, doc.space_id, Action::ViewSpace).await.map_err(|_| DomainError::NotFound("We could not find that document.".into()))?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    let rows = suggestion::Entity::find().filter(suggestion::Column::DocumentId.eq(id)).order_by_desc(suggestion::Column::CreatedAt).all(db).await?;
    let originals: Vec<&str> = rows.iter().map(|r| r.original.as_str()).collect();
    let found = anchors(&head.body, &originals);
    let mut out = to_views(db, viewer, rows.into_iter().zip(found).collect()).await?;
    out.sort_by_key(|s| s.status != SuggestionStatus::Open);
    Ok(out)
}

/// One page of a document's suggestions for the JSON API, in the same order as `list` (open ones
/// first, then newest first), read from the database a page at a time: the open ones newest
/// first, then the decided ones newest first, with the last one seen as the cursor.
pub async fn list_page(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid, page: crate::page::PageRequest) -> DomainResult<crate::page::Page<Suggestion>> {
    use sea_orm::QuerySelect;
    let doc = find(db, id).await?;
    authorize(db, viewer, doc.space_id, Action::ViewSpace).await.map_err(|_| DomainError::NotFound("We could not find that document.".into()))?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    let open = SuggestionStatus::Open.as_str();
    // Where the last page stopped: among the open ones, or already among the decided ones.
    let after = match page.after {
        Some(last) => Some(find_suggestion(db, last).await.ok().filter(|s| s.document_id == id).ok_or_else(|| DomainError::invalid("cursor", "That cursor is not one we gave out. Start again without it."))?),
        None => None,
    };
    let want = page.limit + 1;
    let mut rows: Vec<suggestion::Model> = Vec::new();
    if after.as_ref().is_none_or(|a| a.status == open) {
        let mut q = suggestion::Entity::find().filter(suggestion::Column::DocumentId.eq(id)).filter(suggestion::Column::Status.eq(open));
        if let Some(a) = &after {
            q = q.filter(suggestion::Column::Id.lt(a.id));
        }
        rows = q.order_by_desc(suggestion::Column::Id).limit(want).all(db).await?;
    }
    if (rows.len() as u64) < want {
        let mut q = suggestion::Entity::find().filter(suggestion::Column::DocumentId.eq(id)).filter(suggestion::Column::Status.ne(open));
        if let Some(a) = after.as_ref().filter(|a| a.status != open) {
            q = q.filter(suggestion::Column::Id.lt(a.id));
        }
        rows.extend(q.order_by_desc(suggestion::Column::Id).limit(want - rows.len() as u64).all(db).await?);
    }
    let more = rows.len() as u64 > page.limit;
    rows.truncate(page.limit as usize);
    let next_cursor = if more { rows.last().map(|r| crate::page::encode_cursor(r.id)) } else { None };
    let originals: Vec<&str> = rows.iter().map(|r| r.original.as_str()).collect();
    let found = anchors(&head.body, &originals);
    let items = to_views(db, viewer, rows.into_iter().zip(found).collect()).await?;
    Ok(crate::page::Page { items, next_cursor })
}

/// How many suggestions on a document wait for a decision (a count, for the document page).
pub async fn open_count(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<u64> {
    open_count_in(db, &super::service::DocumentContext::load(db, viewer, id).await?).await
}

/// [`open_count`] for a document page that has its context already.
pub async fn open_count_in(db: &impl ConnectionTrait, ctx: &super::service::DocumentContext) -> DomainResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(suggestion::Entity::find()
        .filter(suggestion::Column::DocumentId.eq(ctx.id()))
        .filter(suggestion::Column::Status.eq(SuggestionStatus::Open.as_str()))
        .count(db)
        .await?)
}

async fn find_suggestion(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<suggestion::Model> {
    suggestion::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)
}

/// One suggestion.
pub async fn get(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Suggestion> {
    let s = find_suggestion(db, id).await?;
    let doc = find(db, s.document_id).await?;
    authorize(db, viewer, doc.space_id, Action::ViewSpace).await.map_err(|_| not_found())?;
    let head = find_revision(db, doc.id, doc.current_revision_id).await?;
    to_view(db, viewer, s, &head.body).await
}

/// Adds to the discussion of a suggestion (its thread, started by the first comment).
#[tracing::instrument(skip_all)]
pub async fn comment(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, body: &str) -> DomainResult<Suggestion> {
    use crate::conversations::service::{NewTarget, Words, start};
    find_suggestion(db, id).await?;
    start(db, actor, NewTarget::Suggestion(id), Words { body, said_by: None }).await?;
    get(db, Some(actor.id), id).await
}

/// Moves an open suggestion to `to` in one statement that only succeeds while it is still open,
/// so two people deciding at the same moment cannot both act on it. False if it was not open.
async fn claim(db: &impl ConnectionTrait, id: Uuid, to: SuggestionStatus, actor: Uuid) -> DomainResult<bool> {
    let claimed = suggestion::Entity::update_many()
        .col_expr(suggestion::Column::Status, Expr::value(to.as_str()))
        .col_expr(suggestion::Column::DecidedBy, Expr::value(Some(actor)))
        .col_expr(suggestion::Column::DecidedAt, Expr::value(Some(chrono::Utc::now())))
        .filter(suggestion::Column::Id.eq(id))
        .filter(suggestion::Column::Status.eq(SuggestionStatus::Open.as_str()))
        .exec(db)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// The plain answer when someone else decided first.
async fn decided_already(db: &impl ConnectionTrait, id: Uuid) -> DomainError {
    match find_suggestion(db, id).await {
        Ok(s) => still_open(&s).err().unwrap_or(DomainError::Conflict("Someone else is deciding on this suggestion right now. Please reload the page.".into())),
        Err(err) => err,
    }
}

fn still_open(s: &suggestion::Model) -> DomainResult<()> {
    match SuggestionStatus::parse(&s.status) {
        Some(SuggestionStatus::Open) => Ok(()),
        Some(done) => Err(DomainError::Conflict(format!("This suggestion has already been {}.", done.label().to_lowercase()))),
        None => Err(DomainError::Internal),
    }
}

/// Accepts a suggestion: the proposed words replace the passage in a new version credited to
/// the suggester. Refused, with the reason, if the passage changed or now appears twice.
#[tracing::instrument(skip_all)]
pub async fn accept(db: &DatabaseConnection, actor: &CurrentUser, id: Uuid) -> DomainResult<Suggestion> {
    let s = find_suggestion(db, id).await?;
    let doc = find(db, s.document_id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::EditDocuments).await?;
    still_open(&s)?;
    let head = find_revision(db, doc.id, doc.current_revision_id).await?;
    match anchor(&head.body, &s.original) {
        Anchor::Found => {}
        Anchor::Changed => {
            return Err(DomainError::Conflict(
                "The words this suggestion changes have been edited since, so it cannot be applied as it is. Edit the document by hand, or decline it and ask for a new suggestion.".into(),
            ));
        }
        Anchor::Repeated => {
            return Err(DomainError::Conflict(
                "The words this suggestion changes now appear more than once, so we cannot tell which to change. Please edit the document by hand.".into(),
            ));
        }
    }
    let author = person::Entity::find_by_id(s.author_id).one(db).await?.ok_or(DomainError::Internal)?;
    let supporter = match s.supporter_id {
        Some(sid) => person::Entity::find_by_id(sid).one(db).await?.map(crate::people::PersonSummary::from),
        None => None,
    };
    let suggester = CurrentUser {
        id: author.id,
        display_name: author.display_name.clone(),
        email: author.email.clone().unwrap_or_default(),
        pronouns: author.pronouns.clone(),
        perspective: Perspective::parse(&author.perspective).unwrap_or(Perspective::Other),
        supporter,
    };
    let text = head.body.replacen(&s.original, &s.proposed, 1);
    let note = format!("Suggestion from {}, accepted by {}: {}", author.display_name, actor.attribution(), s.reason);
    // Claimed first, so a second accept at the same moment finds it decided and saves nothing.
    if !claim(db, id, SuggestionStatus::Accepted, actor.id).await? {
        return Err(decided_already(db, id).await);
    }
    let outcome = match save_credited(db, &suggester, doc.id, head.id, &text, Some(&note)).await {
        Ok(outcome) => outcome,
        Err(err) => {
            // Nothing was saved: the suggestion is open again, as it was.
            suggestion::Entity::update_many()
                .col_expr(suggestion::Column::Status, Expr::value(SuggestionStatus::Open.as_str()))
                .col_expr(suggestion::Column::DecidedBy, Expr::value(Option::<Uuid>::None))
                .col_expr(suggestion::Column::DecidedAt, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
                .filter(suggestion::Column::Id.eq(id))
                .exec(db)
                .await?;
            return Err(err);
        }
    };
    let mut model: suggestion::ActiveModel = s.into();
    model.status = Set(SuggestionStatus::Accepted.as_str().into());
    model.decided_by = Set(Some(actor.id));
    model.applied_revision_id = Set(Some(outcome.revision_id));
    model.update(db).await?;
    get(db, Some(actor.id), id).await
}

/// Declines a suggestion, saying why.
#[tracing::instrument(skip_all)]
pub async fn decline(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, reason: &str) -> DomainResult<Suggestion> {
    let s = find_suggestion(db, id).await?;
    let doc = find(db, s.document_id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::EditDocuments).await?;
    still_open(&s)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::invalid("reason", "Please say why you are declining it. The person who suggested it will read this."));
    }
    if !claim(db, id, SuggestionStatus::Declined, actor.id).await? {
        return Err(decided_already(db, id).await);
    }
    suggestion::Entity::update_many()
        .col_expr(suggestion::Column::DeclineReason, Expr::value(Some(reason.chars().take(2_000).collect::<String>())))
        .filter(suggestion::Column::Id.eq(id))
        .exec(db)
        .await?;
    get(db, Some(actor.id), id).await
}

#[cfg(test)]
mod anchor_tests {
    use super::{Anchor, anchors};

    #[test]
    fn every_passage_is_placed_in_one_pass() {
        let text = "We pay on time. We pay on time. Ask us. aaa";
        let found = anchors(text, &["Ask us.", "We pay on time.", "gone", "Ask us.", "aa", ""]);
        assert_eq!(found, vec![Anchor::Found, Anchor::Repeated, Anchor::Changed, Anchor::Found, Anchor::Repeated, Anchor::Changed]);
    }
}
