//! Threads and comments: starting, posting, replying, editing, removing, resolving, reacting,
//! hiding and reporting, and reading them back as people see them.
//!
//! Every write checks the writer's role in the thread's space (`permissions`), records one live
//! event for the space's readers (`events`), and tells people mentioned or replied to
//! (`notifications`).

use std::collections::{HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionSession, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{Comment, EarlierWording, ReactionCount, ReactionKind, SectionPlace, TargetKind, Thread, ThreadAbilities, events, notifications};
use crate::accounts::{Actor, record_audit};
use crate::accounts::{authorize, role_in};
use crate::account_types::AuditAction;
use crate::entities::{comment, comment_edit, comment_report, document, membership, person, reaction, revision, suggestion, thread};
use crate::people::{CurrentUser, Perspective, Role};
use crate::permissions::{Action, ConversationAction, can};
use crate::{DomainError, DomainResult};

/// Longest comment kept (about ten pages of writing).
pub const MAX_COMMENT_CHARS: usize = 10_000;

fn thread_not_found() -> DomainError {
    DomainError::NotFound("We could not find that conversation.".into())
}

fn comment_not_found() -> DomainError {
    DomainError::NotFound("We could not find that comment.".into())
}

/// What a new thread is about.
#[derive(Debug, Clone)]
pub enum NewTarget {
    Document(Uuid),
    /// A section of the document's newest version, by its key.
    Section { document_id: Uuid, key: String },
    /// A suggestion has one thread: starting another posts to it.
    Suggestion(Uuid),
    Discussion { space_id: Uuid, title: String },
    /// A meeting as a whole, or one item on its agenda.
    Meeting(Uuid),
    AgendaItem(Uuid),
    /// A You Said We Did item.
    Feedback(Uuid),
}

/// A comment as typed: the words, and whose words they are when recording someone else.
#[derive(Debug, Clone, Copy, Default)]
pub struct Words<'a> {
    pub body: &'a str,
    /// "Alex Reid": the person whose words these are, when not the poster's own.
    pub said_by: Option<&'a str>,
}

fn checked_body(body: &str) -> DomainResult<String> {
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(DomainError::invalid("body", "Please write your comment."));
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(DomainError::invalid("body", format!("Comments can be up to {MAX_COMMENT_CHARS} characters. Please shorten it, or split it into two comments.")));
    }
    Ok(body)
}

/// What the reader may do in a space, from their role alone.
pub fn abilities(role: Option<Role>, signed_in: bool) -> ThreadAbilities {
    use crate::permissions::can_in_conversation as may;
    ThreadAbilities {
        contribute: may(role, ConversationAction::Post),
        moderate: may(role, ConversationAction::Moderate),
        report: signed_in && may(role, ConversationAction::Report),
    }
}

