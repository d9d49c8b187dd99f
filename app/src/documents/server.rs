//! Server functions for documents: who is asking, then the service.

use domain::documents::merge::Piece;
use domain::documents::{Suggestion, Agreement, ConsentView, Decision, DocumentStatus, DocumentSummary, DocumentView, PublishedDocument, PublishedSummary, RevisionSummary, StatusChange};
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
    /// People outside the space see published documents only, at their public address.
    pub in_space: bool,
}

/// The "Documents" section of a board or group page, for a page that has already loaded the
/// space and the viewer's role: one more query (the list), not a load of its own.
#[cfg(feature = "ssr")]
pub(crate) async fn space_documents(db: &sea_orm::DatabaseConnection, space: Space, role: Option<domain::people::Role>) -> Result<SpaceDocumentsView, AppError> {
    let documents = domain::documents::service::list_in_space(db, viewer_id(), space.id).await?;
    let can_create = domain::permissions::can(role, domain::permissions::Action::EditDocuments);
    let in_space = domain::permissions::can(role, domain::permissions::Action::ViewSpace);
    Ok(SpaceDocumentsView { space, documents, can_create, in_space })
}

#[server(prefix = "/fn", endpoint = "documents/in-space")]
pub async fn documents_in_space(slug: String) -> Result<SpaceDocumentsView, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let space = domain::spaces::service::space_by_slug(&db, &slug).await?.space;
    let documents = domain::documents::service::list_in_space(&db, viewer_id(), space.id).await?;
    let role = crate::spaces::viewer_role(&db, space.id).await?;
    let can_create = domain::permissions::can(role, domain::permissions::Action::EditDocuments);
    let in_space = domain::permissions::can(role, domain::permissions::Action::ViewSpace);
    Ok(SpaceDocumentsView { space, documents, can_create, in_space })
    })
    .await
}

/// What people in the space see below a document: where it is, the views on it, decisions made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workflow {
    pub agreement: Agreement,
    /// The moves this person may make from here, with the words on each button.
    pub steps: Vec<(DocumentStatus, String)>,
    pub my_view: Option<ConsentView>,
    pub can_give_view: bool,
    pub can_change_rule: bool,
    pub decisions: Vec<Decision>,
    pub changes: Vec<StatusChange>,
    pub open_suggestions: usize,
    pub vision: domain::documents::VisionCheck,
    pub easy_read_required: bool,
    /// The comments on the document and its parts.
    pub conversation: crate::conversations::DocumentConversation,
    /// Whether this person hears when the document moves on (status, published).
    pub following: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentPageView {
    pub document: DocumentView,
    pub can_edit: bool,
    /// `None` for someone outside the space, who is shown the published version only.
    pub workflow: Option<Workflow>,
    pub readability: domain::writing::Readability,
}

/// What a person's document page parts are shared under (`domain::memo::value`).
#[cfg(feature = "ssr")]
const SHARED_AS: &str = "document page";

#[server(prefix = "/fn", endpoint = "documents/view")]
pub async fn document_page(id: String) -> Result<DocumentPageView, AppError> {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    // Read-only: the document, its space and the viewer's role are read once for all its parts,
    // and the whole is shared with this person's next loads until anything changes (or a minute
    // passes). Not while someone is supporting another person, which is rare and changes what
    // may be done.
    let viewer = crate::people::viewer();
    let shareable = viewer.as_ref().is_none_or(|v| v.supporter.is_none());
    let viewer = viewer.map_or(uuid::Uuid::nil(), |v| v.id);
    crate::state::reading(async move {
        if shareable && let Some(kept) = domain::memo::value::<DocumentPageView>(SHARED_AS, viewer, id) {
            return Ok(kept);
        }
        let parts = document_page_parts(db, id).await?;
        if shareable {
            domain::memo::remember_value(SHARED_AS, viewer, id, &parts);
        }
        Ok(parts)
    })
    .await
}

