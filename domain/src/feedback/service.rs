//! You Said We Did, server side: adding feedback (by members, by anyone through the public form,
//! and from an event's CSV), answering it, the timeline, links, merging, publishing, the public
//! list, and "did this make a difference?".
//!
//! Who may do what comes from the reader's role on the board alone (`permissions::can`): members
//! who can contribute review, answer and update; co-chairs publish. Published items that have not
//! been merged away are public; nothing else is shown to anyone outside the board.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::{
    Answer, AnswerView, AskView, Choices, FeedbackAbilities, FeedbackItem, FeedbackSummary, Filter, ImportRow, LinkKind, Linked, MAX_WORDS, Source, SourceKind, Status,
    Theme, Update,
};
use crate::entities::{action, document, feedback_ask, feedback_item, feedback_link, feedback_source, feedback_update, meeting, meeting_decision, space};
use crate::meetings::Named;
use crate::people::{CurrentUser, Role};
use crate::permissions::{Action, can};
use crate::{DomainError, DomainResult};

/// At most this many messages from one connection through the public form in an hour.
pub const PUBLIC_FORM_LIMIT: crate::accounts::Limit = crate::accounts::Limit { max: 5, minutes: 60 };

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that feedback. It may not be published yet.".into())
}

/// The board feedback is told to, its time zone, and the reader's role there.
pub struct Board {
    pub space: space::Model,
    pub zone: chrono_tz::Tz,
    pub role: Option<Role>,
}

impl Board {
    pub fn can(&self) -> FeedbackAbilities {
        abilities(self.role)
    }

    fn today(&self) -> NaiveDate {
        crate::dates::local_day(Utc::now(), self.zone)
    }
}

pub fn abilities(role: Option<Role>) -> FeedbackAbilities {
    FeedbackAbilities { manage: can(role, Action::Contribute), publish: can(role, Action::Decide) }
}

/// The board Coboard shows (the first set up), in one query, with the reader's role.
pub async fn board(db: &impl ConnectionTrait, viewer: Option<Uuid>) -> DomainResult<Board> {
    let space = space::Entity::find()
        .filter(space::Column::Kind.eq(crate::spaces::SpaceKind::Board.as_str()))
        .order_by_asc(space::Column::Id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound("There is no board yet.".into()))?;
    board_of(db, viewer, space).await
}

async fn board_of(db: &impl ConnectionTrait, viewer: Option<Uuid>, space: space::Model) -> DomainResult<Board> {
    let zone = crate::spaces::life::zone_of(db, &space).await?;
    let role = match viewer {
        Some(v) => crate::accounts::role_in(db, v, space.id).await?,
        None => None,
    };
    Ok(Board { space, zone, role })
}

async fn board_by_id(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Board> {
    let space = crate::memo::space(db, id).await?.ok_or_else(not_found)?;
    board_of(db, viewer, space).await
}

fn is_public(item: &feedback_item::Model) -> bool {
    item.published_at.is_some() && item.merged_into.is_none()
}

fn status_of(item: &feedback_item::Model) -> Status {
    Status::parse(&item.status).unwrap_or(Status::Heard)
}

fn text(field: &str, raw: &str, empty: &str, max: usize) -> DomainResult<String> {
    let t = raw.trim().replace("\r\n", "\n");
    if t.is_empty() {
        return Err(DomainError::invalid(field, empty.to_owned()));
    }
    let n = t.chars().count();
    if n > max {
        return Err(DomainError::invalid(field, format!("This is {n} characters long; please keep it to {max} or fewer. Everything you typed is still below.")));
    }
    Ok(t)
}

fn optional_text(field: &str, raw: &str, max: usize) -> DomainResult<Option<String>> {
    if raw.trim().is_empty() { Ok(None) } else { text(field, raw, "", max).map(Some) }
}

/// Feedback as typed into the members' form or read from a CSV row.
#[derive(Debug, Clone, Default)]
pub struct NewFeedback<'a> {
    /// What was said, as the board sums it up.
    pub said: &'a str,
    /// The person's own words, if written down (empty: `said` is the board's summary, and
    /// may be shown).
    pub words: &'a str,
    pub themes: Vec<Theme>,
    pub kind: &'a str,
    pub detail: &'a str,
    pub said_on: &'a str,
    pub people: &'a str,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub may_ask: bool,
    pub show_words: bool,
}

struct Checked {
    said: String,
    words: String,
    themes: Vec<Theme>,
    kind: SourceKind,
    detail: Option<String>,
    said_on: NaiveDate,
    people: i32,
    contact_name: Option<String>,
    contact_email: Option<String>,
    may_ask: bool,
    show_words: bool,
}

pub(crate) fn parse_people(raw: &str) -> DomainResult<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(1);
    }
    match raw.parse::<i64>() {
        Ok(n) if (1..=100_000).contains(&n) => Ok(n as i32),
        _ => Err(DomainError::invalid("people", format!("\u{201c}{}\u{201d} is not a number of people we can use. Please give a whole number from 1 upwards.", raw.chars().take(40).collect::<String>()))),
    }
}

fn contact(name: &str, email: &str, may_ask: bool) -> DomainResult<(Option<String>, Option<String>)> {
    let name = optional_text("contact_name", name, 200)?;
    let email = if email.trim().is_empty() { None } else { Some(crate::accounts::parse_email(email).map_err(|_| DomainError::invalid("contact_email", "Please give an email address like name@example.org, or leave it empty."))?) };
    if may_ask && email.is_none() {
        return Err(DomainError::invalid("contact_email", "To be asked later whether this made a difference, please give an email address. Or untick the box."));
    }
    Ok((name, email))
}