async fn role(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> DomainResult<Option<Role>> {
    match viewer {
        Some(id) => role_in(db, id, space_id).await,
        None => Ok(None),
    }
}

/// The space a target belongs to, and (for a document or section) the document.
async fn space_of(db: &impl ConnectionTrait, target: &NewTarget) -> DomainResult<(Uuid, Option<document::Model>)> {
    match target {
        NewTarget::Document(id) | NewTarget::Section { document_id: id, .. } => {
            let doc = crate::documents::service::find(db, *id).await?;
            Ok((doc.space_id, Some(doc)))
        }
        NewTarget::Suggestion(id) => {
            let s = suggestion::Entity::find_by_id(*id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that suggestion.".into()))?;
            let doc = crate::documents::service::find(db, s.document_id).await?;
            Ok((doc.space_id, Some(doc)))
        }
        NewTarget::Discussion { space_id, .. } => {
            crate::memo::space(db, *space_id).await?.ok_or_else(|| DomainError::NotFound("We could not find that board or group.".into()))?;
            Ok((*space_id, None))
        }
        NewTarget::Meeting(id) => Ok((meeting_row(db, *id).await?.space_id, None)),
        NewTarget::AgendaItem(id) => Ok((meeting_row(db, agenda_item_row(db, *id).await?.meeting_id).await?.space_id, None)),
        NewTarget::Feedback(id) => Ok((feedback_row(db, *id).await?.space_id, None)),
    }
}

async fn meeting_row(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<crate::entities::meeting::Model> {
    crate::entities::meeting::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that meeting.".into()))
}

async fn agenda_item_row(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<crate::entities::agenda_item::Model> {
    crate::entities::agenda_item::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that agenda item.".into()))
}

async fn feedback_row(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<crate::entities::feedback_item::Model> {
    crate::entities::feedback_item::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that feedback.".into()))
}

/// Starts a thread with its first comment. Returns the thread's id and the comment's.
#[tracing::instrument(skip_all)]
pub async fn start(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, target: NewTarget, words: Words<'_>) -> DomainResult<(Uuid, Uuid)> {
    let txn = crate::begin(db).await?;
    let done = start_in(&txn, actor, target, words).await?;
    txn.commit().await?;
    Ok(done)
}

pub(crate) async fn start_in(db: &impl ConnectionTrait, actor: &CurrentUser, target: NewTarget, words: Words<'_>) -> DomainResult<(Uuid, Uuid)> {
    let (space_id, doc) = space_of(db, &target).await?;
    authorize(db, Some(actor.id), space_id, ConversationAction::Post.needs()).await?;
    let body = checked_body(words.body)?;
    let now = chrono::Utc::now();
    let mut model = thread::ActiveModel {
        id: Set(Uuid::now_v7()),
        space_id: Set(space_id),
        target_type: Set(String::new()),
        target_id: Set(None),
        section_key: Set(None),
        section_title: Set(None),
        section_text: Set(None),
        revision_id: Set(None),
        revision_number: Set(None),
        title: Set(None),
        created_by: Set(actor.id),
        created_at: Set(now),
        last_activity_at: Set(now),
        resolved_at: Set(None),
        resolved_by: Set(None),
    };
    match &target {
        NewTarget::Document(id) => {
            model.target_type = Set(TargetKind::Document.as_str().into());
            model.target_id = Set(Some(*id));
        }
        NewTarget::Section { document_id, key } => {
            let doc = doc.as_ref().ok_or(DomainError::Internal)?;
            let head = crate::documents::service::find_revision(db, doc.id, doc.current_revision_id).await?;
            let section = crate::documents::sections(&head.body)
                .into_iter()
                .find(|s| &s.key == key)
                .ok_or_else(|| DomainError::invalid("part", "That part of the document has changed or gone since you loaded the page. Please choose a part again."))?;
            model.target_type = Set(TargetKind::Section.as_str().into());
            model.target_id = Set(Some(*document_id));
            model.section_key = Set(Some(section.key));
            model.section_title = Set(Some(section.title));
            model.section_text = Set(Some(section.markdown));
            model.revision_id = Set(Some(head.id));
            model.revision_number = Set(Some(head.number));
        }
        NewTarget::Suggestion(id) => {
            // One thread per suggestion, with the suggestion's own id.
            if thread::Entity::find_by_id(*id).one(db).await?.is_some() {
                let comment = post_in(db, actor, *id, None, words).await?;
                return Ok((*id, comment));
            }
            model.id = Set(*id);
            model.target_type = Set(TargetKind::Suggestion.as_str().into());
            model.target_id = Set(Some(*id));
        }
        NewTarget::Discussion { title, .. } => {
            let title = title.trim();
            if title.is_empty() {
                return Err(DomainError::invalid("title", "Please give the discussion a short subject, so people know what it is about."));
            }
            model.target_type = Set(TargetKind::Discussion.as_str().into());
            model.title = Set(Some(title.chars().take(200).collect()));
        }
        NewTarget::Meeting(id) => {
            let m = meeting_row(db, *id).await?;
            model.target_type = Set(TargetKind::Meeting.as_str().into());
            model.target_id = Set(Some(*id));
            model.title = Set(Some(m.title.chars().take(200).collect()));
        }
        NewTarget::AgendaItem(id) => {
            let item = agenda_item_row(db, *id).await?;
            model.target_type = Set(TargetKind::AgendaItem.as_str().into());
            model.target_id = Set(Some(*id));
            model.title = Set(Some(item.title.chars().take(200).collect()));
        }
        NewTarget::Feedback(id) => {
            let item = feedback_row(db, *id).await?;
            model.target_type = Set(TargetKind::Feedback.as_str().into());
            model.target_id = Set(Some(*id));
            model.title = Set(Some(item.said.chars().take(200).collect()));
        }
    }
    let saved = model.insert(db).await?;
    let comment = insert_comment(db, actor, &saved, None, &body, words.said_by).await?;
    Ok((saved.id, comment))
}

async fn find_thread(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<thread::Model> {
    thread::Entity::find_by_id(id).one(db).await?.ok_or_else(thread_not_found)
}

async fn find_comment(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<(comment::Model, thread::Model)> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or_else(comment_not_found)?;
    let t = find_thread(db, c.thread_id).await?;
    Ok((c, t))
}

/// Posts a comment in a thread, or a reply to one of its comments. A reply to a reply joins the
/// same conversation under the first comment (replies are one level deep).
#[tracing::instrument(skip_all)]
pub async fn post(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, thread_id: Uuid, parent: Option<Uuid>, words: Words<'_>) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = post_in(&txn, actor, thread_id, parent, words).await?;
    txn.commit().await?;
    Ok(done)
}

async fn post_in(db: &impl ConnectionTrait, actor: &CurrentUser, thread_id: Uuid, parent: Option<Uuid>, words: Words<'_>) -> DomainResult<Uuid> {
    let t = find_thread(db, thread_id).await.map_err(|_| thread_not_found())?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::Post.needs()).await?;
    let body = checked_body(words.body)?;
    if t.resolved_at.is_some() {
        return Err(DomainError::Conflict("This conversation has been resolved. Reopen it first if there is more to say.".into()));
    }
    let parent = match parent {
        Some(pid) => {
            let p = comment::Entity::find_by_id(pid).one(db).await?.filter(|p| p.thread_id == t.id).ok_or_else(comment_not_found)?;
            Some(p)
        }
        None => None,
    };
    insert_comment(db, actor, &t, parent.as_ref(), &body, words.said_by).await
}

/// A space and, for a group, its board: whose members take part in a group's conversations.
async fn with_board(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<Uuid>> {
    let mut spaces = vec![space_id];
    if let Some(parent) = crate::memo::space(db, space_id).await?.and_then(|s| s.parent_id) {
        spaces.push(parent);
    }
    Ok(spaces)
}

/// Members of a space and of its board (everyone who could be mentioned there), named.
async fn people_of(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<person::Model>> {
    let spaces = with_board(db, space_id).await?;
    let ids: Vec<Uuid> = membership::Entity::find()
        .select_only()
        .column(membership::Column::PersonId)
        .filter(membership::Column::SpaceId.is_in(spaces))
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    Ok(person::Entity::find().filter(person::Column::Id.is_in(ids.into_iter().collect::<HashSet<_>>())).all(db).await?)
}

/// The names a comment in a space can mention: its members and its board's, in order.
pub async fn mentionable(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<String>> {
    use sea_orm::{JoinType, RelationTrait};
    let spaces = with_board(db, space_id).await?;
    // Names only, people and their memberships in one statement.
    let mut names: Vec<String> = person::Entity::find()
        .select_only()
        .column(person::Column::DisplayName)
        .join(JoinType::InnerJoin, person::Relation::Membership.def())
        .filter(membership::Column::SpaceId.is_in(spaces))
        .into_tuple::<String>()
        .all(db)
        .await?;
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup();
    Ok(names)
}

async fn insert_comment(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    t: &thread::Model,
    parent: Option<&comment::Model>,
    body: &str,
    said_by: Option<&str>,
) -> DomainResult<Uuid> {
    let people = people_of(db, t.space_id).await?;
    let said_by = said_by.map(str::trim).filter(|s| !s.is_empty()).map(|s| s.chars().take(120).collect::<String>());
    // Someone Coboard knows, when the name is exactly theirs.
    let said_by_id = said_by.as_ref().and_then(|name| people.iter().find(|p| p.display_name.eq_ignore_ascii_case(name)).map(|p| p.id));
    let now = chrono::Utc::now();
    let saved = comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        thread_id: Set(t.id),
        parent_id: Set(parent.map(|p| p.parent_id.unwrap_or(p.id))),
        author_id: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        said_by_name: Set(said_by.clone()),
        said_by_id: Set(said_by_id),
        body: Set(body.to_owned()),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        hidden_at: Set(None),
        hidden_by: Set(None),
        hidden_reason: Set(None),
    }
    .insert(db)
    .await?;
    thread::Entity::update_many().col_expr(thread::Column::LastActivityAt, Expr::value(now)).filter(thread::Column::Id.eq(t.id)).exec(db).await?;
    crate::search::index::comment(db, saved.id).await?;
    let title = about(db, t).await?;
    let link = format!("/threads/{}#comment-{}", t.id, saved.id);
    // Mentions, then the person replied to, each told once and never about their own words.
    let names: Vec<String> = people.iter().map(|p| p.display_name.clone()).collect();
    let mut told: HashSet<Uuid> = HashSet::from([actor.id]);
    for name in super::mentioned(body, &names) {
        if let Some(p) = people.iter().find(|p| &p.display_name == name)
            && told.insert(p.id)
        {
            let summary = format!("{} mentioned you in \u{201c}{title}\u{201d}.", actor.attribution());
            notifications::notify(db, p.id, "mention", t, Some(saved.id), &summary, &link).await?;
        }
    }
    if let Some(p) = parent
        && told.insert(p.author_id)
    {
        let summary = format!("{} replied to your comment in \u{201c}{title}\u{201d}.", actor.attribution());
        notifications::notify(db, p.author_id, "reply", t, Some(saved.id), &summary, &link).await?;
    }
    events::record(db, events::NewEvent::in_space(t.space_id, "comment_posted", t.id, Some(saved.id)).with_data(serde_json::json!({
        "thread_id": t.id,
        "comment_id": saved.id,
        "space_id": t.space_id,
        "target_type": t.target_type,
        "target_id": t.target_id,
        "by": actor.attribution(),
        "link": link,
    })))
    .await?;
    Ok(saved.id)
}

/// What a thread is about, in words: a discussion's subject or the document's title.
async fn about(db: &impl ConnectionTrait, t: &thread::Model) -> DomainResult<String> {
    if let Some(title) = &t.title {
        return Ok(title.clone());
    }
    let doc_id = match TargetKind::parse(&t.target_type) {
        Some(TargetKind::Suggestion) => match t.target_id {
            Some(sid) => suggestion::Entity::find_by_id(sid).one(db).await?.map(|s| s.document_id),
            None => None,
        },
        _ => t.target_id,
    };
    Ok(match doc_id {
        Some(id) => crate::memo::document(db, id).await?.map_or_else(|| "a document".to_owned(), |d| d.title),
        None => "a conversation".to_owned(),
    })
}

/// Changes the words of one's own comment; the earlier wording is kept and "edited" shows.
#[tracing::instrument(skip_all)]
pub async fn edit(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid, body: &str) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = edit_in(&txn, actor, id, body).await?;
    txn.commit().await?;
    Ok(done)
}

async fn edit_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, body: &str) -> DomainResult<Uuid> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::EditOwn.needs()).await?;
    own_and_shown(&c, actor)?;
    let body = checked_body(body)?;
    if body == c.body {
        return Ok(t.id);
    }
    let now = chrono::Utc::now();
    comment_edit::ActiveModel { id: Set(Uuid::now_v7()), comment_id: Set(c.id), body: Set(c.body.clone()), replaced_at: Set(now) }.insert(db).await?;
    comment::Entity::update_many()
        .col_expr(comment::Column::Body, Expr::value(body))
        .col_expr(comment::Column::EditedAt, Expr::value(Some(now)))
        .filter(comment::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    crate::search::index::comment(db, c.id).await?;
    events::record(db, events::NewEvent::in_space(t.space_id, "comment_edited", t.id, Some(c.id))).await?;
    Ok(t.id)
}

fn own_and_shown(c: &comment::Model, actor: &CurrentUser) -> DomainResult<()> {
    if c.author_id != actor.id {
        return Err(DomainError::Forbidden("Only the person who wrote a comment can change or remove it.".into()));
    }
    if c.deleted_at.is_some() {
        return Err(DomainError::Conflict("This comment has been removed.".into()));
    }
    if c.hidden_at.is_some() {
        return Err(DomainError::Conflict("A lead has hidden this comment, so it cannot be changed. You can still read it, with the reason.".into()));
    }
    Ok(())
}

/// Removes one's own comment: a tombstone stays ("Comment removed by its author"), so replies
/// still make sense; the words and their earlier wordings are gone.
#[tracing::instrument(skip_all)]
pub async fn remove(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = remove_in(&txn, actor, id).await?;
    txn.commit().await?;
    Ok(done)
}

async fn remove_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid) -> DomainResult<Uuid> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::RemoveOwn.needs()).await.map_err(|_| comment_not_found())?;
    own_and_shown(&c, actor)?;
    comment::Entity::update_many()
        .col_expr(comment::Column::Body, Expr::value(""))
        .col_expr(comment::Column::DeletedAt, Expr::value(Some(chrono::Utc::now())))
        .filter(comment::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    comment_edit::Entity::delete_many().filter(comment_edit::Column::CommentId.eq(c.id)).exec(db).await?;
    reaction::Entity::delete_many().filter(reaction::Column::CommentId.eq(c.id)).exec(db).await?;
    crate::search::index::comment(db, c.id).await?;
    events::record(db, events::NewEvent::in_space(t.space_id, "comment_removed", t.id, Some(c.id))).await?;
    Ok(t.id)
}

/// Marks a thread resolved (`true`) or open again (`false`).
#[tracing::instrument(skip_all)]
pub async fn resolve(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, resolved: bool) -> DomainResult<()> {
    let t = find_thread(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::Resolve.needs()).await?;
    let (at, by) = if resolved { (Some(chrono::Utc::now()), Some(actor.id)) } else { (None, None) };
    thread::Entity::update_many()
        .col_expr(thread::Column::ResolvedAt, Expr::value(at))
        .col_expr(thread::Column::ResolvedBy, Expr::value(by))
        .filter(thread::Column::Id.eq(id))
        .exec(db)
        .await?;
    events::record(db, events::NewEvent::in_space(t.space_id, if resolved { "thread_resolved" } else { "thread_reopened" }, t.id, None)).await?;
    Ok(())
}

/// Gives (`want` true) or takes back (false) the reader's reaction of `kind` on a comment, or
/// (`None`) turns it over: given if it was not, taken back if it was. Returns whether the
/// reaction is there now.
#[tracing::instrument(skip_all)]
pub async fn react(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, kind: ReactionKind, want: Option<bool>) -> DomainResult<bool> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::React.needs()).await?;
    if c.deleted_at.is_some() || c.hidden_at.is_some() {
        return Err(DomainError::Conflict("This comment is not shown, so it cannot be reacted to.".into()));
    }
    let gone = reaction::Entity::delete_many()
        .filter(reaction::Column::CommentId.eq(c.id))
        .filter(reaction::Column::PersonId.eq(actor.id))
        .filter(reaction::Column::Kind.eq(kind.as_str()))
        .exec(db)
        .await?;
    let was_there = gone.rows_affected > 0;
    let now_there = want.unwrap_or(!was_there);
    if now_there {
        reaction::ActiveModel { comment_id: Set(c.id), person_id: Set(actor.id), kind: Set(kind.as_str().into()), created_at: Set(chrono::Utc::now()) }
            .insert(db)
            .await?;
    }
    events::record(db, events::NewEvent::in_space(t.space_id, "reaction", t.id, Some(c.id))).await?;
    Ok(now_there)
}

