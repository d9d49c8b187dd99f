//! The life of a task-and-finish group, and changes to the board itself.
//!
//! The board's co-chairs start a group for one job. Its convenors (and the board's co-chairs)
//! run it: they change its name, remit and dates, and moving the planned end date needs a
//! reason, kept in the group's history. It reports back to the board with a summary of what it
//! found, then finishes; a finished group stays readable and nobody can change it (see
//! `permissions::effective_role`). Board members join a group as members or follow it.
//!
//! Every step is one transaction that first writes the space's own row, so two people changing
//! the same group take turns (a row lock on PostgreSQL, the write lock on SQLite) and the second
//! sees what the first did. Every step is kept as an event (the group's history, shown on its
//! page) and in the audit log, crediting a supporter where one acted.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::service::{create_group, free_slug, parse_name, parse_purpose, take_turn, NewGroup};
use super::{EventKind, GroupStatus, Participation, Space, SpaceEvent, SpaceKind};
use crate::accounts::{Actor, AuditAction, InvitationView, authorize, parse_email, record_audit, set_role};
use crate::dates::{local_day, long_date, parse_time_zone, zone_or_default};
use crate::entities::{document, membership, person, revision, space, space_event, space_slug};
use crate::people::{CurrentUser, Role};
use crate::permissions::{Action, can};
use crate::{DomainError, DomainResult};

/// No group needs more than this many convenors or starting documents chosen at once.
pub const MAX_CHOSEN: usize = 20;
/// Reasons and summaries are short by design: a paragraph, not a paper.
const MAX_REASON_CHARS: usize = 1000;
const MAX_SUMMARY_CHARS: usize = 4000;
/// A group's page shows at most this many steps of its history.
pub const HISTORY_SHOWN: u64 = 200;

/// A new task-and-finish group, as the form or the API gives it.
#[derive(Debug, Clone, Default)]
pub struct GroupStart<'a> {
    pub name: &'a str,
    pub remit: &'a str,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    /// People already on the board who will convene it.
    pub convenors: &'a [Uuid],
    /// Someone invited by email to convene it (they join when they accept).
    pub invite_convenor: Option<&'a str>,
    /// The board's documents the group starts from: each is copied into the group as its own
    /// draft, so the group's work never changes the board's.
    pub documents: &'a [Uuid],
}

/// A group just started, and the invitation to email, if one was asked for.
#[derive(Debug)]
pub struct Started {
    pub group: Space,
    /// The convenor invited by email, and the outbox message carrying it.
    pub invitation: Option<(Uuid, InvitationView)>,
}

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that board or group.".into())
}

async fn find_space(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<space::Model> {
    space::Entity::find_by_id(id).one(db).await?.ok_or_else(not_found)
}

/// The board's time zone, for a board or one of its groups (the board's row read once per page
/// load).
pub(crate) async fn zone_of(db: &impl ConnectionTrait, model: &space::Model) -> DomainResult<chrono_tz::Tz> {
    let zone = match model.parent_id {
        Some(board) => crate::memo::space(db, board).await?.and_then(|b| b.time_zone),
        None => model.time_zone.clone(),
    };
    Ok(zone_or_default(zone.as_deref()))
}

async fn record_event(
    db: &impl ConnectionTrait,
    space_id: Uuid,
    kind: EventKind,
    actor: Option<&CurrentUser>,
    detail: &str,
    reason: Option<&str>,
) -> DomainResult<()> {
    space_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        space_id: Set(space_id),
        kind: Set(kind.as_str().to_owned()),
        person_id: Set(actor.map(|a| a.id)),
        supporter_id: Set(actor.and_then(|a| a.supporter.as_ref().map(|s| s.id))),
        detail: Set(detail.to_owned()),
        reason: Set(reason.map(str::to_owned)),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

fn clean_reason(raw: Option<&str>) -> DomainResult<Option<String>> {
    let Some(text) = raw.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(None) };
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(DomainError::invalid("reason", format!("Please keep the reason to {MAX_REASON_CHARS} characters or fewer.")));
    }
    Ok(Some(text.to_owned()))
}

