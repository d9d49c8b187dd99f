//! Following a document: hearing when it changes status or is published. Whoever starts a
//! document or saves a version of it follows it; anyone who can read it may follow or stop.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::OnConflict};
use uuid::Uuid;

use super::DocumentStatus;
use crate::DomainResult;
use crate::entities::{document, document_follow, membership};
use crate::people::CurrentUser;
use crate::permissions::Action;

/// `person` follows the document (nothing changes if they already do).
pub(crate) async fn start(db: &impl ConnectionTrait, person: Uuid, document: Uuid) -> DomainResult<()> {
    document_follow::Entity::insert(document_follow::ActiveModel {
        document_id: sea_orm::ActiveValue::Set(document),
        person_id: sea_orm::ActiveValue::Set(person),
        created_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
    })
    .on_conflict(OnConflict::columns([document_follow::Column::DocumentId, document_follow::Column::PersonId]).do_nothing().to_owned())
    .try_insert()
    .exec(db)
    .await?;
    Ok(())
}

/// Someone who can read a document follows it, or stops.
pub async fn set(db: &impl ConnectionTrait, actor: &CurrentUser, id: Uuid, follow: bool) -> DomainResult<()> {
    let doc = document::Entity::find_by_id(id).one(db).await?.ok_or_else(|| crate::DomainError::NotFound("We could not find that document.".into()))?;
    crate::accounts::authorize(db, Some(actor.id), doc.space_id, Action::ViewSpace).await?;
    if follow {
        start(db, actor.id, id).await
    } else {
        document_follow::Entity::delete_many().filter(document_follow::Column::DocumentId.eq(id)).filter(document_follow::Column::PersonId.eq(actor.id)).exec(db).await?;
        Ok(())
    }
}

/// Does `person` follow the document?
pub async fn follows(db: &impl ConnectionTrait, person: Uuid, id: Uuid) -> DomainResult<bool> {
    Ok(document_follow::Entity::find_by_id((id, person)).one(db).await?.is_some())
}

/// Tells the document's followers (and, when minutes go out for comment, every member of the
/// space: they are the ones to agree them) that it has moved, all but the person who moved it.
pub(crate) async fn tell_of_move(db: &impl ConnectionTrait, id: Uuid, to: DocumentStatus, actor: Uuid) -> DomainResult<()> {
    let Some(doc) = document::Entity::find_by_id(id).one(db).await? else { return Ok(()) };
    let link = format!("/documents/{id}");
    let mut told = std::collections::HashSet::from([actor]);
    if doc.kind == super::DocumentKind::Minutes.as_str() && to == DocumentStatus::OutForComment {
        let members = membership::Entity::find().filter(membership::Column::SpaceId.eq(doc.space_id)).all(db).await?;
        let summary = format!("\u{201c}{}\u{201d} are ready to agree. Please read them and say if anything is wrong or missing.", doc.title);
        for m in members {
            if told.insert(m.person_id) {
                crate::conversations::notifications::tell(db, m.person_id, "minutes", doc.space_id, &summary, &link).await?;
            }
        }
    }
    let summary = match to {
        DocumentStatus::Published => format!("\u{201c}{}\u{201d}, which you follow, has been published.", doc.title),
        other => format!("\u{201c}{}\u{201d}, which you follow, is now {}.", doc.title, other.label().to_lowercase()),
    };
    let followers = document_follow::Entity::find().filter(document_follow::Column::DocumentId.eq(id)).all(db).await?;
    for f in followers {
        if told.insert(f.person_id) {
            crate::conversations::notifications::tell(db, f.person_id, "document", doc.space_id, &summary, &link).await?;
        }
    }
    Ok(())
}
