//! Easy-read companions. The full text is split into sections at its headings; each section can
//! have an easy-read part (short sentences, optional picture with a description). A part
//! remembers a hash of the section it explains, so when that section changes the part is shown
//! as out of date; a space can require every part to be there and up to date before publishing.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::render::markdown_to_safe_html;
use super::service::{display_name, find, find_revision};
use super::{EasyRead, EasyReadPart, EasyReadSection, Section, sections};
use crate::accounts::authorize;
use crate::entities::{easy_read_part, space};
use crate::people::CurrentUser;
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

pub(crate) fn hash(section: &Section) -> String {
    hex::encode(Sha256::digest(section.markdown.trim().as_bytes()))
}

/// Section by section: the full text beside its easy-read part, if there is one.
pub async fn easy_read(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<EasyRead> {
    let doc = find(db, id).await?;
    if authorize(db, viewer, doc.space_id, Action::ViewSpace).await.is_err() {
        // Someone outside the space reads the easy-read version of what is published, if anything.
        return published_easy_read(db, id).await.map_err(|_| DomainError::NotFound("We could not find that document.".into()));
    }
    let space = space::Entity::find_by_id(doc.space_id).one(db).await?.ok_or(DomainError::Internal)?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    for_text(db, id, &head.body, space.require_easy_read, Parts::AsWritten).await
}

/// The easy-read version of the published text, for anyone. Not found when nothing is published.
/// Only parts written for the published words are shown: a part rewritten for a later draft
/// would otherwise put unagreed words in front of the public.
pub async fn published_easy_read(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<EasyRead> {
    let gone = || DomainError::NotFound("There is no published document here. It may have been withdrawn.".into());
    let doc = find(db, id).await.map_err(|_| gone())?;
    let published = find_revision(db, id, doc.published_revision_id.ok_or_else(gone)?).await?;
    for_text(db, id, &published.body, false, Parts::WrittenForThisText).await
}

/// Which easy-read parts to show beside a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parts {
    /// Every part, marked out of date where its section changed since (for the people writing).
    AsWritten,
    /// Only parts written for exactly these words; the others read as not written yet.
    WrittenForThisText,
}

pub(crate) async fn for_text(db: &impl ConnectionTrait, id: Uuid, text: &str, required: bool, which: Parts) -> DomainResult<EasyRead> {
    let parts = easy_read_part::Entity::find().filter(easy_read_part::Column::DocumentId.eq(id)).all(db).await?;
    // One name look-up per person, however many parts they wrote.
    let mut names: HashMap<Uuid, String> = HashMap::new();
    for p in &parts {
        if !names.contains_key(&p.updated_by) {
            names.insert(p.updated_by, display_name(db, p.updated_by).await?);
        }
    }
    let text = text.to_owned();
    // Splitting and rendering every section is the heavy part: off the async workers.
    let sections = crate::text_work::off_the_async_workers(move || {
        let mut by_key: HashMap<String, easy_read_part::Model> = parts.into_iter().map(|p| (p.section_key.clone(), p)).collect();
        sections(&text)
            .into_iter()
            .map(|section| {
                let section_hash = hash(&section);
                let part = by_key
                    .remove(&section.key)
                    .filter(|p| which == Parts::AsWritten || p.source_hash == section_hash)
                    .map(|p| EasyReadPart {
                        body_html: markdown_to_safe_html(&p.body),
                        up_to_date: p.source_hash == section_hash,
                        updated_by: names.get(&p.updated_by).cloned().unwrap_or_default(),
                        body_markdown: p.body,
                        image_url: p.image_url,
                        image_alt: p.image_alt,
                        updated_at: p.updated_at,
                    });
                EasyReadSection { full_html: markdown_to_safe_html(&section.markdown), key: section.key, title: section.title, part }
            })
            .collect()
    })
    .await;
    Ok(EasyRead { required, sections })
}

/// Why publishing must wait for the easy-read version, or nothing if it need not.
pub(crate) fn not_ready(easy: &EasyRead) -> Option<String> {
    let missing: Vec<&str> = easy.sections.iter().filter(|s| s.part.is_none()).map(|s| s.title.as_str()).collect();
    let stale: Vec<&str> = easy.sections.iter().filter(|s| s.part.as_ref().is_some_and(|p| !p.up_to_date)).map(|s| s.title.as_str()).collect();
    if missing.is_empty() && stale.is_empty() {
        return None;
    }
    let mut message = "This space asks for an up-to-date easy-read version before publishing.".to_owned();
    if !missing.is_empty() {
        message.push_str(&format!(" Parts with no easy-read version yet: {}.", missing.join(", ")));
    }
    if !stale.is_empty() {
        message.push_str(&format!(" Parts whose full text changed since the easy-read version was written: {}.", stale.join(", ")));
    }
    Some(message)
}

/// Writes (or rewrites) the easy-read part for section `key` of the newest version.
#[tracing::instrument(skip_all)]
pub async fn write_part(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    id: Uuid,
    key: &str,
    body: &str,
    image_url: Option<&str>,
    image_alt: Option<&str>,
) -> DomainResult<EasyRead> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::EditDocuments).await?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    let Some(section) = sections(&head.body).into_iter().find(|s| s.key == key) else {
        return Err(DomainError::NotFound("That part is no longer in the document. Its heading may have changed.".into()));
    };
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(DomainError::invalid("body", "Please write the easy-read version of this part."));
    }
    let image_url = image_url.map(str::trim).filter(|u| !u.is_empty());
    let image_alt = image_alt.map(str::trim).filter(|a| !a.is_empty());
    if let Some(url) = image_url {
        // Plain http:// is refused: the page would load the picture insecurely, and the page's
        // content security policy allows pictures from this site and https:// addresses only.
        if !(url.starts_with("https://") || crate::is_local_path(url)) || url.chars().any(|c| c.is_whitespace() || c == '"') {
            return Err(DomainError::invalid("image_url", "The picture's address should start with https:// or with /."));
        }
        if image_alt.is_none() {
            return Err(DomainError::invalid("image_alt", "Please describe the picture in a few words, for people who cannot see it."));
        }
    }
    let existing = easy_read_part::Entity::find()
        .filter(easy_read_part::Column::DocumentId.eq(id))
        .filter(easy_read_part::Column::SectionKey.eq(key))
        .one(db)
        .await?;
    let now = chrono::Utc::now();
    match existing {
        Some(row) => {
            let mut row: easy_read_part::ActiveModel = row.into();
            row.body = Set(body);
            row.source_hash = Set(hash(&section));
            row.image_url = Set(image_url.map(|u| u.chars().take(500).collect()));
            row.image_alt = Set(image_url.and(image_alt).map(|a| a.chars().take(500).collect()));
            row.updated_by = Set(actor.id);
            row.updated_at = Set(now);
            row.update(db).await?;
        }
        None => {
            easy_read_part::ActiveModel {
                id: Set(Uuid::now_v7()),
                document_id: Set(id),
                section_key: Set(section.key.clone()),
                source_hash: Set(hash(&section)),
                body: Set(body),
                image_url: Set(image_url.map(|u| u.chars().take(500).collect())),
                image_alt: Set(image_url.and(image_alt).map(|a| a.chars().take(500).collect())),
                updated_by: Set(actor.id),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    easy_read(db, Some(actor.id), id).await
}
