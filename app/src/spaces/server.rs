//! Server functions for spaces: thin wrappers over `domain::spaces::service`.

use domain::spaces::{Home, SpaceDetail};
use leptos::prelude::*;

use crate::AppError;

/// The board on the home page (nothing on a fresh install) and what is happening in its groups.
#[server(prefix = "/fn", endpoint = "spaces/home")]
pub async fn home_board() -> Result<Home, AppError> {
    let db = crate::state::db()?;
    // Spaces are public today; the permission check joins here with the people issue.
    let board = domain::spaces::service::home_board(&db).await?;
    let today = chrono::Utc::now().date_naive();
    let happening = board.as_ref().map(|b| domain::spaces::happenings(&b.groups, today)).unwrap_or_default();
    Ok(Home { board, happening })
}

/// One task-and-finish group by the readable part of its address.
#[server(prefix = "/fn", endpoint = "spaces/group")]
pub async fn group_by_slug(slug: String) -> Result<SpaceDetail, AppError> {
    let db = crate::state::db()?;
    let detail = domain::spaces::service::space_by_slug(&db, &slug).await?;
    if detail.space.kind != domain::spaces::SpaceKind::Group {
        return Err(AppError::NotFound("There is no group at that address.".into()));
    }
    Ok(detail)
}
