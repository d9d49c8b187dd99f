//! Form handlers for documents: start one, and save a new version (merging if needed).

use axum::{
    Form,
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::documents::{DocumentKind, agreeing, easy_read, service, suggestions, vision};
use domain::people::CurrentUser;
use serde::Deserialize;

use crate::AppState;
use crate::auth::forms::{fail, kept};

#[derive(Deserialize)]
pub struct NewDocumentForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: String,
}

pub async fn create(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<NewDocumentForm>) -> Response {
    let values = kept(&[("title", &form.title), ("kind", &form.kind), ("body", &form.body), ("tags", &form.tags)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "document", DomainError::Forbidden("Please sign in to start a document.".into()), values).await;
    };
    let result = async {
        let space = domain::spaces::service::space_by_slug(&state.app.db, &slug).await?.space;
        service::create_document(&state.app.db, &user, space.id, &form.title, DocumentKind::parse(&form.kind), &form.body, &domain::documents::parse_tags(&form.tags)).await
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}?saved=1")).into_response(),
        Err(err) => fail(&state, parts, "document", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    base_revision_id: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    note: String,
    /// Set by the "Check the writing" button: show the plain-language check, save nothing.
    #[serde(default)]
    check: Option<String>,
}

pub async fn save(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<EditForm>) -> Response {
    // What was typed is kept on any problem, so nobody loses their edit.
    let values = kept(&[("body", &form.body), ("note", &form.note), ("base_revision_id", &form.base_revision_id)]);
    if form.check.is_some() {
        let feedback = app::people::FormFeedback::kept_success("edit", "Here is the check of your text below the form. Nothing has been saved yet.", values);
        return crate::auth::forms::show_again(&state, parts, feedback, axum::http::StatusCode::OK).await;
    }
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "edit", DomainError::Forbidden("Please sign in to edit. Your text is still in the box below.".into()), values).await;
    };
    let result = async {
        let not_found = || DomainError::NotFound("We could not find that document.".into());
        let id = uuid::Uuid::try_parse(&id).map_err(|_| not_found())?;
        let base = uuid::Uuid::try_parse(&form.base_revision_id).map_err(|_| DomainError::invalid("body", "This form is missing the version you started from. Please copy your text, reload the page and paste it back."))?;
        let outcome = service::save(&state.app.db, &user, id, base, &form.body, Some(&form.note)).await?;
        if outcome.live_update.is_some() {
            state.live.catch_up(id).await;
        }
        Ok::<_, DomainError>((id, outcome))
    }
    .await;
    match result {
        Ok((id, outcome)) => {
            let mut to = format!("/documents/{id}?saved={}", outcome.number);
            if outcome.merged {
                to.push_str(&format!("&merged=1&clashes={}", outcome.clashes));
            }
            Redirect::to(&to).into_response()
        }
        Err(err) => fail(&state, parts, "edit", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    number: String,
}

pub async fn restore(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<RestoreForm>) -> Response {
    parts.uri = format!("/documents/{id}/history").parse().unwrap_or_else(|_| "/".parse().expect("static"));
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "restore", DomainError::Forbidden("Please sign in to do this.".into()), Vec::new()).await;
    };
    let result = async {
        let id = uuid::Uuid::try_parse(&id).map_err(|_| DomainError::NotFound("We could not find that document.".into()))?;
        let number = form.number.trim().parse::<i32>().map_err(|_| DomainError::NotFound("We could not find that version.".into()))?;
        let outcome = service::restore(&state.app.db, &user, id, number).await?;
        if outcome.live_update.is_some() {
            state.live.catch_up(id).await;
        }
        Ok::<_, DomainError>((id, outcome))
    }
    .await;
    match result {
        Ok((id, outcome)) => Redirect::to(&format!("/documents/{id}?saved={}", outcome.number)).into_response(),
        Err(err) => fail(&state, parts, "restore", err, Vec::new()).await,
    }
}