fn unique(ids: &[Uuid]) -> Vec<Uuid> {
    let mut seen = HashSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

/// The board's co-chairs start a group, with its convenors, and optionally copies of board
/// documents to start from.
#[tracing::instrument(skip_all)]
pub async fn start_group(db: &DatabaseConnection, actor: &CurrentUser, board_id: Uuid, start: GroupStart<'_>) -> DomainResult<Started> {
    let board = find_space(db, board_id).await?;
    if board.kind != SpaceKind::Board.as_str() {
        return Err(DomainError::NotFound("Groups are started by a board. We could not find that board.".into()));
    }
    authorize(db, Some(actor.id), board_id, Action::StartGroup).await?;
    let name = parse_name(start.name)?;
    let remit = parse_purpose("remit", start.remit)?;
    let start_date = start.start_date.ok_or_else(|| DomainError::invalid("start_date", "Please give the date the group starts."))?;
    let planned_end_date = start.planned_end_date.ok_or_else(|| {
        DomainError::invalid("planned_end_date", "Please give the date the group plans to finish by. It can be moved later, with a reason.")
    })?;
    let convenors = unique(start.convenors);
    let documents = unique(start.documents);
    if convenors.len() > MAX_CHOSEN || documents.len() > MAX_CHOSEN {
        return Err(DomainError::invalid("convenors", format!("Please choose at most {MAX_CHOSEN} convenors and {MAX_CHOSEN} documents.")));
    }
    let invitee = match start.invite_convenor.map(str::trim).filter(|e| !e.is_empty()) {
        Some(email) => Some(parse_email(email).map_err(|e| match e {
            DomainError::Invalid { message, .. } => DomainError::invalid("invite_convenor", message),
            other => other,
        })?),
        None => None,
    };
    if convenors.is_empty() && invitee.is_none() {
        return Err(DomainError::invalid("convenors", "Please choose at least one convenor from the board, or invite one by email."));
    }
    if let (Some(email), Some(supporter)) = (&invitee, &actor.supporter) {
        let own = person::Entity::find_by_id(supporter.id).one(db).await?.and_then(|p| p.email);
        if own.as_deref() == Some(email.as_str()) {
            return Err(crate::accounts::not_for_the_supporter_themselves(actor));
        }
    }
    // Convenors come from the board: anyone else is invited by email.
    let on_board: Vec<(Uuid, String)> = if convenors.is_empty() {
        Vec::new()
    } else {
        membership::Entity::find()
            .filter(membership::Column::SpaceId.eq(board_id))
            .filter(membership::Column::PersonId.is_in(convenors.clone()))
            .find_also_related(person::Entity)
            .all(db)
            .await?
            .into_iter()
            .filter_map(|(m, p)| Some((m.person_id, p?.display_name)))
            .collect()
    };
    if on_board.len() != convenors.len() {
        return Err(DomainError::invalid("convenors", "Someone chosen as a convenor is not on the board. Please choose again, or invite them by email."));
    }
    let names: HashMap<Uuid, String> = on_board.into_iter().collect();
    let sources: Vec<document::Model> = if documents.is_empty() {
        Vec::new()
    } else {
        document::Entity::find().filter(document::Column::Id.is_in(documents.clone())).filter(document::Column::SpaceId.eq(board_id)).all(db).await?
    };
    if sources.len() != documents.len() {
        return Err(DomainError::invalid("documents", "One of the chosen documents is not one of the board's. Please choose again."));
    }

    let txn = crate::begin(db).await?;
    let group = create_group(&txn, board_id, NewGroup { name: &name, remit: &remit, status: GroupStatus::Active, start_date, planned_end_date }).await?;
    for id in &convenors {
        set_role(&txn, group.id, *id, Role::CoChair).await?;
    }
    let mut copied = Vec::new();
    for source in sources.iter() {
        copied.push(copy_document(&txn, actor, source, group.id).await?);
    }
    let mut convening: Vec<String> = convenors.iter().filter_map(|id| names.get(id).cloned()).collect();
    if let Some(email) = &invitee {
        convening.push(format!("{email} (invited)"));
    }
    let mut detail = format!(
        "Started, to run from {} to {}, with {} as {}.",
        long_date(start_date),
        long_date(planned_end_date),
        crate::and_list(&convening),
        if convening.len() == 1 { "convenor" } else { "convenors" }
    );
    if !copied.is_empty() {
        detail.push_str(&format!(" It starts from the board's {}.", crate::and_list(&copied.iter().map(|t| format!("\u{201c}{t}\u{201d}")).collect::<Vec<_>>())));
    }
    record_event(&txn, group.id, EventKind::Started, Some(actor), &detail, None).await?;
    record_audit(&txn, Some(Actor::from(actor)), AuditAction::GroupStarted, Some(&group.name), Some(&detail), None).await?;
    txn.commit().await?;

    let invitation = match invitee {
        Some(email) => Some(crate::accounts::invite(db, actor, group.id, &email, Role::CoChair, None).await?),
        None => None,
    };
    Ok(Started { group, invitation })
}

/// Copies a board document into a new group as the group's own draft; returns its title.
async fn copy_document(db: &impl ConnectionTrait, actor: &CurrentUser, source: &document::Model, group_id: Uuid) -> DomainResult<String> {
    let head = revision::Entity::find_by_id(source.current_revision_id).one(db).await?.ok_or_else(|| {
        DomainError::NotFound("We could not find the newest version of a chosen document.".into())
    })?;
    let note: String = format!("Started from the board's \u{201c}{}\u{201d}, version {}", source.title, head.number).chars().take(500).collect();
    let draft = crate::documents::service::NewDraft { title: source.title.clone(), kind: &source.kind, tags: source.tags.clone(), body: head.body, note };
    crate::documents::service::insert_draft(db, actor, group_id, draft).await?;
    Ok(source.title.clone())
}

/// A change to a board or group; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct SpaceChange<'a> {
    pub name: Option<&'a str>,
    /// The board's purpose, or a group's remit.
    pub purpose: Option<&'a str>,
    /// Groups only.
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    /// Why the dates move; needed when the planned end date moves.
    pub reason: Option<&'a str>,
    /// Boards only.
    pub time_zone: Option<&'a str>,
}

