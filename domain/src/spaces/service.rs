//! Space services over SeaORM.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::{GroupStatus, Space, SpaceDetail, SpaceKind, VisionStatement, slugify};
use crate::entities::{membership, person, space, space_slug, vision_statement};
use crate::page::{Page, PageRequest, encode_cursor};
use crate::people::{Member, Perspective, PersonSummary, Role};
use crate::{DomainError, DomainResult};

/// A new board, as typed.
pub struct NewBoard<'a> {
    pub name: &'a str,
    pub purpose: &'a str,
}

/// A new task-and-finish group, as typed.
pub struct NewGroup<'a> {
    pub name: &'a str,
    pub remit: &'a str,
    pub status: GroupStatus,
    pub start_date: NaiveDate,
    pub planned_end_date: NaiveDate,
}

pub(crate) fn parse_name(raw: &str) -> DomainResult<String> {
    let name = raw.trim();
    crate::people::service::check_single_line("name", name)?;
    match name.chars().count() {
        0 => Err(DomainError::invalid("name", "Please give it a name.")),
        n if n > 120 => Err(DomainError::invalid("name", "Please keep the name to 120 characters or fewer.")),
        _ => Ok(name.to_owned()),
    }
}

pub(crate) fn parse_purpose(field: &str, raw: &str) -> DomainResult<String> {
    let text = raw.trim();
    match text.chars().count() {
        0 => Err(DomainError::invalid(field, "Please say in a sentence or two what it is for.")),
        n if n > 4000 => Err(DomainError::invalid(field, "Please keep this to 4,000 characters or fewer.")),
        _ => Ok(text.to_owned()),
    }
}

/// Words that are page addresses of their own (`/groups/new`), never a space's slug.
const RESERVED_SLUGS: [&str; 3] = ["new", "edit", "space"];

