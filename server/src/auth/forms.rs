//! The handlers behind the people forms. Each is thin: read the form, call a service, then
//! either redirect (303) on success or show the same page again with what went wrong and what
//! was typed (never the password).

use app::people::FormFeedback;
use axum::{
    Form,
    body::Body,
    extract::{Path, Request, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use domain::DomainError;
use domain::accounts::{self, AcceptDetails, NewAccount};
use domain::people::{CurrentUser, Perspective, Role};
use domain::spaces::{SpaceKind, service as spaces};
use serde::Deserialize;

use super::{SessionToken, clear_session_cookie, client_ip, session_cookie};
use crate::AppState;

/// Renders the page at the request's address again, with `feedback` for its form.
pub async fn show_again(state: &AppState, parts: Parts, feedback: FormFeedback, status: StatusCode) -> Response {
    let page_state = state.app.clone();
    let options = state.app.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            leptos::prelude::provide_context(page_state.clone());
            leptos::prelude::provide_context(feedback.clone());
        },
        move || app::shell(options.clone()),
    );
    let mut response = render(Request::from_parts(parts, Body::empty())).await;
    *response.status_mut() = status;
    response
}

/// The status and feedback for a service error on `form`.
fn problem(form: &str, err: DomainError, values: Vec<(String, String)>) -> (StatusCode, FormFeedback) {
    let status = match &err {
        DomainError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::TooManyAttempts(_) => StatusCode::TOO_MANY_REQUESTS,
        DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
        DomainError::NotFound(_) => StatusCode::NOT_FOUND,
        DomainError::Conflict(_) => StatusCode::CONFLICT,
        DomainError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        DomainError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
    };
    let field = match &err {
        DomainError::Invalid { field, .. } => Some(field.clone()),
        _ => None,
    };
    (status, FormFeedback::problem(form, field, err.to_string(), values))
}

/// Shows the page again with the problem and what was typed.
pub(crate) async fn fail(state: &AppState, parts: Parts, form: &str, err: DomainError, values: Vec<(String, String)>) -> Response {
    let (status, feedback) = problem(form, err, values);
    show_again(state, parts, feedback, status).await
}

/// Starts a session for someone who has just proved who they are, ending any session the
/// browser held before (a fresh id at every sign-in), and sends them on.
async fn signed_in(state: &AppState, parts: &Parts, user_id: uuid::Uuid, to: &str) -> Result<Response, DomainError> {
    if let (Some(SessionToken(old)), Some(user)) = (parts.extensions.get::<SessionToken>(), parts.extensions.get::<CurrentUser>()) {
        accounts::end_session(&state.app.db, old, user.into()).await?;
    }
    let user_agent = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let token = accounts::start_session(&state.app.db, user_id, user_agent).await?;
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().insert(header::SET_COOKIE, session_cookie(&token, state.secure_cookies));
    Ok(response)
}

/// What to put back in the form.
pub(crate) fn kept(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// Where to go once signed in (an invitation waiting to be accepted).
    #[serde(default)]
    next: String,
}

/// `next` when it is a path on this site, so the sign-in form cannot be used to send people
/// to another website.
fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') && !next.chars().any(char::is_control);
    ok.then_some(next)
}