/// Any version as a Markdown file, for people who keep papers on their own computer.
pub async fn download(State(state): State<AppState>, Path((id, number)): Path<(String, String)>, parts: Parts) -> Response {
    use axum::http::header;
    let viewer = parts.extensions.get::<CurrentUser>().map(|u| u.id);
    let result = async {
        let not_found = || DomainError::NotFound("We could not find that version of the document.".into());
        let id = uuid::Uuid::try_parse(&id).map_err(|_| not_found())?;
        let number = number.trim_end_matches(".md").parse::<i32>().map_err(|_| not_found())?;
        let view = service::view(&state.app.db, viewer, id).await?;
        let (_, body) = service::revision_text(&state.app.db, viewer, id, number).await?;
        Ok::<_, DomainError>((domain::spaces::slugify(&view.title), number, body))
    }
    .await;
    match result {
        Ok((slug, number, body)) => (
            [
                (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{slug}-version-{number}.md\"")),
            ],
            body,
        )
            .into_response(),
        Err(err) => fail(&state, parts, "download", err, Vec::new()).await,
    }
}

/// Form handlers below answer on the document's own page, so a problem shows next to the form.
fn on_document_page(parts: &mut Parts, id: &str) {
    parts.uri = format!("/documents/{id}").parse().unwrap_or_else(|_| "/".parse().expect("static"));
}

fn document_id(raw: &str) -> Result<uuid::Uuid, DomainError> {
    uuid::Uuid::try_parse(raw).map_err(|_| DomainError::NotFound("We could not find that document.".into()))
}

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    revision_id: String,
}

