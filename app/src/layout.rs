//! The accessible frame around every page: skip link, header with navigation, one `<main>`,
//! footer. Every page puts exactly one `<h1>` inside `<main>`.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::A;

/// The signed-in person's unread notifications, as the server counted them for this request.
fn unread() -> u64 {
    #[cfg(feature = "ssr")]
    {
        use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<domain::conversations::Unread>().copied()).map_or(0, |u| u.0)
    }
    #[cfg(not(feature = "ssr"))]
    {
        0
    }
}

#[component]
pub fn Page(children: Children) -> impl IntoView {
    let here = leptos_router::hooks::use_location().pathname.get_untracked();
    let ask = format!("/glossary/ask?from={}", here.replace('&', "%26").replace('?', "%3F").replace('#', "%23"));
    view! {
        <Link rel="alternate" type_="application/atom+xml" href="/feed.atom" title="Everything the board publishes"/>
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            <div class="wrap header-inner">
                <a class="brand" href="/">
                    <span class="brand-name">"Coboard"</span>
                    <span class="brand-tagline">"Working together on direct payments"</span>
                </a>
                <nav aria-label="Main">
                    <ul class="nav-list">
                        <li><A href="/" exact=true>"Home"</A></li>
                        <li><A href="/vision">"Our vision"</A></li>
                        <li><A href="/groups">"Groups"</A></li>
                        <li><A href="/published">"Published"</A></li>
                        <li><A href="/you-said-we-did">"You Said We Did"</A></li>
                        <li><A href="/outcomes">"Outcomes"</A></li>
                        <li><A href="/search">"Search"</A></li>
                        <li><A href="/preferences">"Text and colours"</A></li>
                        {match crate::people::viewer() {
                            Some(user) => view! {
                                {user.supporter.is_some().then(|| view! { <li class="acting">{user.attribution()}</li> })}
                                <li><A href="/meetings">"Meetings"</A></li>
                                <li><A href="/notifications">{match unread() { 0 => "Notifications".to_owned(), n => format!("Notifications ({n} new)") }}</A></li>
                                <li><A href="/account">"Your account"<span class="visually-hidden">{format!(" ({})", user.attribution())}</span></A></li>
                                <li>
                                    <form method="post" action="/sign-out" class="inline-form">
                                        <button type="submit" class="nav-button">"Sign out"</button>
                                    </form>
                                </li>
                            }.into_any(),
                            None => view! { <li><A href="/sign-in">"Sign in"</A></li> }.into_any(),
                        }}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="main" tabindex="-1" class="wrap">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Coboard is run together by people who use direct payments, family carers and council staff. "
                    "Every page works with a keyboard, a screen reader, and with JavaScript turned off."
                </p>
                <ul class="footer-links">
                    <li><a href=ask>"I don't understand a word here"</a></li>
                    <li><a href="/glossary">"Words explained"</a></li>
                    <li><a href="/api/v1/openapi.json">"Data for other systems (JSON API)"</a></li>
                </ul>
            </div>
        </footer>
    }
}

/// A public page's description (one or two plain sentences) and its one address for sharing and
/// search engines: `path` when given (a filtered list keeps its filter), otherwise the page's
/// path without any query. Every public page gives one.
#[component]
pub fn Describe(#[prop(into)] text: String, #[prop(optional, into)] path: Option<String>) -> impl IntoView {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect();
    let path = path.unwrap_or_else(|| leptos_router::hooks::use_location().pathname.get_untracked());
    #[cfg(feature = "ssr")]
    let canonical = format!("{}{path}", crate::state::site_url());
    #[cfg(not(feature = "ssr"))]
    let canonical = path;
    view! {
        <Meta name="description" content=text.clone()/>
        <Meta property="og:description" content=text/>
        <Link rel="canonical" href=canonical/>
    }
}

/// Markdown as a description: its words without the marks.
pub fn unmarked(markdown: &str) -> String {
    markdown.chars().filter(|c| !matches!(c, '#' | '*' | '_' | '[' | ']' | '`' | '>')).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A plain message box for something that went wrong, announced to screen readers.
#[component]
pub fn Problem(#[prop(into)] title: String, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <div class="notice notice-problem" role="alert">
            <h2>{title}</h2>
            <p>{message}</p>
        </div>
    }
}

