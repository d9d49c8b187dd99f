//! Meeting services: planning and changing a meeting, its agenda and papers, sending the papers
//! (by hand or when they fall due), replies and recorded attendance, decisions, the minutes
//! document, and reading a meeting back as its page shows it.
//!
//! Who may do what comes from the role in the meeting's space alone (`permissions`): the
//! space's leads organise; they and the meeting's minute-taker record what happened; anyone who
//! can read the space says whether they are coming.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::times;
use super::{Access, AgendaItem, Attended, AttendanceSummary, Attendee, DecisionMethod, Meeting, MeetingAbilities, MeetingDecision, MeetingSummary, MinutesRef, Named, Paper, Reply};
use crate::accounts::role_in;
use crate::entities::{agenda_item, agenda_paper, attendance, document, easy_read_part, meeting, meeting_decision, membership, person, revision, space};
use crate::people::{CurrentUser, Perspective, Role};
use crate::permissions::{Action, can};
use crate::{DomainError, DomainResult};

pub(crate) fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that meeting.".into())
}

/// A meeting as one request sees it: its row, its space, the board's time zone and the
/// reader's role there, looked up once.
#[derive(Debug, Clone)]
pub struct MeetingContext {
    pub meeting: meeting::Model,
    pub space: space::Model,
    pub zone: chrono_tz::Tz,
    pub viewer: Option<Uuid>,
    pub role: Option<Role>,
}

impl MeetingContext {
    /// The meeting, for a reader who may read its space's work; to anyone else it is not found.
    pub async fn load(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Self> {
        let meeting = meeting::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)?;
        let (space, zone, role) = space_and_role(db, viewer, meeting.space_id).await?;
        if !can(role, Action::ViewSpace) {
            return Err(not_found());
        }
        Ok(Self { meeting, space, zone, viewer, role })
    }

    /// Changes the meeting and its agenda (the space's leads).
    pub fn organise(&self) -> bool {
        can(self.role, Action::RunMeetings)
    }

    /// Records what happened (the leads, and the minute-taker while they can contribute).
    pub fn record(&self) -> bool {
        self.organise() || (self.viewer.is_some() && self.viewer == self.meeting.minute_taker_id && can(self.role, Action::Contribute))
    }

    fn abilities(&self) -> MeetingAbilities {
        // Loading the context checked the reader may read the space; anyone signed in here replies.
        MeetingAbilities { organise: self.organise(), record: self.record(), reply: self.viewer.is_some() }
    }

    fn must_organise(&self) -> DomainResult<()> {
        if self.organise() {
            Ok(())
        } else {
            Err(DomainError::Forbidden("Only the co-chairs or convenors can change a meeting or its agenda.".into()))
        }
    }

    fn must_record(&self) -> DomainResult<()> {
        if self.record() {
            Ok(())
        } else {
            Err(DomainError::Forbidden("Only the minute-taker, co-chairs or convenors can record what happened at a meeting.".into()))
        }
    }

    fn link(&self) -> String {
        format!("/meetings/{}", self.meeting.id)
    }

    fn when(&self) -> String {
        times::when(self.meeting.starts_at, self.meeting.ends_at, self.zone)
    }
}

/// A space, its board's time zone, and the reader's role there.
pub(crate) async fn space_and_role(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> DomainResult<(space::Model, chrono_tz::Tz, Option<Role>)> {
    let space = crate::memo::space(db, space_id).await?.ok_or_else(|| DomainError::NotFound("We could not find that board or group.".into()))?;
    let zone = crate::spaces::life::zone_of(db, &space).await?;
    let role = match viewer {
        Some(v) => role_in(db, v, space_id).await?,
        None => None,
    };
    Ok((space, zone, role))
}

/// A meeting as typed into the plan or change form.
#[derive(Debug, Clone, Default)]
pub struct MeetingForm<'a> {
    pub title: &'a str,
    pub date: &'a str,
    pub start: &'a str,
    pub end: &'a str,
    pub place: &'a str,
    pub join_link: &'a str,
    pub access: Vec<Access>,
    /// Days before the meeting the papers go out; empty for the usual 7.
    pub papers_days: &'a str,
    pub minute_taker: Option<Uuid>,
}

struct Checked {
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    place: Option<String>,
    join_link: Option<String>,
    access: String,
    papers_days: i32,
}

