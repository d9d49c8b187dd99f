//! Server functions for conversations: who is asking, then the service.

use domain::conversations::{Notification, Thread, ThreadAbilities};
use domain::glossary::Term;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn viewer_id() -> Option<uuid::Uuid> {
    crate::people::viewer().map(|u| u.id)
}

/// A thread's own page: the thread, what it is about, and what the reader may do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ThreadPageView {
    pub thread: Thread,
    pub can: ThreadAbilities,
    pub about_href: String,
    pub about_label: String,
    /// Who can be mentioned here, for the mention helper (empty for readers who cannot post).
    pub names: Vec<String>,
}

#[server(prefix = "/fn", endpoint = "conversations/thread")]
pub async fn thread_page(id: String) -> Result<ThreadPageView, AppError> {
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that conversation.".into()))?;
    crate::state::reading(async move {
        let (thread, can) = domain::conversations::service::get(&db, viewer_id(), id).await?;
        let (about_href, about_label) = domain::conversations::service::target_link(&db, &thread).await?;
        let names = if can.contribute { domain::conversations::service::mentionable(&db, thread.space_id).await? } else { Vec::new() };
        Ok(ThreadPageView { thread, can, about_href, about_label, names })
    })
    .await
}

/// A board's or group's discussions.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscussionsView {
    pub space: domain::spaces::Space,
    pub threads: Vec<Thread>,
    pub can: ThreadAbilities,
    pub names: Vec<String>,
}

#[server(prefix = "/fn", endpoint = "conversations/discussions")]
pub async fn discussions_page(slug: Option<String>) -> Result<DiscussionsView, AppError> {
    let db = crate::state::db()?;
    crate::state::reading(async move {
        let space = match slug {
            Some(slug) => domain::spaces::service::space_by_slug(&db, &slug).await?.space,
            None => domain::spaces::service::home_board(&db).await?.ok_or_else(|| AppError::NotFound("There is no board yet.".into()))?.space,
        };
        let (mut threads, can) = domain::conversations::service::threads_on(&db, viewer_id(), domain::conversations::TargetKind::Discussion, space.id).await?;
        // The liveliest first.
        threads.sort_by(|a, b| b.last_activity_at.cmp(&a.last_activity_at));
        let names = if can.contribute { domain::conversations::service::mentionable(&db, space.id).await? } else { Vec::new() };
        Ok(DiscussionsView { space, threads, can, names })
    })
    .await
}

#[server(prefix = "/fn", endpoint = "conversations/notifications")]
pub async fn notifications_page() -> Result<Vec<Notification>, AppError> {
    let db = crate::state::db()?;
    let me = viewer_id().ok_or_else(|| AppError::Forbidden("Please sign in to see your notifications.".into()))?;
    let page = domain::conversations::notifications::list(&db, me, domain::page::PageRequest { limit: 100, after: None }).await?;
    Ok(page.items)
}

/// The conversations below a document: its own threads and its sections', in the document's
/// order, and the parts a new comment can be about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentConversation {
    /// Threads on the whole document.
    pub whole: Vec<Thread>,
    /// Each section (key, heading) with its threads, in the document's order.
    pub sections: Vec<(String, String, Vec<Thread>)>,
    /// Threads on sections the newest version no longer has.
    pub removed: Vec<Thread>,
    pub can: ThreadAbilities,
    /// Glossary words the comments use.
    pub explained: Vec<Term>,
    /// Who can be mentioned (empty for readers who cannot post).
    pub names: Vec<String>,
}

#[cfg(feature = "ssr")]
pub(crate) async fn document_conversation(db: &sea_orm::DatabaseConnection, ctx: &domain::documents::service::DocumentContext, markdown: &str) -> Result<DocumentConversation, AppError> {
    use domain::conversations::{SectionPlace, TargetKind};
    let space_id = ctx.document.space_id;
    let (threads, can) = domain::conversations::service::threads_on_document(db, ctx, markdown).await?;
    let mut explained: Vec<Term> = Vec::new();
    for t in &threads {
        for term in &t.explained {
            if !explained.iter().any(|e| e.slug == term.slug) {
                explained.push(term.clone());
            }
        }
    }
    let mut sections: Vec<(String, String, Vec<Thread>)> = domain::documents::sections(markdown).into_iter().map(|s| (s.key, s.title, Vec::new())).collect();
    let (mut whole, mut removed) = (Vec::new(), Vec::new());
    for t in threads {
        match (t.target_type, t.section_place) {
            (TargetKind::Section, Some(SectionPlace::Removed)) => removed.push(t),
            (TargetKind::Section, _) => match sections.iter_mut().find(|(key, _, _)| Some(key) == t.section_key.as_ref()) {
                Some((_, _, list)) => list.push(t),
                None => removed.push(t),
            },
            _ => whole.push(t),
        }
    }
    let names = if can.contribute { domain::conversations::service::mentionable(db, space_id).await? } else { Vec::new() };
    Ok(DocumentConversation { whole, sections, removed, can, explained, names })
}