/// Moves a document on: out for comment, agreed (the consent decision), published, withdrawn.
pub async fn change_status(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<StatusForm>) -> Response {
    on_document_page(&mut parts, &id);
    let values = kept(&[("note", &form.note)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "status", DomainError::Forbidden("Please sign in to do this.".into()), values).await;
    };
    let result = async {
        let id = document_id(&id)?;
        let seen = uuid::Uuid::try_parse(&form.revision_id).ok();
        let to = domain::documents::DocumentStatus::parse(&form.to);
        Ok::<_, DomainError>((id, agreeing::change_status(&state.app.db, &user, id, to, Some(&form.note), seen).await?))
    }
    .await;
    match result {
        Ok((id, status)) => Redirect::to(&format!("/documents/{id}?moved={}", status.as_str())).into_response(),
        Err(err) => fail(&state, parts, "status", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct ViewForm {
    #[serde(default)]
    revision_id: String,
    #[serde(default)]
    response: String,
    #[serde(default)]
    reason: String,
}

/// Someone says whether they can agree to the version they read.
pub async fn give_view(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<ViewForm>) -> Response {
    on_document_page(&mut parts, &id);
    let values = kept(&[("response", &form.response), ("reason", &form.reason)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "view", DomainError::Forbidden("Please sign in to give your view. What you wrote is still below.".into()), values).await;
    };
    let result = async {
        let id = document_id(&id)?;
        let revision = uuid::Uuid::try_parse(&form.revision_id)
            .map_err(|_| DomainError::invalid("response", "This form is missing the version you read. Please reload the page and try again."))?;
        let response = domain::documents::ConsentResponse::parse(&form.response);
        agreeing::give_view(&state.app.db, &user, id, revision, response, Some(&form.reason)).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}?view=saved#agreeing-heading")).into_response(),
        Err(err) => fail(&state, parts, "view", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct RuleForm {
    #[serde(default)]
    coproduction: Option<String>,
    #[serde(default)]
    vision_check: Option<String>,
    #[serde(default)]
    easy_read: Option<String>,
}

/// A co-chair or convenor sets how documents in the document's space are agreed.
pub async fn coproduction_rule(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<RuleForm>) -> Response {
    on_document_page(&mut parts, &id);
    let user = parts.extensions.get::<CurrentUser>().map(|u| u.id);
    let result = async {
        let id = document_id(&id)?;
        let doc = service::view(&state.app.db, user, id).await?;
        let rules = domain::spaces::service::AgreeingRules { coproduction: Some(form.coproduction.is_some()), vision_check: Some(form.vision_check.is_some()), easy_read: Some(form.easy_read.is_some()) };
        domain::spaces::service::set_rules(&state.app.db, user, doc.space_id, rules).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}?rule=saved#agreeing-heading")).into_response(),
        Err(err) => fail(&state, parts, "rule", err, Vec::new()).await,
    }
}

#[derive(Deserialize)]
pub struct SuggestForm {
    #[serde(default)]
    revision_id: String,
    #[serde(default)]
    passage: String,
    #[serde(default)]
    words: String,
    #[serde(default)]
    proposed: String,
    #[serde(default)]
    reason: String,
}

/// A member suggests new words for a passage.
pub async fn suggest(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<SuggestForm>) -> Response {
    let values = kept(&[
        ("revision_id", &form.revision_id),
        ("passage", &form.passage),
        ("words", &form.words),
        ("proposed", &form.proposed),
        ("reason", &form.reason),
    ]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "suggest", DomainError::Forbidden("Please sign in to suggest a change. What you wrote is still below.".into()), values).await;
    };
    let result = async {
        let id = document_id(&id)?;
        let revision = uuid::Uuid::try_parse(&form.revision_id)
            .map_err(|_| DomainError::invalid("passage", "This form is missing the version you read. Please reload the page and try again."))?;
        let passage = form.passage.trim().parse::<usize>().ok();
        suggestions::suggest(&state.app.db, &user, id, revision, passage, &form.words, &form.proposed, &form.reason).await
    }
    .await;
    match result {
        Ok(s) => Redirect::to(&format!("/documents/{}/suggestions?sent=1#suggestion-{}", s.document_id, s.id)).into_response(),
        Err(err) => fail(&state, parts, "suggest", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct SuggestionForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
}

/// Comment on, accept or decline a suggestion; answers on the document's suggestions page.
async fn on_suggestion(
    state: &AppState,
    id: &str,
    mut parts: Parts,
    form_name: String,
    values: Vec<(String, String)>,
    act: impl AsyncFnOnce(&CurrentUser, uuid::Uuid) -> Result<domain::documents::Suggestion, DomainError>,
) -> Response {
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let parsed = uuid::Uuid::try_parse(id).ok();
    // Problems are shown on the suggestions page of the suggestion's document.
    if let Some(found) = match parsed {
        Some(sid) => suggestions::get(&state.app.db, user.as_ref().map(|u| u.id), sid).await.ok(),
        None => None,
    } {
        parts.uri = format!("/documents/{}/suggestions", found.document_id).parse().unwrap_or_else(|_| "/".parse().expect("static"));
    }
    let result = async {
        let user = user.ok_or_else(|| DomainError::Forbidden("Please sign in to do this.".into()))?;
        let sid = parsed.ok_or_else(|| DomainError::NotFound("We could not find that suggestion.".into()))?;
        act(&user, sid).await
    }
    .await;
    match result {
        Ok(s) => Redirect::to(&format!("/documents/{}/suggestions#suggestion-{}", s.document_id, s.id)).into_response(),
        Err(err) => fail(state, parts, &form_name, err, values).await,
    }
}

pub async fn comment_on_suggestion(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<SuggestionForm>) -> Response {
    let values = kept(&[("body", &form.body)]);
    let db = state.app.db.clone();
    on_suggestion(&state, &id, parts, format!("comment-{id}"), values, async |user, sid| suggestions::comment(&db, user, sid, &form.body).await).await
}

pub async fn accept_suggestion(State(state): State<AppState>, Path(id): Path<String>, parts: Parts) -> Response {
    let db = state.app.db.clone();
    let live = state.live.clone();
    on_suggestion(&state, &id, parts, "suggestion".into(), Vec::new(), async |user, sid| {
        let accepted = suggestions::accept(&db, user, sid).await?;
        live.catch_up(accepted.document_id).await;
        Ok(accepted)
    })
    .await
}

pub async fn decline_suggestion(State(state): State<AppState>, Path(id): Path<String>, parts: Parts, Form(form): Form<SuggestionForm>) -> Response {
    let values = kept(&[("reason", &form.reason)]);
    let db = state.app.db.clone();
    on_suggestion(&state, &id, parts, format!("decline-{id}"), values, async |user, sid| suggestions::decline(&db, user, sid, &form.reason).await).await
}

/// Far more fields than any board's vision statements need (two per statement, and the version).
const MAX_VISION_FIELDS: usize = 201;

/// Someone rates the document against the vision statements. Fields come as
/// `rating-{statement id}` and `comment-{statement id}`.
pub async fn rate_vision(State(state): State<AppState>, Path(id): Path<String>, mut parts: Parts, Form(form): Form<Vec<(String, String)>>) -> Response {
    on_document_page(&mut parts, &id);
    let values: Vec<(String, String)> = form.clone();
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "vision", DomainError::Forbidden("Please sign in to do this. What you wrote is still below.".into()), values).await;
    };
    let result = async {
        let id = document_id(&id)?;
        // A board has a handful of vision statements; a form with hundreds of fields is not one
        // of ours, and is refused before any work is done on it.
        if form.len() > MAX_VISION_FIELDS {
            return Err(DomainError::invalid("rating", "This form has more answers than there are vision statements. Please reload the page and try again."));
        }
        // Each field looked up once, whatever the number of fields; the first of a repeated name wins.
        let mut fields: std::collections::HashMap<&str, &str> = std::collections::HashMap::with_capacity(form.len());
        for (k, v) in &form {
            fields.entry(k.as_str()).or_insert(v.as_str());
        }
        let field = |name: &str| fields.get(name).copied().unwrap_or("");
        let revision = uuid::Uuid::try_parse(field("revision_id"))
            .map_err(|_| DomainError::invalid("rating", "This form is missing the version you read. Please reload the page and try again."))?;
        // In the page's order, each statement once.
        let mut seen = std::collections::HashSet::new();
        let statements: Vec<uuid::Uuid> =
            form.iter().filter_map(|(k, _)| k.strip_prefix("comment-")).filter_map(|s| uuid::Uuid::try_parse(s).ok()).filter(|s| seen.insert(*s)).collect();
        let ratings: Vec<vision::Rating> = statements
            .iter()
            .map(|s| vision::Rating {
                statement_id: *s,
                rating: domain::documents::VisionRating::parse(field(&format!("rating-{s}"))),
                comment: field(&format!("comment-{s}")),
            })
            .collect();
        vision::rate(&state.app.db, &user, id, revision, &ratings).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}?vision=saved#vision-heading")).into_response(),
        Err(err) => fail(&state, parts, "vision", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct EasyReadForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    image_url: String,
    #[serde(default)]
    image_alt: String,
}

/// Writes the easy-read version of one part of a document.
pub async fn write_easy_read(State(state): State<AppState>, Path((id, key)): Path<(String, String)>, parts: Parts, Form(form): Form<EasyReadForm>) -> Response {
    let values = kept(&[("body", &form.body), ("image_url", &form.image_url), ("image_alt", &form.image_alt)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "easy", DomainError::Forbidden("Please sign in to do this. What you wrote is still below.".into()), values).await;
    };
    let result = async {
        let id = document_id(&id)?;
        easy_read::write_part(&state.app.db, &user, id, &key, &form.body, Some(&form.image_url), Some(&form.image_alt)).await?;
        Ok::<_, DomainError>(id)
    }
    .await;
    match result {
        Ok(id) => Redirect::to(&format!("/documents/{id}/easy-read#part-{key}")).into_response(),
        Err(err) => fail(&state, parts, "easy", err, values).await,
    }
}