/// Changes a board (its co-chairs) or a group (its convenors and the board's co-chairs).
/// Returns the space as it is now and what changed, in words (nothing, if nothing did).
#[tracing::instrument(skip_all)]
pub async fn change_space(db: &DatabaseConnection, actor: &CurrentUser, space_id: Uuid, change: SpaceChange<'_>) -> DomainResult<(Space, Vec<String>)> {
    let before = find_space(db, space_id).await?;
    authorize(db, Some(actor.id), space_id, Action::EditSpace).await?;
    let name = change.name.map(parse_name).transpose()?;
    let is_group_field = change.start_date.is_some() || change.planned_end_date.is_some();
    let purpose_field = if before.kind == SpaceKind::Board.as_str() { "purpose" } else { "remit" };
    let purpose = change.purpose.map(|p| parse_purpose(purpose_field, p)).transpose()?;
    let reason = clean_reason(change.reason)?;
    let zone = change.time_zone.map(parse_time_zone).transpose()?;

    let txn = crate::begin(db).await?;
    take_turn(&txn, space_id).await?;
    // Asked again now it is this change's turn: the group may have finished meanwhile.
    authorize(&txn, Some(actor.id), space_id, Action::EditSpace).await?;
    let current = find_space(&txn, space_id).await?;
    let is_board = current.kind == SpaceKind::Board.as_str();
    if is_board && is_group_field {
        return Err(DomainError::invalid("start_date", "A board has no start or end dates; only its task-and-finish groups do."));
    }
    if !is_board && zone.is_some() {
        return Err(DomainError::invalid("time_zone", "A group uses its board's time zone. The board's co-chairs can change it."));
    }
    let mut changes: Vec<(EventKind, String, Option<String>)> = Vec::new();
    let mut model: space::ActiveModel = current.clone().into();
    if let Some(name) = name.filter(|n| *n != current.name) {
        let base = super::slugify(&name);
        if base != current.slug {
            // Its old address keeps leading here. A name it had before gets its old address back.
            let own_old = space_slug::Entity::find_by_id(base.clone()).one(&txn).await?.filter(|s| s.space_id == space_id);
            let slug = match own_old {
                Some(old) => {
                    space_slug::Entity::delete_by_id(old.slug).exec(&txn).await?;
                    base
                }
                None => free_slug(&txn, &name).await?,
            };
            space_slug::ActiveModel { slug: Set(current.slug.clone()), space_id: Set(space_id), created_at: Set(chrono::Utc::now()) }
                .insert(&txn)
                .await?;
            model.slug = Set(slug);
        }
        changes.push((EventKind::Renamed, format!("Renamed from \u{201c}{}\u{201d} to \u{201c}{name}\u{201d}.", current.name), None));
        model.name = Set(name);
    }
    if let Some(purpose) = purpose.filter(|p| *p != current.purpose) {
        let what = if is_board { "Changed what the board is for." } else { "Changed the group's remit (what it is for)." };
        changes.push((EventKind::PurposeChanged, what.to_owned(), None));
        model.purpose = Set(purpose);
    }
    if !is_board {
        let start = change.start_date.unwrap_or_else(|| current.start_date.unwrap_or_default());
        let end = change.planned_end_date.or(current.planned_end_date);
        if let Some(end) = end.filter(|end| *end < start) {
            return Err(DomainError::invalid(
                "planned_end_date",
                format!("The planned end date ({}) is before the start date ({}). Please check both dates.", long_date(end), long_date(start)),
            ));
        }
        let mut moved = Vec::new();
        if let Some(new_start) = change.start_date.filter(|d| Some(*d) != current.start_date) {
            moved.push(match current.start_date {
                Some(old) => format!("Start date moved from {} to {}.", long_date(old), long_date(new_start)),
                None => format!("Start date set to {}.", long_date(new_start)),
            });
            model.start_date = Set(Some(new_start));
        }
        let end_moved = change.planned_end_date.filter(|d| Some(*d) != current.planned_end_date);
        if let Some(new_end) = end_moved {
            if reason.is_none() {
                return Err(DomainError::invalid(
                    "reason",
                    "Please say why the planned end date is moving. The reason is kept in the group's history, so everyone can see why.",
                ));
            }
            moved.push(match current.planned_end_date {
                Some(old) => format!("Planned end date moved from {} to {}.", long_date(old), long_date(new_end)),
                None => format!("Planned end date set to {}.", long_date(new_end)),
            });
            model.planned_end_date = Set(Some(new_end));
        }
        if !moved.is_empty() {
            changes.push((EventKind::DatesChanged, moved.join(" "), reason.clone()));
        }
    }
    if let Some(zone) = zone.map(|z| z.name().to_owned()).filter(|z| Some(z) != current.time_zone.as_ref()) {
        changes.push((
            EventKind::TimeZoneChanged,
            format!("Time zone changed from {} to {zone}.", current.time_zone.as_deref().unwrap_or(super::DEFAULT_TIME_ZONE)),
            None,
        ));
        model.time_zone = Set(Some(zone));
    }
    if changes.is_empty() {
        return Ok((current.into(), Vec::new()));
    }
    model.updated_at = Set(chrono::Utc::now());
    let saved = model.update(&txn).await?;
    for (kind, detail, reason) in &changes {
        record_event(&txn, space_id, *kind, Some(actor), detail, reason.as_deref()).await?;
    }
    let summary = changes.iter().map(|(_, d, _)| d.as_str()).collect::<Vec<_>>().join(" ");
    let summary = match &reason {
        Some(reason) if changes.iter().any(|(k, _, _)| *k == EventKind::DatesChanged) => format!("{summary} Reason: {reason}"),
        _ => summary,
    };
    record_audit(&txn, Some(Actor::from(actor)), AuditAction::SpaceChanged, Some(&saved.name), Some(&summary), None).await?;
    txn.commit().await?;
    Ok((saved.into(), changes.into_iter().map(|(_, d, _)| d).collect()))
}