fn one_line(field: &str, raw: &str, max: usize, what: &str) -> DomainResult<Option<String>> {
    let text = raw.trim();
    crate::people::service::check_single_line(field, text)?;
    if text.chars().count() > max {
        return Err(DomainError::invalid(field, format!("Please keep the {what} to {max} characters or fewer.")));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

fn check(form: &MeetingForm<'_>, zone: chrono_tz::Tz) -> DomainResult<Checked> {
    let title = one_line("title", form.title, 200, "title")?.ok_or_else(|| DomainError::invalid("title", "Please give the meeting a name, such as \u{201c}Board meeting\u{201d}."))?;
    let day = crate::dates::parse_date("date", form.date)?.ok_or_else(|| DomainError::invalid("date", "Please give the date of the meeting, as day/month/year."))?;
    let start = times::parse_clock("start", form.start)?;
    let end = times::parse_clock("end", form.end)?;
    let starts_at = times::to_utc("start", day, start, zone)?;
    let ends_at = times::to_utc("end", day, end, zone)?;
    if ends_at <= starts_at {
        return Err(DomainError::invalid("end", "Please give an end time after the start time."));
    }
    let place = one_line("place", form.place, 300, "place")?;
    let join_link = one_line("join_link", form.join_link, 500, "link")?;
    if let Some(link) = &join_link
        && !(link.starts_with("https://") || link.starts_with("http://"))
    {
        return Err(DomainError::invalid("join_link", "Please give the whole link to join online, starting with https://"));
    }
    if place.is_none() && join_link.is_none() {
        return Err(DomainError::invalid("place", "Please say where the meeting is, or give a link to join online, or both."));
    }
    let papers_days = match form.papers_days.trim() {
        "" => 7,
        raw => raw.parse::<i32>().ok().filter(|d| (0..=60).contains(d)).ok_or_else(|| DomainError::invalid("papers_days", "Please give a number of days from 0 to 60."))?,
    };
    Ok(Checked { title, starts_at, ends_at, place, join_link, access: Access::to_list(&form.access), papers_days })
}

async fn check_member(db: &impl ConnectionTrait, space_id: Uuid, person: Option<Uuid>, field: &str) -> DomainResult<Option<Uuid>> {
    let Some(p) = person else { return Ok(None) };
    match role_in(db, p, space_id).await? {
        Some(Role::CoChair | Role::Member) => Ok(Some(p)),
        _ => Err(DomainError::invalid(field, "Please choose someone who is a member here.")),
    }
}

/// Plans a meeting of a space. Returns its id.
#[tracing::instrument(skip_all)]
pub async fn plan(db: &impl ConnectionTrait, actor: &CurrentUser, space_id: Uuid, form: MeetingForm<'_>) -> DomainResult<Uuid> {
    // A space that is not there is not found; then the role decides, in authorize's plain words.
    let (_, zone, _) = space_and_role(db, Some(actor.id), space_id).await?;
    crate::accounts::authorize(db, Some(actor.id), space_id, Action::RunMeetings).await?;
    let c = check(&form, zone)?;
    let minute_taker = check_member(db, space_id, form.minute_taker, "minute_taker").await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    meeting::ActiveModel {
        id: Set(id),
        space_id: Set(space_id),
        title: Set(c.title),
        starts_at: Set(c.starts_at),
        ends_at: Set(c.ends_at),
        place: Set(c.place),
        join_link: Set(c.join_link),
        access_offered: Set(c.access),
        papers_days: Set(c.papers_days),
        papers_sent_at: Set(None),
        minute_taker_id: Set(minute_taker),
        minutes_document_id: Set(None),
        sequence: Set(0),
        created_by: Set(actor.id),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Changes a meeting. A new time or place moves the calendar event on (its SEQUENCE goes up).
#[tracing::instrument(skip_all)]
pub async fn change(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, form: MeetingForm<'_>) -> DomainResult<()> {
    let ctx = MeetingContext::load(db, Some(actor.id), id).await?;
    ctx.must_organise()?;
    let c = check(&form, ctx.zone)?;
    let minute_taker = check_member(db, ctx.space.id, form.minute_taker, "minute_taker").await?;
    let m = &ctx.meeting;
    let moved = m.starts_at != c.starts_at || m.ends_at != c.ends_at || m.place != c.place || m.join_link != c.join_link || m.title != c.title;
    let mut model = m.clone().into_active_model();
    model.title = Set(c.title);
    model.starts_at = Set(c.starts_at);
    model.ends_at = Set(c.ends_at);
    model.place = Set(c.place);
    model.join_link = Set(c.join_link);
    model.access_offered = Set(c.access);
    model.papers_days = Set(c.papers_days);
    model.minute_taker_id = Set(minute_taker);
    if moved {
        model.sequence = Set(m.sequence + 1);
    }
    model.updated_at = Set(Utc::now());
    model.update(db).await?;
    Ok(())
}

/// Adds an item at the end of the agenda. Returns its id.
pub async fn add_item(db: &impl ConnectionTrait, actor: &CurrentUser, meeting_id: Uuid, title: &str, lead: Option<Uuid>, minutes: &str) -> DomainResult<Uuid> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    ctx.must_organise()?;
    let title = one_line("item_title", title, 200, "item")?.ok_or_else(|| DomainError::invalid("item_title", "Please say what the item is about."))?;
    let lead = check_member(db, ctx.space.id, lead, "lead").await?;
    let minutes = match minutes.trim() {
        "" => None,
        raw => Some(raw.parse::<i32>().ok().filter(|m| (1..=480).contains(m)).ok_or_else(|| DomainError::invalid("minutes", "Please give the time allowed in minutes, such as 15."))?),
    };
    let last: Option<i32> = agenda_item::Entity::find()
        .select_only()
        .column_as(agenda_item::Column::Position.max(), "last")
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    let id = Uuid::now_v7();
    agenda_item::ActiveModel { id: Set(id), meeting_id: Set(meeting_id), position: Set(last.unwrap_or(0) + 1), title: Set(title), lead_id: Set(lead), minutes: Set(minutes), created_at: Set(Utc::now()) }
        .insert(db)
        .await?;
    Ok(id)
}

async fn find_item(db: &impl ConnectionTrait, item_id: Uuid) -> DomainResult<agenda_item::Model> {
    agenda_item::Entity::find_by_id(item_id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that agenda item.".into()))
}

/// Moves an item one place up or down the agenda. Returns the meeting's id.
pub async fn move_item(db: &DatabaseConnection, actor: &CurrentUser, item_id: Uuid, up: bool) -> DomainResult<Uuid> {
    let item = find_item(db, item_id).await?;
    let ctx = MeetingContext::load(db, Some(actor.id), item.meeting_id).await?;
    ctx.must_organise()?;
    let items = items_of(db, item.meeting_id).await?;
    let at = items.iter().position(|i| i.id == item_id).ok_or(DomainError::Internal)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|o| *o < items.len()) };
    if let Some(o) = other {
        let txn = crate::begin(db).await?;
        for (i, pos) in [(at, items[o].position), (o, items[at].position)] {
            let mut m = items[i].clone().into_active_model();
            m.position = Set(pos);
            m.update(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(item.meeting_id)
}

/// Takes an item off the agenda, with its papers. Returns the meeting's id.
pub async fn remove_item(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, item_id: Uuid) -> DomainResult<Uuid> {
    let item = find_item(db, item_id).await?;
    let ctx = MeetingContext::load(db, Some(actor.id), item.meeting_id).await?;
    ctx.must_organise()?;
    // The papers and the item go together or not at all.
    let txn = crate::begin(db).await?;
    agenda_paper::Entity::delete_many().filter(agenda_paper::Column::ItemId.eq(item_id)).exec(&txn).await?;
    agenda_item::Entity::delete_by_id(item_id).exec(&txn).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(item.meeting_id)
}

/// The people invited: the space's members and leads.
async fn invited(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Vec<Uuid>> {
    Ok(membership::Entity::find()
        .select_only()
        .column(membership::Column::PersonId)
        .filter(membership::Column::SpaceId.eq(space_id))
        .filter(membership::Column::Role.is_in([Role::CoChair.as_str(), Role::Member.as_str()]))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

/// Attaches a document of the space to an item, at its newest version. Added after the papers
/// went out, it is marked late and everyone invited is told.
pub async fn add_paper(db: &impl ConnectionTrait, actor: &CurrentUser, item_id: Uuid, document_id: Uuid) -> DomainResult<Uuid> {
    let item = find_item(db, item_id).await?;
    let ctx = MeetingContext::load(db, Some(actor.id), item.meeting_id).await?;
    ctx.must_organise()?;
    let doc = crate::memo::document(db, document_id).await?.filter(|d| d.space_id == ctx.space.id).ok_or_else(|| DomainError::invalid("document_id", "Please choose one of this space's documents."))?;
    let number = revision::Entity::find_by_id(doc.current_revision_id).one(db).await?.map(|r| r.number).ok_or(DomainError::Internal)?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    agenda_paper::ActiveModel {
        id: Set(id),
        item_id: Set(item_id),
        meeting_id: Set(item.meeting_id),
        document_id: Set(document_id),
        revision_id: Set(doc.current_revision_id),
        revision_number: Set(number),
        added_by: Set(actor.id),
        added_at: Set(now),
    }
    .insert(db)
    .await?;
    if ctx.meeting.papers_sent_at.is_some() {
        let summary = format!("A late paper, \u{201c}{}\u{201d}, was added to {} on {}.", doc.title, ctx.meeting.title, ctx.when());
        for person in invited(db, ctx.space.id).await? {
            crate::conversations::notifications::tell(db, person, "late_paper", ctx.space.id, &summary, &ctx.link()).await?;
        }
    }
    Ok(id)
}

/// When the papers are due to go out.
fn papers_due(m: &meeting::Model) -> DateTime<Utc> {
    m.starts_at - chrono::Duration::days(i64::from(m.papers_days))
}

/// Sends the papers now: everyone invited is told, and each owner of an open action that will
/// come up under matters arising is reminded. Only the first call sends (several instances may
/// try at once); returns whether this one did.
pub async fn send_papers(db: &impl ConnectionTrait, meeting_id: Uuid, now: DateTime<Utc>) -> DomainResult<bool> {
    let claimed = meeting::Entity::update_many()
        .col_expr(meeting::Column::PapersSentAt, Expr::value(now))
        .filter(meeting::Column::Id.eq(meeting_id))
        .filter(meeting::Column::PapersSentAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let m = meeting::Entity::find_by_id(meeting_id).one(db).await?.ok_or_else(not_found)?;
    let (_, zone, _) = space_and_role(db, None, m.space_id).await?;
    let when = times::when(m.starts_at, m.ends_at, zone);
    let link = format!("/meetings/{}", m.id);
    let summary = format!("The papers for {} on {when} are ready to read.", m.title);
    for person in invited(db, m.space_id).await? {
        crate::conversations::notifications::tell(db, person, "papers", m.space_id, &summary, &link).await?;
    }
    for a in super::actions::arising(db, &m).await? {
        let summary = format!("Your action \u{201c}{}\u{201d} will come up under matters arising at {} on {when}. Please update its progress before then.", a.what, m.title);
        crate::conversations::notifications::tell(db, a.owner_id, "action_due", m.space_id, &summary, &format!("/actions/{}", a.id)).await?;
    }
    Ok(true)
}

/// Sends the papers of a meeting by hand (before they fall due).
pub async fn send_papers_now(db: &impl ConnectionTrait, actor: &CurrentUser, meeting_id: Uuid) -> DomainResult<bool> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    ctx.must_organise()?;
    if ctx.meeting.papers_sent_at.is_some() {
        return Err(DomainError::Conflict("The papers for this meeting have already gone out.".into()));
    }
    send_papers(db, meeting_id, Utc::now()).await
}

/// Sends the papers of every meeting whose day for them has come. Run every minute by the
/// server; safe to run on several instances at once. Returns how many meetings it sent.
pub async fn send_due_papers(db: &impl ConnectionTrait, now: DateTime<Utc>) -> DomainResult<usize> {
    // At most 60 days' notice: only meetings starting within 60 days can be due.
    let due: Vec<meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::PapersSentAt.is_null())
        .filter(meeting::Column::StartsAt.gt(now - chrono::Duration::days(1)))
        .filter(meeting::Column::StartsAt.lte(now + chrono::Duration::days(61)))
        .all(db)
        .await?;
    let mut sent = 0;
    for m in due.iter().filter(|m| papers_due(m) <= now) {
        if send_papers(db, m.id, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Says whether the person is coming (a supporter answers for the person they support).
pub async fn reply(db: &impl ConnectionTrait, actor: &CurrentUser, meeting_id: Uuid, answer: Option<Reply>) -> DomainResult<()> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    let answer = answer.ok_or_else(|| DomainError::invalid("reply", "Please choose whether you are coming in person, joining online, or cannot come."))?;
    if ctx.meeting.ends_at < Utc::now() {
        return Err(DomainError::Conflict("This meeting has already happened, so replies are closed.".into()));
    }
    let now = Utc::now();
    let existing = attendance::Entity::find_by_id((meeting_id, actor.id)).one(db).await?;
    let supporter = actor.supporter.as_ref().map(|s| s.id);
    match existing {
        Some(row) => {
            let mut m = row.into_active_model();
            m.reply = Set(Some(answer.as_str().into()));
            m.replied_by = Set(supporter);
            m.replied_at = Set(Some(now));
            m.update(db).await?;
        }
        None => {
            attendance::ActiveModel {
                meeting_id: Set(meeting_id),
                person_id: Set(actor.id),
                reply: Set(Some(answer.as_str().into())),
                replied_by: Set(supporter),
                replied_at: Set(Some(now)),
                attended: Set(None),
                recorded_by: Set(None),
                recorded_at: Set(None),
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}

/// Records who came, once the meeting has begun. People not listed keep what was recorded.
pub async fn record_attendance(db: &DatabaseConnection, actor: &CurrentUser, meeting_id: Uuid, who: &[(Uuid, Attended)]) -> DomainResult<usize> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    ctx.must_record()?;
    if ctx.meeting.starts_at > Utc::now() {
        return Err(DomainError::Conflict("This meeting has not started yet. Record who came once it begins.".into()));
    }
    if who.is_empty() {
        return Err(DomainError::invalid("attended", "Please choose, for at least one person, whether they came."));
    }
    let existing: HashMap<Uuid, attendance::Model> =
        attendance::Entity::find().filter(attendance::Column::MeetingId.eq(meeting_id)).all(db).await?.into_iter().map(|a| (a.person_id, a)).collect();
    let allowed: HashSet<Uuid> = invited(db, ctx.space.id).await?.into_iter().chain(existing.keys().copied()).collect();
    let now = Utc::now();
    let txn = crate::begin(db).await?;
    for (person, came) in who {
        if !allowed.contains(person) {
            return Err(DomainError::invalid("attended", "One of the people listed is not invited to this meeting. Please reload the page and try again."));
        }
        match existing.get(person) {
            Some(row) => {
                let mut m = row.clone().into_active_model();
                m.attended = Set(Some(came.as_str().into()));
                m.recorded_by = Set(Some(actor.id));
                m.recorded_at = Set(Some(now));
                m.update(&txn).await?;
            }
            None => {
                attendance::ActiveModel {
                    meeting_id: Set(meeting_id),
                    person_id: Set(*person),
                    reply: Set(None),
                    replied_by: Set(None),
                    replied_at: Set(None),
                    attended: Set(Some(came.as_str().into())),
                    recorded_by: Set(Some(actor.id)),
                    recorded_at: Set(Some(now)),
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(who.len())
}

/// Starts the minutes: a document of the space with one section per agenda item, written and
/// agreed as every document is. Returns the document (the same one if already started).
pub async fn start_minutes(db: &DatabaseConnection, actor: &CurrentUser, meeting_id: Uuid) -> DomainResult<Uuid> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    ctx.must_record()?;
    if let Some(doc) = ctx.meeting.minutes_document_id {
        return Ok(doc);
    }
    let items = items_of(db, meeting_id).await?;
    let summary = attendance_of(db, &ctx).await?;
    let day = times::day_in_words(ctx.meeting.starts_at.with_timezone(&ctx.zone).date_naive());
    let mut body = format!("# Minutes of {}, {day}\n\n{}\n\n", ctx.meeting.title, ctx.when());
    let names = |pick: &dyn Fn(&Attendee) -> bool| crate::and_list(&summary.people.iter().filter(|a| pick(a)).map(|a| a.name.clone()).collect::<Vec<_>>());
    let present = names(&|a| matches!(a.attended, Some(Attended::InPerson | Attended::Online)));
    let apologies = names(&|a| a.reply == Some(Reply::Apologies) && !matches!(a.attended, Some(Attended::InPerson | Attended::Online)));
    body.push_str(&format!("Present: {}\n\nApologies: {}\n\n", if present.is_empty() { "(to be recorded)" } else { &present }, if apologies.is_empty() { "none" } else { &apologies }));
    for (n, item) in items.iter().enumerate() {
        body.push_str(&format!("## {}. {}\n\nWhat was said:\n\n", n + 1, item.title));
    }
    if items.is_empty() {
        body.push_str("## Notes\n\n");
    }
    let title = format!("Minutes: {}, {}", ctx.meeting.title, crate::dates::long_date(ctx.meeting.starts_at.with_timezone(&ctx.zone).date_naive()));
    crate::accounts::authorize(db, Some(actor.id), ctx.space.id, Action::EditDocuments).await?;
    let txn = crate::begin(db).await?;
    // Two people pressing at once: the second finds the first one's minutes.
    let fresh = meeting::Entity::find_by_id(meeting_id).one(&txn).await?.ok_or_else(not_found)?;
    if let Some(doc) = fresh.minutes_document_id {
        return Ok(doc);
    }
    let doc = crate::documents::service::insert_draft(
        &txn,
        actor,
        ctx.space.id,
        crate::documents::service::NewDraft { title: title.chars().take(200).collect(), kind: crate::documents::DocumentKind::Minutes.as_str(), tags: Some("minutes".into()), body, note: "Minutes started from the agenda".into() },
    )
    .await?;
    let claimed = meeting::Entity::update_many()
        .col_expr(meeting::Column::MinutesDocumentId, Expr::value(doc))
        .filter(meeting::Column::Id.eq(meeting_id))
        .filter(meeting::Column::MinutesDocumentId.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        txn.rollback().await?;
        return meeting::Entity::find_by_id(meeting_id).one(db).await?.and_then(|m| m.minutes_document_id).ok_or(DomainError::Internal);
    }
    txn.commit().await?;
    Ok(doc)
}

/// A decision as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct DecisionForm<'a> {
    pub item_id: Option<Uuid>,
    pub decision: &'a str,
    pub method: &'a str,
    pub votes_for: &'a str,
    pub votes_against: &'a str,
    pub abstentions: &'a str,
    pub document_id: Option<Uuid>,
}

fn count(field: &str, raw: &str) -> DomainResult<Option<i32>> {
    match raw.trim() {
        "" => Ok(None),
        n => n.parse::<i32>().ok().filter(|n| (0..=10_000).contains(n)).map(Some).ok_or_else(|| DomainError::invalid(field, "Please give a number, such as 0 or 5.")),
    }
}

/// Records a decision against an item: how it was made, and (for a paper) its vision check as
/// it stands now.
pub async fn record_decision(db: &impl ConnectionTrait, actor: &CurrentUser, meeting_id: Uuid, form: DecisionForm<'_>) -> DomainResult<Uuid> {
    let ctx = MeetingContext::load(db, Some(actor.id), meeting_id).await?;
    ctx.must_record()?;
    let decision = form.decision.trim();
    if decision.is_empty() {
        return Err(DomainError::invalid("decision", "Please write what was decided."));
    }
    if decision.chars().count() > 5_000 {
        return Err(DomainError::invalid("decision", "Please keep the decision to 5,000 characters or fewer."));
    }
    let method = DecisionMethod::parse(form.method).ok_or_else(|| DomainError::invalid("method", "Please say how it was decided: by consent, or by a vote."))?;
    let (votes_for, votes_against, abstentions) = match method {
        DecisionMethod::Consent => (None, None, None),
        DecisionMethod::Vote => {
            let f = count("votes_for", form.votes_for)?.ok_or_else(|| DomainError::invalid("votes_for", "Please give how many voted for, even if it was 0."))?;
            let a = count("votes_against", form.votes_against)?.ok_or_else(|| DomainError::invalid("votes_against", "Please give how many voted against, even if it was 0."))?;
            (Some(f), Some(a), count("abstentions", form.abstentions)?)
        }
    };
    if let Some(item) = form.item_id
        && find_item(db, item).await?.meeting_id != meeting_id
    {
        return Err(DomainError::invalid("item_id", "Please choose one of this meeting's agenda items."));
    }
    let vision_summary = match form.document_id {
        Some(doc) => {
            let d = crate::memo::document(db, doc).await?.filter(|d| d.space_id == ctx.space.id).ok_or_else(|| DomainError::invalid("document_id", "Please choose one of this space's documents."))?;
            Some(crate::documents::vision::vision_check(db, Some(actor.id), d.id).await?.summary())
        }
        None => None,
    };
    let id = Uuid::now_v7();
    meeting_decision::ActiveModel {
        id: Set(id),
        meeting_id: Set(meeting_id),
        item_id: Set(form.item_id),
        decision: Set(decision.replace("\r\n", "\n")),
        method: Set(method.as_str().into()),
        votes_for: Set(votes_for),
        votes_against: Set(votes_against),
        abstentions: Set(abstentions),
        document_id: Set(form.document_id),
        vision_summary: Set(vision_summary),
        recorded_by: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

fn how(method: DecisionMethod, f: Option<i32>, a: Option<i32>, abstain: Option<i32>) -> String {
    match method {
        DecisionMethod::Consent => "By consent: nobody objected.".to_owned(),
        DecisionMethod::Vote => {
            let mut text = format!("By a vote: {} for, {} against", f.unwrap_or(0), a.unwrap_or(0));
            if let Some(n) = abstain.filter(|n| *n > 0) {
                text.push_str(&format!(", {n} did not vote"));
            }
            text.push('.');
            text
        }
    }
}

fn summary_of(m: &meeting::Model, space: &space::Model, zone: chrono_tz::Tz, inside: bool, now: DateTime<Utc>) -> MeetingSummary {
    MeetingSummary {
        id: m.id,
        space_id: m.space_id,
        space_name: space.name.clone(),
        title: m.title.clone(),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        when: times::when(m.starts_at, m.ends_at, zone),
        place: m.place.clone(),
        join_link: if inside { m.join_link.clone() } else { None },
        started: m.starts_at <= now,
        past: m.ends_at < now,
        link: format!("/meetings/{}", m.id),
    }
}

/// A space's meetings, soonest first for those to come, then the past ones newest first.
pub async fn list(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> DomainResult<Vec<MeetingSummary>> {
    let (space, zone, role) = space_and_role(db, viewer, space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(DomainError::NotFound("We could not find those meetings.".into()));
    }
    let now = Utc::now();
    let rows = meeting::Entity::find().filter(meeting::Column::SpaceId.eq(space_id)).order_by_asc(meeting::Column::StartsAt).all(db).await?;
    let (mut past, coming): (Vec<_>, Vec<_>) = rows.iter().map(|m| summary_of(m, &space, zone, true, now)).partition(|m| m.past);
    past.reverse();
    Ok(coming.into_iter().chain(past).collect())
}

async fn attendance_of(db: &impl ConnectionTrait, ctx: &MeetingContext) -> DomainResult<AttendanceSummary> {
    Ok(attendance_and_invited(db, ctx).await?.0)
}

/// The attendance, and who is invited (the space's members and leads).
async fn attendance_and_invited(db: &impl ConnectionTrait, ctx: &MeetingContext) -> DomainResult<(AttendanceSummary, Vec<Uuid>)> {
    let rows = attendance::Entity::find().filter(attendance::Column::MeetingId.eq(ctx.meeting.id)).all(db).await?;
    let invited_ids: Vec<Uuid> = invited(db, ctx.space.id).await?;
    let mut ids = invited_ids.clone();
    for r in &rows {
        if !ids.contains(&r.person_id) {
            ids.push(r.person_id);
        }
    }
    let mut wanted: HashSet<Uuid> = ids.iter().copied().collect();
    wanted.extend(rows.iter().filter_map(|r| r.replied_by));
    let people: HashMap<Uuid, person::Model> = person::Entity::find().filter(person::Column::Id.is_in(wanted)).all(db).await?.into_iter().map(|p| (p.id, p)).collect();
    let by_person: HashMap<Uuid, &attendance::Model> = rows.iter().map(|r| (r.person_id, r)).collect();
    let mut list: Vec<Attendee> = ids
        .iter()
        .filter_map(|id| people.get(id))
        .map(|p| {
            let row = by_person.get(&p.id);
            Attendee {
                person_id: p.id,
                name: p.display_name.clone(),
                perspective: Perspective::parse(&p.perspective).unwrap_or(Perspective::Other),
                reply: row.and_then(|r| r.reply.as_deref()).and_then(Reply::parse),
                replied_by: row.and_then(|r| r.replied_by).and_then(|s| people.get(&s)).map(|s| crate::people::credit(&p.display_name, Some(&s.display_name))),
                attended: row.and_then(|r| r.attended.as_deref()).and_then(Attended::parse),
            }
        })
        .collect();
    list.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
    let n = |r: Option<Reply>| list.iter().filter(|a| a.reply == r).count();
    let invited_count = list.len();
    let replies = format!(
        "{invited_count} invited: {} coming in person, {} joining online, {} sent apologies, {} not answered yet.",
        n(Some(Reply::InPerson)),
        n(Some(Reply::Online)),
        n(Some(Reply::Apologies)),
        n(None)
    );
    let by_perspective = |pick: &dyn Fn(&Attendee) -> bool| -> Vec<(Perspective, u32)> {
        Perspective::ALL.into_iter().map(|p| (p, list.iter().filter(|a| a.perspective == p && pick(a)).count() as u32)).filter(|(_, n)| *n > 0).collect()
    };
    let words = |counts: &[(Perspective, u32)]| crate::and_list(&counts.iter().map(|(p, n)| p.counted(*n as usize)).collect::<Vec<_>>());
    let coming = by_perspective(&|a| matches!(a.reply, Some(Reply::InPerson | Reply::Online)));
    let coming_by_perspective = if coming.is_empty() { "Nobody has said they are coming yet.".to_owned() } else { format!("Coming: {}.", words(&coming)) };
    let recorded = list.iter().any(|a| a.attended.is_some());
    let came = by_perspective(&|a| matches!(a.attended, Some(Attended::InPerson | Attended::Online)));
    let attended_by_perspective = recorded.then(|| if came.is_empty() { "Nobody was recorded as attending.".to_owned() } else { format!("Attended: {}.", words(&came)) });
    Ok((AttendanceSummary { people: list, replies, coming_by_perspective, attended_by_perspective, attended_counts: came }, invited_ids))
}

/// The attendance alone (for the API).
pub async fn attendance(db: &impl ConnectionTrait, viewer: Option<Uuid>, meeting_id: Uuid) -> DomainResult<AttendanceSummary> {
    let ctx = MeetingContext::load(db, viewer, meeting_id).await?;
    attendance_of(db, &ctx).await
}

async fn minutes_ref(db: &impl ConnectionTrait, m: &meeting::Model) -> DomainResult<Option<MinutesRef>> {
    let Some(doc_id) = m.minutes_document_id else { return Ok(None) };
    Ok(crate::memo::document(db, doc_id).await?.map(|d| MinutesRef {
        document_id: d.id,
        title: d.title,
        status: crate::documents::DocumentStatus::parse(&d.status).unwrap_or(crate::documents::DocumentStatus::Draft),
        meeting_id: m.id,
        meeting_title: m.title.clone(),
    }))
}

async fn items_of(db: &impl ConnectionTrait, meeting_id: Uuid) -> DomainResult<Vec<agenda_item::Model>> {
    Ok(agenda_item::Entity::find().filter(agenda_item::Column::MeetingId.eq(meeting_id)).order_by_asc(agenda_item::Column::Position).all(db).await?)
}

/// The agenda (`items`, in order) with its papers.
async fn agenda_of(db: &impl ConnectionTrait, ctx: &MeetingContext, items: Vec<agenda_item::Model>, names: &HashMap<Uuid, String>) -> DomainResult<Vec<AgendaItem>> {
    let papers = agenda_paper::Entity::find().filter(agenda_paper::Column::MeetingId.eq(ctx.meeting.id)).order_by_asc(agenda_paper::Column::AddedAt).all(db).await?;
    let doc_ids: HashSet<Uuid> = papers.iter().map(|p| p.document_id).collect();
    let docs: HashMap<Uuid, document::Model> =
        if doc_ids.is_empty() { HashMap::new() } else { document::Entity::find().filter(document::Column::Id.is_in(doc_ids.clone())).all(db).await?.into_iter().map(|d| (d.id, d)).collect() };
    let heads = crate::documents::service::revision_numbers(db, docs.values().map(|d| d.current_revision_id).collect()).await?;
    let easy: HashSet<Uuid> = if doc_ids.is_empty() {
        HashSet::new()
    } else {
        easy_read_part::Entity::find()
            .select_only()
            .column(easy_read_part::Column::DocumentId)
            .filter(easy_read_part::Column::DocumentId.is_in(doc_ids))
            .into_tuple::<Uuid>()
            .all(db)
            .await?
            .into_iter()
            .collect()
    };
    let zone = ctx.zone;
    let day = |t: DateTime<Utc>| crate::dates::long_date(t.with_timezone(&zone).date_naive());
    let due = papers_due(&ctx.meeting);
    let mut by_item: HashMap<Uuid, Vec<Paper>> = HashMap::new();
    for p in papers {
        let Some(d) = docs.get(&p.document_id) else { continue };
        let (late, late_note) = match ctx.meeting.papers_sent_at {
            Some(sent) if p.added_at > sent => (true, Some(format!("Late paper: added on {}, after the papers went out on {}.", day(p.added_at), day(sent)))),
            None if p.added_at > due => (true, Some(format!("Late paper: added on {}, after the day the papers were due to go out ({}).", day(p.added_at), day(due)))),
            _ => (false, None),
        };
        let head = heads.get(&d.current_revision_id).copied();
        by_item.entry(p.item_id).or_default().push(Paper {
            id: p.id,
            document_id: d.id,
            title: d.title.clone(),
            revision_number: p.revision_number,
            link: format!("/documents/{}/versions/{}", d.id, p.revision_number),
            easy_read_link: easy.contains(&d.id).then(|| format!("/documents/{}/easy-read", d.id)),
            added_at: p.added_at,
            late,
            late_note,
            newer_version: head.filter(|h| *h > p.revision_number),
        });
    }
    Ok(items
        .into_iter()
        .map(|i| AgendaItem {
            id: i.id,
            position: i.position,
            title: i.title,
            lead: i.lead_id.map(|id| Named { id, name: names.get(&id).cloned().unwrap_or_else(|| "Someone".into()) }),
            minutes: i.minutes,
            papers: by_item.remove(&i.id).unwrap_or_default(),
        })
        .collect())
}

/// A meeting as its page shows it.
pub async fn view(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Meeting> {
    let ctx = MeetingContext::load(db, viewer, id).await?;
    view_in(db, &ctx).await
}

/// [`view`], for a page that has loaded the meeting's context already.
pub async fn view_in(db: &impl ConnectionTrait, ctx: &MeetingContext) -> DomainResult<Meeting> {
    let (viewer, id) = (ctx.viewer, ctx.meeting.id);
    let now = Utc::now();
    let m = &ctx.meeting;
    let can_ = ctx.abilities();
    let (attendance, ids) = attendance_and_invited(db, ctx).await?;
    let members: Vec<Named> = {
        let mut v: Vec<Named> = attendance.people.iter().filter(|a| ids.contains(&a.person_id)).map(|a| Named { id: a.person_id, name: a.name.clone() }).collect();
        v.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()));
        v
    };
    let mut names: HashMap<Uuid, String> = attendance.people.iter().map(|a| (a.person_id, a.name.clone())).collect();
    let decisions_rows = meeting_decision::Entity::find().filter(meeting_decision::Column::MeetingId.eq(id)).order_by_asc(meeting_decision::Column::CreatedAt).all(db).await?;
    let item_rows = items_of(db, id).await?;
    // Names not among those invited (a lead who has left, whoever recorded a decision).
    let missing: HashSet<Uuid> = item_rows
        .iter()
        .filter_map(|i| i.lead_id)
        .chain(decisions_rows.iter().flat_map(|d| [Some(d.recorded_by), d.supporter_id]).flatten())
        .chain(m.minute_taker_id)
        .filter(|p| !names.contains_key(p))
        .collect();
    if !missing.is_empty() {
        names.extend(crate::people::service::display_names(db, missing.into_iter().collect()).await?);
    }
    let items = agenda_of(db, ctx, item_rows, &names).await?;
    let paper_titles: HashMap<Uuid, String> = items.iter().flat_map(|i| i.papers.iter().map(|p| (p.document_id, p.title.clone()))).collect();
    let decisions = decisions_rows
        .into_iter()
        .map(|d| {
            let method = DecisionMethod::parse(&d.method).unwrap_or(DecisionMethod::Consent);
            MeetingDecision {
                id: d.id,
                item_id: d.item_id,
                how: how(method, d.votes_for, d.votes_against, d.abstentions),
                decision: d.decision,
                method,
                votes_for: d.votes_for,
                votes_against: d.votes_against,
                abstentions: d.abstentions,
                paper: d.document_id.map(|id| Named { id, name: paper_titles.get(&id).cloned().unwrap_or_else(|| "A document".into()) }),
                vision_summary: d.vision_summary,
                recorded_by: crate::documents::service::credit_from(&names, d.recorded_by, d.supporter_id),
                created_at: d.created_at,
            }
        })
        .collect();
    let (actions, matters_arising) = super::actions::for_meeting(db, ctx, now).await?;
    let previous = meeting::Entity::find()
        .filter(meeting::Column::SpaceId.eq(ctx.space.id))
        .filter(meeting::Column::StartsAt.lt(m.starts_at))
        .order_by_desc(meeting::Column::StartsAt)
        .one(db)
        .await?;
    let previous_minutes = match &previous {
        Some(p) => minutes_ref(db, p).await?,
        None => None,
    };
    let access_needs = if can_.organise {
        let ids: Vec<Uuid> = attendance.people.iter().filter(|a| a.reply != Some(Reply::Apologies)).map(|a| a.person_id).collect();
        let mut needs: Vec<(String, String)> = person::Entity::find()
            .filter(person::Column::Id.is_in(ids))
            .filter(person::Column::AccessNeeds.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|p| p.access_needs.filter(|n| !n.trim().is_empty()).map(|n| (p.display_name, n)))
            .collect();
        needs.sort();
        needs
    } else {
        Vec::new()
    };
    let documents = if can_.organise {
        document::Entity::find()
            .select_only()
            .columns([document::Column::Id, document::Column::Title])
            .filter(document::Column::SpaceId.eq(ctx.space.id))
            .order_by_asc(document::Column::Title)
            .into_tuple::<(Uuid, String)>()
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    let my_reply = viewer.and_then(|v| attendance.people.iter().find(|a| a.person_id == v)).and_then(|a| a.reply);
    let sent_day = |t: DateTime<Utc>| times::day_in_words(t.with_timezone(&ctx.zone).date_naive());
    let papers_text = match m.papers_sent_at {
        Some(t) => format!("The papers went out on {}.", sent_day(t)),
        None if m.starts_at <= now => "The papers were not sent out through Coboard before this meeting.".to_owned(),
        None if papers_due(m) <= now => "The papers are going out now, and everyone invited will be told.".to_owned(),
        None => format!("The papers go out on {}, {} before the meeting.", sent_day(papers_due(m)), if m.papers_days == 1 { "1 day".to_owned() } else { format!("{} days", m.papers_days) }),
    };
    let (local_date, local_start, local_end) = times::local_parts(m.starts_at, m.ends_at, ctx.zone);
    Ok(Meeting {
        summary: summary_of(m, &ctx.space, ctx.zone, true, now),
        space_slug: ctx.space.slug.clone(),
        space_is_group: ctx.space.parent_id.is_some(),
        access: Access::parse_list(&m.access_offered),
        papers_days: m.papers_days,
        papers_text,
        papers_sent_at: m.papers_sent_at,
        minute_taker: m.minute_taker_id.map(|id| Named { id, name: names.get(&id).cloned().unwrap_or_else(|| "Someone".into()) }),
        sequence: m.sequence,
        items,
        matters_arising,
        previous_minutes,
        minutes: minutes_ref(db, m).await?,
        attendance,
        decisions,
        actions,
        access_needs,
        my_reply,
        can: can_,
        documents,
        members,
        local_date,
        local_start,
        local_end,
    })
}

/// One meeting as a calendar event.
pub fn event_of(m: &meeting::Model, space: &space::Model, site_url: &str) -> super::calendar::CalendarEvent {
    super::calendar::CalendarEvent {
        id: m.id,
        title: m.title.clone(),
        space_name: space.name.clone(),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        place: m.place.clone(),
        join_link: m.join_link.clone(),
        sequence: m.sequence,
        updated_at: m.updated_at,
        page: format!("{site_url}/meetings/{}", m.id),
    }
}

/// The `.ics` file of one meeting.
pub async fn ics(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid, site_url: &str) -> DomainResult<String> {
    let ctx = MeetingContext::load(db, viewer, id).await?;
    Ok(super::calendar::calendar(&ctx.meeting.title, &[event_of(&ctx.meeting, &ctx.space, site_url)]))
}

/// Makes a new secret address for the person's calendar feed; the old one stops working.
/// Returns the secret (shown once: only its hash is kept).
pub async fn new_feed_secret(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<String> {
    let (secret, hash) = crate::accounts::new_token();
    crate::entities::calendar_feed::Entity::delete_by_id(person_id).exec(db).await?;
    crate::entities::calendar_feed::ActiveModel { person_id: Set(person_id), secret_hash: Set(hash), created_at: Set(Utc::now()) }.insert(db).await?;
    Ok(secret)
}

/// Whether the person has a feed address, and since when.
pub async fn feed_made_at(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<Option<DateTime<Utc>>> {
    Ok(crate::entities::calendar_feed::Entity::find_by_id(person_id).one(db).await?.map(|f| f.created_at))
}

/// The feed of the person whose secret this is: the meetings of every space they are a member
/// or lead of, and any other meeting they said they are coming to, from 90 days ago on.
pub async fn feed(db: &impl ConnectionTrait, secret: &str, site_url: &str) -> DomainResult<Option<String>> {
    let secret = secret.trim();
    // A token from `new_token`: 43 characters of URL-safe base64.
    if secret.len() != 43 || !secret.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Ok(None);
    }
    let Some(found) = crate::entities::calendar_feed::Entity::find().filter(crate::entities::calendar_feed::Column::SecretHash.eq(crate::accounts::hash_token(secret))).one(db).await? else {
        return Ok(None);
    };
    let spaces: Vec<Uuid> = membership::Entity::find()
        .select_only()
        .column(membership::Column::SpaceId)
        .filter(membership::Column::PersonId.eq(found.person_id))
        .filter(membership::Column::Role.is_in([Role::CoChair.as_str(), Role::Member.as_str()]))
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    // And meetings elsewhere they said they are coming to (a co-chair at a group's meeting).
    let coming: Vec<Uuid> = attendance::Entity::find()
        .select_only()
        .column(attendance::Column::MeetingId)
        .filter(attendance::Column::PersonId.eq(found.person_id))
        .filter(attendance::Column::Reply.is_in([Reply::InPerson.as_str(), Reply::Online.as_str()]))
        .into_tuple::<Uuid>()
        .all(db)
        .await?;
    let rows = if spaces.is_empty() && coming.is_empty() {
        Vec::new()
    } else {
        meeting::Entity::find()
            .filter(sea_orm::Condition::any().add(meeting::Column::SpaceId.is_in(spaces.clone())).add(meeting::Column::Id.is_in(coming)))
            .filter(meeting::Column::StartsAt.gt(Utc::now() - chrono::Duration::days(90)))
            .order_by_asc(meeting::Column::StartsAt)
            .all(db)
            .await?
    };
    let space_ids: HashSet<Uuid> = rows.iter().map(|m| m.space_id).collect();
    let space_rows: HashMap<Uuid, space::Model> =
        if space_ids.is_empty() { HashMap::new() } else { space::Entity::find().filter(space::Column::Id.is_in(space_ids)).all(db).await?.into_iter().map(|s| (s.id, s)).collect() };
    let events: Vec<_> = rows.iter().filter_map(|m| space_rows.get(&m.space_id).map(|s| event_of(m, s, site_url))).collect();
    Ok(Some(super::calendar::calendar("Coboard meetings", &events)))
}

/// Meetings across the spaces the reader can see, soonest first (the board's meetings page).
pub async fn upcoming_for(db: &impl ConnectionTrait, viewer: Uuid) -> DomainResult<Vec<MeetingSummary>> {
    let readable = crate::conversations::events::readable_spaces(db, viewer).await?;
    if readable.is_empty() {
        return Ok(Vec::new());
    }
    let now = Utc::now();
    let rows = meeting::Entity::find()
        .filter(meeting::Column::SpaceId.is_in(readable))
        .filter(meeting::Column::EndsAt.gt(now))
        .order_by_asc(meeting::Column::StartsAt)
        .limit(50)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let (space, zone, _) = space_and_role(db, None, m.space_id).await?;
        out.push(summary_of(&m, &space, zone, true, now));
    }
    Ok(out)
}
