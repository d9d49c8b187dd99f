//! Server functions for You Said We Did: who is asking, then the service.

use domain::conversations::{Thread, ThreadAbilities};
use domain::feedback::{AskView, FeedbackAbilities, FeedbackItem, FeedbackSummary, Filter, ImportPreview, Overview};
use domain::glossary::Term;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn viewer_id() -> Option<uuid::Uuid> {
    crate::people::viewer().map(|u| u.id)
}

/// An item in a list, with its words as safe HTML (glossary words linked).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Listed {
    pub item: FeedbackSummary,
    pub said_html: String,
    pub response_html: Option<String>,
}

/// The public list (`/you-said-we-did`) and the members' list (`/feedback`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListView {
    pub board_name: String,
    pub items: Vec<Listed>,
    pub years: Vec<i32>,
    pub filter: Filter,
    pub can: FeedbackAbilities,
    pub explained: Vec<Term>,
    /// Members' list: how many items wait to be published.
    pub unpublished: usize,
    /// The public list comes in pages of `PER_PAGE`, newest first: which one this is (from 1),
    /// how many there are, and how many items match in all.
    pub page: usize,
    pub pages: usize,
    pub total: usize,
}

/// Items to a page of the public list: after years of work a board has thousands, and the
/// whole list at once was megabytes (2.8 MB for 4,000), too much for an old phone.
pub const PER_PAGE: usize = 50;

#[cfg(feature = "ssr")]
async fn listed(db: &sea_orm::DatabaseConnection, board: uuid::Uuid, items: Vec<FeedbackSummary>) -> Result<(Vec<Listed>, Vec<Term>), AppError> {
    let mut texts: Vec<&str> = Vec::new();
    for i in &items {
        texts.push(&i.said);
        texts.push(i.response.as_deref().unwrap_or(""));
    }
    let (html, explained) = domain::glossary::service::explain(db, board, &texts).await?;
    let mut html = html.into_iter();
    let out = items
        .into_iter()
        .map(|item| {
            let said_html = html.next().unwrap_or_default();
            let response_html = html.next().filter(|_| item.response.is_some());
            Listed { item, said_html, response_html }
        })
        .collect();
    Ok((out, explained))
}

#[server(prefix = "/fn", endpoint = "feedback/public")]
pub async fn public_list(theme: Option<String>, status: Option<String>, year: Option<String>, page: Option<String>) -> Result<ListView, AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id();
    crate::state::reading(async move {
        let board = domain::feedback::service::board(&db, viewer).await?;
        let filter = Filter::from_query(theme.as_deref(), status.as_deref(), year.as_deref());
        let (all, can) = domain::feedback::service::list(&db, viewer, &Filter::default(), true).await?;
        let years = domain::feedback::service::years(&all);
        // The year links need every published item; the filtered list is cut from the same rows.
        let items: Vec<FeedbackSummary> = all.into_iter().filter(|i| filter.matches(i)).collect();
        let total = items.len();
        let (items, page, pages) = crate::layout::page_of(items, page, PER_PAGE);
        let (items, explained) = listed(&db, board.space.id, items).await?;
        Ok(ListView { board_name: board.space.name, items, years, filter, can, explained, unpublished: 0, page, pages, total })
    })
    .await
}

#[server(prefix = "/fn", endpoint = "feedback/review")]
pub async fn review_list(status: Option<String>, published: Option<String>, page: Option<String>) -> Result<ListView, AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id().ok_or_else(|| AppError::Forbidden("Please sign in to review feedback.".into()))?;
    crate::state::reading(async move {
        let board = domain::feedback::service::board(&db, Some(viewer)).await?;
        let mut filter = Filter::from_query(None, status.as_deref(), None);
        filter.published = match published.as_deref() {
            Some("no") => Some(false),
            Some("yes") => Some(true),
            _ => None,
        };
        let (items, can) = domain::feedback::service::list(&db, Some(viewer), &filter, false).await?;
        let unpublished = items.iter().filter(|i| !i.published).count();
        let total = items.len();
        // In pages too: a board of years had 5,000 items on one page.
        let (items, page, pages) = crate::layout::page_of(items, page, PER_PAGE);
        let (items, explained) = listed(&db, board.space.id, items).await?;
        Ok(ListView { board_name: board.space.name, items, years: Vec::new(), filter, can, explained, unpublished, page, pages, total })
    })
    .await
}