#[cfg(feature = "ssr")]
async fn document_page_parts(db: sea_orm::DatabaseConnection, id: uuid::Uuid) -> Result<DocumentPageView, AppError> {
    use domain::documents::{agreeing, service::DocumentContext};
    use domain::permissions::Action;
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    // The document and the viewer's role, looked up once: every part below is given them, and
    // every permission question on this page is answered from that one role.
    let ctx = match DocumentContext::load(&db, viewer_id(), id).await {
        Ok(ctx) => Some(ctx),
        // Someone outside the space reads the published version only.
        Err(domain::DomainError::NotFound(_)) => None,
        Err(err) => return Err(err.into()),
    };
    let can_edit = ctx.as_ref().is_some_and(|c| c.can(Action::EditDocuments));
    let workflow = match &ctx {
        Some(ctx) => {
            let agreement = agreeing::agreement_in(&db, ctx).await?;
            let steps = agreement
                .status
                .next_steps()
                .iter()
                .filter(|&&to| ctx.can(agreement.status.step_needs(to)))
                .map(|&to| (to, agreement.status.step_label(to).to_owned()))
                .collect();
            let me = viewer_id();
            Some(Workflow {
                my_view: agreement.views.iter().find(|v| Some(v.person_id) == me).cloned(),
                can_give_view: ctx.can(Action::Contribute),
                can_change_rule: ctx.can(Action::EditSpace),
                decisions: agreeing::decisions_in(&db, ctx).await?,
                changes: agreeing::status_history_in(&db, ctx).await?,
                vision: domain::documents::vision::vision_check_in(&db, ctx).await?,
                easy_read_required: domain::spaces::service::space_row(&db, document.space_id).await?.require_easy_read,
                open_suggestions: domain::documents::suggestions::open_count_in(&db, ctx).await? as usize,
                conversation: crate::conversations::document_conversation(&db, ctx, &document.body_markdown).await?,
                following: match me {
                    Some(me) => domain::documents::follows::follows(&db, me, id).await?,
                    None => false,
                },
                steps,
                agreement,
            })
        }
        None => None,
    };
    let readability = (*domain::text_work::readability(&document.body_markdown).await).clone();
    Ok(DocumentPageView { document, can_edit, workflow, readability })
}

/// The published version of a document, readable by anyone.
#[server(prefix = "/fn", endpoint = "documents/published")]
pub async fn published_page(id: String, number: Option<i32>) -> Result<(PublishedDocument, domain::writing::Readability, bool), AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let document = domain::documents::agreeing::published_version(&db, id, number).await?;
    let readability = (*domain::text_work::readability(&document.body_markdown).await).clone();
    // The easy-read version is offered to the public once every part of it is there and current.
    let easy_read = domain::documents::easy_read::published_easy_read(&db, id).await?.complete();
    Ok((document, readability, easy_read))
    })
    .await
}

/// How many published documents the public list shows at a time.
pub const PUBLISHED_PER_PAGE: usize = 50;

/// One page of the public list of published documents, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedListing {
    pub items: Vec<PublishedSummary>,
    /// How many are published in all.
    pub total: usize,
    /// Which page this is (from 1), and how many there are.
    pub page: usize,
    pub pages: usize,
}

/// Everything published, for the public list: a page of `PUBLISHED_PER_PAGE` (a board with a
/// thousand published papers made one page of 121 KB).
#[server(prefix = "/fn", endpoint = "documents/published-list")]
pub async fn published_list(page: Option<String>) -> Result<PublishedListing, AppError> {
    let db = crate::state::db()?;
    let all = domain::documents::agreeing::list_published(&db).await?;
    let total = all.len();
    let (items, page, pages) = crate::layout::page_of(all, page, PUBLISHED_PER_PAGE);
    Ok(PublishedListing { items, total, page, pages })
}