/// Moves a group on to `to`: from active to reporting back (with a summary of what it found),
/// or from reporting back to finished. Each step is dated in the board's time zone.
#[tracing::instrument(skip_all)]
pub async fn move_on(db: &DatabaseConnection, actor: &CurrentUser, group_id: Uuid, to: GroupStatus, summary: Option<&str>) -> DomainResult<Space> {
    let found = find_space(db, group_id).await?;
    if found.kind != SpaceKind::Group.as_str() {
        return Err(DomainError::invalid("status", "Only a task-and-finish group reports back and finishes; the board carries on."));
    }
    authorize(db, Some(actor.id), group_id, Action::MoveGroupOn).await?;
    let summary = match to {
        GroupStatus::Reporting => {
            let text = summary.map(str::trim).unwrap_or_default();
            if text.is_empty() {
                return Err(DomainError::invalid("summary", "Please write a short summary of what the group found, for the board to read."));
            }
            if text.chars().count() > MAX_SUMMARY_CHARS {
                return Err(DomainError::invalid("summary", format!("Please keep the summary to {MAX_SUMMARY_CHARS} characters or fewer. Longer findings can go in a document of the group.")));
            }
            Some(text.to_owned())
        }
        _ => None,
    };
    let txn = crate::begin(db).await?;
    take_turn(&txn, group_id).await?;
    authorize(&txn, Some(actor.id), group_id, Action::MoveGroupOn).await?;
    let current = find_space(&txn, group_id).await?;
    let now_status = current.status.as_deref().and_then(GroupStatus::parse).unwrap_or(GroupStatus::Active);
    if now_status.next() != Some(to) {
        let message = match (now_status, to) {
            (from, to) if from == to => format!("This group is already {}. Nothing was changed.", to.label().to_lowercase()),
            (GroupStatus::Active, GroupStatus::Finished) => "This group is still active. It reports back to the board first, then finishes.".to_owned(),
            (from, to) => format!("This group is {} now, so it cannot go back to {}.", from.label().to_lowercase(), to.label().to_lowercase()),
        };
        return Err(DomainError::Conflict(message));
    }
    let today = local_day(chrono::Utc::now(), zone_of(&txn, &current).await?);
    let mut model: space::ActiveModel = current.clone().into();
    model.status = Set(Some(to.as_str().to_owned()));
    let (kind, detail) = match to {
        GroupStatus::Reporting => {
            model.report_summary = Set(summary);
            model.reported_on = Set(Some(today));
            (EventKind::ReportedBack, format!("Reported back to the board on {}.", long_date(today)))
        }
        _ => {
            model.finished_on = Set(Some(today));
            (EventKind::Finished, format!("Finished on {}. Its work stays here to read.", long_date(today)))
        }
    };
    model.updated_at = Set(chrono::Utc::now());
    let saved = model.update(&txn).await?;
    record_event(&txn, group_id, kind, Some(actor), &detail, None).await?;
    record_audit(&txn, Some(Actor::from(actor)), AuditAction::GroupStatusChanged, Some(&saved.name), Some(&detail), None).await?;
    txn.commit().await?;
    Ok(saved.into())
}

