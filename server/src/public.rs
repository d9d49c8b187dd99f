//! The public site's feeds: `/feed.atom` (everything published, Atom 1.0) and `/sitemap.xml`.
//! Each is built once and kept until anything changes (the page cache's generation moves at
//! every write, here or, on PostgreSQL, on another instance) or `page_cache::KEEP_FOR` passes.

use std::sync::Mutex;
use std::time::Instant;

use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use domain::DomainError;

use crate::AppState;

/// One built document, with the generation of the pages it was built in.
#[derive(Default)]
pub struct Kept(Mutex<Option<(u64, Instant, String)>>);

impl Kept {
    async fn get_or_build<F>(&self, state: &AppState, build: F) -> Result<String, DomainError>
    where
        F: AsyncFnOnce() -> Result<String, DomainError>,
    {
        let generation = state.pages.generation();
        if state.pages.active()
            && let Some((g, at, body)) = self.0.lock().expect("not poisoned").as_ref()
            && *g == generation
            && at.elapsed() < crate::page_cache::KEEP_FOR
        {
            return Ok(body.clone());
        }
        let body = build().await?;
        // Kept only if nothing changed while it was built.
        if state.pages.active() && state.pages.generation() == generation {
            *self.0.lock().expect("not poisoned") = Some((generation, Instant::now(), body.clone()));
        }
        Ok(body)
    }
}

/// This instance's feeds (one per server: tests run several in one process).
#[derive(Default)]
pub struct Feeds {
    atom: Kept,
    sitemap: Kept,
}

fn xml(content_type: &'static str, built: Result<String, DomainError>) -> Response {
    match built {
        Ok(body) => ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=60")], body).into_response(),
        Err(err) => {
            let status = if matches!(err, DomainError::NotFound(_)) { StatusCode::NOT_FOUND } else { StatusCode::SERVICE_UNAVAILABLE };
            (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], err.to_string()).into_response()
        }
    }
}

/// `GET /feed.atom`: everything published, newest first.
pub async fn feed(State(state): State<AppState>) -> Response {
    let built = state
        .feeds
        .atom
        .get_or_build(&state, async || {
            let db = &state.app.db;
            let board = domain::spaces::service::home_board(db).await?.ok_or_else(|| DomainError::NotFound("There is no board here yet.".into()))?;
            Ok(domain::site::atom(&state.site_url, &board.space.name, &domain::site::published(db).await?))
        })
        .await;
    xml("application/atom+xml; charset=utf-8", built)
}

/// `GET /sitemap.xml`: every public page.
pub async fn sitemap(State(state): State<AppState>) -> Response {
    let built = state.feeds.sitemap.get_or_build(&state, async || domain::site::sitemap(&state.app.db, &state.site_url).await).await;
    xml("application/xml; charset=utf-8", built)
}
