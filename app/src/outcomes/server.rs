//! Server functions behind the outcome pages.

use domain::outcomes::{LinkChoice, Outcome, Outcomes};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[server(prefix = "/fn", endpoint = "outcomes/list")]
pub async fn outcomes_page() -> Result<Outcomes, AppError> {
    let db = crate::state::db()?;
    let viewer = crate::people::viewer().map(|u| u.id);
    Ok(domain::outcomes::service::list(&db, viewer).await?)
}

#[server(prefix = "/fn", endpoint = "outcomes/one")]
pub async fn outcome_page(id: String) -> Result<Outcome, AppError> {
    let db = crate::state::db()?;
    let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that outcome.".into()))?;
    let viewer = crate::people::viewer().map(|u| u.id);
    Ok(domain::outcomes::service::get(&db, viewer, id).await?)
}

/// The form: the outcome being changed (none for a new one) and what it could link to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutcomeFormView {
    pub outcome: Option<Outcome>,
    pub choices: Vec<LinkChoice>,
}

#[server(prefix = "/fn", endpoint = "outcomes/form")]
pub async fn outcome_form(id: Option<String>) -> Result<OutcomeFormView, AppError> {
    let db = crate::state::db()?;
    let user = crate::people::viewer().ok_or_else(|| AppError::Forbidden("Please sign in as a member of the board to write outcomes.".into()))?;
    let outcome = match id {
        Some(id) => {
            let id = uuid::Uuid::try_parse(&id).map_err(|_| AppError::NotFound("We could not find that outcome.".into()))?;
            Some(domain::outcomes::service::get(&db, Some(user.id), id).await?)
        }
        None => None,
    };
    let choices = domain::outcomes::service::choices(&db, Some(user.id)).await?;
    Ok(OutcomeFormView { outcome, choices })
}
