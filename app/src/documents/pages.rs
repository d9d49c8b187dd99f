//! Document pages. Every form works without JavaScript.

use domain::documents::merge::Piece;
use domain::documents::{ConsentResponse, DocumentKind, DocumentStatus};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{LivePageView, Workflow, easy_read_page, live_page, suggestions_page, compare_revisions, document_history, document_page, documents_in_space, published_list, published_page};
use crate::AppError;
use crate::layout::failed;
use crate::people::forms::{Checkbox, Field, FormMessage, Radios, TextArea};

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y at %H:%M UTC").to_string()
}

/// The "Documents" section of a board or group page, from data the page loaded with the space
/// (so the section is never fetched on its own, or twice).
#[component]
pub fn SpaceDocuments(docs: super::server::SpaceDocumentsView) -> impl IntoView {
    let d = docs;
    (d.can_create || !d.documents.is_empty()).then(|| view! {
        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">"Documents"</h2>
            {if d.documents.is_empty() {
                view! { <p>"There are no documents here yet."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {d.documents.into_iter().map(|doc| {
                            let href = if d.in_space { format!("/documents/{}", doc.id) } else { format!("/documents/{}/published", doc.id) };
                            let tags = (!doc.tags.is_empty()).then(|| format!(", tagged {}", doc.tags.join(", ")));
                            view! {
                                <li>
                                    <a href=href>{doc.title}</a>
                                    {format!(" ({}, {}{})", doc.kind.label(), doc.status.label().to_lowercase(), tags.unwrap_or_default())}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {d.can_create.then(|| view! { <p><a href=format!("/documents/new/{}", d.space.slug)>"Start a new document"</a></p> })}
        </section>
    })
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
                                <Field form="document" name="tags" label="Tags (optional)" hint="Words that help people find it, separated by commas. For example: finance, personal assistants."/>
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
                // After a form on this page, one sentence says what happened.
                let done = {
                    let q = query.read_untracked();
                    q.get("moved").and_then(|m| DocumentStatus::parse(&m)).map(|m| match m {
                        DocumentStatus::Agreed => "Recorded: the document is agreed. Everyone's views are kept with the decision below.".to_owned(),
                        DocumentStatus::Published => "Published. Anyone can now read this version at its public address.".to_owned(),
                        DocumentStatus::Withdrawn => "Withdrawn. The public can no longer read it.".to_owned(),
                        other => format!("Done: the document is now {}.", other.label().to_lowercase()),
                    })
                    .or_else(|| q.get("view").map(|_| "Your view is saved. You can change it until the document is agreed.".to_owned()))
                    .or_else(|| q.get("rule").map(|_| "Saved the rules for agreeing documents here.".to_owned()))
                    .or_else(|| q.get("vision").map(|_| "Your vision check is saved. Thank you.".to_owned()))
                    .or_else(|| q.get("commented").map(|_| "Your comment is posted. It is in the Comments section below.".to_owned()))
                };
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
                        }).or_else(|| done.map(|text| view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }));
                        let Some(flow) = p.workflow else {
                            // Someone outside the space reads the published version.
                            return view! { <PublishedBody id=d.id.to_string()/> }.into_any();
                        };
                        let tags = (!d.tags.is_empty()).then(|| format!(" · Tags: {}", d.tags.join(", ")));
                        // One "Words explained" for the document and its comments.
                        let mut explained = d.explained.clone();
                        for t in &flow.conversation.explained {
                            if !explained.iter().any(|e| e.slug == t.slug) {
                                explained.push(t.clone());
                            }
                        }
                        view! {
                            <Title text=d.title.clone()/>
                            <p class="breadcrumb"><a href=space_href(d.space_kind, &d.space_slug)>{d.space_name.clone()}</a></p>
                            <h1>{d.title.clone()}</h1>
                            {notice}
                            <p class="meta">
                                {format!("{} · {} · Version {}, saved by {}{} on {}", d.kind.label(), d.status.label(), d.revision.number, d.revision.author, written_with(&d.revision.written_with), when(d.revision.created_at))}
                                {tags}
                            </p>
                            <StatusBox id=d.id status=d.status published_number=d.published_number flow=flow.clone()/>
                            <ul class="actions">
                                {p.can_edit.then(|| view! { <li><a href=format!("/documents/{}/edit", d.id)>"Edit this document"</a></li> })}
                                {p.can_edit.then(|| view! { <li><a href=format!("/documents/{}/live", d.id)>"Write together live"</a></li> })}
                                {flow.can_give_view.then(|| view! { <li><a href=format!("/documents/{}/suggest", d.id)>"Suggest a change"</a></li> })}
                                <li><a href=format!("/documents/{}/suggestions", d.id)>{if flow.open_suggestions == 0 { "Suggestions".to_owned() } else { format!("Suggestions ({} waiting)", flow.open_suggestions) }}</a></li>
                                <li><a href=format!("/documents/{}/easy-read", d.id)>"Easy read"</a></li>
                                <li><a href=format!("/documents/{}/history", d.id)>"History and comparing versions"</a></li>
                                <li><a href=format!("/documents/{}/versions/{}", d.id, d.revision.number) download="">"Download as a Markdown file"</a></li>
                                <li><a href="#comments-heading">"Comments"</a></li>
                                <li><a href="#agreeing-heading">"Views and decisions"</a></li>
                            </ul>
                            <article class="document" inner_html=d.body_html></article>
                            <crate::glossary::WordsExplained terms=explained/>
                            <WritingHelp r=p.readability/>
                            <crate::conversations::pages::DocumentComments id=d.id talk=flow.conversation.clone()/>
                            <VisionSection id=d.id revision_id=d.revision.id flow=flow.clone()/>
                            <AgreeingSection id=d.id flow/>
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
                        // Shown again after "Check the writing" or a problem: the version the edit
                        // started from stays the same, so a later save still merges correctly.
                        let base = crate::people::forms::typed("edit", "base_revision_id", &d.revision.id.to_string());
                        let text = crate::people::forms::typed("edit", "body", &d.body_markdown);
                        #[cfg(feature = "ssr")]
                        let help = Some((*domain::text_work::readability(&text).await).clone());
                        #[cfg(not(feature = "ssr"))]
                        let help: Option<domain::writing::Readability> = None;
                        view! {
                            <Title text=format!("Edit {}", d.title)/>
                            <h1>{format!("Edit {}", d.title)}</h1>
                            <p>{format!("You are editing version {}. If someone else saves before you, we will merge your changes with theirs, so nothing is lost.", d.revision.number)}</p>
                            {matches!(d.status, DocumentStatus::Agreed | DocumentStatus::Published).then(|| view! {
                                <div class="notice" role="note">
                                    <p>{format!("This document is {}. If you save a change, it goes back to draft and needs agreeing again. {}", d.status.label().to_lowercase(),
                                        if d.published_number.is_some() { "The published version stays public until a new one is published." } else { "" })}</p>
                                </div>
                            })}
                            <FormMessage form="edit"/>
                            <form method="post" novalidate>
                                <input type="hidden" name="base_revision_id" value=base/>
                                <TextArea form="edit" name="body" label="The text" value=text
                                    hint="Leave an empty line between paragraphs. Start a line with # for a heading."/>
                                <Field form="edit" name="note" label="What did you change? (optional)" hint="For example: simplified the finance section."/>
                                <div class="button-row">
                                    <button type="submit">"Save a new version"</button>
                                    <button type="submit" name="check" value="1" class="secondary">"Check the writing (does not save)"</button>
                                </div>
                            </form>
                            {help.map(|r| view! { <WritingHelp r open=true/> })}
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

/// Writing together live. Without JavaScript it is the ordinary edit form (holding the live
/// text, saved as a version and merged with everyone's words); the live editor script, loaded on
/// this page only, replaces the form with an editor everyone types into at once.
#[component]
pub fn LiveEditPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), live_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the document…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(LivePageView { page: p, live_text }) if p.can_edit => {
                        let d = p.document;
                        let saved = query.read_untracked().get("saved").map(|n| match n.parse::<i32>() {
                            Ok(n) => format!("Saved as version {n}."),
                            Err(_) => "Nothing new to save: the newest version already has these words.".to_owned(),
                        });
                        let base = crate::people::forms::typed("edit", "base_revision_id", &d.revision.id.to_string());
                        let text = crate::people::forms::typed("edit", "body", live_text.as_deref().unwrap_or(&d.body_markdown));
                        view! {
                            <Title text=format!("Write together: {}", d.title)/>
                            <p class="breadcrumb"><a href=format!("/documents/{}", d.id)>{d.title.clone()}</a></p>
                            <h1>{format!("Write together: {}", d.title)}</h1>
                            <p id="live-help">"Everyone on this page writes the same text at the same time, and sees each other's words as they type. Every version is kept: one is saved when you all pause, when the last person leaves, and whenever you press “Save a version now”."</p>
                            {matches!(d.status, DocumentStatus::Agreed | DocumentStatus::Published).then(|| view! {
                                <div class="notice" role="note">
                                    <p>{format!("This document is {}. A change saved from here sends it back to draft, to be agreed again.", d.status.label().to_lowercase())}</p>
                                </div>
                            })}
                            <div class="live" data-live-editor="" data-document=d.id.to_string()>
                                <section class="live-people" aria-labelledby="writing-now-heading">
                                    <h2 id="writing-now-heading">"Writing now"</h2>
                                    <p role="status" data-live-status>"Writing live needs JavaScript, which is off or still loading. You can still edit below: your version is saved and merged with everyone else's words, so nothing is lost."</p>
                                    <ul data-live-people></ul>
                                    <p>
                                        <input type="checkbox" id="live-announce" data-live-announce/>
                                        <label for="live-announce">" Read out when other people change the text (for screen readers)"</label>
                                    </p>
                                    <div class="visually-hidden" aria-live="polite" data-live-announcer></div>
                                </section>
                                <div class="live-mount" data-live-mount hidden></div>
                                <form method="post" action=format!("/documents/{}/live/save", d.id) data-live-save hidden>
                                    <button type="submit">"Save a version now"</button>
                                    <span role="status" data-live-saved>{saved}</span>
                                </form>
                                <FormMessage form="edit"/>
                                <form method="post" action=format!("/documents/{}/edit", d.id) novalidate data-live-fallback>
                                    <input type="hidden" name="base_revision_id" value=base/>
                                    <TextArea form="edit" name="body" label="The text" value=text
                                        hint="Leave an empty line between paragraphs. Start a line with # for a heading."/>
                                    <Field form="edit" name="note" label="What did you change? (optional)" hint="For example: simplified the finance section."/>
                                    <div class="button-row">
                                        <button type="submit">"Save a new version"</button>
                                    </div>
                                </form>
                            </div>
                            <script type="module" src="/editor/live-editor.js"></script>
                            <p><a href=format!("/documents/{}/edit", d.id)>"Edit on your own instead (a plain text box)"</a></p>
                            <p><a href=format!("/documents/{}", d.id)>"Back to the document"</a></p>
                        }
                        .into_any()
                    }
                    Ok(LivePageView { page: p, .. }) => failed(AppError::Forbidden(format!("Only members of the {} can write its documents.", p.document.space_name))),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(
        move || (params.read().get("id").unwrap_or_default(), query.read().get("before").and_then(|b| b.parse::<i32>().ok())),
        |(id, before)| document_history(id, before),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading the history…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(super::server::HistoryView { document: d, revisions, more, can_edit }) => {
                        let older = more.then(|| revisions.last().map(|r| view! {
                            <p><a href=format!("/documents/{}/history?before={}", d.id, r.number)>{format!("Older versions (before version {})", r.number)}</a></p>
                        }));
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
                            {older}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// ", written live with Sam and Jo" (nothing for a version one person saved).
fn written_with(names: &[String]) -> String {
    if names.is_empty() { String::new() } else { format!(", written live with {}", domain::and_list(names)) }
}

fn page_list(id: uuid::Uuid, current: i32, can_edit: bool, revisions: Vec<domain::documents::RevisionSummary>) -> impl IntoView {
    view! {
        <ol reversed class="sessions">
            {revisions.into_iter().map(|r| view! {
                <li>
                    <strong>{format!("Version {}", r.number)}</strong>
                    {format!(", by {}{} on {}", r.author, written_with(&r.written_with), when(r.created_at))}
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

/// Where the document is, and the moves this person can make from here (one button each, in one
/// form, so it works without JavaScript).
#[component]
fn StatusBox(id: uuid::Uuid, status: DocumentStatus, published_number: Option<i32>, flow: Workflow) -> impl IntoView {
    let following = flow.following;
    let public = published_number.map(|n| {
        let text = if status == DocumentStatus::Published { format!("Anyone can read version {n} at its public address: ") } else {
            format!("The public can still read version {n}, the one published before these changes: ")
        };
        view! { <p>{text}<a href=format!("/documents/{id}/published")>{format!("/documents/{id}/published")}</a></p> }
    });
    let steps = (!flow.steps.is_empty()).then(|| {
        let agreeing = flow.steps.iter().any(|(to, _)| *to == DocumentStatus::Agreed);
        view! {
            <form method="post" action=format!("/documents/{id}/status") novalidate>
                <input type="hidden" name="revision_id" value=flow.agreement.revision_id.to_string()/>
                <Field form="status" name="note" label="A note for the record (optional)"
                    hint=if agreeing { "For example: agreed at the board meeting on 4 March." } else { "For example: ready for the group to read." }/>
                <div class="button-row">
                    {flow.steps.into_iter().map(|(to, label)| view! {
                        <button type="submit" name="to" value=to.as_str() class=if to == DocumentStatus::Draft { "secondary" } else { "" }>{label}</button>
                    }).collect_view()}
                </div>
            </form>
        }
    });
    view! {
        <section aria-labelledby="status-heading" class="status-box workflow">
            <h2 id="status-heading">{format!("Where it is: {}", status.label())}</h2>
            <p>{status.explanation()}</p>
            {public}
            <FormMessage form="status"/>
            {steps}
            <form method="post" action=format!("/documents/{id}/follow") class="follow" id="follow">
                {if following {
                    view! {
                        <p>"You follow this document: we tell you when it moves on or is published."</p>
                        <input type="hidden" name="follow" value="no"/>
                        <button type="submit" class="secondary">"Stop following"</button>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>"Follow this document to hear when it moves on or is published."</p>
                        <input type="hidden" name="follow" value="yes"/>
                        <button type="submit" class="secondary">"Follow this document"</button>
                    }
                    .into_any()
                }}
            </form>
        </section>
    }
}

fn views_summary(views: &[domain::documents::ConsentView]) -> String {
    let n = |r: ConsentResponse| views.iter().filter(|v| v.response == r).count();
    match views.len() {
        0 => "Nobody has given a view on this version yet.".to_owned(),
        total => format!(
            "{total} {} given a view: {} agree, {} agree with concerns, {} do not agree yet.",
            if total == 1 { "person has" } else { "people have" },
            n(ConsentResponse::Agree),
            n(ConsentResponse::Concerns),
            n(ConsentResponse::Object)
        ),
    }
}

/// Views on the newest version, this person's own view, decisions made and every status change.
#[component]
fn AgreeingSection(id: uuid::Uuid, flow: Workflow) -> impl IntoView {
    let a = flow.agreement;
    let out_for_comment = a.status == DocumentStatus::OutForComment;
    let choices: Vec<(&'static str, String)> = ConsentResponse::ALL.into_iter().map(|r| (r.as_str(), r.choice().to_owned())).collect();
    let mine = flow.my_view.as_ref().map(|v| v.response.as_str().to_owned());
    let my_reason = flow.my_view.as_ref().and_then(|v| v.reason.clone()).unwrap_or_default();
    let earlier = (a.earlier_views > 0).then(|| {
        let n = a.earlier_views;
        view! { <p>{format!("{n} {} a view on an earlier version. The text has changed since, so they need to give it again.", if n == 1 { "person gave" } else { "people gave" })}</p> }
    });
    view! {
        <section aria-labelledby="agreeing-heading" class="workflow">
            <h2 id="agreeing-heading">{format!("Agreeing version {}", a.revision_number)}</h2>
            <p class="notice">{a.check.explanation()}</p>
            <p>{views_summary(&a.views)}</p>
            {earlier}
            {(!a.views.is_empty()).then(|| view! {
                <ul class="views">
                    {a.views.iter().map(|v| view! {
                        <li>
                            <strong>{v.name.clone()}</strong>
                            {format!(" ({}) {}", v.perspective.label().to_lowercase(), v.response.label())}
                            {v.reason.clone().map(|r| format!(": \u{201c}{r}\u{201d}"))}
                            {v.given_by.clone().map(|g| format!(" (given by {g})"))}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {(out_for_comment && flow.can_give_view).then(|| view! {
                <h3>"Your view"</h3>
                <FormMessage form="view"/>
                <form method="post" action=format!("/documents/{id}/view") novalidate>
                    <input type="hidden" name="revision_id" value=a.revision_id.to_string()/>
                    <Radios form="view" name="response" legend=format!("Can you agree to version {}?", a.revision_number) options=choices default=mine.unwrap_or_default()/>
                    <TextArea form="view" name="reason" label="Why? (needed if you have concerns or do not agree)" value=my_reason
                        hint="Say what worries you or what would need to change. The group reads this."/>
                    <button type="submit">"Save my view"</button>
                </form>
            })}
            {(!out_for_comment).then(|| view! { <p>"Views are given while the document is out for comment."</p> })}
            {(out_for_comment && !a.not_yet.is_empty()).then(|| view! {
                <h3>"Before it can be agreed"</h3>
                <ul>{a.not_yet.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            })}
            {flow.can_change_rule.then(|| view! {
                <h3>"Rules for agreeing documents here"</h3>
                <FormMessage form="rule"/>
                <form method="post" action=format!("/documents/{id}/rule")>
                    <fieldset class="field">
                        <legend>"Before a document here is agreed"</legend>
                        <Checkbox form="rule" name="coproduction" label="Ask for at least one expert by experience and one member of staff to agree" checked=a.check.required/>
                        <Checkbox form="rule" name="vision_check" label="Ask for it to be checked against every vision statement" checked=flow.vision.required/>
                    </fieldset>
                    <fieldset class="field">
                        <legend>"Before a document here is published"</legend>
                        <Checkbox form="rule" name="easy_read" label="Ask for an up-to-date easy-read version of every part" checked=flow.easy_read_required/>
                    </fieldset>
                    <button type="submit" class="secondary">"Save these rules"</button>
                </form>
            })}
        </section>
        <section aria-labelledby="decisions-heading" class="workflow">
            <h2 id="decisions-heading">"Decisions"</h2>
            {if flow.decisions.is_empty() {
                view! { <p>"No decision has been recorded yet."</p> }.into_any()
            } else {
                flow.decisions.into_iter().map(|d| view! {
                    <div class="decision">
                        <h3>{format!("Version {} agreed on {}", d.revision_number, when(d.created_at))}</h3>
                        <p>
                            {format!("Recorded by {}.", d.recorded_by)}
                            {d.note.map(|n| format!(" Note: {n}"))}
                            {if d.coproduction_required { " The co-production check was met." } else { " No co-production check was asked for." }}
                        </p>
                        {d.vision_summary.map(|v| view! { <p>{format!("The vision check when it was agreed: {v}")}</p> })}
                        <ul>
                            {d.voices.into_iter().map(|v| view! {
                                <li>
                                    <strong>{v.name}</strong>
                                    {format!(" ({}) {}", v.perspective.label().to_lowercase(), v.response.label())}
                                    {v.reason.map(|r| format!(": \u{201c}{r}\u{201d}"))}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }).collect_view().into_any()
            }}
        </section>
        <section aria-labelledby="changes-heading" class="workflow">
            <h2 id="changes-heading">"What has happened"</h2>
            {if flow.changes.is_empty() {
                view! { <p>"It has been a draft since it was started."</p> }.into_any()
            } else {
                view! {
                    <ol reversed class="sessions">
                        {flow.changes.into_iter().map(|c| view! {
                            <li>
                                {format!("{}: {} moved it from {} to {} (version {}).", when(c.created_at), c.by, c.from.label().to_lowercase(), c.to.label().to_lowercase(), c.revision_number)}
                                {c.note.map(|n| format!(" {n}"))}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

/// The published version, as anyone reads it: the agreed words and how they were agreed.
#[component]
fn PublishedBody(#[prop(into)] id: String, #[prop(optional)] number: Option<i32>) -> impl IntoView {
    let page = Resource::new(move || (id.clone(), number), |(id, number)| published_page(id, number));
    view! {
        <Suspense fallback=|| view! { <p>"Loading the document…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((d, readability, easy_read)) => {
                    let latest = d.revision_number == d.latest_number;
                    let (title, path) = if latest {
                        (d.title.clone(), format!("/documents/{}/published", d.id))
                    } else {
                        (format!("{} (version {}, published before)", d.title, d.revision_number), format!("/documents/{}/published/versions/{}", d.id, d.revision_number))
                    };
                    let earlier = d.earlier.clone();
                    let doc_id = d.id;
                    view! {
                        <Title text=title.clone()/>
                        <crate::layout::Describe text=format!("{title}, published by {}.", d.space_name) path=path/>
                        <p class="breadcrumb"><a href="/published">"Published documents"</a></p>
                        <h1>{title.clone()}</h1>
                        {(!latest).then(|| view! {
                            <div class="notice" role="note">
                                <p>
                                    {format!("This is version {}, an earlier published version. It is kept so you can see what changed. ", d.revision_number)}
                                    <a href=format!("/documents/{}/published", d.id)>{format!("Read the version published now (version {})", d.latest_number)}</a>
                                </p>
                            </div>
                        })}
                        <p class="meta">
                            {format!("{} from the {} · Published on {} · Version {}", d.kind.label(), d.space_name, when(d.published_at), d.revision_number)}
                            {d.agreed_at.map(|a| format!(" · Agreed on {}", when(a)))}
                        </p>
                        {d.agreed_by.map(|a| view! { <p>{a}</p> })}
                        {d.vision_summary.map(|v| view! { <p>{format!("Checked against our vision when it was agreed: {v}")}</p> })}
                        <ul class="actions">
                            {(easy_read && latest).then(|| view! { <li><a href=format!("/documents/{}/published/easy-read", d.id)>"Easy read version"</a></li> })}
                            <li><a href=format!("/documents/{}/versions/{}", d.id, d.revision_number) download="">"Download as a Markdown file"</a></li>
                        </ul>
                        <article class="document" inner_html=d.body_html></article>
                        <crate::glossary::WordsExplained terms=d.explained/>
                        <WritingHelp r=readability/>
                        {(!earlier.is_empty()).then(|| view! {
                            <section aria-labelledby="earlier-heading">
                                <h2 id="earlier-heading">"Earlier published versions"</h2>
                                <p>"The board keeps every version it has published, so anyone can see how this document changed."</p>
                                <ul>
                                    {earlier.into_iter().map(|v| {
                                        let here = v.number == d.revision_number;
                                        view! {
                                            <li>
                                                {if here {
                                                    view! { <span aria-current="page">{format!("Version {} (this page)", v.number)}</span> }.into_any()
                                                } else {
                                                    view! { <a href=format!("/documents/{doc_id}/published/versions/{}", v.number)>{format!("Version {}", v.number)}</a> }.into_any()
                                                }}
                                                {format!(", published on {}", when(v.published_at))}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                    }
                    .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn PublishedPage() -> impl IntoView {
    crate::same_for_everyone();
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    view! { <PublishedBody id/> }
}

/// A version that was published before the one published now.
#[component]
pub fn PublishedVersionPage() -> impl IntoView {
    crate::same_for_everyone();
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    // A number that is not one is no version: the page says so, as for one never published.
    let number = params.read_untracked().get("number").and_then(|n| n.parse::<i32>().ok()).unwrap_or(0);
    view! { <PublishedBody id number/> }
}

#[component]
pub fn PublishedListPage() -> impl IntoView {
    crate::same_for_everyone();
    let query = use_query_map();
    let list = Resource::new(move || query.read().get("page"), published_list);
    let page_link = |n: usize| if n == 1 { "/published".to_owned() } else { format!("/published?page={n}") };
    view! {
        <h1>"Published documents"</h1>
        <p>"Policies, letters and forms that the board and its groups have agreed together and made public."</p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => {
                        let (at, pages) = (list.page, list.pages);
                        let title = if at > 1 { format!("Published documents (page {at} of {pages})") } else { "Published documents".to_owned() };
                        let first = (at - 1) * super::server::PUBLISHED_PER_PAGE + 1;
                        view! {
                            <Title text=title/>
                            <crate::layout::Describe text="Policies, letters, forms and minutes that the board and its groups have agreed together and made public." path=page_link(at)/>
                            {if list.items.is_empty() {
                                view! { <p>"Nothing has been published yet."</p> }.into_any()
                            } else {
                                view! {
                                    {(pages > 1).then(|| view! { <p>{format!("{} published. Page {at} of {pages}, newest first: {first} to {}.", list.total, first + list.items.len() - 1)}</p> })}
                                    <ul>
                                        {list.items.into_iter().map(|d| view! {
                                            <li>
                                                <a href=format!("/documents/{}/published", d.id)>{d.title}</a>
                                                {format!(" ({}, {}, published on {})", d.kind.label(), d.space_name, d.published_at.format("%-d %B %Y"))}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    {(pages > 1).then(|| crate::layout::pager(at, pages, page_link))}
                                }
                                .into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// Plain-language help: the figures, then every long sentence, passive phrase and jargon word in
/// lists a screen reader can step through. Inside `<details>` so it never gets in the way.
#[component]
pub fn WritingHelp(r: domain::writing::Readability, #[prop(optional)] open: bool) -> impl IntoView {
    // Totals, not list lengths: only the first few of each are listed.
    let long = r.long_sentences_total as usize;
    let unlisted = |total: u32, listed: usize| {
        let more = (total as usize).saturating_sub(listed);
        (more > 0).then(|| view! { <p>{format!("And {more} more not listed here.")}</p> })
    };
    let long_unlisted = unlisted(r.long_sentences_total, r.long_sentences.len());
    let passive_unlisted = unlisted(r.passive_phrases_total, r.passive_phrases.len());
    view! {
        <details class="writing-help workflow" open=open>
            <summary>"How easy is it to read?"</summary>
            <p>{r.summary()}</p>
            <p class="hint">"Reading ease runs from 0 (very hard) to 100 (very easy). Plain English usually scores 60 or more. These figures are a guide, not a rule."</p>
            {(long > 0).then(|| view! {
                <h3>{format!("{long} long {} (over {} words)", if long == 1 { "sentence" } else { "sentences" }, domain::writing::LONG_SENTENCE)}</h3>
                <ul>{r.long_sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                {long_unlisted}
            })}
            {(!r.passive_phrases.is_empty()).then(|| view! {
                <h3>"Phrases that may hide who does what"</h3>
                <p class="hint">"For example, \"is paid by the council\" reads more clearly as \"the council pays\"."</p>
                <ul>{r.passive_phrases.into_iter().map(|s| view! { <li>{format!("\u{201c}{s}\u{201d}")}</li> }).collect_view()}</ul>
                {passive_unlisted}
            })}
            {(!r.jargon.is_empty()).then(|| view! {
                <h3>"Words with plainer alternatives"</h3>
                <ul>{r.jargon.into_iter().map(|j| view! { <li>{format!("\u{201c}{}\u{201d}: try \u{201c}{}\u{201d}", j.found, j.plainer)}</li> }).collect_view()}</ul>
            })}
        </details>
    }
}

use domain::shorten as short;

/// Suggest a change: choose the part (or copy the exact words), write the new words, say why.
#[component]
pub fn SuggestPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), suggestions_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.can_suggest => {
                        let d = p.document;
                        let chosen = crate::people::forms::typed("suggest", "passage", "");
                        let revision = crate::people::forms::typed("suggest", "revision_id", &d.revision.id.to_string());
                        view! {
                            <Title text=format!("Suggest a change to {}", d.title)/>
                            <h1>{format!("Suggest a change to {}", d.title)}</h1>
                            <p>"Choose the part you want to change and write the words you would like instead. The people editing the document will see your suggestion and why, and can talk it over with you before they accept or decline it."</p>
                            <FormMessage form="suggest"/>
                            <form method="post" action=format!("/documents/{}/suggest", d.id) novalidate>
                                <input type="hidden" name="revision_id" value=revision/>
                                <div class="field">
                                    <label for="suggest-passage">"Which part do you want to change?"</label>
                                    <select id="suggest-passage" name="passage">
                                        <option value="">"Choose a part"</option>
                                        {p.passages.iter().enumerate().map(|(i, text)| view! {
                                            <option value=i.to_string() selected=chosen == i.to_string()>{format!("Part {}: {}", i + 1, short(text, 90))}</option>
                                        }).collect_view()}
                                    </select>
                                </div>
                                <TextArea form="suggest" name="words" label="Only some words in that part? Copy them here (optional)"
                                    hint="Leave this empty to change the whole part."/>
                                <TextArea form="suggest" name="proposed" label="Your new words"/>
                                <TextArea form="suggest" name="reason" label="Why?" hint="For example: shorter and clearer, or the old words are not true any more."/>
                                <button type="submit">"Send my suggestion"</button>
                            </form>
                            <p><a href=format!("/documents/{}", d.id)>"Back to the document"</a></p>
                        }
                        .into_any()
                    }
                    Ok(p) => failed(AppError::Forbidden(format!("Only members of the {} can suggest changes.", p.document.space_name))),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// Every suggestion as an item in a list a screen reader can step through, heading by heading.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let params = use_params_map();
    let sent = use_query_map().read_untracked().get("sent").is_some();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), suggestions_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the suggestions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let d = p.document;
                        let (can_suggest, can_decide) = (p.can_suggest, p.can_decide);
                        let open = p.suggestions.iter().filter(|s| s.status == domain::documents::SuggestionStatus::Open).count();
                        view! {
                            <Title text=format!("Suggestions for {}", d.title)/>
                            <h1>{format!("Suggestions for {}", d.title)}</h1>
                            <p>{format!("{} suggestions, {open} waiting for a decision. The newest version is version {}.", p.suggestions.len(), d.revision.number)}</p>
                            <ul class="actions">
                                <li><a href=format!("/documents/{}", d.id)>"Back to the document"</a></li>
                                {can_suggest.then(|| view! { <li><a href=format!("/documents/{}/suggest", d.id)>"Suggest a change"</a></li> })}
                            </ul>
                            {sent.then(|| view! { <div class="notice notice-success" role="status"><p>"Thank you. Your suggestion has been sent, and is in the list below."</p></div> })}
                            <FormMessage form="suggestion"/>
                            {if p.suggestions.is_empty() {
                                view! { <p>"Nobody has suggested a change yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="suggestions">
                                        {p.suggestions.into_iter().enumerate().map(|(i, s)| view! { <SuggestionItem s n=i + 1 can_suggest can_decide/> }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SuggestionItem(s: domain::documents::Suggestion, n: usize, can_suggest: bool, can_decide: bool) -> impl IntoView {
    use domain::documents::{Anchor, SuggestionStatus};
    let id = s.id;
    let open = s.status == SuggestionStatus::Open;
    let outcome = match s.status {
        SuggestionStatus::Open => match s.anchor {
            Anchor::Found => "Waiting for a decision.".to_owned(),
            Anchor::Changed => "Waiting for a decision. The words it changes have been edited since, so it cannot be applied as it is.".to_owned(),
            Anchor::Repeated => "Waiting for a decision. The words it changes now appear more than once, so it must be applied by hand.".to_owned(),
        },
        SuggestionStatus::Accepted => format!(
            "Accepted by {}{}.",
            s.decided_by.clone().unwrap_or_default(),
            s.applied_revision_number.map(|v| format!(", as version {v}")).unwrap_or_default()
        ),
        SuggestionStatus::Declined => format!("Declined by {}: {}", s.decided_by.clone().unwrap_or_default(), s.decline_reason.clone().unwrap_or_default()),
    };
    let comment_form = format!("comment-{id}");
    let decline_form = format!("decline-{id}");
    view! {
        <li id=format!("suggestion-{id}") class="suggestion">
            <h2>{format!("Suggestion {n} by {} ({})", s.by, s.perspective.label().to_lowercase())}</h2>
            <p><strong>{s.status.label()}</strong>{format!(". {outcome}")}</p>
            <dl>
                <dt>{format!("The words in version {}", s.revision_number)}</dt>
                <dd class="original">{s.original.clone()}</dd>
                <dt>"Suggested words"</dt>
                <dd class="proposed">{s.proposed.clone()}</dd>
                <dt>"Why"</dt>
                <dd>{s.reason.clone()}</dd>
            </dl>
            <h3>{format!("Discussion ({})", s.discussion.as_ref().map_or(0, |t| t.comment_count))}</h3>
            {match s.discussion.clone() {
                None => view! { <p>"No comments yet."</p> }.into_any(),
                Some(thread) => {
                    let can = domain::conversations::ThreadAbilities { contribute: can_suggest, moderate: can_decide, report: true };
                    view! { <crate::conversations::ThreadComments thread can return_to=format!("/documents/{}/suggestions", s.document_id)/> }.into_any()
                }
            }}
            {(open && can_suggest).then(|| view! {
                <FormMessage form=comment_form.clone()/>
                <form method="post" action=format!("/suggestions/{id}/comment") novalidate>
                    <TextArea form=comment_form.clone() name="body" label=format!("Add a comment on suggestion {n}")/>
                    <button type="submit" class="secondary">"Add my comment"</button>
                </form>
            })}
            {(open && can_decide).then(|| view! {
                <h3>"Decide"</h3>
                {(s.anchor == Anchor::Found).then(|| view! {
                    <form method="post" action=format!("/suggestions/{id}/accept")>
                        <button type="submit">{format!("Accept suggestion {n}")}</button>
                    </form>
                })}
                <FormMessage form=decline_form.clone()/>
                <form method="post" action=format!("/suggestions/{id}/decline") novalidate>
                    <TextArea form=decline_form.clone() name="reason" label=format!("Why decline suggestion {n}?") hint="The person who suggested it will read this."/>
                    <button type="submit" class="secondary">{format!("Decline suggestion {n}")}</button>
                </form>
            })}
        </li>
    }
}

/// The document checked against the board's vision statements, and this person's own check.
#[component]
fn VisionSection(id: uuid::Uuid, revision_id: uuid::Uuid, flow: Workflow) -> impl IntoView {
    use domain::documents::VisionRating;
    let vision = flow.vision;
    let me = crate::people::viewer().map(|u| u.id);
    let status = match (vision.required, vision.complete()) {
        (_, true) => "Every vision statement has been checked.".to_owned(),
        (true, false) => format!(
            "This space asks for a complete vision check before a document is agreed. Still to check: {}.",
            vision.missing().join(", ")
        ),
        (false, false) => format!("Still to check: {}.", vision.missing().join(", ")),
    };
    let statements = vision.statements.clone();
    let form = flow.can_give_view.then(|| {
        let choices: Vec<(&'static str, String)> = VisionRating::ALL.into_iter().map(|r| (r.as_str(), r.label().to_owned())).collect();
        view! {
            <h3>"Your check"</h3>
            <FormMessage form="vision"/>
            <form method="post" action=format!("/documents/{id}/vision") novalidate>
                <input type="hidden" name="revision_id" value=revision_id.to_string()/>
                {statements.into_iter().map(|st| {
                    let mine = st.reviews.iter().find(|r| Some(r.person_id) == me);
                    let rating = mine.map(|r| r.rating.as_str().to_owned()).unwrap_or_default();
                    let comment = mine.and_then(|r| r.comment.clone()).unwrap_or_default();
                    view! {
                        <Radios form="vision" name=format!("rating-{}", st.statement_id) legend=format!("Does it meet \u{201c}{}\u{201d}?", st.title) options=choices.clone() default=rating/>
                        <TextArea form="vision" name=format!("comment-{}", st.statement_id) label=format!("Comment on \u{201c}{}\u{201d}", st.title) value=comment
                            hint="Needed for partly or not yet: say what would help."/>
                    }
                }).collect_view()}
                <button type="submit">"Save my vision check"</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="vision-heading" class="workflow">
            <h2 id="vision-heading">"Checking against our vision"</h2>
            <p>{status}</p>
            {vision.statements.into_iter().map(|st| view! {
                <h3>{st.title.clone()}</h3>
                <p class="hint">{st.body.clone()}</p>
                <p>{st.summary()}</p>
                {(!st.reviews.is_empty()).then(|| view! {
                    <ul>
                        {st.reviews.into_iter().map(|r| view! {
                            <li>
                                <strong>{r.by}</strong>
                                {format!(" ({}): {}", r.perspective.label().to_lowercase(), r.rating.label())}
                                {r.comment.map(|c| format!(": \u{201c}{c}\u{201d}"))}
                                {format!(" (version {})", r.revision_number)}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            }).collect_view()}
            {form}
        </section>
    }
}

/// The easy-read companion beside the full text, section by section; or one at a time.
#[component]
fn EasyReadView(public: bool) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let show = query.read_untracked().get("show").unwrap_or_default();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), move |id| easy_read_page(id, public));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let d = p.document;
                        let (full, easy) = match show.as_str() { "full" => (true, false), "easy" => (false, true), _ => (true, true) };
                        let written = p.easy.sections.iter().filter(|s| s.part.is_some()).count();
                        let stale = p.easy.sections.iter().filter(|s| s.part.as_ref().is_some_and(|x| !x.up_to_date)).count();
                        let summary = format!(
                            "{written} of {} parts have an easy-read version{}.{}",
                            p.easy.sections.len(),
                            if stale > 0 { format!("; {stale} out of date") } else { String::new() },
                            if p.easy.required { " This space asks for an up-to-date easy-read version before publishing." } else { "" }
                        );
                        let (base, back) = if p.public {
                            (format!("/documents/{}/published/easy-read", d.id), format!("/documents/{}/published", d.id))
                        } else {
                            (format!("/documents/{}/easy-read", d.id), format!("/documents/{}", d.id))
                        };
                        view! {
                            <Title text=format!("Easy read: {}", d.title)/>
                            <h1>{format!("Easy read: {}", d.title)}</h1>
                            <p>{summary}</p>
                            <nav aria-label="How to show it">
                                <ul class="actions">
                                    <li><a href=base.clone() aria-current=(full && easy).then_some("page")>"Both side by side"</a></li>
                                    <li><a href=format!("{base}?show=easy") aria-current=(easy && !full).then_some("page")>"Only the easy-read version"</a></li>
                                    <li><a href=format!("{base}?show=full") aria-current=(full && !easy).then_some("page")>"Only the full text"</a></li>
                                    <li><a href=back>"Back to the document"</a></li>
                                </ul>
                            </nav>
                            {p.easy.sections.into_iter().map(|s| {
                                let edit = p.can_edit.then(|| view! {
                                    <p><a href=format!("/documents/{}/easy-read/{}", d.id, s.key)>
                                        {if s.part.is_some() { format!("Change the easy-read version of \u{201c}{}\u{201d}", s.title) } else { format!("Write the easy-read version of \u{201c}{}\u{201d}", s.title) }}
                                    </a></p>
                                });
                                let easy_side = match s.part {
                                    Some(part) => view! {
                                        <div class="easy-part">
                                            {(!part.up_to_date).then(|| view! { <p class="notice notice-problem"><strong>"Out of date. "</strong>"The full text of this part has changed since this easy-read version was written."</p> })}
                                            {part.image_url.map(|src| view! { <img src=src alt=part.image_alt.unwrap_or_default()/> })}
                                            <div inner_html=part.body_html></div>
                                        </div>
                                    }.into_any(),
                                    None => view! { <p class="easy-part">"There is no easy-read version of this part yet."</p> }.into_any(),
                                };
                                view! {
                                    <section class="easy-section" aria-labelledby=format!("part-{}", s.key)>
                                        <h2 id=format!("part-{}", s.key)>{s.title.clone()}</h2>
                                        <div class=if full && easy { "side-by-side" } else { "one-at-a-time" }>
                                            {full.then(|| view! { <div class="full-part"><h3 class="visually-hidden">"Full text"</h3><div inner_html=s.full_html.clone()></div></div> })}
                                            {easy.then(|| view! { <div><h3 class="visually-hidden">"Easy read"</h3>{easy_side}</div> })}
                                        </div>
                                        {edit}
                                    </section>
                                }
                            }).collect_view()}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}}
        </Suspense>
    }
}

/// Write or change the easy-read version of one part, with the full text of that part above.
#[component]
pub fn EasyReadEditPage() -> impl IntoView {
    let params = use_params_map();
    let key = params.read_untracked().get("key").unwrap_or_default();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), |id| easy_read_page(id, false));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let key = key.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(p) if p.can_edit => {
                        let d = p.document;
                        let Some(s) = p.easy.sections.into_iter().find(|s| s.key == key) else {
                            return failed(AppError::NotFound("That part is no longer in the document.".into()));
                        };
                        let part = s.part.clone();
                        view! {
                            <Title text=format!("Easy read of {}", s.title)/>
                            <h1>{format!("Easy read of \u{201c}{}\u{201d}", s.title)}</h1>
                            <h2>"The full text of this part"</h2>
                            <div class="full-part" inner_html=s.full_html></div>
                            <h2>"The easy-read version"</h2>
                            <p class="hint">"Use short sentences and everyday words: one idea in each sentence. A picture can help; describe it for people who cannot see it."</p>
                            <FormMessage form="easy"/>
                            <form method="post" novalidate>
                                <TextArea form="easy" name="body" label="Easy-read text" value=part.as_ref().map(|x| x.body_markdown.clone()).unwrap_or_default()/>
                                <Field form="easy" name="image_url" label="Picture address (optional)" hint="For example: https://example.org/pictures/money.png"
                                    value=part.as_ref().and_then(|x| x.image_url.clone()).unwrap_or_default()/>
                                <Field form="easy" name="image_alt" label="What the picture shows (needed with a picture)"
                                    value=part.as_ref().and_then(|x| x.image_alt.clone()).unwrap_or_default()/>
                                <button type="submit">"Save the easy-read version"</button>
                            </form>
                            <p><a href=format!("/documents/{}/easy-read", d.id)>"Back to the easy-read version"</a></p>
                        }
                        .into_any()
                    }
                    Ok(p) => failed(AppError::Forbidden(format!("Only members of the {} can write easy-read versions.", p.document.space_name))),
                    Err(err) => failed(err),
                }
            })}}
        </Suspense>
    }
}

/// The easy-read version of a published document, for everyone.
#[component]
pub fn PublishedEasyReadPage() -> impl IntoView {
    crate::same_for_everyone();
    view! { <EasyReadView public=true/> }
}

/// The easy-read version for people in the space: the newest text, with ways to write each part.
#[component]
pub fn EasyReadPage() -> impl IntoView {
    view! { <EasyReadView public=false/> }
}