/// A lead hides a comment, giving the reason shown in its place. The author is told, and it is
/// in the audit log. The words stay readable by the leads and the author.
#[tracing::instrument(skip_all)]
pub async fn hide(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid, reason: &str) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = hide_in(&txn, actor, id, reason).await?;
    txn.commit().await?;
    Ok(done)
}

async fn hide_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, reason: &str) -> DomainResult<Uuid> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::Moderate.needs()).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::invalid("reason", "Please give a reason. It is shown in place of the comment, and the person who wrote it is told."));
    }
    if c.deleted_at.is_some() {
        return Err(DomainError::Conflict("This comment has already been removed by its author.".into()));
    }
    let reason: String = reason.chars().take(500).collect();
    comment::Entity::update_many()
        .col_expr(comment::Column::HiddenAt, Expr::value(Some(chrono::Utc::now())))
        .col_expr(comment::Column::HiddenBy, Expr::value(Some(actor.id)))
        .col_expr(comment::Column::HiddenReason, Expr::value(Some(reason.clone())))
        .filter(comment::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    let title = about(db, &t).await?;
    record_audit(db, Some(Actor::from(actor)), AuditAction::CommentHidden, Some(&format!("Comment in \u{201c}{title}\u{201d}")), Some(&reason), None).await?;
    if c.author_id != actor.id {
        let summary = format!("{} hid your comment in \u{201c}{title}\u{201d}. The reason given: {reason}", actor.attribution());
        notifications::notify(db, c.author_id, "hidden", &t, Some(c.id), &summary, &format!("/threads/{}#comment-{}", t.id, c.id)).await?;
    }
    crate::search::index::comment(db, c.id).await?;
    events::record(db, events::NewEvent::in_space(t.space_id, "comment_hidden", t.id, Some(c.id))).await?;
    Ok(t.id)
}