/// How many versions the history page lists at a time.
#[cfg(feature = "ssr")]
const HISTORY_PAGE: u64 = 100;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryView {
    pub document: DocumentView,
    /// Newest first: `HISTORY_PAGE` of them, before `?before=` if given.
    pub revisions: Vec<RevisionSummary>,
    /// There are older versions than these.
    pub more: bool,
    pub can_edit: bool,
}

#[server(prefix = "/fn", endpoint = "documents/history")]
pub async fn document_history(id: String, before: Option<i32>) -> Result<HistoryView, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let (revisions, more) = domain::documents::service::history_page(&db, viewer_id(), id, before, HISTORY_PAGE).await?;
    let can_edit = viewer_can(&db, document.space_id, domain::permissions::Action::EditDocuments).await?;
    Ok(HistoryView { document, revisions, more, can_edit })
    })
    .await
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
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let number = |raw: &str| raw.trim().parse::<i32>().map_err(|_| AppError::Invalid { field: "from".into(), message: "Please choose two versions to compare.".into() });
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let (from, old) = domain::documents::service::revision_text(&db, viewer_id(), id, number(&from)?).await?;
    let (to, new) = domain::documents::service::revision_text(&db, viewer_id(), id, number(&to)?).await?;
    let pieces = domain::text_work::off_the_async_workers(move || domain::documents::merge::word_diff(&old, &new)).await;
    Ok(Comparison { document, from, to, pieces })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SuggestionsData {
    pub document: DocumentView,
    pub suggestions: Vec<Suggestion>,
    /// The passages of the newest version, to choose one to change.
    pub passages: Vec<String>,
    pub can_suggest: bool,
    pub can_decide: bool,
}

#[server(prefix = "/fn", endpoint = "documents/suggestions")]
pub async fn suggestions_page(id: String) -> Result<SuggestionsData, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    use domain::permissions::{Action, can};
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let role = crate::spaces::viewer_role(&db, document.space_id).await?;
    if !can(role, Action::ViewSpace) {
        return Err(AppError::NotFound("We could not find that document.".into()));
    }
    let suggestions = domain::documents::suggestions::list(&db, viewer_id(), id).await?;
    Ok(SuggestionsData {
        passages: domain::documents::passages(&document.body_markdown),
        can_suggest: can(role, Action::Contribute),
        can_decide: can(role, Action::EditDocuments),
        suggestions,
        document,
    })
    })
    .await
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EasyReadData {
    pub document: DocumentView,
    pub easy: domain::documents::EasyRead,
    pub can_edit: bool,
    /// The published version, as the public reads it.
    pub public: bool,
}

#[server(prefix = "/fn", endpoint = "documents/easy-read")]
pub async fn easy_read_page(id: String, public: bool) -> Result<EasyReadData, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let id = parse_id(&id)?;
    if public {
        let easy = domain::documents::easy_read::published_easy_read(&db, id).await?;
        // Asked as someone outside the space, so it is the published version.
        let document = domain::documents::service::view(&db, None, id).await?;
        return Ok(EasyReadData { document, easy, can_edit: false, public });
    }
    let easy = domain::documents::easy_read::easy_read(&db, viewer_id(), id).await?;
    let document = domain::documents::service::view(&db, viewer_id(), id).await?;
    let can_edit = viewer_can(&db, document.space_id, domain::permissions::Action::EditDocuments).await?;
    Ok(EasyReadData { document, easy, can_edit, public })
    })
    .await
}

/// The live writing page: the document, and the live text when a session has one (so someone
/// without JavaScript edits what everyone sees now, not an older version).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LivePageView {
    pub page: DocumentPageView,
    pub live_text: Option<String>,
}

#[server(prefix = "/fn", endpoint = "documents/live")]
pub async fn live_page(id: String) -> Result<LivePageView, AppError> {
    let page = document_page(id).await?;
    let live_text = if page.can_edit {
        let db = crate::state::db()?;
        domain::documents::live::current_text(&db, page.document.id).await?
    } else {
        None
    };
    Ok(LivePageView { page, live_text })
}
