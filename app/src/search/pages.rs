//! `/search?q=`: the search box and its results.

use domain::search::{Found, Piece};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server::search_page;
use crate::layout::failed;

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(move || (q(), query.read().get("cursor")), |(q, cursor)| async move {
        if q.trim().is_empty() { Ok(None) } else { search_page(q, cursor).await.map(Some) }
    });
    view! {
        <Suspense fallback=|| view! { <p>"Searching…"</p> }>
            {move || Suspend::new(async move {
                let asked = query.read_untracked().get("q").unwrap_or_default();
                let title = if asked.trim().is_empty() { "Search".to_owned() } else { format!("Search results for \u{201c}{}\u{201d}", asked.trim()) };
                match results.await {
                    Ok(found) => view! {
                        <Title text=title.clone()/>
                        <crate::layout::Describe text="Search the board's published policies, paperwork, minutes, You Said We Did and explained words." path="/search"/>
                        <h1>{title}</h1>
                        <form method="get" action="/search" role="search" class="search-form">
                            <label for="q">"Words to look for"</label>
                            <p class="hint" id="q-hint">"We find pages that hold every word you give. Signed in, you also find the work of your groups."</p>
                            <input id="q" name="q" type="search" value=asked.clone() aria-describedby="q-hint" maxlength="200" autocomplete="off"/>
                            <button type="submit">"Search"</button>
                        </form>
                        {found.map(|r| results_view(r, asked.clone()))}
                    }
                    .into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn results_view(r: domain::search::Results, asked: String) -> impl IntoView {
    if r.words.is_empty() {
        return view! { <p role="status">"Please type a word to look for: letters or numbers."</p> }.into_any();
    }
    if r.items.is_empty() {
        let msg = if r.offset == 0 {
            "Nothing was found with all of those words. Try fewer words, or another word for the same thing.".to_owned()
        } else {
            "There are no more results.".to_owned()
        };
        return view! { <p role="status">{msg}</p> }.into_any();
    }
    let (first, last) = (r.offset + 1, r.offset + r.items.len() as u64);
    view! {
        <h2 id="results-heading" role="status">{if r.offset == 0 && r.next_cursor.is_none() {
            format!("{} {} found", r.items.len(), if r.items.len() == 1 { "result" } else { "results" })
        } else {
            format!("Results {first} to {last}")
        }}</h2>
        <ol class="search-results" start=first.to_string() aria-labelledby="results-heading">
            {r.items.into_iter().map(found_view).collect_view()}
        </ol>
        {r.next_cursor.map(|cursor| view! {
            <form method="get" action="/search" class="inline-form">
                <input type="hidden" name="q" value=asked/>
                <input type="hidden" name="cursor" value=cursor/>
                <button type="submit">"More results"</button>
            </form>
        })}
    }
    .into_any()
}

fn found_view(f: Found) -> impl IntoView {
    let reach = if f.public { "Published".to_owned() } else { format!("For the people of {}", f.place.clone().unwrap_or_else(|| "its group".into())) };
    let meta = [Some(f.kind.label().to_owned()), f.place.clone().filter(|_| f.public), Some(reach)].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    view! {
        <li class="search-result">
            <h3><a href=f.url>{f.title}</a></h3>
            <p class="found-meta">{meta}</p>
            <p class="excerpt">{f.excerpt.into_iter().map(piece).collect_view()}</p>
        </li>
    }
}

/// A found word is a `<mark>` (shown in bold and underlined, not by colour alone) and tells a
/// screen reader it was found.
fn piece(p: Piece) -> AnyView {
    if p.found {
        view! { <mark><span class="visually-hidden">"found: "</span>{p.text}</mark> }.into_any()
    } else {
        p.text.into_any()
    }
}
