//! Outcome services: list, read, write (the board's members), publish (co-chairs). Each write is
//! one transaction, with the search index in it.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, TransactionSession, TransactionTrait, sea_query::ExprTrait};
use uuid::Uuid;

use super::{LinkChoice, LinkKind, MAX_LINKS, MAX_STORY, Outcome, OutcomeLink, OutcomeSummary, Outcomes};
use crate::entities::{document, feedback_item, meeting, meeting_decision, outcome, outcome_link, space};
use crate::feedback::service::{Board, board};
use crate::people::CurrentUser;
use crate::{DomainError, DomainResult};

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that outcome. It may not be published yet.".into())
}

fn must_write(board: &Board) -> DomainResult<()> {
    if board.can().manage {
        Ok(())
    } else if board.role.is_some() {
        Err(DomainError::Forbidden("Only members of the board can write outcomes.".into()))
    } else {
        Err(DomainError::Forbidden("Please sign in as a member of the board to write outcomes.".into()))
    }
}

/// The first words of a story, for lists, feeds and descriptions.
pub fn summary_of(story: &str) -> String {
    let plain = crate::search::index::plain_text(story).split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.chars().count() > 200 { format!("{}…", plain.chars().take(197).collect::<String>().trim_end()) } else { plain }
}

/// Published outcomes, newest first; the board's members see drafts too (first).
pub async fn list(db: &impl ConnectionTrait, viewer: Option<Uuid>) -> DomainResult<Outcomes> {
    let board = board(db, viewer).await?;
    let members = board.can().manage;
    let mut q = outcome::Entity::find().filter(outcome::Column::SpaceId.eq(board.space.id));
    if !members {
        q = q.filter(outcome::Column::PublishedAt.is_not_null());
    }
    let mut rows = q.order_by_desc(outcome::Column::UpdatedAt).all(db).await?;
    rows.sort_by_key(|o| (o.published_at.is_some(), std::cmp::Reverse(o.published_at.unwrap_or(o.updated_at))));
    let items = rows.into_iter().map(|o| OutcomeSummary { id: o.id, summary: summary_of(&o.story), title: o.title, published_at: o.published_at, updated_at: o.updated_at }).collect();
    Ok(Outcomes { board_name: board.space.name, items, can_write: members })
}