/// Someone on the board joins a group as a member, follows it, or (with `None`) leaves it.
/// Returns the role they hold in the group now.
#[tracing::instrument(skip_all)]
pub async fn take_part(db: &DatabaseConnection, actor: &CurrentUser, group_id: Uuid, how: Option<Participation>) -> DomainResult<Option<Role>> {
    let group = find_space(db, group_id).await?;
    let Some(board_id) = group.parent_id.filter(|_| group.kind == SpaceKind::Group.as_str()) else {
        return Err(DomainError::invalid("space", "People join the board by invitation. You can join or follow its groups."));
    };
    let txn = crate::begin(db).await?;
    take_turn(&txn, group_id).await?;
    let group = find_space(&txn, group_id).await?;
    if group.status.as_deref() == Some(GroupStatus::Finished.as_str()) && how.is_some() {
        return Err(DomainError::Conflict("This group has finished, so nobody can join or follow it now. Its work stays here to read.".into()));
    }
    let on_board = membership::Entity::find_by_id((board_id, actor.id)).one(&txn).await?.and_then(|m| Role::parse(&m.role));
    let held = membership::Entity::find_by_id((group_id, actor.id)).one(&txn).await?.and_then(|m| Role::parse(&m.role));
    let wanted = match how {
        Some(Participation::Member) => {
            if !can(on_board, Action::JoinGroup) && held != Some(Role::Member) {
                return Err(DomainError::Forbidden(match on_board {
                    Some(_) => "As an observer of the board you can follow this group. A convenor can add you as a member.".into(),
                    None => "Only people on the board can join its groups. A co-chair can invite you to the board.".into(),
                }));
            }
            Some(Role::Member)
        }
        Some(Participation::Follower) => {
            if !can(on_board, Action::FollowGroup) {
                return Err(DomainError::Forbidden("Only people on the board can follow its groups. A co-chair can invite you to the board.".into()));
            }
            Some(Role::Observer)
        }
        None => None,
    };
    if held == wanted {
        return Ok(held);
    }
    if held == Some(Role::CoChair) {
        // Convening is handed over on the members page, so a group is never left without one by a click.
        return Err(DomainError::Conflict(
            "You are a convenor of this group. To step down, ask another convenor or a co-chair to change your role on the group's members page.".into(),
        ));
    }
    match wanted {
        Some(role) => set_role(&txn, group_id, actor.id, role).await?,
        None => {
            membership::Entity::delete_by_id((group_id, actor.id)).exec(&txn).await?;
        }
    }
    let detail = format!(
        "{}: {} to {} (by themselves)",
        group.name,
        held.map_or("none", Role::as_str),
        wanted.map_or("left", Role::as_str)
    );
    record_audit(&txn, Some(Actor::from(actor)), AuditAction::RoleChanged, Some(&actor.display_name), Some(&detail), None).await?;
    txn.commit().await?;
    Ok(wanted)
}