/// A lead shows a hidden comment again (audit-logged).
#[tracing::instrument(skip_all)]
pub async fn unhide(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = unhide_in(&txn, actor, id).await?;
    txn.commit().await?;
    Ok(done)
}

async fn unhide_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid) -> DomainResult<Uuid> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::Moderate.needs()).await?;
    if c.hidden_at.is_none() {
        return Ok(t.id);
    }
    comment::Entity::update_many()
        .col_expr(comment::Column::HiddenAt, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .col_expr(comment::Column::HiddenBy, Expr::value(Option::<Uuid>::None))
        .col_expr(comment::Column::HiddenReason, Expr::value(Option::<String>::None))
        .filter(comment::Column::Id.eq(c.id))
        .exec(db)
        .await?;
    let title = about(db, &t).await?;
    record_audit(db, Some(Actor::from(actor)), AuditAction::CommentShown, Some(&format!("Comment in \u{201c}{title}\u{201d}")), None, None).await?;
    crate::search::index::comment(db, c.id).await?;
    events::record(db, events::NewEvent::in_space(t.space_id, "comment_shown", t.id, Some(c.id))).await?;
    Ok(t.id)
}

/// Anyone signed in who can read a comment asks the space's leads to look at it.
#[tracing::instrument(skip_all)]
pub async fn report(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, reason: &str) -> DomainResult<Uuid> {
    let (c, t) = find_comment(db, id).await?;
    authorize(db, Some(actor.id), t.space_id, ConversationAction::Report.needs()).await.map_err(|_| comment_not_found())?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::invalid("reason", "Please say what worries you about this comment, so the leads know what to look at."));
    }
    let reason: String = reason.chars().take(1_000).collect();
    comment_report::ActiveModel { id: Set(Uuid::now_v7()), comment_id: Set(c.id), person_id: Set(actor.id), reason: Set(reason.clone()), created_at: Set(chrono::Utc::now()) }
        .insert(db)
        .await?;
    let title = about(db, &t).await?;
    let link = format!("/threads/{}#comment-{}", t.id, c.id);
    for lead in leads(db, t.space_id).await? {
        if lead != actor.id {
            let summary = format!("{} reported a comment in \u{201c}{title}\u{201d}: {reason}", actor.attribution());
            notifications::notify(db, lead, "report", &t, Some(c.id), &summary, &link).await?;
        }
    }
    Ok(t.id)
}

