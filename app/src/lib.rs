//! Coboard's pages, components and server functions.
//!
//! Pages are rendered on the server and work with JavaScript turned off; the browser build
//! hydrates only islands (small interactive parts), which keeps the first visit light for people
//! on old phones and slow connections.

#![recursion_limit = "256"]

pub mod error;
pub mod layout;
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
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
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

/// Every route. Each one renders fully on the server before anything is sent (`SsrMode::Async`),
/// so the page reads correctly without JavaScript and the status code (404 and so on) is right.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| if page.is_empty() { "Coboard".to_owned() } else { format!("{page} – Coboard") }/>
        <Router>
            <layout::Page>
                <Routes fallback=layout::NotFound>
                    <Route path=path!("/") view=spaces::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/vision") view=spaces::VisionPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups") view=spaces::GroupsPage ssr=SsrMode::Async/>
                    <Route path=path!("/groups/:slug") view=spaces::GroupPage ssr=SsrMode::Async/>
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