/// The board's spaces: the board and its groups.
async fn board_spaces(db: &impl ConnectionTrait, board_id: Uuid) -> DomainResult<HashMap<Uuid, String>> {
    Ok(space::Entity::find()
        .filter(space::Column::Id.eq(board_id).or(space::Column::ParentId.eq(board_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect())
}


/// One outcome, for whoever may read it: published ones for everyone, drafts for the board's members.
pub async fn get(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Outcome> {
    let board = board(db, viewer).await?;
    let o = outcome::Entity::find_by_id(id).one(db).await?.filter(|o| o.space_id == board.space.id).ok_or_else(not_found)?;
    let members = board.can().manage;
    if o.published_at.is_none() && !members {
        return Err(not_found());
    }
    let rows = outcome_link::Entity::find().filter(outcome_link::Column::OutcomeId.eq(id)).order_by_asc(outcome_link::Column::Position).all(db).await?;
    let mut links = Vec::with_capacity(rows.len());
    for l in rows {
        let Some(kind) = LinkKind::parse(&l.kind) else { continue };
        let link = match kind {
            LinkKind::Document => document::Entity::find_by_id(l.target_id).one(db).await?.map(|d| OutcomeLink {
                kind,
                id: d.id,
                url: if d.published_revision_id.is_some() { Some(format!("/documents/{}/published", d.id)) } else { members.then(|| format!("/documents/{}", d.id)) },
                label: d.title,
            }),
            LinkKind::Feedback => feedback_item::Entity::find_by_id(l.target_id).one(db).await?.map(|f| OutcomeLink {
                kind,
                id: f.id,
                url: (f.published_at.is_some() || members).then(|| format!("/you-said-we-did/{}", f.id)),
                label: format!("You said: {}", crate::shorten(&f.said, 120)),
            }),
            LinkKind::Decision => match meeting_decision::Entity::find_by_id(l.target_id).one(db).await? {
                Some(d) => {
                    let m = meeting::Entity::find_by_id(d.meeting_id).one(db).await?;
                    let when = m.as_ref().map(|m| format!(" ({}, {})", m.title, crate::dates::local_day(m.starts_at, board.zone).format("%-d %B %Y"))).unwrap_or_default();
                    Some(OutcomeLink { kind, id: d.id, url: members.then(|| format!("/meetings/{}", d.meeting_id)), label: format!("{}{when}", crate::shorten(&d.decision, 160)) })
                }
                None => None,
            },
        };
        // A published outcome shows the public only what they may open, and decisions in words.
        if let Some(link) = link
            && (members || link.url.is_some() || kind == LinkKind::Decision)
        {
            links.push(link);
        }
    }
    let can = board.can();
    Ok(Outcome {
        id,
        story_html: crate::documents::render::markdown_to_safe_html(&o.story),
        title: o.title,
        story: o.story,
        published_at: o.published_at,
        updated_at: o.updated_at,
        links,
        can_edit: can.manage,
        can_publish: can.publish,
    })
}

/// What the board could link an outcome to: its and its groups' documents, decisions recorded
/// at meetings, and You Said We Did items.
pub async fn choices(db: &impl ConnectionTrait, viewer: Option<Uuid>) -> DomainResult<Vec<LinkChoice>> {
    let board = board(db, viewer).await?;
    must_write(&board)?;
    let spaces = board_spaces(db, board.space.id).await?;
    let ids: Vec<Uuid> = spaces.keys().copied().collect();
    let mut out = Vec::new();
    for d in document::Entity::find().filter(document::Column::SpaceId.is_in(ids.clone())).order_by_asc(document::Column::Title).all(db).await? {
        let published = if d.published_revision_id.is_some() { ", published" } else { "" };
        out.push(LinkChoice { key: format!("document:{}", d.id), kind: LinkKind::Document, label: format!("{} ({}{published})", d.title, spaces.get(&d.space_id).cloned().unwrap_or_default()) });
    }
    let meetings: HashMap<Uuid, meeting::Model> = meeting::Entity::find().filter(meeting::Column::SpaceId.is_in(ids)).all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    let mut decisions = meeting_decision::Entity::find().filter(meeting_decision::Column::MeetingId.is_in(meetings.keys().copied().collect::<Vec<_>>())).all(db).await?;
    decisions.sort_by_key(|d| std::cmp::Reverse(meetings.get(&d.meeting_id).map(|m| m.starts_at)));
    for d in decisions {
        let m = &meetings[&d.meeting_id];
        out.push(LinkChoice { key: format!("decision:{}", d.id), kind: LinkKind::Decision, label: format!("{} ({}, {})", crate::shorten(&d.decision, 120), m.title, crate::dates::local_day(m.starts_at, board.zone).format("%-d %B %Y")) });
    }
    for f in feedback_item::Entity::find().filter(feedback_item::Column::SpaceId.eq(board.space.id)).filter(feedback_item::Column::MergedInto.is_null()).order_by_desc(feedback_item::Column::UpdatedAt).all(db).await? {
        let published = if f.published_at.is_some() { " (published)" } else { "" };
        out.push(LinkChoice { key: format!("feedback:{}", f.id), kind: LinkKind::Feedback, label: format!("{}{published}", crate::shorten(&f.said, 120)) });
    }
    Ok(out)
}

/// What someone wrote in the outcome form or sent to the API.
#[derive(Debug, Clone, Default)]
pub struct Draft<'a> {
    pub title: &'a str,
    pub story: &'a str,
    /// `kind:id` for each thing behind it, in order.
    pub links: Vec<String>,
}

fn checked_title(raw: &str) -> DomainResult<String> {
    let title = raw.trim();
    crate::people::service::check_single_line("title", title)?;
    match title.chars().count() {
        0 => Err(DomainError::invalid("title", "Please give the outcome a title: what changed, in a few words.")),
        n if n > 200 => Err(DomainError::invalid("title", "Please keep the title to 200 characters or fewer.")),
        _ => Ok(title.to_owned()),
    }
}

fn checked_story(raw: &str) -> DomainResult<String> {
    let story = raw.trim();
    if story.is_empty() {
        return Err(DomainError::invalid("story", "Please tell the story: what the board did, and what difference it made."));
    }
    if story.chars().count() > MAX_STORY {
        return Err(DomainError::invalid("story", format!("Please keep the story to {MAX_STORY} characters or fewer. It is best short: a few paragraphs.")));
    }
    Ok(story.replace('\0', ""))
}

/// Checks every link names something of the board's, and gives them back in order, once each.
async fn checked_links(db: &impl ConnectionTrait, board_id: Uuid, raw: &[String]) -> DomainResult<Vec<(LinkKind, Uuid)>> {
    let problem = || DomainError::invalid("links", "Please choose the policies, decisions and You Said We Did items from the lists.");
    if raw.len() > MAX_LINKS {
        return Err(DomainError::invalid("links", format!("Please link at most {MAX_LINKS} things; choose the ones that matter most.")));
    }
    let spaces = board_spaces(db, board_id).await?;
    let mut out: Vec<(LinkKind, Uuid)> = Vec::new();
    for r in raw {
        let (kind, id) = r.trim().split_once(':').ok_or_else(problem)?;
        let kind = LinkKind::parse(kind).ok_or_else(problem)?;
        let id = Uuid::try_parse(id).map_err(|_| problem())?;
        let space_id = match kind {
            LinkKind::Document => document::Entity::find_by_id(id).one(db).await?.map(|d| d.space_id),
            LinkKind::Feedback => feedback_item::Entity::find_by_id(id).one(db).await?.map(|f| f.space_id),
            LinkKind::Decision => match meeting_decision::Entity::find_by_id(id).one(db).await? {
                Some(d) => meeting::Entity::find_by_id(d.meeting_id).one(db).await?.map(|m| m.space_id),
                None => None,
            },
        };
        if !space_id.is_some_and(|s| spaces.contains_key(&s)) {
            return Err(problem());
        }
        if !out.contains(&(kind, id)) {
            out.push((kind, id));
        }
    }
    Ok(out)
}

/// Writes a new outcome (`id` none) or changes one; a draft until a co-chair publishes it.
pub async fn save(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Option<Uuid>, draft: Draft<'_>) -> DomainResult<Uuid> {
    let board = board(db, Some(actor.id)).await?;
    must_write(&board)?;
    let title = checked_title(draft.title)?;
    let story = checked_story(draft.story)?;
    let links = checked_links(db, board.space.id, &draft.links).await?;
    let txn = crate::begin(db).await?;
    let now = Utc::now();
    let id = match id {
        Some(id) => {
            let found = outcome::Entity::find_by_id(id).one(&txn).await?.filter(|o| o.space_id == board.space.id).ok_or_else(not_found)?;
            let mut m = found.into_active_model();
            m.title = Set(title);
            m.story = Set(story);
            m.updated_at = Set(now);
            m.update(&txn).await?;
            outcome_link::Entity::delete_many().filter(outcome_link::Column::OutcomeId.eq(id)).exec(&txn).await?;
            id
        }
        None => {
            let id = Uuid::now_v7();
            outcome::ActiveModel {
                id: Set(id),
                space_id: Set(board.space.id),
                title: Set(title),
                story: Set(story),
                published_at: Set(None),
                published_by: Set(None),
                created_by: Set(actor.id),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            id
        }
    };
    for (position, (kind, target)) in links.into_iter().enumerate() {
        outcome_link::ActiveModel { id: Set(Uuid::now_v7()), outcome_id: Set(id), kind: Set(kind.as_str().to_owned()), target_id: Set(target), position: Set(position as i32) }.insert(&txn).await?;
    }
    crate::search::index::outcome(&txn, id).await?;
    txn.commit().await?;
    Ok(id)
}

/// Co-chairs publish an outcome, or take it off the public pages.
pub async fn publish(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid, on: bool) -> DomainResult<()> {
    let board = board(db, Some(actor.id)).await?;
    if !board.can().publish {
        must_write(&board)?;
        return Err(DomainError::Forbidden("Only the board's co-chairs publish outcomes. You can still change the draft.".into()));
    }
    let txn = crate::begin(db).await?;
    let found = outcome::Entity::find_by_id(id).one(&txn).await?.filter(|o| o.space_id == board.space.id).ok_or_else(not_found)?;
    if found.published_at.is_some() != on {
        let mut m = found.into_active_model();
        m.published_at = Set(on.then(Utc::now));
        m.published_by = Set(on.then_some(actor.id));
        m.updated_at = Set(Utc::now());
        m.update(&txn).await?;
    }
    crate::search::index::outcome(&txn, id).await?;
    txn.commit().await?;
    Ok(())
}