/// Shown for any address Coboard does not know, with a 404 status.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::state::set_status(404);
    view! { <NotFoundBody/> }
}

/// The words of the 404 page, also used when a group's address no longer exists.
#[component]
pub fn NotFoundBody() -> impl IntoView {
    view! {
        <Title text="Page not found"/>
        <h1>"We could not find that page"</h1>
        <p>"The address may have a typing mistake in it, or the page may have moved."</p>
        <ul>
            <li><a href="/">"Go to the home page"</a></li>
            <li><a href="/groups">"See all task-and-finish groups"</a></li>
        </ul>
    }
}

/// The one way a page says it could not be shown, with the right status code: not found (404),
/// not allowed (403, with a way to sign in for someone signed out), or a fault on our side.
pub fn failed(err: crate::AppError) -> AnyView {
    use crate::AppError;
    match err {
        AppError::NotFound(_) => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(404);
            view! { <NotFoundBody/> }.into_any()
        }
        AppError::Forbidden(message) => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(403);
            if crate::people::viewer().is_none() {
                view! {
                    <Title text="Please sign in"/>
                    <h1>"Please sign in"</h1>
                    <p>{message}</p>
                    <p><a href="/sign-in">"Go to the sign-in page"</a></p>
                }
                .into_any()
            } else {
                view! {
                    <Title text="Not allowed"/>
                    <h1>"You cannot do this here"</h1>
                    <p>{message}</p>
                    <p><a href="/">"Go to the home page"</a></p>
                }
                .into_any()
            }
        }
        other => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(match other {
                AppError::Internal => 500,
                AppError::Unavailable(_) => 503,
                _ => 400,
            });
            view! {
                <Title text="Something went wrong"/>
                <h1>"Sorry, this page did not load"</h1>
                <Problem title="What happened" message=other.to_string()/>
                <p><a href="">"Try loading the page again"</a></p>
            }
            .into_any()
        }
    }
}

/// Page `asked` (from `?page=`, counted from 1) of `items`, `per_page` to a page: that page's
/// items, which page it is, and how many pages there are (at least one). A page past the end (an
/// old link, a typed number) is the last page, and anything that is not a number the first.
pub fn page_of<T>(items: Vec<T>, asked: Option<String>, per_page: usize) -> (Vec<T>, usize, usize) {
    let pages = items.len().div_ceil(per_page).max(1);
    let page = asked.and_then(|p| p.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, pages);
    (items.into_iter().skip((page - 1) * per_page).take(per_page).collect(), page, pages)
}

/// Links to the pages of a long list: newer and older, then every page by number (a few around
/// this one and the ends), so a keyboard or switch user jumps without paging one at a time.
pub fn pager(at: usize, pages: usize, link: impl Fn(usize) -> String) -> impl IntoView {
    let mut shown: Vec<usize> = [1, at.saturating_sub(2), at.saturating_sub(1), at, at + 1, at + 2, pages].into_iter().filter(|n| (1..=pages).contains(n)).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut numbered = Vec::new();
    let mut last = 0;
    for n in shown {
        if n > last + 1 {
            numbered.push(view! { <li aria-hidden="true">"…"</li> }.into_any());
        }
        numbered.push(if n == at {
            view! { <li><a href=link(n) aria-current="page"><strong>{n}</strong><span class="visually-hidden">" (showing now)"</span></a></li> }.into_any()
        } else {
            view! { <li><a href=link(n)><span class="visually-hidden">"Page "</span>{n}</a></li> }.into_any()
        });
        last = n;
    }
    view! {
        <nav aria-label="Pages" class="pager">
            <ul class="filter-list">
                {(at > 1).then(|| view! { <li><a href=link(at - 1) rel="prev">"Newer"<span class="visually-hidden">{format!(" (page {})", at - 1)}</span></a></li> })}
                {numbered}
                {(at < pages).then(|| view! { <li><a href=link(at + 1) rel="next">"Older"<span class="visually-hidden">{format!(" (page {})", at + 1)}</span></a></li> })}
            </ul>
        </nav>
    }
}
