//! The server function behind the search page.

use domain::search::Results;
use leptos::prelude::*;

use crate::AppError;

/// How many results a page of the search page shows.
#[cfg(feature = "ssr")]
const PER_PAGE: u64 = 20;

/// Results for the reader (signed out: only what is published).
#[server(prefix = "/fn", endpoint = "search")]
pub async fn search_page(q: String, cursor: Option<String>) -> Result<Results, AppError> {
    let db = crate::state::db()?;
    let offset = match cursor.as_deref() {
        None | Some("") => 0,
        Some(raw) => domain::search::decode_cursor(raw).ok_or_else(|| AppError::NotFound("That page of results has gone. Please search again.".into()))?,
    };
    let viewer = crate::people::viewer().map(|u| u.id);
    Ok(domain::search::query::search(&db, viewer, &q, offset, PER_PAGE).await?)
}