/// The people who lead a space: its co-chairs or convenors, and the board's co-chairs, who
/// lead every group too.
async fn leads(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<Uuid>> {
    let spaces = with_board(db, space_id).await?;
    let ids: HashSet<Uuid> = membership::Entity::find()
        .select_only()
        .column(membership::Column::PersonId)
        .filter(membership::Column::SpaceId.is_in(spaces))
        .filter(membership::Column::Role.eq(Role::CoChair.as_str()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(ids.into_iter().collect())
}

/// Every thread on a target (a document's own threads and its sections' threads, a suggestion's,
/// or a space's discussions), oldest first, as the reader sees them.
pub async fn threads_on(db: &impl ConnectionTrait, viewer: Option<Uuid>, kind: TargetKind, target_id: Uuid) -> DomainResult<(Vec<Thread>, ThreadAbilities)> {
    let space_id = match kind {
        TargetKind::Discussion => target_id,
        TargetKind::Suggestion => space_of(db, &NewTarget::Suggestion(target_id)).await?.0,
        TargetKind::Document | TargetKind::Section => crate::memo::document(db, target_id).await?.ok_or_else(|| DomainError::NotFound("We could not find that document.".into()))?.space_id,
        TargetKind::Meeting => space_of(db, &NewTarget::Meeting(target_id)).await?.0,
        TargetKind::AgendaItem => space_of(db, &NewTarget::AgendaItem(target_id)).await?.0,
        TargetKind::Feedback => space_of(db, &NewTarget::Feedback(target_id)).await?.0,
    };
    let role = role(db, viewer, space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(DomainError::NotFound("We could not find those conversations.".into()));
    }
    let mut q = thread::Entity::find();
    q = match kind {
        TargetKind::Discussion => q.filter(thread::Column::SpaceId.eq(target_id)).filter(thread::Column::TargetType.eq(TargetKind::Discussion.as_str())),
        TargetKind::Document | TargetKind::Section => {
            q.filter(thread::Column::TargetId.eq(target_id)).filter(thread::Column::TargetType.is_in([TargetKind::Document.as_str(), TargetKind::Section.as_str()]))
        }
        TargetKind::Suggestion | TargetKind::Meeting | TargetKind::AgendaItem | TargetKind::Feedback => q.filter(thread::Column::TargetId.eq(target_id)).filter(thread::Column::TargetType.eq(kind.as_str())),
    };
    let rows = q.order_by_asc(thread::Column::CreatedAt).all(db).await?;
    let threads = views(db, viewer, role, rows).await?;
    Ok((threads, abilities(role, viewer.is_some())))
}

/// A document's own threads and its sections', for a document page that has its context.
pub async fn threads_on_document(
    db: &impl ConnectionTrait,
    ctx: &crate::documents::service::DocumentContext,
    head_markdown: &str,
) -> DomainResult<(Vec<Thread>, ThreadAbilities)> {
    let rows = thread::Entity::find()
        .filter(thread::Column::TargetId.eq(ctx.id()))
        .filter(thread::Column::TargetType.is_in([TargetKind::Document.as_str(), TargetKind::Section.as_str()]))
        .order_by_asc(thread::Column::CreatedAt)
        .all(db)
        .await?;
    let heads = HashMap::from([(ctx.id(), crate::documents::sections(head_markdown))]);
    Ok((views_knowing(db, ctx.viewer, ctx.role, rows, heads).await?, abilities(ctx.role, ctx.viewer.is_some())))
}

/// A meeting's threads and its agenda items', in one query, for a meeting page that has checked
/// the reader may read the space (`ctx`).
pub async fn threads_on_meeting(db: &impl ConnectionTrait, ctx: &crate::meetings::service::MeetingContext, item_ids: Vec<Uuid>) -> DomainResult<(Vec<Thread>, ThreadAbilities)> {
    let mut ids = item_ids;
    ids.push(ctx.meeting.id);
    let rows = thread::Entity::find()
        .filter(thread::Column::TargetId.is_in(ids))
        .filter(thread::Column::TargetType.is_in([TargetKind::Meeting.as_str(), TargetKind::AgendaItem.as_str()]))
        .order_by_asc(thread::Column::CreatedAt)
        .all(db)
        .await?;
    Ok((views(db, ctx.viewer, ctx.role, rows).await?, abilities(ctx.role, ctx.viewer.is_some())))
}

/// Threads on several suggestions at once (the suggestions page), by suggestion.
pub(crate) async fn suggestion_threads(db: &impl ConnectionTrait, viewer: Option<Uuid>, role: Option<Role>, ids: Vec<Uuid>) -> DomainResult<HashMap<Uuid, Thread>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = thread::Entity::find().filter(thread::Column::Id.is_in(ids)).all(db).await?;
    Ok(views(db, viewer, role, rows).await?.into_iter().map(|t| (t.id, t)).collect())
}

/// One thread, as the reader sees it, with what they may do.
pub async fn get(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<(Thread, ThreadAbilities)> {
    let t = find_thread(db, id).await?;
    let role = role(db, viewer, t.space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(thread_not_found());
    }
    let mut found = views(db, viewer, role, vec![t]).await?;
    Ok((found.pop().ok_or(DomainError::Internal)?, abilities(role, viewer.is_some())))
}

/// The thread a comment is in, checking the reader may see it.
pub async fn thread_of_comment(db: &impl ConnectionTrait, viewer: Option<Uuid>, comment_id: Uuid) -> DomainResult<Uuid> {
    let (_, t) = find_comment(db, comment_id).await?;
    if !can(role(db, viewer, t.space_id).await?, Action::ViewSpace) {
        return Err(comment_not_found());
    }
    Ok(t.id)
}

/// Threads as people read them: a handful of queries whatever their number (comments, the
/// people named, reactions and earlier wordings when there are any, the documents they are on).
async fn views(db: &impl ConnectionTrait, viewer: Option<Uuid>, role: Option<Role>, rows: Vec<thread::Model>) -> DomainResult<Vec<Thread>> {
    views_knowing(db, viewer, role, rows, HashMap::new()).await
}

/// [`views`], given the newest text's sections of documents the caller has read already.
async fn views_knowing(
    db: &impl ConnectionTrait,
    viewer: Option<Uuid>,
    role: Option<Role>,
    rows: Vec<thread::Model>,
    mut heads: HashMap<Uuid, Vec<crate::documents::Section>>,
) -> DomainResult<Vec<Thread>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let lead = can(role, Action::Moderate);
    let ids: Vec<Uuid> = rows.iter().map(|t| t.id).collect();
    let comments = comment::Entity::find().filter(comment::Column::ThreadId.is_in(ids)).order_by_asc(comment::Column::CreatedAt).all(db).await?;
    let comment_ids: Vec<Uuid> = comments.iter().map(|c| c.id).collect();
    let reactions = if comment_ids.is_empty() { Vec::new() } else { reaction::Entity::find().filter(reaction::Column::CommentId.is_in(comment_ids.clone())).all(db).await? };
    let edited: Vec<Uuid> = comments.iter().filter(|c| c.edited_at.is_some() && c.deleted_at.is_none()).map(|c| c.id).collect();
    let mut earlier: HashMap<Uuid, Vec<EarlierWording>> = HashMap::new();
    if !edited.is_empty() {
        for e in comment_edit::Entity::find().filter(comment_edit::Column::CommentId.is_in(edited)).order_by_asc(comment_edit::Column::ReplacedAt).all(db).await? {
            earlier.entry(e.comment_id).or_default().push(EarlierWording { body: e.body, replaced_at: e.replaced_at });
        }
    }
    let mut people: HashSet<Uuid> = HashSet::new();
    for t in &rows {
        people.extend([Some(t.created_by), t.resolved_by].into_iter().flatten());
    }
    for c in &comments {
        people.extend([Some(c.author_id), c.supporter_id, c.said_by_id, c.hidden_by].into_iter().flatten());
    }
    people.extend(reactions.iter().map(|r| r.person_id));
    let people: HashMap<Uuid, person::Model> = person::Entity::find().filter(person::Column::Id.is_in(people)).all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let name = |id: Uuid| people.get(&id).map_or_else(|| "Someone".to_owned(), |p| p.display_name.clone());
    let perspective = |id: Uuid| people.get(&id).and_then(|p| Perspective::parse(&p.perspective));

    // What each thread is about: its document (for suggestions, through the suggestion).
    let suggestion_ids: Vec<Uuid> = rows.iter().filter(|t| t.target_type == TargetKind::Suggestion.as_str()).filter_map(|t| t.target_id).collect();
    let suggestion_docs: HashMap<Uuid, Uuid> = if suggestion_ids.is_empty() {
        HashMap::new()
    } else {
        suggestion::Entity::find()
            .select_only()
            .columns([suggestion::Column::Id, suggestion::Column::DocumentId])
            .filter(suggestion::Column::Id.is_in(suggestion_ids))
            .into_tuple::<(Uuid, Uuid)>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let doc_of = |t: &thread::Model| match TargetKind::parse(&t.target_type) {
        Some(TargetKind::Suggestion) => t.target_id.and_then(|s| suggestion_docs.get(&s).copied()),
        Some(TargetKind::Document | TargetKind::Section) => t.target_id,
        _ => None,
    };
    let doc_ids: HashSet<Uuid> = rows.iter().filter_map(doc_of).collect();
    let mut docs: HashMap<Uuid, document::Model> = HashMap::new();
    for id in doc_ids {
        if let Some(d) = crate::memo::document(db, id).await? {
            docs.insert(id, d);
        }
    }
    // The newest text of each document with section threads, to say whether the section changed.
    let wanted: HashSet<Uuid> =
        rows.iter().filter(|t| t.target_type == TargetKind::Section.as_str()).filter_map(|t| t.target_id).filter(|d| !heads.contains_key(d)).collect();
    if !wanted.is_empty() {
        let head_ids: Vec<Uuid> = wanted.iter().filter_map(|d| docs.get(d)).map(|d| d.current_revision_id).collect();
        for r in revision::Entity::find().filter(revision::Column::Id.is_in(head_ids)).all(db).await? {
            heads.insert(r.document_id, crate::documents::sections(&r.body));
        }
    }

    // The words, rendered with the board's glossary.
    let board = match rows.first() {
        Some(t) => Some(crate::glossary::service::board_of(db, t.space_id).await?),
        None => None,
    };
    let terms = match board {
        Some(b) => crate::glossary::service::terms(db, b).await?,
        None => Vec::new(),
    };
    let mut reactions_by: HashMap<Uuid, Vec<&reaction::Model>> = HashMap::new();
    for r in &reactions {
        reactions_by.entry(r.comment_id).or_default().push(r);
    }
    let mut used: HashMap<Uuid, Vec<crate::glossary::Term>> = HashMap::new();
    let mut built: HashMap<Uuid, Comment> = HashMap::with_capacity(comments.len());
    let mut order: Vec<(Uuid, Uuid, Option<Uuid>)> = Vec::with_capacity(comments.len());
    for c in comments {
        let shown = c.deleted_at.is_none() && (c.hidden_at.is_none() || lead || Some(c.author_id) == viewer);
        let html = if shown {
            let rendered = crate::text_work::render(&c.body, &terms).await;
            let words = used.entry(c.thread_id).or_default();
            for t in &rendered.used {
                if !words.iter().any(|w| w.slug == t.slug) {
                    words.push(t.clone());
                }
            }
            Some(rendered.html.clone())
        } else {
            None
        };
        let by = {
            let poster = crate::people::credit(&name(c.author_id), c.supporter_id.map(name).as_deref());
            match &c.said_by_name {
                Some(said) => format!("{}, recorded by {poster}", c.said_by_id.map_or_else(|| said.clone(), name)),
                None => poster,
            }
        };
        let counts = ReactionKind::ALL
            .into_iter()
            .map(|kind| {
                let of_kind: Vec<&&reaction::Model> = reactions_by.get(&c.id).map(|v| v.iter().filter(|r| r.kind == kind.as_str()).collect()).unwrap_or_default();
                let by_perspective = Perspective::ALL
                    .into_iter()
                    .map(|p| (p, of_kind.iter().filter(|r| perspective(r.person_id).unwrap_or(Perspective::Other) == p).count()))
                    .filter(|(_, n)| *n > 0)
                    .collect();
                ReactionCount { kind, total: of_kind.len(), by_perspective, mine: viewer.is_some_and(|v| of_kind.iter().any(|r| r.person_id == v)) }
            })
            .collect();
        order.push((c.id, c.thread_id, c.parent_id));
        let whose = match (&c.said_by_name, c.said_by_id) {
            (Some(_), Some(id)) => perspective(id),
            (Some(_), None) => None,
            (None, _) => perspective(c.author_id),
        };
        built.insert(
            c.id,
            Comment {
                id: c.id,
                thread_id: c.thread_id,
                parent_id: c.parent_id,
                by,
                author_id: c.author_id,
                perspective: whose,
                body: shown.then(|| c.body.clone()),
                body_html: html,
                created_at: c.created_at,
                edited_at: c.edited_at,
                earlier: if shown { earlier.remove(&c.id).unwrap_or_default() } else { Vec::new() },
                deleted: c.deleted_at.is_some(),
                hidden_reason: c.hidden_reason.clone(),
                hidden_by: c.hidden_by.map(name),
                reactions: counts,
                replies: Vec::new(),
                can_edit: Some(c.author_id) == viewer && c.deleted_at.is_none() && c.hidden_at.is_none() && can(role, Action::Contribute),
            },
        );
    }
    // Replies under their comment, each list oldest first.
    let mut counts: HashMap<Uuid, usize> = HashMap::new();
    let mut top: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    let mut replies: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
    for (id, thread_id, parent) in &order {
        *counts.entry(*thread_id).or_default() += 1;
        match parent {
            Some(p) if built.contains_key(p) => replies.entry(*p).or_default().push(*id),
            _ => top.entry(*thread_id).or_default().push(*id),
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        let kind = TargetKind::parse(&t.target_type).unwrap_or(TargetKind::Discussion);
        let mut comments = Vec::new();
        for id in top.remove(&t.id).unwrap_or_default() {
            if let Some(mut c) = built.remove(&id) {
                c.replies = replies.remove(&id).unwrap_or_default().into_iter().filter_map(|r| built.remove(&r)).collect();
                comments.push(c);
            }
        }
        let doc = doc_of(&t).and_then(|d| docs.get(&d));
        let section_place = (kind == TargetKind::Section).then(|| {
            let now = t.target_id.and_then(|d| heads.get(&d)).and_then(|sections| sections.iter().find(|s| Some(&s.key) == t.section_key.as_ref()));
            match now {
                None => SectionPlace::Removed,
                Some(s) if Some(&s.markdown) == t.section_text.as_ref() => SectionPlace::Same,
                Some(_) => SectionPlace::Changed,
            }
        });
        out.push(Thread {
            id: t.id,
            space_id: t.space_id,
            target_type: kind,
            target_id: t.target_id,
            section_key: t.section_key.clone(),
            section_title: t.section_title.clone(),
            revision_number: t.revision_number,
            section_place,
            title: t.title.clone().or_else(|| doc.map(|d| d.title.clone())).unwrap_or_else(|| "A conversation".to_owned()),
            started_by: name(t.created_by),
            created_at: t.created_at,
            last_activity_at: t.last_activity_at,
            resolved_by: t.resolved_by.map(name),
            resolved_at: t.resolved_at,
            comment_count: counts.get(&t.id).copied().unwrap_or(0),
            comments,
            link: format!("/threads/{}", t.id),
            explained: used.remove(&t.id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Where a thread's target is read: the document (at the section), the suggestion, or the
/// space's discussions.
pub async fn target_link(db: &impl ConnectionTrait, t: &Thread) -> DomainResult<(String, String)> {
    Ok(match t.target_type {
        TargetKind::Document => (format!("/documents/{}", t.target_id.unwrap_or_default()), format!("The document \u{201c}{}\u{201d}", t.title)),
        TargetKind::Section => (
            format!("/documents/{}#comments-heading", t.target_id.unwrap_or_default()),
            format!("The part \u{201c}{}\u{201d} of \u{201c}{}\u{201d}", t.section_title.as_deref().unwrap_or(""), t.title),
        ),
        TargetKind::Suggestion => {
            let s = suggestion::Entity::find_by_id(t.target_id.unwrap_or_default()).one(db).await?.ok_or_else(thread_not_found)?;
            (format!("/documents/{}/suggestions#suggestion-{}", s.document_id, s.id), format!("A suggestion for \u{201c}{}\u{201d}", t.title))
        }
        TargetKind::Meeting => (format!("/meetings/{}#conversation-heading", t.target_id.unwrap_or_default()), format!("The meeting \u{201c}{}\u{201d}", t.title)),
        TargetKind::AgendaItem => {
            let item = agenda_item_row(db, t.target_id.unwrap_or_default()).await.map_err(|_| thread_not_found())?;
            (format!("/meetings/{}#item-{}", item.meeting_id, item.id), format!("The agenda item \u{201c}{}\u{201d}", t.title))
        }
        TargetKind::Feedback => (format!("/you-said-we-did/{}#conversation-heading", t.target_id.unwrap_or_default()), format!("The feedback \u{201c}{}\u{201d}", t.title)),
        TargetKind::Discussion => {
            let space = crate::memo::space(db, t.space_id).await?.ok_or_else(thread_not_found)?;
            let href = if space.parent_id.is_some() { format!("/groups/{}/discussions", space.slug) } else { "/discussions".to_owned() };
            (href, format!("Discussions in {}", space.name))
        }
    })
}

/// A person's recent comments, newest first, in the spaces the reader may see.
pub async fn recent_comments(db: &impl ConnectionTrait, viewer: Option<Uuid>, person_id: Uuid, limit: u64) -> DomainResult<Vec<super::Contribution>> {
    let rows = comment::Entity::find()
        .filter(comment::Column::DeletedAt.is_null())
        .filter(comment::Column::HiddenAt.is_null())
        .filter(sea_orm::Condition::any().add(comment::Column::AuthorId.eq(person_id)).add(comment::Column::SaidById.eq(person_id)))
        .order_by_desc(comment::Column::CreatedAt)
        .limit(limit * 2)
        .all(db)
        .await?;
    let thread_ids: HashSet<Uuid> = rows.iter().map(|c| c.thread_id).collect();
    let threads: HashMap<Uuid, thread::Model> = thread::Entity::find().filter(thread::Column::Id.is_in(thread_ids)).all(db).await?.into_iter().map(|t| (t.id, t)).collect();
    let mut out = Vec::new();
    let mut readable: HashMap<Uuid, bool> = HashMap::new();
    let mut titles: HashMap<Uuid, String> = HashMap::new();
    for c in rows {
        let Some(t) = threads.get(&c.thread_id) else { continue };
        let ok = match readable.get(&t.space_id) {
            Some(ok) => *ok,
            None => {
                let ok = can(role(db, viewer, t.space_id).await?, Action::ViewSpace);
                readable.insert(t.space_id, ok);
                ok
            }
        };
        if !ok {
            continue;
        }
        // Each thread's subject is worked out once, however many of the comments are in it.
        let title = match titles.get(&t.id) {
            Some(title) => title.clone(),
            None => {
                let title = about(db, t).await?;
                titles.insert(t.id, title.clone());
                title
            }
        };
        let what = if c.said_by_id == Some(person_id) && c.author_id != person_id { "Their words were recorded in" } else { "Commented on" };
        out.push(super::Contribution { kind: "comment".into(), summary: format!("{what} \u{201c}{title}\u{201d}"), link: format!("/threads/{}#comment-{}", t.id, c.id), at: c.created_at });
        if out.len() as u64 >= limit {
            break;
        }
    }
    Ok(out)
}

/// A person's recent contributions, newest first, in the spaces the reader may see: versions
/// they saved, suggestions they made, comments they wrote or whose words were recorded.
pub async fn recent_contributions(db: &impl ConnectionTrait, viewer: Option<Uuid>, person_id: Uuid, limit: u64) -> DomainResult<Vec<super::Contribution>> {
    let mut out = recent_comments(db, viewer, person_id, limit).await?;
    let revisions = revision::Entity::find()
        .select_only()
        .columns([revision::Column::DocumentId, revision::Column::Number, revision::Column::CreatedAt])
        .filter(revision::Column::AuthorId.eq(person_id))
        .order_by_desc(revision::Column::CreatedAt)
        .limit(limit)
        .into_tuple::<(Uuid, i32, chrono::DateTime<chrono::Utc>)>()
        .all(db)
        .await?;
    let suggestions = suggestion::Entity::find().filter(suggestion::Column::AuthorId.eq(person_id)).order_by_desc(suggestion::Column::CreatedAt).limit(limit).all(db).await?;
    let mut readable: HashMap<Uuid, Option<document::Model>> = HashMap::new();
    let docs: HashSet<Uuid> = revisions.iter().map(|r| r.0).chain(suggestions.iter().map(|s| s.document_id)).collect();
    for id in docs {
        let doc = crate::memo::document(db, id).await?;
        let ok = match &doc {
            Some(d) => can(role(db, viewer, d.space_id).await?, Action::ViewSpace),
            None => false,
        };
        readable.insert(id, doc.filter(|_| ok));
    }
    for (doc, number, at) in revisions {
        if let Some(Some(d)) = readable.get(&doc) {
            out.push(super::Contribution { kind: "revision".into(), summary: format!("Saved version {number} of \u{201c}{}\u{201d}", d.title), link: format!("/documents/{doc}/history"), at });
        }
    }
    for s in suggestions {
        if let Some(Some(d)) = readable.get(&s.document_id) {
            out.push(super::Contribution {
                kind: "suggestion".into(),
                summary: format!("Suggested a change to \u{201c}{}\u{201d}", d.title),
                link: format!("/documents/{}/suggestions#suggestion-{}", s.document_id, s.id),
                at: s.created_at,
            });
        }
    }
    out.sort_by(|a, b| b.at.cmp(&a.at));
    out.truncate(limit as usize);
    Ok(out)
}
