//! People: signing in and out, first-run set-up, invitations, your account and the audit log.
//!
//! Forms post to plain HTTP handlers in the server crate (they work with JavaScript off); when
//! something is wrong the handler renders the same page again with a `FormFeedback` in context,
//! so the person sees what to fix and keeps everything they typed (except passwords).

pub mod forms;
mod pages;
mod server;

pub use forms::FormFeedback;
pub use pages::{role_name, AccountPage, MembersPage, PersonPage, PreferencesPage, AuditPage, CheckEmailPage, InvitationPage, InvitePage, SetupPage, SignInLinkPage, SignInPage};

use domain::people::CurrentUser;

/// The signed-in person, if any. The server's session middleware puts them on the request.
pub fn viewer() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<axum::http::request::Parts>().and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The display preferences for this request (the signed-in person's, or a visitor's cookie).
pub fn preferences() -> domain::people::Preferences {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<domain::people::Preferences>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        domain::people::Preferences::default()
    }
}

/// The stored hash of the session the request came with (to mark "this device" in the list).
#[derive(Debug, Clone)]
pub struct SessionHash(pub String);
