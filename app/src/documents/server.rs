//! Server functions for documents: who is asking, then the service.

use domain::documents::merge::Piece;
use domain::documents::{DocumentSummary, DocumentView, RevisionSummary};
use domain::spaces::Space;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn viewer_id() -> Option<uuid::Uuid> {
    crate::people::viewer().map(|u| u.id)
}

#[cfg(feature = "ssr")]
fn parse_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::try_parse(raw).map_err(|_| AppError::NotFound("We could not find that document.".into()))
}

#[cfg(feature = "ssr")]
use crate::spaces::viewer_can;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpaceDocumentsView {
    pub space: Space,
    pub documents: Vec<DocumentSummary>,
    pub can_create: bool,
}

#[server(prefix = "/fn", endpoint = "documents/in-space")]
pub async fn documents_in_space(slug: String) -> Result<SpaceDocumentsView, AppError> {
    let db = crate::state::db()?;
    let space = domain::spaces::service::space_by_slug(&db, &slug).await?.space;
    let documents = domain::documents::service::list_in_space(&db, viewer_id(), space.id).await?;
    let can_create = viewer_can(&db, space.id, domain::permissions::Action::EditDocuments).await?;
    Ok(SpaceDocumentsView { space, documents, can_create })
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentPageView {
    pub document: DocumentView,
    pub can_edit: bool,
}

#[server(prefix = "/fn", endpoint = "documents/view")]
pub async fn document_page(id: String) -> Result<DocumentPageView, AppError> {
    let db = crate::state::db()?;
    let document = domain::documents::service::view(&db, viewer_id(), parse_id(&id)?).await?;
    let can_edit = viewer_can(&db, document.space_id, domain::permissions::Action::EditDocuments).await?;
    Ok(DocumentPageView { document, can_edit })
}

#[server(prefix = "/fn", endpoint = "documents/history")]
pub async fn document_history(id: String) -> Result<(DocumentView, Vec<RevisionSummary>, bool), AppError> {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let revisions = domain::documents::service::history(&db, viewer_id(), id).await?;
    let can_edit = viewer_can(&db, document.space_id, domain::permissions::Action::EditDocuments).await?;
    Ok((document, revisions, can_edit))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub document: DocumentView,
    pub from: RevisionSummary,
    pub to: RevisionSummary,
    pub pieces: Vec<Piece>,
}

#[server(prefix = "/fn", endpoint = "documents/compare")]
pub async fn compare_revisions(id: String, from: String, to: String) -> Result<Comparison, AppError> {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let number = |raw: &str| raw.trim().parse::<i32>().map_err(|_| AppError::Invalid { field: "from".into(), message: "Please choose two versions to compare.".into() });
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let (from, old) = domain::documents::service::revision_text(&db, viewer_id(), id, number(&from)?).await?;
    let (to, new) = domain::documents::service::revision_text(&db, viewer_id(), id, number(&to)?).await?;
    Ok(Comparison { document, from, to, pieces: domain::documents::merge::word_diff(&old, &new) })
}