fn check(new: &NewFeedback<'_>, today: NaiveDate) -> DomainResult<Checked> {
    let said = text("said", new.said, "Please write what was said.", MAX_WORDS)?;
    // Without their own words, what was said is the board's summary, which may be shown.
    let (words, show_words) = match optional_text("words", new.words, MAX_WORDS)? {
        Some(w) => (w, new.show_words),
        None => (said.clone(), true),
    };
    let kind = SourceKind::parse(new.kind).ok_or_else(|| DomainError::invalid("kind", "Please choose where this feedback came from."))?;
    let detail = optional_text("detail", new.detail, 300)?;
    let said_on = crate::dates::parse_date("said_on", new.said_on)?.unwrap_or(today);
    if said_on > today {
        return Err(DomainError::invalid("said_on", "That date has not happened yet. Please give the day the feedback was given."));
    }
    let people = parse_people(new.people)?;
    let (contact_name, contact_email) = contact(new.contact_name, new.contact_email, new.may_ask)?;
    Ok(Checked { said, words, themes: new.themes.clone(), kind, detail, said_on, people, contact_name, contact_email, may_ask: new.may_ask, show_words })
}

async fn insert(db: &impl ConnectionTrait, board: Uuid, created_by: Option<Uuid>, c: Checked) -> DomainResult<Uuid> {
    let now = Utc::now();
    let id = Uuid::now_v7();
    feedback_item::ActiveModel {
        id: Set(id),
        space_id: Set(board),
        group_id: Set(None),
        said: Set(c.said),
        themes: Set(Theme::to_list(&c.themes)),
        status: Set(Status::Heard.as_str().into()),
        status_reason: Set(None),
        response: Set(None),
        owner_id: Set(None),
        target_on: Set(None),
        published_at: Set(None),
        published_by: Set(None),
        merged_into: Set(None),
        status_since: Set(now),
        last_update_at: Set(now),
        created_by: Set(created_by),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    feedback_source::ActiveModel {
        id: Set(Uuid::now_v7()),
        item_id: Set(id),
        kind: Set(c.kind.as_str().into()),
        detail: Set(c.detail),
        said_on: Set(c.said_on),
        words: Set(c.words),
        show_words: Set(c.show_words),
        people: Set(c.people),
        contact_name: Set(c.contact_name),
        contact_email: Set(c.contact_email),
        may_ask: Set(c.may_ask),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    crate::search::index::feedback(db, id).await?;
    Ok(id)
}

fn must_manage(board: &Board) -> DomainResult<()> {
    if board.can().manage {
        Ok(())
    } else if board.role.is_some() {
        Err(DomainError::Forbidden("Only members of the board can work on feedback.".into()))
    } else {
        Err(not_found())
    }
}

/// A member adds feedback they heard (at an event, in a survey, a meeting or a complaint).
pub async fn add(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, new: NewFeedback<'_>) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = add_in(&txn, actor, new).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn add_in(db: &impl ConnectionTrait, actor: &CurrentUser, new: NewFeedback<'_>) -> DomainResult<Uuid> {
    let board = board(db, Some(actor.id)).await?;
    must_manage(&board)?;
    let checked = check(&new, board.today())?;
    insert(db, board.space.id, Some(actor.id), checked).await
}

/// What someone types into the public form.
#[derive(Debug, Clone, Default)]
pub struct PublicFeedback<'a> {
    pub words: &'a str,
    pub themes: Vec<Theme>,
    pub name: &'a str,
    pub email: &'a str,
    pub may_ask: bool,
    pub show_words: bool,
}

/// Anyone, signed out, tells the board something. It arrives unpublished for members to review,
/// and the co-chairs are told. Only messages that would be kept count towards the limit, so
/// someone putting a mistake right is never turned away for it.
pub async fn tell_us(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), form: PublicFeedback<'_>, ip: &str) -> DomainResult<Uuid> {
    let txn = crate::begin(db).await?;
    let done = tell_us_in(&txn, form, ip).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn tell_us_in(db: &impl ConnectionTrait, form: PublicFeedback<'_>, ip: &str) -> DomainResult<Uuid> {
    let board = board(db, None).await?;
    let words = text("words", form.words, "Please write what you would like to tell the board.", MAX_WORDS)?;
    let (name, email) = contact(form.name, form.email, form.may_ask)?;
    let key = format!("feedback-form:{}", crate::accounts::address_bucket(ip));
    if PUBLIC_FORM_LIMIT.count(db, &key).await?.refused() {
        return Err(DomainError::TooManyAttempts(
            "We have had a lot of messages from your connection in the last hour, so we cannot take another just now. Please try again in an hour. What you wrote is still below: you may like to copy it somewhere safe.".into(),
        ));
    }
    let checked = Checked {
        said: words.clone(),
        words,
        themes: form.themes,
        kind: SourceKind::PublicForm,
        detail: None,
        said_on: board.today(),
        people: 1,
        contact_name: name,
        contact_email: email,
        may_ask: form.may_ask,
        show_words: form.show_words,
    };
    let id = insert(db, board.space.id, None, checked).await?;
    for chair in co_chairs(db, board.space.id).await? {
        crate::conversations::notifications::tell(db, chair, "feedback", board.space.id, "Someone has told the board something through the website. It is waiting for review.", &format!("/you-said-we-did/{id}")).await?;
    }
    Ok(id)
}

async fn co_chairs(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<Uuid>> {
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::SpaceId.eq(space_id))
        .filter(membership::Column::Role.eq(Role::CoChair.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.person_id)
        .collect())
}

/// Adds the reviewed rows of an event's CSV, all or none, from one event.
pub async fn add_rows(db: &impl ConnectionTrait, actor: &CurrentUser, rows: &[ImportRow], kind: &str, detail: &str) -> DomainResult<usize> {
    let board = board(db, Some(actor.id)).await?;
    must_manage(&board)?;
    let kind = SourceKind::parse(kind).ok_or_else(|| DomainError::invalid("kind", "Please choose where this feedback came from."))?;
    let detail = optional_text("detail", detail, 300)?;
    for row in rows {
        let checked = Checked {
            said: row.said.clone(),
            words: row.said.clone(),
            themes: row.themes.clone(),
            kind,
            detail: detail.clone(),
            said_on: row.said_on,
            people: row.people,
            contact_name: row.contact_name.clone(),
            contact_email: row.contact_email.clone(),
            may_ask: row.may_ask,
            show_words: row.show_words,
        };
        insert(db, board.space.id, Some(actor.id), checked).await?;
    }
    Ok(rows.len())
}

/// Items as lists show them: people and first heard from their sources, owners named, in a few
/// queries whatever the number of items.
async fn summaries(db: &impl ConnectionTrait, rows: Vec<feedback_item::Model>) -> DomainResult<Vec<FeedbackSummary>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let board = rows[0].space_id;
    let sources: Vec<(Uuid, i32, NaiveDate)> = feedback_source::Entity::find()
        .select_only()
        .column(feedback_source::Column::ItemId)
        .column(feedback_source::Column::People)
        .column(feedback_source::Column::SaidOn)
        .filter(
            feedback_source::Column::ItemId
                .in_subquery(Query::select().column(feedback_item::Column::Id).from(feedback_item::Entity).and_where(feedback_item::Column::SpaceId.eq(board)).to_owned()),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut heard: HashMap<Uuid, (i64, NaiveDate)> = HashMap::new();
    for (item, people, on) in sources {
        let e = heard.entry(item).or_insert((0, on));
        e.0 += i64::from(people);
        e.1 = e.1.min(on);
    }
    let owners: Vec<Uuid> = rows.iter().filter_map(|r| r.owner_id).collect::<HashSet<_>>().into_iter().collect();
    let names = crate::people::service::display_names(db, owners).await?;
    Ok(rows
        .iter()
        .map(|r| {
            let (people, first) = heard.get(&r.id).copied().unwrap_or((0, r.created_at.date_naive()));
            summary(r, people, first, &names)
        })
        .collect())
}

/// One item's summary from sources already read.
fn summary_of(r: &feedback_item::Model, sources: &[feedback_source::Model], names: &HashMap<Uuid, String>) -> FeedbackSummary {
    let people = sources.iter().map(|s| i64::from(s.people)).sum();
    let first = sources.iter().map(|s| s.said_on).min().unwrap_or(r.created_at.date_naive());
    summary(r, people, first, names)
}

/// An item as lists show it, given how many people said it and when it was first heard.
fn summary(r: &feedback_item::Model, people: i64, first: NaiveDate, names: &HashMap<Uuid, String>) -> FeedbackSummary {
    FeedbackSummary {
        id: r.id,
        said: r.said.clone(),
        themes: Theme::parse_list(&r.themes),
        status: status_of(r),
        response: r.response.clone(),
        people,
        first_heard: first,
        first_heard_words: crate::dates::long_date(first),
        published: is_public(r),
        owner: r.owner_id.map(|id| Named { id, name: names.get(&id).cloned().unwrap_or_else(|| "Someone who has left".into()) }),
        last_update_at: r.last_update_at,
        link: format!("/you-said-we-did/{}", r.id),
    }
}

/// The board's items, newest first. `public`: what everyone sees (published only); otherwise
/// the members' list of everything, which only members may read.
pub async fn list(db: &impl ConnectionTrait, viewer: Option<Uuid>, filter: &Filter, public: bool) -> DomainResult<(Vec<FeedbackSummary>, FeedbackAbilities)> {
    let board = board(db, viewer).await?;
    if !public && !board.can().manage {
        return Err(DomainError::Forbidden("Feedback waiting for review is for members of the board. What has been published is on the You Said We Did page.".into()));
    }
    let mut q = feedback_item::Entity::find().filter(feedback_item::Column::SpaceId.eq(board.space.id)).filter(feedback_item::Column::MergedInto.is_null());
    let published = if public { Some(true) } else { filter.published };
    q = match published {
        Some(true) => q.filter(feedback_item::Column::PublishedAt.is_not_null()),
        Some(false) => q.filter(feedback_item::Column::PublishedAt.is_null()),
        None => q,
    };
    if let Some(s) = filter.status {
        q = q.filter(feedback_item::Column::Status.eq(s.as_str()));
    }
    if let Some(t) = filter.theme {
        let key = t.as_str();
        q = q.filter(
            Condition::any()
                .add(feedback_item::Column::Themes.eq(key))
                .add(feedback_item::Column::Themes.like(format!("{key},%")))
                .add(feedback_item::Column::Themes.like(format!("%,{key}")))
                .add(feedback_item::Column::Themes.like(format!("%,{key},%"))),
        );
    }
    let rows = q.order_by_desc(feedback_item::Column::CreatedAt).all(db).await?;
    let mut items = summaries(db, rows).await?;
    if let Some(y) = filter.year {
        use chrono::Datelike;
        items.retain(|i| i.first_heard.year() == y);
    }
    Ok((items, board.can()))
}

/// The years published items were first heard in, newest first (for the year filter).
pub fn years(items: &[FeedbackSummary]) -> Vec<i32> {
    use chrono::Datelike;
    let mut years: Vec<i32> = items.iter().map(|i| i.first_heard.year()).collect::<HashSet<_>>().into_iter().collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years
}

async fn find(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<feedback_item::Model> {
    feedback_item::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)
}

/// An item and the board it belongs to, if the reader may see it.
async fn visible(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<(feedback_item::Model, Board)> {
    let item = find(db, id).await?;
    let board = board_by_id(db, viewer, item.space_id).await?;
    if !board.can().manage && !is_public(&item) {
        // A merged item still leads to the one it joined, when that one is public.
        match item.merged_into {
            Some(into) if find(db, into).await.map(|i| is_public(&i)).unwrap_or(false) => {}
            _ => return Err(not_found()),
        }
    }
    Ok((item, board))
}

/// One item as the reader may see it.
pub async fn load(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<FeedbackItem> {
    let (item, board) = visible(db, viewer, id).await?;
    let can = board.can();
    // Outside the board, an item joined into a published one is that one (its own words may
    // never have been published), saying where it went.
    if let (Some(into), false) = (item.merged_into, can.manage) {
        let mut joined = Box::pin(load(db, viewer, into)).await?;
        joined.merged_into = Some(into);
        return Ok(joined);
    }
    let group = match item.group_id {
        Some(g) => crate::memo::space(db, g).await?.map(|s| (s.slug, s.name)),
        None => None,
    };
    let sources = feedback_source::Entity::find().filter(feedback_source::Column::ItemId.eq(id)).order_by_asc(feedback_source::Column::SaidOn).all(db).await?;
    let updates = feedback_update::Entity::find().filter(feedback_update::Column::ItemId.eq(id)).order_by_asc(feedback_update::Column::CreatedAt).all(db).await?;
    let links = feedback_link::Entity::find().filter(feedback_link::Column::ItemId.eq(id)).order_by_asc(feedback_link::Column::AddedAt).all(db).await?;
    let asks = feedback_ask::Entity::find().filter(feedback_ask::Column::ItemId.eq(id)).filter(feedback_ask::Column::AnsweredAt.is_not_null()).order_by_asc(feedback_ask::Column::AnsweredAt).all(db).await?;
    let authors: Vec<Uuid> = updates.iter().filter_map(|u| u.author_id).chain(item.owner_id).collect::<HashSet<_>>().into_iter().collect();
    let names = crate::people::service::display_names(db, authors).await?;
    let summary = summary_of(&item, &sources, &names);
    let zone = board.zone;
    let day = |t: chrono::DateTime<Utc>| crate::dates::long_date(crate::dates::local_day(t, zone));
    let sources = sources
        .into_iter()
        .map(|s| Source {
            id: s.id,
            kind: SourceKind::parse(&s.kind).unwrap_or(SourceKind::Other),
            detail: s.detail,
            said_on: s.said_on,
            said_on_words: crate::dates::long_date(s.said_on),
            words: (can.manage || s.show_words).then_some(s.words),
            show_words: s.show_words,
            people: s.people,
            contact: if can.manage {
                match (s.contact_name, s.contact_email) {
                    (Some(n), Some(e)) => Some(format!("{n}, {e}")),
                    (Some(n), None) => Some(n),
                    (None, Some(e)) => Some(e),
                    (None, None) => None,
                }
            } else {
                None
            },
            may_ask: s.may_ask,
        })
        .collect();
    let updates = updates
        .into_iter()
        .map(|u| Update {
            id: u.id,
            at: u.created_at,
            when: day(u.created_at),
            by: match (u.author_id, u.author_name) {
                (Some(a), _) => names.get(&a).cloned().unwrap_or_else(|| "Someone who has left".into()),
                (None, Some(n)) => n,
                (None, None) => "Coboard".into(),
            },
            body: u.body,
            status_from: u.status_from.as_deref().and_then(Status::parse),
            status_to: u.status_to.as_deref().and_then(Status::parse),
        })
        .collect();
    let links = linked(db, links, can.manage).await?;
    let answers = asks
        .into_iter()
        .filter_map(|a| Some(AnswerView { answer: Answer::parse(a.answer.as_deref()?)?, words: a.answer_words, when: day(a.answered_at?) }))
        .collect();
    let choices = if can.manage { Some(choices(db, &board, &item).await?) } else { None };
    Ok(FeedbackItem {
        summary,
        board_id: item.space_id,
        status_reason: item.status_reason,
        target_on: item.target_on,
        target_words: item.target_on.map(crate::dates::long_date),
        group,
        published_words: item.published_at.map(day),
        merged_into: item.merged_into,
        sources,
        updates,
        links,
        answers,
        can,
        choices,
    })
}

/// Links as the reader sees them: members see everything, the public only published documents.
async fn linked(db: &impl ConnectionTrait, links: Vec<feedback_link::Model>, members: bool) -> DomainResult<Vec<Linked>> {
    let ids = |k: LinkKind| links.iter().filter(|l| l.kind == k.as_str()).map(|l| l.target_id).collect::<Vec<_>>();
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let wanted = |k: LinkKind| members || k == LinkKind::Document;
    let docs: HashMap<Uuid, document::Model> =
        if ids(LinkKind::Document).is_empty() { HashMap::new() } else { document::Entity::find().filter(document::Column::Id.is_in(ids(LinkKind::Document))).all(db).await?.into_iter().map(|d| (d.id, d)).collect() };
    let acts: HashMap<Uuid, action::Model> =
        if !wanted(LinkKind::Action) || ids(LinkKind::Action).is_empty() { HashMap::new() } else { action::Entity::find().filter(action::Column::Id.is_in(ids(LinkKind::Action))).all(db).await?.into_iter().map(|a| (a.id, a)).collect() };
    let decisions: HashMap<Uuid, meeting_decision::Model> = if !wanted(LinkKind::Decision) || ids(LinkKind::Decision).is_empty() {
        HashMap::new()
    } else {
        meeting_decision::Entity::find().filter(meeting_decision::Column::Id.is_in(ids(LinkKind::Decision))).all(db).await?.into_iter().map(|d| (d.id, d)).collect()
    };
    let meets: HashMap<Uuid, meeting::Model> =
        if !wanted(LinkKind::Meeting) || ids(LinkKind::Meeting).is_empty() { HashMap::new() } else { meeting::Entity::find().filter(meeting::Column::Id.is_in(ids(LinkKind::Meeting))).all(db).await?.into_iter().map(|m| (m.id, m)).collect() };
    let published = crate::documents::DocumentStatus::Published.as_str();
    Ok(links
        .into_iter()
        .filter_map(|l| {
            let kind = LinkKind::parse(&l.kind)?;
            let (title, href) = match kind {
                LinkKind::Document => {
                    let d = docs.get(&l.target_id)?;
                    if d.status == published || d.published_revision_id.is_some() {
                        (d.title.clone(), Some(format!("/documents/{}/published", d.id)))
                    } else if members {
                        (d.title.clone(), Some(format!("/documents/{}", d.id)))
                    } else {
                        return None;
                    }
                }
                LinkKind::Action => {
                    let a = acts.get(&l.target_id)?;
                    (short(&a.what), Some(format!("/actions/{}", a.id)))
                }
                LinkKind::Decision => {
                    let d = decisions.get(&l.target_id)?;
                    (short(&d.decision), Some(format!("/meetings/{}#decision-{}", d.meeting_id, d.id)))
                }
                LinkKind::Meeting => {
                    let m = meets.get(&l.target_id)?;
                    (m.title.clone(), Some(format!("/meetings/{}", m.id)))
                }
            };
            Some(Linked { id: l.id, kind, target_id: l.target_id, title, href })
        })
        .collect())
}

fn short(text: &str) -> String {
    crate::shorten(text, 120)
}

/// What the members' forms offer on an item: owners, groups, things to link, items to merge.
async fn choices(db: &impl ConnectionTrait, board: &Board, item: &feedback_item::Model) -> DomainResult<Choices> {
    let detail = crate::spaces::service::space_by_id(db, board.space.id).await?;
    let mut people: Vec<Named> = detail.members.iter().filter(|m| matches!(m.role, Role::CoChair | Role::Member)).map(|m| Named { id: m.person.id, name: m.person.display_name.clone() }).collect();
    people.sort_by_key(|p| p.name.to_lowercase());
    let groups_rows = space::Entity::find().filter(space::Column::ParentId.eq(board.space.id)).order_by_asc(space::Column::Name).all(db).await?;
    let mut names: HashMap<Uuid, String> = groups_rows.iter().map(|g| (g.id, g.name.clone())).collect();
    names.insert(board.space.id, board.space.name.clone());
    let spaces: Vec<Uuid> = names.keys().copied().collect();
    let in_space = |id: &Uuid| names.get(id).cloned().unwrap_or_default();
    let mut links = Vec::new();
    for d in document::Entity::find().filter(document::Column::SpaceId.is_in(spaces.clone())).order_by_desc(document::Column::UpdatedAt).limit(100).all(db).await? {
        links.push((format!("document:{}", d.id), format!("Document: {} ({})", d.title, in_space(&d.space_id))));
    }
    for a in action::Entity::find().filter(action::Column::SpaceId.is_in(spaces.clone())).order_by_desc(action::Column::CreatedAt).limit(100).all(db).await? {
        links.push((format!("action:{}", a.id), format!("Action: {} ({})", short(&a.what), in_space(&a.space_id))));
    }
    let meetings: Vec<meeting::Model> = meeting::Entity::find().filter(meeting::Column::SpaceId.is_in(spaces)).order_by_desc(meeting::Column::StartsAt).limit(100).all(db).await?;
    let titles: HashMap<Uuid, String> = meetings.iter().map(|m| (m.id, m.title.clone())).collect();
    for d in meeting_decision::Entity::find().filter(meeting_decision::Column::MeetingId.is_in(titles.keys().copied().collect::<Vec<_>>())).order_by_desc(meeting_decision::Column::CreatedAt).limit(100).all(db).await? {
        links.push((format!("decision:{}", d.id), format!("Decision: {} ({})", short(&d.decision), titles.get(&d.meeting_id).cloned().unwrap_or_default())));
    }
    for m in &meetings {
        links.push((format!("meeting:{}", m.id), format!("Meeting: {} ({})", m.title, in_space(&m.space_id))));
    }
    let others = feedback_item::Entity::find()
        .filter(feedback_item::Column::SpaceId.eq(board.space.id))
        .filter(feedback_item::Column::MergedInto.is_null())
        .filter(feedback_item::Column::Id.ne(item.id))
        .order_by_desc(feedback_item::Column::CreatedAt)
        .limit(300)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, short(&o.said)))
        .collect();
    Ok(Choices { people, groups: groups_rows.into_iter().map(|g| (g.slug, g.name)).collect(), links, others })
}

/// Loads an item the actor may work on.
async fn for_work(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid) -> DomainResult<(feedback_item::Model, Board)> {
    let item = find(db, id).await?;
    let board = board_by_id(db, Some(actor.id), item.space_id).await?;
    must_manage(&board)?;
    if item.merged_into.is_some() {
        return Err(DomainError::Conflict("This feedback has been joined with another item. Please work on that one.".into()));
    }
    Ok((item, board))
}

async fn note(db: &impl ConnectionTrait, item: Uuid, author: Option<Uuid>, author_name: Option<&str>, body: &str, from: Option<Status>, to: Option<Status>) -> DomainResult<()> {
    feedback_update::ActiveModel {
        id: Set(Uuid::now_v7()),
        item_id: Set(item),
        author_id: Set(author),
        author_name: Set(author_name.map(str::to_owned)),
        body: Set(body.to_owned()),
        status_from: Set(from.map(|s| s.as_str().to_owned())),
        status_to: Set(to.map(|s| s.as_str().to_owned())),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// What changes when members edit an item.
#[derive(Debug, Clone, Default)]
pub struct ItemChange<'a> {
    pub said: &'a str,
    pub themes: Vec<Theme>,
    /// What the board did or will do.
    pub response: &'a str,
    pub owner: Option<Uuid>,
    /// The group working on it (its address), or empty.
    pub group: &'a str,
    pub target_on: &'a str,
}

/// Members change the summary, themes, response, owner, group or target date. A new owner is
/// told; a changed response goes in the timeline.
pub async fn change(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, change: ItemChange<'_>) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let done = change_in(&txn, actor, id, change).await?;
    crate::search::index::feedback(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn change_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, change: ItemChange<'_>) -> DomainResult<()> {
    let (item, board) = for_work(db, actor, id).await?;
    let said = text("said", change.said, "Please write what was said.", MAX_WORDS)?;
    let response = optional_text("response", change.response, MAX_WORDS)?;
    let target_on = crate::dates::parse_date("target_on", change.target_on)?;
    let group = if change.group.trim().is_empty() {
        None
    } else {
        let g = space::Entity::find().filter(space::Column::Slug.eq(change.group.trim())).filter(space::Column::ParentId.eq(board.space.id)).one(db).await?;
        Some(g.ok_or_else(|| DomainError::invalid("group", "Please choose one of the board's groups, or none."))?.id)
    };
    if let Some(owner) = change.owner
        && !matches!(crate::accounts::role_in(db, owner, board.space.id).await?, Some(Role::CoChair | Role::Member))
    {
        return Err(DomainError::invalid("owner", "Please choose someone who is a member of the board."));
    }
    let now = Utc::now();
    if response != item.response
        && let Some(r) = &response
    {
        note(db, id, Some(actor.id), None, &format!("What we did, or will do: {r}"), None, None).await?;
    }
    if change.owner.is_some() && change.owner != item.owner_id && change.owner != Some(actor.id) {
        let owner = change.owner.expect("checked");
        crate::conversations::notifications::tell(db, owner, "feedback", board.space.id, &format!("You now own the feedback \u{201c}{}\u{201d}.", short(&said)), &format!("/you-said-we-did/{id}")).await?;
    }
    let mut m = item.into_active_model();
    m.said = Set(said);
    m.themes = Set(Theme::to_list(&change.themes));
    m.response = Set(response);
    m.owner_id = Set(change.owner);
    m.group_id = Set(group);
    m.target_on = Set(target_on);
    m.updated_at = Set(now);
    m.last_update_at = Set(now);
    m.update(db).await?;
    Ok(())
}

/// Moves an item to a new status, with a note for the timeline. *Not doing* needs an honest
/// reason; *done* needs what changed. When it is done, everyone who gave the feedback and agreed
/// to be asked is emailed the question (once per person until they answer): written to the
/// outbox with the change. Returns those emails.
pub async fn set_status(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, to: &str, note_text: &str, reason: &str) -> DomainResult<Vec<Uuid>> {
    let txn = crate::begin(db).await?;
    let done = set_status_in(&txn, actor, id, to, note_text, reason).await?;
    crate::search::index::feedback(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn set_status_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, to: &str, note_text: &str, reason: &str) -> DomainResult<Vec<Uuid>> {
    let (item, board) = for_work(db, actor, id).await?;
    let to = Status::parse(to).ok_or_else(|| DomainError::invalid("status", "Please choose where this feedback stands now."))?;
    let from = status_of(&item);
    if to == from {
        return Err(DomainError::invalid("status", format!("This feedback is already marked \u{201c}{}\u{201d}.", to.label())));
    }
    let body = optional_text("note", note_text, MAX_WORDS)?;
    let reason = if to == Status::NotDoing {
        Some(text("reason", reason, "Please give the honest reason the board is not doing this. The people who gave this feedback will read it.", MAX_WORDS)?)
    } else {
        None
    };
    let mut response = item.response.clone();
    if to == Status::Done && response.is_none() {
        match &body {
            Some(b) => response = Some(b.clone()),
            None => return Err(DomainError::invalid("note", "Please write what changed, so the people who gave this feedback can see what was done.")),
        }
    }
    let words = match (&body, &reason) {
        (_, Some(r)) => format!("Not doing this, because: {r}"),
        (Some(b), None) => b.clone(),
        (None, None) => format!("Marked \u{201c}{}\u{201d}.", to.label()),
    };
    note(db, id, Some(actor.id), None, &words, Some(from), Some(to)).await?;
    let now = Utc::now();
    let said = item.said.clone();
    if let Some(owner) = item.owner_id.filter(|o| *o != actor.id) {
        crate::conversations::notifications::tell(db, owner, "feedback", board.space.id, &format!("The feedback \u{201c}{}\u{201d} you own is now marked \u{201c}{}\u{201d}.", short(&said), to.label()), &format!("/you-said-we-did/{id}")).await?;
    }
    let mut m = item.into_active_model();
    m.status = Set(to.as_str().into());
    m.status_reason = Set(reason);
    m.response = Set(response.clone());
    m.status_since = Set(now);
    m.last_update_at = Set(now);
    m.updated_at = Set(now);
    m.update(db).await?;
    if to != Status::Done {
        return Ok(Vec::new());
    }
    asks_for(db, id, &said, response).await
}

/// Asks everyone who agreed to be asked and has no question waiting for this item.
async fn asks_for(db: &impl ConnectionTrait, id: Uuid, said: &str, response: Option<String>) -> DomainResult<Vec<Uuid>> {
    let sources = feedback_source::Entity::find().filter(feedback_source::Column::ItemId.eq(id)).filter(feedback_source::Column::MayAsk.eq(true)).all(db).await?;
    let waiting: HashSet<Uuid> = feedback_ask::Entity::find().filter(feedback_ask::Column::ItemId.eq(id)).filter(feedback_ask::Column::AnsweredAt.is_null()).all(db).await?.into_iter().map(|a| a.source_id).collect();
    let mut out = Vec::new();
    let mut emailed = HashSet::new();
    for s in sources {
        let Some(email) = s.contact_email.clone() else { continue };
        if waiting.contains(&s.id) || !emailed.insert(email.clone()) {
            continue;
        }
        let (secret, hash) = crate::accounts::new_token();
        feedback_ask::ActiveModel { id: Set(Uuid::now_v7()), item_id: Set(id), source_id: Set(s.id), secret_hash: Set(hash), sent_at: Set(Utc::now()), answer: Set(None), answer_words: Set(None), answered_at: Set(None) }
            .insert(db)
            .await?;
        let letter = crate::mail::letters::ask(&email, s.contact_name.as_deref(), said, response.as_deref(), &secret);
        out.push(crate::mail::outbox::enqueue(db, letter).await?);
    }
    Ok(out)
}

/// A dated progress note in the timeline (members, and the item's owner).
pub async fn add_update(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, body: &str) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let done = add_update_in(&txn, actor, id, body).await?;
    crate::search::index::feedback(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn add_update_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, body: &str) -> DomainResult<()> {
    let (item, _) = for_work(db, actor, id).await?;
    let body = text("update", body, "Please write what has happened.", MAX_WORDS)?;
    note(db, id, Some(actor.id), None, &body, None, None).await?;
    let now = Utc::now();
    let mut m = item.into_active_model();
    m.last_update_at = Set(now);
    m.updated_at = Set(now);
    m.update(db).await?;
    Ok(())
}

/// Links a document, decision, action or meeting of the board or its groups (`kind:id`).
pub async fn link(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, target: &str) -> DomainResult<()> {
    let (item, board) = for_work(db, actor, id).await?;
    let problem = || DomainError::invalid("target", "Please choose a document, decision, action or meeting from the list.");
    let (kind, target_id) = target.trim().split_once(':').ok_or_else(problem)?;
    let kind = LinkKind::parse(kind).ok_or_else(problem)?;
    let target_id = Uuid::try_parse(target_id).map_err(|_| problem())?;
    let space_id = match kind {
        LinkKind::Document => document::Entity::find_by_id(target_id).one(db).await?.map(|d| d.space_id),
        LinkKind::Action => action::Entity::find_by_id(target_id).one(db).await?.map(|a| a.space_id),
        LinkKind::Meeting => meeting::Entity::find_by_id(target_id).one(db).await?.map(|m| m.space_id),
        LinkKind::Decision => match meeting_decision::Entity::find_by_id(target_id).one(db).await? {
            Some(d) => meeting::Entity::find_by_id(d.meeting_id).one(db).await?.map(|m| m.space_id),
            None => None,
        },
    }
    .ok_or_else(problem)?;
    let space = crate::memo::space(db, space_id).await?.ok_or_else(problem)?;
    if space.id != board.space.id && space.parent_id != Some(board.space.id) {
        return Err(problem());
    }
    let exists = feedback_link::Entity::find()
        .filter(feedback_link::Column::ItemId.eq(id))
        .filter(feedback_link::Column::Kind.eq(kind.as_str()))
        .filter(feedback_link::Column::TargetId.eq(target_id))
        .one(db)
        .await?;
    if exists.is_some() {
        return Err(DomainError::invalid("target", "That is already linked to this feedback."));
    }
    let now = Utc::now();
    feedback_link::ActiveModel { id: Set(Uuid::now_v7()), item_id: Set(id), kind: Set(kind.as_str().into()), target_id: Set(target_id), added_by: Set(actor.id), added_at: Set(now) }.insert(db).await?;
    let title = linked(db, vec![feedback_link::Model { id: Uuid::nil(), item_id: id, kind: kind.as_str().into(), target_id, added_by: actor.id, added_at: now }], true).await?.pop().map(|l| l.title).unwrap_or_default();
    note(db, id, Some(actor.id), None, &format!("Linked the {} \u{201c}{title}\u{201d}.", kind.label().to_lowercase()), None, None).await?;
    let mut m = item.into_active_model();
    m.last_update_at = Set(now);
    m.update(db).await?;
    Ok(())
}

/// Takes a link off.
pub async fn unlink(db: &impl ConnectionTrait, actor: &CurrentUser, link_id: Uuid) -> DomainResult<Uuid> {
    let l = feedback_link::Entity::find_by_id(link_id).one(db).await?.ok_or_else(|| DomainError::NotFound("That link has already gone.".into()))?;
    for_work(db, actor, l.item_id).await?;
    feedback_link::Entity::delete_by_id(link_id).exec(db).await?;
    Ok(l.item_id)
}

/// Joins `other` into `keep`: every source (with its people), link and question moves over, the
/// themes are put together, and `other` then leads to `keep`.
pub async fn merge(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, keep: Uuid, other: Uuid) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let done = merge_in(&txn, actor, keep, other).await?;
    crate::search::index::feedback(&txn, keep).await?;
    crate::search::index::feedback(&txn, other).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn merge_in(db: &impl ConnectionTrait, actor: &CurrentUser, keep: Uuid, other: Uuid) -> DomainResult<()> {
    if keep == other {
        return Err(DomainError::invalid("other", "Please choose a different item to join with this one."));
    }
    let (kept, board) = for_work(db, actor, keep).await?;
    let (gone, _) = for_work(db, actor, other).await.map_err(|e| match e {
        DomainError::NotFound(_) => DomainError::invalid("other", "Please choose one of the board's other feedback items."),
        e => e,
    })?;
    if gone.space_id != board.space.id {
        return Err(DomainError::invalid("other", "Please choose one of the board's other feedback items."));
    }
    let moved_people: i64 = feedback_source::Entity::find().filter(feedback_source::Column::ItemId.eq(other)).all(db).await?.iter().map(|s| i64::from(s.people)).sum();
    feedback_source::Entity::update_many().col_expr(feedback_source::Column::ItemId, Expr::value(keep)).filter(feedback_source::Column::ItemId.eq(other)).exec(db).await?;
    feedback_ask::Entity::update_many().col_expr(feedback_ask::Column::ItemId, Expr::value(keep)).filter(feedback_ask::Column::ItemId.eq(other)).exec(db).await?;
    let have: HashSet<(String, Uuid)> = feedback_link::Entity::find().filter(feedback_link::Column::ItemId.eq(keep)).all(db).await?.into_iter().map(|l| (l.kind, l.target_id)).collect();
    for l in feedback_link::Entity::find().filter(feedback_link::Column::ItemId.eq(other)).all(db).await? {
        if have.contains(&(l.kind.clone(), l.target_id)) {
            feedback_link::Entity::delete_by_id(l.id).exec(db).await?;
        } else {
            let mut m = l.into_active_model();
            m.item_id = Set(keep);
            m.update(db).await?;
        }
    }
    let now = Utc::now();
    let people = if moved_people == 1 { "1 more person".to_owned() } else { format!("{moved_people} more people") };
    note(db, keep, Some(actor.id), None, &format!("Joined with similar feedback: \u{201c}{}\u{201d} ({people}).", short(&gone.said)), None, None).await?;
    note(db, other, Some(actor.id), None, &format!("Joined with \u{201c}{}\u{201d}.", short(&kept.said)), None, None).await?;
    let mut themes = Theme::parse_list(&kept.themes);
    themes.extend(Theme::parse_list(&gone.themes));
    let mut k = kept.into_active_model();
    k.themes = Set(Theme::to_list(&themes));
    k.last_update_at = Set(now);
    k.updated_at = Set(now);
    k.update(db).await?;
    let mut g = gone.into_active_model();
    g.merged_into = Set(Some(keep));
    g.published_at = Set(None);
    g.updated_at = Set(now);
    g.update(db).await?;
    Ok(())
}

/// Co-chairs publish an item (or take it off the public page). Someone's own words are never
/// published against their wishes: an item whose summary is still the words of a person who
/// did not agree to them being shown needs a summary in the board's words first.
pub async fn publish(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: &CurrentUser, id: Uuid, on: bool) -> DomainResult<()> {
    let txn = crate::begin(db).await?;
    let done = publish_in(&txn, actor, id, on).await?;
    crate::search::index::feedback(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn publish_in(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, on: bool) -> DomainResult<()> {
    let (item, board) = for_work(db, actor, id).await?;
    if !board.can().publish {
        return Err(DomainError::Forbidden("Only the co-chairs can publish feedback.".into()));
    }
    let now = Utc::now();
    if on {
        if item.published_at.is_some() {
            return Err(DomainError::Conflict("This feedback is already on the public page.".into()));
        }
        let private = feedback_source::Entity::find()
            .filter(feedback_source::Column::ItemId.eq(id))
            .filter(feedback_source::Column::ShowWords.eq(false))
            .all(db)
            .await?
            .into_iter()
            .any(|s| s.words.trim() == item.said.trim());
        if private {
            return Err(DomainError::invalid(
                "said",
                "The person who said this did not agree to their own words being shown. Please write what was said in the board's own words (under \u{201c}Change this feedback\u{201d}), then publish.",
            ));
        }
        note(db, id, Some(actor.id), None, "Published on the public You Said We Did page.", None, None).await?;
    } else {
        if item.published_at.is_none() {
            return Err(DomainError::Conflict("This feedback is not on the public page.".into()));
        }
        note(db, id, Some(actor.id), None, "Taken off the public page.", None, None).await?;
    }
    let mut m = item.into_active_model();
    m.published_at = Set(on.then_some(now));
    m.published_by = Set(on.then_some(actor.id));
    m.last_update_at = Set(now);
    m.updated_at = Set(now);
    m.update(db).await?;
    Ok(())
}

async fn ask_by_secret(db: &impl ConnectionTrait, secret: &str) -> DomainResult<feedback_ask::Model> {
    let missing = || DomainError::NotFound("We could not find this question. The link may be incomplete: please copy the whole link from the email.".into());
    if secret.len() > 100 {
        return Err(missing());
    }
    feedback_ask::Entity::find().filter(feedback_ask::Column::SecretHash.eq(crate::accounts::hash_token(secret.trim()))).one(db).await?.ok_or_else(missing)
}

/// The question behind a "did this make a difference?" link.
pub async fn ask_view(db: &impl ConnectionTrait, secret: &str) -> DomainResult<AskView> {
    let ask = ask_by_secret(db, secret).await?;
    let item = find(db, ask.item_id).await?;
    let board = board_by_id(db, None, item.space_id).await?;
    Ok(AskView {
        said: item.said,
        response: item.response,
        link: format!("/you-said-we-did/{}", item.id),
        answered: match (ask.answer.as_deref().and_then(Answer::parse), ask.answered_at) {
            (Some(answer), Some(at)) => Some(AnswerView { answer, words: ask.answer_words, when: crate::dates::long_date(crate::dates::local_day(at, board.zone)) }),
            _ => None,
        },
    })
}

/// Someone who gave the feedback answers. "No" opens the item again for the board with their
/// words, and tells its owner (or the co-chairs).
pub async fn answer(db: &impl ConnectionTrait, secret: &str, answer: &str, words: &str) -> DomainResult<Uuid> {
    let ask = ask_by_secret(db, secret).await?;
    if ask.answered_at.is_some() {
        return Err(DomainError::Conflict("You have already answered this question. Thank you: your answer is on the feedback's page.".into()));
    }
    let answer = Answer::parse(answer).ok_or_else(|| DomainError::invalid("answer", "Please choose yes, partly or no."))?;
    let words = optional_text("words", words, 2_000)?;
    let item = find(db, ask.item_id).await?;
    let board = board_by_id(db, None, item.space_id).await?;
    let now = Utc::now();
    let mut a = ask.into_active_model();
    a.answer = Set(Some(answer.as_str().into()));
    a.answer_words = Set(words.clone());
    a.answered_at = Set(Some(now));
    a.update(db).await?;
    let said_words = words.as_deref().map(|w| format!(" They said: \u{201c}{w}\u{201d}")).unwrap_or_default();
    let from = status_of(&item);
    let reopen = answer == Answer::No && from == Status::Done;
    let to = reopen.then_some(Status::Considering);
    let body = format!("Asked whether this made a difference, they answered: {}.{said_words}{}", answer.label(), if reopen { " The board is looking at it again." } else { "" });
    note(db, item.id, None, Some("Someone who gave this feedback"), &body, to.map(|_| from), to).await?;
    if answer == Answer::No {
        let tell: Vec<Uuid> = match item.owner_id {
            Some(o) => vec![o],
            None => co_chairs(db, board.space.id).await?,
        };
        for person in tell {
            crate::conversations::notifications::tell(db, person, "feedback", board.space.id, &format!("Someone who gave the feedback \u{201c}{}\u{201d} says it did not make a difference. It is open again.", short(&item.said)), &format!("/you-said-we-did/{}", item.id)).await?;
        }
    }
    let id = item.id;
    let mut m = item.into_active_model();
    if let Some(to) = to {
        m.status = Set(to.as_str().into());
        m.status_since = Set(now);
    }
    m.last_update_at = Set(now);
    m.updated_at = Set(now);
    m.update(db).await?;
    Ok(id)
}

/// The published items as CSV, for anyone: a real CSV writer, so commas, quotes and new lines
/// inside the words survive.
pub fn to_csv(items: &[FeedbackSummary], site_url: &str) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["id", "you_said", "themes", "people", "first_heard", "status", "we_did", "link"]);
    for i in items {
        let themes = i.themes.iter().map(|t| t.label()).collect::<Vec<_>>().join("; ");
        let _ = w.write_record([
            i.id.to_string(),
            i.said.clone(),
            themes,
            i.people.to_string(),
            i.first_heard.format("%Y-%m-%d").to_string(),
            i.status.label().to_owned(),
            i.response.clone().unwrap_or_default(),
            format!("{site_url}{}", i.link),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