/// A space's history, oldest first (at most [`HISTORY_SHOWN`] of the newest steps). People in
/// the space see who supported whom; anyone else sees the names of those who took each step.
#[tracing::instrument(skip_all)]
pub async fn history(db: &impl ConnectionTrait, viewer: Option<Uuid>, space_id: Uuid) -> DomainResult<Vec<SpaceEvent>> {
    let found = find_space(db, space_id).await?;
    let zone = zone_of(db, &found).await?;
    let inside = authorize(db, viewer, space_id, Action::ViewSpace).await.is_ok();
    events(db, space_id, zone, inside).await
}

/// [`history`] for a page that already knows the board's time zone and whether the viewer is in
/// the space: two queries, whatever the number of steps.
pub async fn events(db: &impl ConnectionTrait, space_id: Uuid, zone: chrono_tz::Tz, inside: bool) -> DomainResult<Vec<SpaceEvent>> {
    let mut rows = space_event::Entity::find()
        .filter(space_event::Column::SpaceId.eq(space_id))
        .order_by_desc(space_event::Column::Id)
        .limit(HISTORY_SHOWN)
        .all(db)
        .await?;
    rows.reverse();
    let ids: Vec<Uuid> = rows.iter().flat_map(|r| [r.person_id, if inside { r.supporter_id } else { None }]).flatten().collect();
    let names = crate::people::service::display_names(db, ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let by = r.person_id.and_then(|p| names.get(&p)).map(|person| {
                let supporter = if inside { r.supporter_id.and_then(|s| names.get(&s)) } else { None };
                crate::people::credit(person, supporter.map(String::as_str))
            });
            Some(SpaceEvent {
                id: r.id,
                kind: EventKind::parse(&r.kind)?,
                by,
                detail: r.detail,
                reason: r.reason,
                at: r.created_at,
                on: local_day(r.created_at, zone),
            })
        })
        .collect())
}

/// The board's documents a new group can start from: id and title, newest first.
pub async fn board_documents(db: &impl ConnectionTrait, board_id: Uuid) -> DomainResult<Vec<(Uuid, String)>> {
    Ok(document::Entity::find()
        .select_only()
        .column(document::Column::Id)
        .column(document::Column::Title)
        .filter(document::Column::SpaceId.eq(board_id))
        .order_by_desc(document::Column::Id)
        .limit(100)
        .into_tuple()
        .all(db)
        .await?)
}
