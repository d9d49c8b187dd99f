//! Checking a document against the board's vision statements: each person rates it *yes*,
//! *partly* or *not yet* against each statement, with a comment. Ratings belong to the document
//! (with the version read), so a small edit does not wipe them; a person can rate again.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait, sea_query::OnConflict};
use uuid::Uuid;

use super::service::{find, find_revision};
use super::{StatementCheck, VisionCheck, VisionRating, VisionReview};
use crate::accounts::authorize;
use crate::entities::{person, vision_review, vision_statement};
use crate::people::{CurrentUser, Perspective};
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

/// The check so far, statement by statement, in the board's order.
pub async fn vision_check(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<VisionCheck> {
    vision_check_in(db, &super::service::DocumentContext::load(db, viewer, id).await?).await
}

/// [`vision_check`] for a document page that has its context already.
pub async fn vision_check_in(db: &impl ConnectionTrait, ctx: &super::service::DocumentContext) -> DomainResult<VisionCheck> {
    let (doc, id) = (&ctx.document, ctx.id());
    let space = crate::memo::space(db, doc.space_id).await?.ok_or(DomainError::Internal)?;
    let board = space.parent_id.unwrap_or(space.id);
    let statements = vision_statement::Entity::find()
        .filter(vision_statement::Column::SpaceId.eq(board))
        .order_by_asc(vision_statement::Column::Position)
        .all(db)
        .await?;
    let rows = vision_review::Entity::find().filter(vision_review::Column::DocumentId.eq(id)).order_by_asc(vision_review::Column::UpdatedAt).all(db).await?;
    // The people and version numbers behind every rating, in two queries whatever their number.
    let people: std::collections::HashMap<Uuid, person::Model> = if rows.is_empty() {
        Default::default()
    } else {
        let ids: std::collections::HashSet<Uuid> = rows.iter().flat_map(|r| [Some(r.person_id), r.supporter_id]).flatten().collect();
        person::Entity::find().filter(person::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| (p.id, p)).collect()
    };
    let numbers = super::service::revision_numbers(db, rows.iter().map(|r| r.revision_id).collect()).await?;
    let name = |id: Uuid| people.get(&id).map_or("Someone", |p| p.display_name.as_str());
    let mut out = Vec::with_capacity(statements.len());
    for st in statements {
        let mut reviews = Vec::new();
        for r in rows.iter().filter(|r| r.statement_id == st.id) {
            reviews.push(VisionReview {
                person_id: r.person_id,
                by: crate::people::credit(name(r.person_id), r.supporter_id.map(name)),
                perspective: people.get(&r.person_id).and_then(|p| Perspective::parse(&p.perspective)).unwrap_or(Perspective::Other),
                rating: VisionRating::parse(&r.rating).unwrap_or(VisionRating::NotYet),
                comment: r.comment.clone(),
                revision_number: numbers.get(&r.revision_id).copied().unwrap_or(0),
                updated_at: r.updated_at,
            });
        }
        out.push(StatementCheck { statement_id: st.id, title: st.title, body: st.body, reviews });
    }
    Ok(VisionCheck { required: space.require_vision_check, statements: out })
}

/// One rating as given: the statement, the rating (or none, to leave it), and a comment.
pub struct Rating<'a> {
    pub statement_id: Uuid,
    pub rating: Option<VisionRating>,
    pub comment: &'a str,
}

/// Saves the actor's ratings of the version they read. Statements left without a rating are left
/// as they were; at least one must be rated.
#[tracing::instrument(skip_all)]
pub async fn rate(db: &(impl ConnectionTrait + TransactionTrait), actor: &CurrentUser, id: Uuid, revision_id: Uuid, ratings: &[Rating<'_>]) -> DomainResult<VisionCheck> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::Contribute).await?;
    let read = find_revision(db, id, revision_id).await?;
    let current = vision_check(db, Some(actor.id), id).await?;
    let given: Vec<&Rating> = ratings.iter().filter(|r| r.rating.is_some()).collect();
    if given.is_empty() {
        return Err(DomainError::invalid("rating", "Please choose yes, partly or not yet for at least one statement."));
    }
    for r in &given {
        let Some(statement) = current.statements.iter().find(|s| s.statement_id == r.statement_id) else {
            return Err(DomainError::NotFound("We could not find that vision statement.".into()));
        };
        if r.rating != Some(VisionRating::Yes) && r.comment.trim().is_empty() {
            return Err(DomainError::invalid(
                &format!("comment-{}", r.statement_id),
                format!("Please say what would make it meet \u{201c}{}\u{201d}, so the writers know what to change.", statement.title),
            ));
        }
    }
    let now = chrono::Utc::now();
    // All the ratings or none, each one an insert-or-update in a single statement, so the same
    // person rating twice at the same moment (two tabs, a double press) cannot clash.
    let txn = crate::begin(db).await?;
    for r in given {
        let comment = Some(r.comment.trim()).filter(|c| !c.is_empty()).map(|c| c.chars().take(2000).collect::<String>());
        let rating = r.rating.expect("filtered to given ratings").as_str().to_owned();
        vision_review::Entity::insert(vision_review::ActiveModel {
            id: Set(Uuid::now_v7()),
            document_id: Set(id),
            revision_id: Set(read.id),
            statement_id: Set(r.statement_id),
            person_id: Set(actor.id),
            supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
            rating: Set(rating),
            comment: Set(comment),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::columns([vision_review::Column::DocumentId, vision_review::Column::PersonId, vision_review::Column::StatementId])
                .update_columns([
                    vision_review::Column::Rating,
                    vision_review::Column::Comment,
                    vision_review::Column::RevisionId,
                    vision_review::Column::SupporterId,
                    vision_review::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    vision_check(db, Some(actor.id), id).await
}