/// Finds a slug no other space uses, now or before a rename (old addresses keep leading to the
/// space that had them): the name's slug, or that slug with a number after it.
pub(crate) async fn free_slug(db: &impl ConnectionTrait, name: &str) -> DomainResult<String> {
    let base = slugify(name);
    let mut taken: Vec<String> = space::Entity::find()
        .select_only()
        .column(space::Column::Slug)
        .filter(space::Column::Slug.starts_with(base.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    taken.extend(
        space_slug::Entity::find()
            .select_only()
            .column(space_slug::Column::Slug)
            .filter(space_slug::Column::Slug.starts_with(base.as_str()))
            .into_tuple::<String>()
            .all(db)
            .await?,
    );
    taken.extend(RESERVED_SLUGS.iter().map(|s| (*s).to_owned()));
    if !taken.contains(&base) {
        return Ok(base);
    }
    let n = (2..).find(|n| !taken.contains(&format!("{base}-{n}"))).expect("an unused number exists");
    Ok(format!("{base}-{n}"))
}

#[tracing::instrument(skip_all)]
pub async fn create_board(db: &impl ConnectionTrait, new: NewBoard<'_>) -> DomainResult<Space> {
    let name = parse_name(new.name)?;
    let purpose = parse_purpose("purpose", new.purpose)?;
    let now = chrono::Utc::now();
    let model = space::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(SpaceKind::Board.as_str().to_owned()),
        slug: Set(free_slug(db, &name).await?),
        name: Set(name),
        purpose: Set(purpose),
        parent_id: Set(None),
        status: Set(None),
        start_date: Set(None),
        planned_end_date: Set(None),
        require_coproduction: Set(true),
        require_vision_check: Set(false),
        require_easy_read: Set(false),
        time_zone: Set(Some(super::DEFAULT_TIME_ZONE.to_owned())),
        report_summary: Set(None),
        reported_on: Set(None),
        finished_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

#[tracing::instrument(skip_all)]
pub async fn create_group(db: &impl ConnectionTrait, board_id: Uuid, new: NewGroup<'_>) -> DomainResult<Space> {
    let name = parse_name(new.name)?;
    let remit = parse_purpose("remit", new.remit)?;
    if new.planned_end_date < new.start_date {
        return Err(DomainError::invalid(
            "planned_end_date",
            "The planned end date is before the start date. Please check both dates.",
        ));
    }
    let board = space::Entity::find_by_id(board_id).one(db).await?;
    if !board.is_some_and(|b| b.kind == SpaceKind::Board.as_str()) {
        return Err(DomainError::NotFound("We could not find the board this group should report to.".into()));
    }
    let now = chrono::Utc::now();
    let model = space::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(SpaceKind::Group.as_str().to_owned()),
        slug: Set(free_slug(db, &name).await?),
        name: Set(name),
        purpose: Set(remit),
        parent_id: Set(Some(board_id)),
        status: Set(Some(new.status.as_str().to_owned())),
        start_date: Set(Some(new.start_date)),
        planned_end_date: Set(Some(new.planned_end_date)),
        require_coproduction: Set(true),
        require_vision_check: Set(false),
        require_easy_read: Set(false),
        time_zone: Set(None),
        report_summary: Set(None),
        reported_on: Set(None),
        finished_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Adds a vision statement at the end of a board's list.
#[tracing::instrument(skip_all)]
pub async fn add_vision_statement(
    db: &impl ConnectionTrait,
    board_id: Uuid,
    title: &str,
    body: &str,
) -> DomainResult<VisionStatement> {
    let title = parse_name(title).map_err(|_| DomainError::invalid("title", "Please give the statement a short title."))?;
    let body = parse_purpose("body", body)?;
    let last: Option<i32> = vision_statement::Entity::find()
        .select_only()
        .column(vision_statement::Column::Position)
        .filter(vision_statement::Column::SpaceId.eq(board_id))
        .order_by_desc(vision_statement::Column::Position)
        .into_tuple()
        .one(db)
        .await?;
    let model = vision_statement::ActiveModel {
        id: Set(Uuid::now_v7()),
        space_id: Set(board_id),
        position: Set(last.map_or(1, |p| p + 1)),
        title: Set(title),
        body: Set(body),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Rewrites a vision statement: boards keep their own words and may change them.
#[tracing::instrument(skip_all)]
pub async fn update_vision_statement(
    db: &impl ConnectionTrait,
    id: Uuid,
    title: &str,
    body: &str,
) -> DomainResult<VisionStatement> {
    let title = parse_name(title).map_err(|_| DomainError::invalid("title", "Please give the statement a short title."))?;
    let body = parse_purpose("body", body)?;
    let Some(found) = vision_statement::Entity::find_by_id(id).one(db).await? else {
        return Err(DomainError::NotFound("We could not find that vision statement.".into()));
    };
    let mut active: vision_statement::ActiveModel = found.into();
    active.title = Set(title);
    active.body = Set(body);
    active.updated_at = Set(chrono::Utc::now());
    Ok(active.update(db).await?.into())
}

/// A co-chair rewrites one of the home board's vision statements (the pages' form and the API
/// both come here, so both ask the same question of the same role).
#[tracing::instrument(skip_all)]
pub async fn change_vision(db: &impl ConnectionTrait, actor: Option<Uuid>, id: Uuid, title: &str, body: &str) -> DomainResult<VisionStatement> {
    let board = home_board(db).await?.ok_or_else(|| DomainError::NotFound("There is no board yet.".into()))?;
    crate::accounts::authorize(db, actor, board.space.id, crate::permissions::Action::EditSpace).await?;
    if !board.vision.iter().any(|v| v.id == id) {
        return Err(DomainError::NotFound("We could not find that vision statement.".into()));
    }
    update_vision_statement(db, id, title, body).await
}

/// The board Coboard shows on its home page: the first one set up.
#[tracing::instrument(skip_all)]
pub async fn home_board(db: &impl ConnectionTrait) -> DomainResult<Option<SpaceDetail>> {
    let board = space::Entity::find()
        .filter(space::Column::Kind.eq(SpaceKind::Board.as_str()))
        .order_by_asc(space::Column::Id)
        .one(db)
        .await?;
    match board {
        Some(model) => Ok(Some(detail(db, model).await?)),
        None => Ok(None),
    }
}

/// The space at an address, or the space that had it before a rename (its detail carries the
/// address it has now, so a page can send people on).
#[tracing::instrument(skip_all)]
pub async fn space_by_slug(db: &impl ConnectionTrait, slug: &str) -> DomainResult<SpaceDetail> {
    let mut found = space::Entity::find().filter(space::Column::Slug.eq(slug)).one(db).await?;
    if found.is_none() {
        if let Some(old) = space_slug::Entity::find_by_id(slug.to_owned()).one(db).await? {
            found = space::Entity::find_by_id(old.space_id).one(db).await?;
        }
    }
    match found {
        Some(model) => detail(db, model).await,
        None => Err(DomainError::NotFound("We could not find that board or group. It may have moved.".into())),
    }
}

#[tracing::instrument(skip_all)]
pub async fn space_by_id(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<SpaceDetail> {
    match space::Entity::find_by_id(id).one(db).await? {
        Some(model) => detail(db, model).await,
        None => Err(DomainError::NotFound("We could not find a board or group with that id.".into())),
    }
}

/// Makes changes to one space take turns: writing the space's row (to itself) holds a lock on it
/// (PostgreSQL) or the database's write lock (SQLite) until the caller's transaction ends, so
/// whoever comes second sees what the first did.
pub(crate) async fn take_turn(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<()> {
    space::Entity::update_many()
        .col_expr(space::Column::Id, sea_orm::sea_query::Expr::col(space::Column::Id))
        .filter(space::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// A space on its own, in one query, for a page that needs only its fields (not its people,
/// groups and vision).
pub async fn space_row(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<Space> {
    crate::memo::space(db, id).await?.map(Space::from).ok_or_else(|| DomainError::NotFound("We could not find a board or group with that id.".into()))
}

/// Every space, oldest first, a page at a time.
#[tracing::instrument(skip_all)]
pub async fn list_spaces(db: &impl ConnectionTrait, kind: Option<SpaceKind>, page: PageRequest) -> DomainResult<Page<Space>> {
    let mut query = space::Entity::find().order_by_asc(space::Column::Id).limit(page.limit + 1);
    if let Some(kind) = kind {
        query = query.filter(space::Column::Kind.eq(kind.as_str()));
    }
    if let Some(after) = page.after {
        query = query.filter(space::Column::Id.gt(after));
    }
    let mut items: Vec<Space> = query.all(db).await?.into_iter().map(Space::from).collect();
    let next_cursor = if items.len() as u64 > page.limit {
        items.truncate(page.limit as usize);
        items.last().map(|s| encode_cursor(s.id))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

async fn detail(db: &impl ConnectionTrait, model: space::Model) -> DomainResult<SpaceDetail> {
    let space = Space::from(model);
    let parent = match space.parent_id {
        Some(parent_id) => space::Entity::find_by_id(parent_id).one(db).await?.map(Space::from),
        None => None,
    };
    let board_id = parent.as_ref().map_or(space.id, |p| p.id);
    let vision = vision_statement::Entity::find()
        .filter(vision_statement::Column::SpaceId.eq(board_id))
        .order_by_asc(vision_statement::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(VisionStatement::from)
        .collect();
    let groups = if space.kind == SpaceKind::Board {
        space::Entity::find()
            .filter(space::Column::ParentId.eq(space.id))
            .order_by_asc(space::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(Space::from)
            .collect()
    } else {
        Vec::new()
    };
    let members: Vec<Member> = membership::Entity::find()
        .filter(membership::Column::SpaceId.eq(space.id))
        .find_also_related(person::Entity)
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(m, p)| {
            Some(Member { person: PersonSummary::from(p?), role: Role::parse(&m.role).unwrap_or(Role::Observer) })
        })
        .collect();
    let leads = members.iter().filter(|m| m.role == Role::CoChair).map(|m| m.person.clone()).collect();
    // Followers (observers) see the work without being counted as taking part.
    let people = crate::people::count_perspectives(members.iter().filter(|m| m.role != Role::Observer).map(|m| &m.person))
        .into_iter()
        .map(|(perspective, people)| crate::spaces::PerspectiveCount { perspective, people })
        .collect();
    let followers = members.iter().filter(|m| m.role == Role::Observer).count();
    Ok(SpaceDetail { space, parent, vision, groups, leads, members, people, followers })
}

/// A space as `viewer` may see it: whole for people in the space, and as seen from outside
/// (leads named, everyone counted) for anyone else.
pub async fn as_seen_by(db: &impl ConnectionTrait, viewer: Option<Uuid>, detail: SpaceDetail) -> DomainResult<SpaceDetail> {
    let inside = crate::accounts::authorize(db, viewer, detail.space.id, crate::permissions::Action::ViewSpace).await.is_ok();
    Ok(if inside { detail } else { detail.seen_from_outside() })
}

impl From<space::Model> for Space {
    fn from(m: space::Model) -> Self {
        Space {
            id: m.id,
            // Values are written only by this module, so an unknown one is a bug worth a loud log.
            kind: SpaceKind::parse(&m.kind).unwrap_or_else(|| {
                tracing::error!(kind = %m.kind, "unknown space kind in database");
                SpaceKind::Group
            }),
            slug: m.slug,
            name: m.name,
            purpose: m.purpose,
            parent_id: m.parent_id,
            status: m.status.as_deref().and_then(GroupStatus::parse),
            start_date: m.start_date,
            planned_end_date: m.planned_end_date,
            require_coproduction: m.require_coproduction,
            require_vision_check: m.require_vision_check,
            require_easy_read: m.require_easy_read,
            time_zone: m.time_zone,
            report_summary: m.report_summary,
            reported_on: m.reported_on,
            finished_on: m.finished_on,
        }
    }
}

impl From<vision_statement::Model> for VisionStatement {
    fn from(m: vision_statement::Model) -> Self {
        VisionStatement { id: m.id, position: m.position, title: m.title, body: m.body }
    }
}

impl From<person::Model> for PersonSummary {
    fn from(m: person::Model) -> Self {
        PersonSummary {
            id: m.id,
            display_name: m.display_name,
            pronouns: m.pronouns,
            perspective: Perspective::parse(&m.perspective).unwrap_or(Perspective::Other),
        }
    }
}

/// The rules for agreeing a space's documents; `None` leaves a rule as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct AgreeingRules {
    pub coproduction: Option<bool>,
    pub vision_check: Option<bool>,
    pub easy_read: Option<bool>,
}

/// Changes how a space's documents are agreed (co-chairs and convenors).
#[tracing::instrument(skip_all)]
pub async fn set_rules(db: &impl ConnectionTrait, actor: Option<Uuid>, space_id: Uuid, rules: AgreeingRules) -> DomainResult<Space> {
    crate::accounts::authorize(db, actor, space_id, crate::permissions::Action::EditSpace).await?;
    let found = space::Entity::find_by_id(space_id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that board or group.".into()))?;
    let mut model: space::ActiveModel = found.into();
    if let Some(required) = rules.coproduction {
        model.require_coproduction = Set(required);
    }
    if let Some(required) = rules.vision_check {
        model.require_vision_check = Set(required);
    }
    if let Some(required) = rules.easy_read {
        model.require_easy_read = Set(required);
    }
    model.updated_at = Set(chrono::Utc::now());
    Ok(model.update(db).await?.into())
}