/// One item's page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemView {
    pub item: FeedbackItem,
    pub said_html: String,
    pub response_html: Option<String>,
    pub reason_html: Option<String>,
    pub explained: Vec<Term>,
    pub threads: Vec<Thread>,
    pub can_talk: ThreadAbilities,
    pub names: Vec<String>,
}

#[server(prefix = "/fn", endpoint = "feedback/one")]
pub async fn item_page(id: String) -> Result<ItemView, AppError> {
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that feedback. It may not be published yet.".into()))?;
    let viewer = viewer_id();
    crate::state::reading(async move {
        let item = domain::feedback::service::load(&db, viewer, id).await?;
        let texts = [item.summary.said.as_str(), item.summary.response.as_deref().unwrap_or(""), item.status_reason.as_deref().unwrap_or("")];
        let (html, explained) = domain::glossary::service::explain(&db, item.board_id, &texts).await?;
        let (threads, can_talk, names) = if item.can.manage {
            let (threads, can_talk) = domain::conversations::service::threads_on(&db, viewer, domain::conversations::TargetKind::Feedback, id).await?;
            let names = if can_talk.contribute { domain::conversations::service::mentionable(&db, item.board_id).await? } else { Vec::new() };
            (threads, can_talk, names)
        } else {
            (Vec::new(), ThreadAbilities::default(), Vec::new())
        };
        let mut html = html.into_iter();
        let said_html = html.next().unwrap_or_default();
        let response_html = html.next().filter(|_| item.summary.response.is_some());
        let reason_html = html.next().filter(|_| item.status_reason.is_some());
        Ok(ItemView { item, said_html, response_html, reason_html, explained, threads, can_talk, names })
    })
    .await
}

/// The public form's page: whom it goes to.
#[server(prefix = "/fn", endpoint = "feedback/tell-us")]
pub async fn tell_us_page() -> Result<String, AppError> {
    let db = crate::state::db()?;
    crate::state::reading(async move { Ok(domain::feedback::service::board(&db, None).await?.space.name) }).await
}

/// The import page: what a pasted or uploaded file would add (empty: nothing sent yet).
#[server(prefix = "/fn", endpoint = "feedback/import")]
pub async fn import_page(csv: String) -> Result<(bool, Option<ImportPreview>), AppError> {
    let db = crate::state::db()?;
    let viewer = viewer_id().ok_or_else(|| AppError::Forbidden("Please sign in to add feedback from an event.".into()))?;
    crate::state::reading(async move {
        let board = domain::feedback::service::board(&db, Some(viewer)).await?;
        if !board.can().manage {
            return Err(AppError::Forbidden("Only members of the board can add feedback from an event.".into()));
        }
        let today = domain::dates::local_day(chrono::Utc::now(), board.zone);
        Ok((true, (!csv.is_empty()).then(|| domain::feedback::import::parse(&csv, today))))
    })
    .await
}

#[server(prefix = "/fn", endpoint = "feedback/overview")]
pub async fn overview_page() -> Result<Overview, AppError> {
    let db = crate::state::db()?;
    let viewer = crate::people::viewer().ok_or_else(|| AppError::Forbidden("Please sign in to see the overview.".into()))?;
    crate::state::reading(async move { Ok(domain::feedback::overview::overview(&db, &viewer).await?) }).await
}

#[server(prefix = "/fn", endpoint = "feedback/ask")]
pub async fn ask_page(secret: String) -> Result<AskView, AppError> {
    let db = crate::state::db()?;
    crate::state::reading(async move { Ok(domain::feedback::service::ask_view(&db, &secret).await?) }).await
}