pub async fn sign_in(State(state): State<AppState>, parts: Parts, Form(form): Form<SignInForm>) -> Response {
    let ip = client_ip(&parts.extensions);
    let to = local_path(&form.next).unwrap_or("/");
    match accounts::sign_in_with_password(&state.app.db, &form.email, &form.password, &ip).await {
        Ok(user) => match signed_in(&state, &parts, user.id, to).await {
            Ok(response) => response,
            Err(err) => fail(&state, parts, "sign-in", err, kept(&[("email", &form.email)])).await,
        },
        Err(err) => fail(&state, parts, "sign-in", err, kept(&[("email", &form.email)])).await,
    }
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn request_link(State(state): State<AppState>, mut parts: Parts, Form(form): Form<EmailForm>) -> Response {
    let ip = client_ip(&parts.extensions);
    // Problems are shown on the sign-in page, where this form lives.
    parts.uri = "/sign-in".parse().expect("static");
    let values = kept(&[("email", &form.email)]);
    match accounts::request_sign_in_link(&state.app.db, &form.email, &ip).await {
        // The same answer whether or not the address has an account: saying "we could not
        // send it" only to addresses with one would tell anyone which have one. Whether mail
        // is late is the same for everyone (a waiting email has failed a try), so the page may
        // say that honestly.
        Ok(found) => {
            if let Some((_, mail)) = found {
                state.mailer.settle(&state.app.db, mail).await;
            }
            let late = domain::mail::outbox::delayed(&state.app.db).await.unwrap_or(false);
            Redirect::to(if late { "/sign-in/check-email?late=1" } else { "/sign-in/check-email" }).into_response()
        }
        Err(err) => fail(&state, parts, "link", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}

pub async fn use_link(State(state): State<AppState>, Path(path_token): Path<String>, parts: Parts, Form(form): Form<TokenForm>) -> Response {
    let token = if form.token.is_empty() { path_token } else { form.token };
    let ip = client_ip(&parts.extensions);
    match accounts::use_sign_in_link(&state.app.db, &token, &ip).await {
        Ok(user) => match signed_in(&state, &parts, user.id, "/").await {
            Ok(response) => response,
            Err(err) => fail(&state, parts, "confirm", err, Vec::new()).await,
        },
        Err(err) => fail(&state, parts, "confirm", err, Vec::new()).await,
    }
}

pub async fn sign_out(State(state): State<AppState>, mut parts: Parts) -> Response {
    parts.uri = "/account".parse().expect("static");
    if let (Some(SessionToken(token)), Some(user)) = (parts.extensions.get::<SessionToken>(), parts.extensions.get::<CurrentUser>()) {
        if let Err(err) = accounts::end_session(&state.app.db, token, user.into()).await {
            return fail(&state, parts, "sessions", err, Vec::new()).await;
        }
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(header::SET_COOKIE, clear_session_cookie(state.secure_cookies));
    response
}

pub async fn sign_out_everywhere(State(state): State<AppState>, mut parts: Parts) -> Response {
    parts.uri = "/account".parse().expect("static");
    if let Some(user) = parts.extensions.get::<CurrentUser>() {
        if let Err(err) = not_while_supporting(user) {
            return fail(&state, parts, "sessions", err, Vec::new()).await;
        }
        if let Err(err) = accounts::end_all_sessions(&state.app.db, user.id).await {
            return fail(&state, parts, "sessions", err, Vec::new()).await;
        }
    }
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(header::SET_COOKIE, clear_session_cookie(state.secure_cookies));
    response
}

#[derive(Deserialize)]
pub struct EndSessionForm {
    #[serde(default)]
    session: String,
}

pub async fn end_session(State(state): State<AppState>, parts: Parts, Form(form): Form<EndSessionForm>) -> Response {
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    if let Err(err) = not_while_supporting(&user) {
        let mut parts = parts;
        parts.uri = "/account".parse().expect("static");
        return fail(&state, parts, "sessions", err, Vec::new()).await;
    }
    let current = parts.extensions.get::<app::people::SessionHash>().is_some_and(|h| h.0.starts_with(&form.session));
    match accounts::end_session_by_id(&state.app.db, user.id, &form.session).await {
        Ok(()) if current => {
            let mut response = Redirect::to("/").into_response();
            response.headers_mut().insert(header::SET_COOKIE, clear_session_cookie(state.secure_cookies));
            response
        }
        Ok(()) => Redirect::to("/account").into_response(),
        Err(err) => {
            let mut parts = parts;
            parts.uri = "/account".parse().expect("static");
            fail(&state, parts, "sessions", err, Vec::new()).await
        }
    }
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    pronouns: String,
    #[serde(default)]
    perspective: String,
    #[serde(default)]
    access_needs: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    board_name: String,
    #[serde(default)]
    board_purpose: String,
    #[serde(default)]
    token: String,
}

impl AccountForm {
    fn kept(&self) -> Vec<(String, String)> {
        kept(&[
            ("display_name", &self.display_name),
            ("email", &self.email),
            ("pronouns", &self.pronouns),
            ("perspective", &self.perspective),
            ("access_needs", &self.access_needs),
            ("board_name", &self.board_name),
            ("board_purpose", &self.board_purpose),
        ])
    }

    fn optional(value: &str) -> Option<String> {
        Some(value.trim().to_owned()).filter(|v| !v.is_empty())
    }

    fn new_account(&self) -> NewAccount {
        NewAccount {
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            pronouns: Self::optional(&self.pronouns),
            perspective: Perspective::parse(&self.perspective),
            access_needs: Self::optional(&self.access_needs),
            // An empty password box means "sign me in by emailed link".
            password: Some(self.password.clone()).filter(|p| !p.is_empty()),
        }
    }
}

/// The first account on a fresh install; it becomes a co-chair of the board.
pub async fn setup(State(state): State<AppState>, parts: Parts, Form(form): Form<AccountForm>) -> Response {
    let db = &state.app.db;
    let values = form.kept();
    let result: Result<uuid::Uuid, DomainError> = async {
        if accounts::account_count(db).await? > 0 {
            return Err(DomainError::Conflict("Coboard is already set up. Please sign in, or ask a co-chair to invite you.".into()));
        }
        let new = form.new_account();
        accounts::check_new_account(&new)?;
        if spaces::home_board(db).await?.is_none() {
            let purpose = if form.board_purpose.trim().is_empty() {
                domain::spaces::DEFAULT_BOARD_PURPOSE
            } else {
                form.board_purpose.as_str()
            };
            spaces::create_board(db, spaces::NewBoard { name: &form.board_name, purpose })
                .await
                .map_err(|e| match e {
                    DomainError::Invalid { message, .. } => DomainError::invalid("board_name", message),
                    other => other,
                })?;
        }
        let (person, _first) = accounts::create_account(db, new).await?;
        Ok(person.id)
    }
    .await;
    match result {
        Ok(person_id) => match signed_in(&state, &parts, person_id, "/").await {
            Ok(response) => response,
            Err(err) => fail(&state, parts, "setup", err, values).await,
        },
        Err(err) => fail(&state, parts, "setup", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

pub async fn invite(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<InviteForm>) -> Response {
    let values = kept(&[("email", &form.email), ("role", &form.role)]);
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return fail(&state, parts, "invite", DomainError::Forbidden("Please sign in to invite people.".into()), values).await;
    };
    let ip = client_ip(&parts.extensions);
    let result = async {
        let role = Role::parse(&form.role).ok_or_else(|| DomainError::invalid("role", "Please choose a role for them."))?;
        let space = spaces::space_by_slug(&state.app.db, &slug).await?.space;
        let (mail, view) = accounts::invite(&state.app.db, &user, space.id, &form.email, role, Some(&ip)).await?;
        Ok::<_, DomainError>((view.email, state.mailer.settle(&state.app.db, mail).await))
    }
    .await;
    match result {
        Ok((email, delivery)) => {
            let feedback = FormFeedback::success("invite", crate::mail::invitation_words(&email, delivery));
            show_again(&state, parts, feedback, StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "invite", err, values).await,
    }
}

pub async fn accept(State(state): State<AppState>, Path(path_token): Path<String>, parts: Parts, Form(form): Form<AccountForm>) -> Response {
    let token = if form.token.is_empty() { path_token } else { form.token.clone() };
    let values = form.kept();
    let ip = client_ip(&parts.extensions);
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let result = async {
        let view = accounts::invitation_by_token(&state.app.db, &token).await?;
        if view.has_account && user.is_none() {
            // Sign in first, then come back here to accept.
            return Ok((None, format!("/sign-in?next=/invitations/{}", token.trim())));
        }
        let new = form.new_account();
        let details = AcceptDetails {
            display_name: new.display_name,
            pronouns: new.pronouns,
            perspective: new.perspective,
            access_needs: new.access_needs,
            password: new.password,
        };
        let (person, created) = accounts::accept_invitation(&state.app.db, &token, details, user.as_ref(), Some(&ip)).await?;
        let to = match view.space_kind {
            SpaceKind::Board => "/".to_owned(),
            SpaceKind::Group => format!("/groups/{}", view.space_slug),
        };
        // Someone who already had an account is signed in already; a new account needs a session.
        Ok::<_, DomainError>((created.then_some(person), to))
    }
    .await;
    match result {
        Ok((Some(person), to)) => match signed_in(&state, &parts, person, &to).await {
            Ok(response) => response,
            Err(err) => fail(&state, parts, "accept", err, values).await,
        },
        Ok((None, to)) => Redirect::to(&to).into_response(),
        Err(err) => fail(&state, parts, "accept", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    text_size: String,
    #[serde(default)]
    high_contrast: Option<String>,
    #[serde(default)]
    reduced_motion: Option<String>,
    #[serde(default)]
    easy_read: Option<String>,
    #[serde(default)]
    email_frequency: String,
}

/// Saves display preferences: with the account when signed in, otherwise in a cookie.
pub async fn save_preferences(State(state): State<AppState>, parts: Parts, Form(form): Form<PreferencesForm>) -> Response {
    use domain::people::{EmailFrequency, Preferences, TextSize};
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let current = parts.extensions.get::<Preferences>().copied().unwrap_or_default();
    let prefs = Preferences {
        text_size: TextSize::parse(&form.text_size).unwrap_or(TextSize::Standard),
        high_contrast: form.high_contrast.is_some(),
        reduced_motion: form.reduced_motion.is_some(),
        easy_read: form.easy_read.is_some(),
        email_frequency: EmailFrequency::parse(&form.email_frequency).unwrap_or(current.email_frequency),
    };
    let mut parts = parts;
    // The page shows itself with the new choices at once.
    parts.extensions.insert(prefs);
    let mut cookie = None;
    match &user {
        Some(user) => {
            if let Err(err) = domain::people::service::save_preferences(&state.app.db, user.id, prefs).await {
                return fail(&state, parts, "preferences", err, Vec::new()).await;
            }
        }
        None => {
            let secure = if state.secure_cookies { "; Secure" } else { "" };
            cookie = Some(format!(
                "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}",
                super::PREFERENCES_COOKIE,
                prefs.to_cookie()
            ));
        }
    }
    let mut response = show_again(&state, parts, FormFeedback::success("preferences", "Your choices are saved."), StatusCode::OK).await;
    if let Some(cookie) = cookie.and_then(|c| axum::http::HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

#[derive(Deserialize)]
pub struct NewTokenForm {
    #[serde(default)]
    name: String,
}

/// Makes a personal access token and shows it once, on the account page.
pub async fn create_token(State(state): State<AppState>, mut parts: Parts, Form(form): Form<NewTokenForm>) -> Response {
    parts.uri = "/account".parse().expect("static");
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    if let Err(err) = not_while_supporting(&user) {
        return fail(&state, parts, "tokens", err, Vec::new()).await;
    }
    match accounts::create_api_token(&state.app.db, user.id, &form.name).await {
        Ok((token, info)) => {
            let message = format!("Your new token \"{}\" is: {token} . Copy it now: we will not show it again.", info.name);
            show_again(&state, parts, FormFeedback::success("tokens", message), StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "tokens", err, kept(&[("name", &form.name)])).await,
    }
}

#[derive(Deserialize)]
pub struct RevokeTokenForm {
    #[serde(default)]
    token_id: String,
}

pub async fn revoke_token(State(state): State<AppState>, mut parts: Parts, Form(form): Form<RevokeTokenForm>) -> Response {
    parts.uri = "/account".parse().expect("static");
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    if let Err(err) = not_while_supporting(&user) {
        return fail(&state, parts, "tokens", err, Vec::new()).await;
    }
    let result = match uuid::Uuid::try_parse(&form.token_id) {
        Ok(id) => accounts::revoke_api_token(&state.app.db, user.id, id).await,
        Err(_) => Err(DomainError::NotFound("That token has already been revoked.".into())),
    };
    match result {
        Ok(()) => show_again(&state, parts, FormFeedback::success("tokens", "The token is revoked. Anything using it will stop working."), StatusCode::OK).await,
        Err(err) => fail(&state, parts, "tokens", err, Vec::new()).await,
    }
}

/// While a supporter acts for someone, the keys to that person's account stay theirs alone.
fn not_while_supporting(user: &CurrentUser) -> Result<(), DomainError> {
    match &user.supporter {
        Some(s) => Err(DomainError::Forbidden(format!(
            "While supporting {}, you cannot change their sign-in, tokens or supporters. {} can do this themselves.",
            user.display_name, user.display_name
        )))
        .inspect_err(|_| tracing::info!(supporter = %s.id, "refused an account change while supporting")),
        None => Ok(()),
    }
}

#[derive(Deserialize)]
pub struct NameSupporterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    consent: Option<String>,
}

pub async fn name_supporter(State(state): State<AppState>, mut parts: Parts, Form(form): Form<NameSupporterForm>) -> Response {
    parts.uri = "/account".parse().expect("static");
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    let values = kept(&[("email", &form.email)]);
    let result = async {
        not_while_supporting(&user)?;
        if form.consent.is_none() {
            return Err(DomainError::invalid("consent", "Please tick the box to agree that this person can act for you."));
        }
        accounts::name_supporter(&state.app.db, user.id, &form.email).await
    }
    .await;
    match result {
        // One answer whether or not the email has an account, so this form cannot be used to
        // find out who has one.
        Ok(()) => {
            let message = format!(
                "Thank you. If {} has a Coboard account, they can now act for you, and they are listed here. \
                 If they are not listed, they have no account yet: ask a co-chair to invite them, then name them again. \
                 You can stop this here at any time.",
                form.email.trim()
            );
            show_again(&state, parts, FormFeedback::success("supporters", message), StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, "supporters", err, values).await,
    }
}

#[derive(Deserialize)]
pub struct PersonIdForm {
    #[serde(default)]
    supporter_id: String,
    #[serde(default)]
    member_id: String,
}

pub async fn revoke_supporter(State(state): State<AppState>, mut parts: Parts, Form(form): Form<PersonIdForm>) -> Response {
    parts.uri = "/account".parse().expect("static");
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = async {
        not_while_supporting(&user)?;
        let id = uuid::Uuid::try_parse(&form.supporter_id).map_err(|_| DomainError::NotFound("That person is no longer your supporter.".into()))?;
        accounts::revoke_supporter(&state.app.db, user.id, id).await
    }
    .await;
    match result {
        Ok(()) => show_again(&state, parts, FormFeedback::success("supporters", "Done. They can no longer act for you."), StatusCode::OK).await,
        Err(err) => fail(&state, parts, "supporters", err, Vec::new()).await,
    }
}

pub async fn start_supporting(State(state): State<AppState>, mut parts: Parts, Form(form): Form<PersonIdForm>) -> Response {
    parts.uri = "/account".parse().expect("static");
    let (Some(user), Some(hash)) = (parts.extensions.get::<CurrentUser>().cloned(), parts.extensions.get::<app::people::SessionHash>().cloned()) else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = async {
        not_while_supporting(&user)?;
        let member = uuid::Uuid::try_parse(&form.member_id).map_err(|_| DomainError::NotFound("We could not find that person.".into()))?;
        accounts::start_supporting(&state.app.db, &hash.0, user.id, member).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/").into_response(),
        Err(err) => fail(&state, parts, "supporters", err, Vec::new()).await,
    }
}

pub async fn stop_supporting(State(state): State<AppState>, mut parts: Parts) -> Response {
    parts.uri = "/account".parse().expect("static");
    let Some(hash) = parts.extensions.get::<app::people::SessionHash>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    match accounts::stop_supporting(&state.app.db, &hash.0).await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(err) => fail(&state, parts, "supporters", err, Vec::new()).await,
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    role: String,
}

pub async fn change_role(State(state): State<AppState>, Path(slug): Path<String>, parts: Parts, Form(form): Form<RoleForm>) -> Response {
    let Some(user) = parts.extensions.get::<CurrentUser>().cloned() else {
        return Redirect::to("/sign-in").into_response();
    };
    let result = async {
        let space = spaces::space_by_slug(&state.app.db, &slug).await?.space;
        let person = uuid::Uuid::try_parse(&form.person_id).map_err(|_| DomainError::NotFound("That person is not in this space any more.".into()))?;
        let role = match form.role.as_str() {
            "remove" => None,
            other => Some(Role::parse(other).ok_or_else(|| DomainError::invalid("role", "Please choose a role."))?),
        };
        accounts::change_role(&state.app.db, &user, space.id, person, role).await
    }
    .await;
    match result {
        Ok(()) => show_again(&state, parts, FormFeedback::success("members", "Done. The change is saved and recorded in the audit log."), StatusCode::OK).await,
        Err(err) => fail(&state, parts, "members", err, Vec::new()).await,
    }
}

#[derive(Deserialize)]
pub struct VisionForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    form: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

/// A co-chair rewords one vision statement.
pub async fn edit_vision(State(state): State<AppState>, parts: Parts, Form(form): Form<VisionForm>) -> Response {
    // The form name ties messages to the right statement on the page; only ours are accepted.
    let form_name = if form.form.starts_with("vision-") && form.form.len() < 20 { form.form.clone() } else { "vision".to_owned() };
    let values = kept(&[("title", &form.title), ("body", &form.body)]);
    let user = parts.extensions.get::<CurrentUser>().cloned();
    let result = async {
        let id = uuid::Uuid::try_parse(&form.id).map_err(|_| DomainError::NotFound("We could not find that vision statement.".into()))?;
        spaces::change_vision(&state.app.db, user.map(|u| u.id), id, &form.title, &form.body).await
    }
    .await;
    match result {
        Ok(saved) => {
            let message = format!("Saved \"{}\". It shows on every page that uses the vision from now on.", saved.title);
            show_again(&state, parts, FormFeedback::success(&form_name, message), StatusCode::OK).await
        }
        Err(err) => fail(&state, parts, &form_name, err, values).await,
    }
}
