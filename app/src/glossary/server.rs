//! Server functions for the glossary.

use domain::glossary::{Term, WordRequest};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GlossaryData {
    pub terms: Vec<Term>,
    /// Words waiting to be explained; only for people who take part in the board.
    pub requests: Option<Vec<WordRequest>>,
    pub can_edit: bool,
}

#[server(prefix = "/fn", endpoint = "glossary/list")]
pub async fn glossary_view() -> Result<GlossaryData, AppError> {
    // A read-only page load: what it reads more than once is read once (`domain::memo`).
    crate::state::reading(async move {
    let db = crate::state::db()?;
    let Some(board) = domain::spaces::service::home_board(&db).await? else {
        return Ok(GlossaryData { terms: Vec::new(), requests: None, can_edit: false });
    };
    let terms = domain::glossary::service::terms(&db, board.space.id).await?;
    let can_edit = crate::spaces::viewer_can(&db, board.space.id, domain::permissions::Action::Contribute).await?;
    let requests = if can_edit {
        Some(domain::glossary::service::open_requests(&db, crate::people::viewer().map(|u| u.id), board.space.id).await?)
    } else {
        None
    };
    Ok(GlossaryData { terms, requests, can_edit })
    })
    .await
}
