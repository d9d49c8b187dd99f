//! Document pages. Every form works without JavaScript.

use domain::documents::merge::Piece;
use domain::documents::DocumentKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{compare_revisions, document_history, document_page, documents_in_space};
use crate::AppError;
use crate::layout::{NotFoundBody, Problem};
use crate::people::forms::{Field, FormMessage, Radios, TextArea};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y at %H:%M UTC").to_string()
}

fn failed(err: AppError) -> AnyView {
    match err {
        AppError::NotFound(_) => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(404);
            view! { <NotFoundBody/> }.into_any()
        }
        AppError::Forbidden(message) => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(403);
            view! {
                <Title text="Not allowed"/>
                <h1>"You cannot do this here"</h1>
                <p>{message}</p>
            }
            .into_any()
        }
        other => view! {
            <Title text="Something went wrong"/>
            <h1>"Sorry, this page did not load"</h1>
            <Problem title="What happened" message=other.to_string()/>
        }
        .into_any(),
    }
}

/// The "Documents" section of a board or group page (only for people in the space).
#[component]
pub fn SpaceDocuments(#[prop(into)] slug: String) -> impl IntoView {
    let docs = Resource::new(move || slug.clone(), documents_in_space);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                docs.await.ok().filter(|d| d.can_create || !d.documents.is_empty()).map(|d| view! {
                    <section aria-labelledby="documents-heading">
                        <h2 id="documents-heading">"Documents"</h2>
                        {if d.documents.is_empty() {
                            view! { <p>"There are no documents here yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul>
                                    {d.documents.into_iter().map(|doc| view! {
                                        <li>
                                            <a href=format!("/documents/{}", doc.id)>{doc.title}</a>
                                            {format!(" ({}, {})", doc.kind.label(), doc.status.label().to_lowercase())}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {d.can_create.then(|| view! { <p><a href=format!("/documents/new/{}", d.space.slug)>"Start a new document"</a></p> })}
                    </section>
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn NewDocumentPage() -> impl IntoView {
    let params = use_params_map();
    let docs = Resource::new(move || params.read().get("slug").unwrap_or_default(), documents_in_space);
    let kinds: Vec<(&'static str, String)> = DocumentKind::ALL.into_iter().map(|k| (k.as_str(), k.label().to_owned())).collect();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let kinds = kinds.clone();
                Suspend::new(async move {
                    match docs.await {
                        Ok(d) if d.can_create => view! {
                            <Title text="Start a new document"/>
                            <h1>{format!("Start a new document in the {}", d.space.name)}</h1>
                            <FormMessage form="document"/>
                            <form method="post" novalidate>
                                <Field form="document" name="title" label="Title" required=true/>
                                <Radios form="document" name="kind" legend="What kind of document is it?" options=kinds default="policy"/>
                                <TextArea form="document" name="body" label="The text"
                                    hint="Paste or type the text. Start a line with # for a heading, and leave an empty line between paragraphs."/>
                                <button type="submit">"Save the first version"</button>
                            </form>
                        }
                        .into_any(),
                        Ok(d) => failed(AppError::Forbidden(format!("Only members of the {} can start documents there.", d.space.name))),
                        Err(err) => failed(err),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), document_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the document…"</p> }>
            {move || Suspend::new(async move {
                let saved = query.read_untracked().get("saved");
                let merged = query.read_untracked().get("merged").is_some();
                let clashes: i32 = query.read_untracked().get("clashes").and_then(|c| c.parse().ok()).unwrap_or(0);
                match page.await {
                    Ok(p) => {
                        let d = p.document;
                        let notice = saved.map(|n| {
                            let text = match (merged, clashes) {
                                (false, _) => format!("Saved as version {n}."),
                                (true, 0) => format!("Saved as version {n}. Someone else saved changes while you were editing; we merged your words with theirs, and nothing was lost."),
                                (true, c) => format!(
                                    "Saved as version {n}. Someone else changed the same words while you were editing. In {c} {} both versions are kept in the text, between notes in square brackets. Please edit the document to choose what to keep.",
                                    if c == 1 { "place" } else { "places" }
                                ),
                            };
                            view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }
                        });
                        view! {
                            <Title text=d.title.clone()/>
                            <p class="breadcrumb"><a href=space_href(d.space_kind, &d.space_slug)>{d.space_name.clone()}</a></p>
                            <h1>{d.title.clone()}</h1>
                            {notice}
                            <p class="meta">
                                {format!("{} · {} · Version {}, saved by {} on {}", d.kind.label(), d.status.label(), d.revision.number, d.revision.author, when(d.revision.created_at))}
                            </p>
                            <ul class="actions">
                                {p.can_edit.then(|| view! { <li><a href=format!("/documents/{}/edit", d.id)>"Edit this document"</a></li> })}
                                <li><a href=format!("/documents/{}/history", d.id)>"History and comparing versions"</a></li>
                                <li><a href=format!("/documents/{}/versions/{}", d.id, d.revision.number) download="">"Download as a Markdown file"</a></li>
                            </ul>
                            <article class="document" inner_html=d.body_html></article>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn space_href(kind: domain::spaces::SpaceKind, slug: &str) -> String {
    match kind {
        domain::spaces::SpaceKind::Board => "/".to_owned(),
        domain::spaces::SpaceKind::Group => format!("/groups/{slug}"),
    }
}

#[component]
pub fn EditDocumentPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), document_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the document…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.can_edit => {
                        let d = p.document;
                        view! {
                            <Title text=format!("Edit {}", d.title)/>
                            <h1>{format!("Edit {}", d.title)}</h1>
                            <p>{format!("You are editing version {}. If someone else saves before you, we will merge your changes with theirs, so nothing is lost.", d.revision.number)}</p>
                            <FormMessage form="edit"/>
                            <form method="post" novalidate>
                                <input type="hidden" name="base_revision_id" value=d.revision.id.to_string()/>
                                <TextArea form="edit" name="body" label="The text" value=d.body_markdown.clone()
                                    hint="Leave an empty line between paragraphs. Start a line with # for a heading."/>
                                <Field form="edit" name="note" label="What did you change? (optional)" hint="For example: simplified the finance section."/>
                                <button type="submit">"Save a new version"</button>
                            </form>
                            <p><a href=format!("/documents/{}", d.id)>"Back to the document without saving"</a></p>
                        }
                        .into_any()
                    }
                    Ok(p) => failed(AppError::Forbidden(format!("Only members of the {} can edit its documents.", p.document.space_name))),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), document_history);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the history…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((d, revisions, can_edit)) => {
                        let list = page_list(d.id, d.revision.number, can_edit, revisions.clone());
                        let newest = revisions.first().map(|r| r.number).unwrap_or(1);
                        let options = move |selected: i32| {
                            revisions
                                .iter()
                                .map(|r| view! { <option value=r.number.to_string() selected=r.number == selected>{format!("Version {}", r.number)}</option> })
                                .collect_view()
                        };
                        let from_options = options(newest.saturating_sub(1).max(1));
                        let to_options = options(newest);
                        view! {
                            <Title text=format!("History of {}", d.title)/>
                            <h1>{format!("History of {}", d.title)}</h1>
                            <p><a href=format!("/documents/{}", d.id)>"Back to the document"</a></p>
                            <h2>"Compare two versions"</h2>
                            <form method="get" action=format!("/documents/{}/compare", d.id) class="role-form">
                                <label for="compare-from">"Older version"</label>
                                <select id="compare-from" name="from">{from_options}</select>
                                <label for="compare-to">"Newer version"</label>
                                <select id="compare-to" name="to">{to_options}</select>
                                <button type="submit">"Compare"</button>
                            </form>
                            <h2>"Every version"</h2>
                            <FormMessage form="restore"/>
                            {list}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn page_list(id: uuid::Uuid, current: i32, can_edit: bool, revisions: Vec<domain::documents::RevisionSummary>) -> impl IntoView {
    view! {
        <ol reversed class="sessions">
            {revisions.into_iter().map(|r| view! {
                <li>
                    <strong>{format!("Version {}", r.number)}</strong>
                    {format!(", by {} on {}", r.author, when(r.created_at))}
                    {r.note.map(|n| format!(": {n}"))}
                    {r.merged.then_some(". Merged with a change saved at the same time")}
                    {(r.clashes > 0).then(|| format!(", with {} {} to choose between", r.clashes, if r.clashes == 1 { "place" } else { "places" }))}
                    <br/>
                    <a href=format!("/documents/{id}/versions/{}", r.number) download="">
                        {format!("Download version {} as a Markdown file", r.number)}
                    </a>
                    {(can_edit && r.number != current).then(|| view! {
                        " "
                        <form method="post" action=format!("/documents/{id}/restore") class="inline-form">
                            <input type="hidden" name="number" value=r.number.to_string()/>
                            <button type="submit" class="secondary">{format!("Bring back version {}", r.number)}</button>
                        </form>
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let comparison = Resource::new(
        move || {
            (
                params.read().get("id").unwrap_or_default(),
                query.read().get("from").unwrap_or_default(),
                query.read().get("to").unwrap_or_default(),
            )
        },
        |(id, from, to)| compare_revisions(id, from, to),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Comparing…"</p> }>
            {move || Suspend::new(async move {
                match comparison.await {
                    Ok(c) => {
                        let changes = c.pieces.iter().filter(|p| !matches!(p, Piece::Same(_))).count();
                        view! {
                            <Title text=format!("Changes to {}", c.document.title)/>
                            <h1>{format!("Changes to {}: version {} to version {}", c.document.title, c.from.number, c.to.number)}</h1>
                            <p>{format!("{changes} changes. Added words are marked \"added\" and underlined; removed words are marked \"removed\" and struck through.")}</p>
                            <p><a href=format!("/documents/{}/history", c.document.id)>"Back to the history"</a></p>
                            <div class="diff">
                                {c.pieces.into_iter().map(|p| match p {
                                    Piece::Same(t) => view! { <span>{t}</span> }.into_any(),
                                    Piece::Added(t) => view! { <ins><span class="visually-hidden">" [added: "</span>{t}<span class="visually-hidden">"] "</span></ins> }.into_any(),
                                    Piece::Removed(t) => view! { <del><span class="visually-hidden">" [removed: "</span>{t}<span class="visually-hidden">"] "</span></del> }.into_any(),
                                }).collect_view()}
                            </div>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}
