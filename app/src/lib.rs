//! Coboard's pages, components and server functions.
//!
//! Pages are rendered on the server and work with JavaScript turned off; the browser build
//! hydrates only islands (small interactive parts), which keeps the first visit light for people
//! on old phones and slow connections.

#![recursion_limit = "256"]

pub mod conversations;
pub mod documents;
pub mod error;
pub mod feedback;
pub mod glossary;
pub mod layout;
pub mod mail;
pub mod meetings;
pub mod outcomes;
pub mod people;
pub mod search;
pub mod spaces;
#[cfg(feature = "ssr")]
pub mod state;
mod text;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The Content-Security-Policy is worked out from the finished page by the server (its page
    // cache module): it allows exactly the inline scripts the page keeps.
    let prefs = people::preferences();
    view! {
        <!DOCTYPE html>
        <html
            lang="en-GB"
            data-text-size=prefs.text_size.as_str()
            data-contrast=prefs.high_contrast.then_some("high")
            data-motion=prefs.reduced_motion.then_some("reduce")
            data-easy-read=prefs.easy_read.then_some("on")
        >
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" href="/pkg/coboard.css"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Marks the page being rendered as the same for every signed-out visitor (see
/// [`state::same_for_everyone`]); nothing in the browser build.
pub(crate) fn same_for_everyone() {
    #[cfg(feature = "ssr")]
    state::same_for_everyone();
}

/// Every route. Each one renders fully on the server before anything is sent (`SsrMode::Async`),
/// so the page reads correctly without JavaScript and the status code (404 and so on) is right.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        // leptos_meta writes the title as it is: escaped here, once, for every page's title.
        <Title formatter=|page: String| text::raw_text_escaped(&if page.is_empty() { "Coboard".to_owned() } else { format!("{page} – Coboard") })/>
        <Router>
            <layout::Page>
                <Routes fallback=layout::NotFound>
                    <Route path=path!("/") view=spaces::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/vision") view=spaces::VisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/vision/edit") view=spaces::VisionEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups") view=spaces::GroupsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/new") view=spaces::NewGroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug") view=spaces::GroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug/edit") view=spaces::GroupEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug/report") view=spaces::GroupReportPage ssr=SsrMode::Async/>
                    <Route path=path!("/board/edit") view=spaces::BoardEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in") view=people::SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/check-email") view=people::CheckEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/sign-in/link/:token") view=people::SignInLinkPage ssr=SsrMode::Async/>
                    <Route path=path!("/setup") view=people::SetupPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=people::AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/invitations/:token") view=people::InvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:slug") view=people::InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=people::AuditPage ssr=SsrMode::Async/>
                    <Route path=path!("/preferences") view=people::PreferencesPage ssr=SsrMode::Async/>
                    <Route path=path!("/outbox") view=mail::OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/email-settings/:key") view=mail::EmailSettingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view=people::PersonPage ssr=SsrMode::Async/>
                    <Route path=path!("/members/:slug") view=people::MembersPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/new/:slug") view=documents::NewDocumentPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id") view=documents::DocumentPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/edit") view=documents::EditDocumentPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/live") view=documents::LiveEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/history") view=documents::HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/compare") view=documents::ComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/published") view=documents::PublishedPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/published/easy-read") view=documents::PublishedEasyReadPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/published/versions/:number") view=documents::PublishedVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/suggest") view=documents::SuggestPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/easy-read") view=documents::EasyReadPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/easy-read/:key") view=documents::EasyReadEditPage ssr=SsrMode::Async/>
                    <Route path=path!("/documents/:id/suggestions") view=documents::SuggestionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/published") view=documents::PublishedListPage ssr=SsrMode::Async/>
                    <Route path=path!("/glossary") view=glossary::GlossaryPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=search::SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes") view=outcomes::OutcomesPage ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/new") view=outcomes::NewOutcomePage ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id") view=outcomes::OutcomePage ssr=SsrMode::Async/>
                    <Route path=path!("/outcomes/:id/edit") view=outcomes::EditOutcomePage ssr=SsrMode::Async/>
                    <Route path=path!("/threads/:id") view=conversations::ThreadPage ssr=SsrMode::Async/>
                    <Route path=path!("/discussions") view=conversations::DiscussionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug/discussions") view=conversations::DiscussionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=conversations::NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/glossary/ask") view=glossary::AskPage ssr=SsrMode::Async/>
                    <Route path=path!("/meetings") view=meetings::MeetingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug/meetings") view=meetings::MeetingsPage ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/new/:slug") view=meetings::PlanMeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id") view=meetings::MeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/meetings/:id/edit") view=meetings::EditMeetingPage ssr=SsrMode::Async/>
                    <Route path=path!("/actions") view=meetings::ActionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug/actions") view=meetings::ActionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/actions/:id") view=meetings::ActionPage ssr=SsrMode::Async/>
                    <Route path=path!("/you-said-we-did") view=feedback::YouSaidPage ssr=SsrMode::Async/>
                    <Route path=path!("/you-said-we-did/:id") view=feedback::FeedbackItemPage ssr=SsrMode::Async/>
                    <Route path=path!("/tell-us") view=feedback::TellUsPage ssr=SsrMode::Async/>
                    <Route path=path!("/tell-us/thank-you") view=feedback::ThanksPage ssr=SsrMode::Async/>
                    <Route path=path!("/feedback") view=feedback::ReviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/feedback/import") view=feedback::ImportPage ssr=SsrMode::Async/>
                    <Route path=path!("/feedback/overview") view=feedback::FeedbackOverviewPage ssr=SsrMode::Async/>
                    <Route path=path!("/did-it-help/:secret") view=feedback::DidItHelpPage ssr=SsrMode::Async/>
                </Routes>
            </layout::Page>
        </Router>
    }
}

/// Entry point of the WASM bundle: wakes up the islands, leaving the rest of the page as the
/// server sent it.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
