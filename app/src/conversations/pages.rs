//! The conversation pages: one thread, a space's discussions, a person's notifications, and the
//! comments section of a document page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{DocumentConversation, discussions_page, notifications_page, thread_page};
use super::{BODY_HINT, LiveComments, MentionHelp, SaidByField, ThreadComments, when};
use crate::layout::failed;
use crate::people::forms::{Field, FormMessage, TextArea};

/// One thread with every form: post, reply, react, edit, remove, resolve, hide and report.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), thread_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the conversation…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(p) => {
                        let t = p.thread;
                        let heading = match t.target_type {
                            domain::conversations::TargetKind::Discussion => t.title.clone(),
                            domain::conversations::TargetKind::Section => format!("Comments on \u{201c}{}\u{201d} in {}", t.section_title.clone().unwrap_or_default(), t.title),
                            domain::conversations::TargetKind::Suggestion => format!("Discussion of a suggestion for {}", t.title),
                            domain::conversations::TargetKind::Document => format!("Comments on {}", t.title),
                            domain::conversations::TargetKind::Meeting => format!("Conversation about the meeting \u{201c}{}\u{201d}", t.title),
                            domain::conversations::TargetKind::AgendaItem => format!("Conversation about the agenda item \u{201c}{}\u{201d}", t.title),
                            domain::conversations::TargetKind::Feedback => format!("Conversation about the feedback \u{201c}{}\u{201d}", t.title),
                        };
                        let notice = done.map(|d| {
                            let text = match d.as_str() {
                                "posted" => "Your comment is posted.",
                                "edited" => "Your change is saved. The earlier wording is kept.",
                                "removed" => "Your comment is removed.",
                                "resolved" => "The conversation is marked resolved.",
                                "reopened" => "The conversation is open again.",
                                "reacted" => "Your reaction is saved.",
                                "hidden" => "The comment is hidden, and its author has been told why.",
                                "shown" => "The comment shows again.",
                                "reported" => "Thank you. The leads have been told and will look at it.",
                                _ => "Done.",
                            };
                            view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }
                        });
                        let explained = t.explained.clone();
                        let topic = t.id.to_string();
                        let return_to = format!("/threads/{}", t.id);
                        view! {
                            <Title text=heading.clone()/>
                            <p class="breadcrumb"><a href=p.about_href>{p.about_label}</a></p>
                            <h1>{heading}</h1>
                            <p class="meta">{format!("Started by {} on {}", t.started_by, when(t.created_at))}</p>
                            {notice}
                            <LiveComments topic/>
                            <ThreadComments thread=t can=p.can full=true return_to names=p.names/>
                            <crate::glossary::WordsExplained terms=explained/>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// A board's (`/discussions`) or group's (`/groups/:slug/discussions`) conversations of their own.
#[component]
pub fn DiscussionsPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("slug"), discussions_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the discussions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let space = p.space;
                        let can = p.can;
                        let back = if space.parent_id.is_some() { format!("/groups/{}", space.slug) } else { "/".to_owned() };
                        let action = format!("/discussions/{}", space.slug);
                        let topic = space.id.to_string();
                        view! {
                            <Title text=format!("Discussions in {}", space.name)/>
                            <p class="breadcrumb"><a href=back>{space.name.clone()}</a></p>
                            <h1>{format!("Discussions in {}", space.name)}</h1>
                            <p>"Conversations of their own, not about one document: ideas, questions, things people have told us."</p>
                            <LiveComments topic/>
                            {if p.threads.is_empty() {
                                view! { <p>"Nobody has started a discussion yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="discussion-list">
                                        {p.threads.into_iter().map(|t| {
                                            let status = if t.resolved_by.is_some() { "resolved".to_owned() } else { "open".to_owned() };
                                            view! {
                                                <li>
                                                    <h2><a href=t.link.clone()>{t.title.clone()}</a></h2>
                                                    <p class="meta">{format!("Started by {} · {} {} · last comment {} · {status}", t.started_by, t.comment_count, if t.comment_count == 1 { "comment" } else { "comments" }, when(t.last_activity_at))}</p>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {can.contribute.then(|| view! {
                                <section aria-labelledby="new-discussion-heading">
                                    <h2 id="new-discussion-heading">"Start a discussion"</h2>
                                    <FormMessage form="discussion"/>
                                    <form method="post" action=action novalidate>
                                        <Field form="discussion" name="title" label="Subject" hint="A few words, so people know what it is about."/>
                                        <TextArea form="discussion" name="body" label="What would you like to say?" hint=BODY_HINT/>
                                        <MentionHelp field="discussion-body".to_owned() names=p.names.clone()/>
                                        <SaidByField form="discussion"/>
                                        <button type="submit">"Start the discussion"</button>
                                    </form>
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

/// Everything a person has been told: mentions, replies, comments hidden or reported.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| notifications_page());
    view! {
        <Title text="Your notifications"/>
        <h1>"Your notifications"</h1>
        <Suspense fallback=|| view! { <p>"Loading your notifications…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(list) => {
                        let unread = list.iter().filter(|n| !n.read).count();
                        view! {
                            <p>{match unread { 0 => "Nothing new.".to_owned(), 1 => "1 new notification.".to_owned(), n => format!("{n} new notifications.") }}</p>
                            {(unread > 0).then(|| view! {
                                <form method="post" action="/notifications/read" class="inline-form">
                                    <button type="submit" class="secondary">"Mark them all as read"</button>
                                </form>
                            })}
                            {if list.is_empty() {
                                view! { <p>"When someone mentions you or replies to you, it shows here."</p> }.into_any()
                            } else {
                                view! {
                                    <ol class="notifications">
                                        {list.into_iter().map(|n| view! {
                                            <li class=if n.read { "notification" } else { "notification unread" }>
                                                <p>
                                                    {(!n.read).then(|| view! { <strong>"New: "</strong> })}
                                                    <a href=n.link.clone()>{n.summary.clone()}</a>
                                                </p>
                                                <p class="meta">{when(n.created_at)}</p>
                                            </li>
                                        }).collect_view()}
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
        <p>"We email you about these too, as often as you choose on "<a href="/preferences">"Text and colours"</a>": as things happen, once a day, once a week, or not at all."</p>
    }
}

/// The "Comments" section of a document page: threads on the whole document, then each part's
/// threads in the document's order, then those on parts since removed; and a form to comment on
/// the whole or one part.
#[component]
pub fn DocumentComments(id: uuid::Uuid, talk: DocumentConversation) -> impl IntoView {
    let can = talk.can;
    let back = format!("/documents/{id}");
    let total = talk.whole.len() + talk.sections.iter().map(|(_, _, t)| t.len()).sum::<usize>() + talk.removed.len();
    let parts: Vec<(String, String)> = talk.sections.iter().map(|(k, t, _)| (k.clone(), t.clone())).collect();
    let chosen = crate::people::forms::typed("comment", "part", "");
    let thread_list = move |threads: Vec<domain::conversations::Thread>, back: String| {
        threads.into_iter().map(|t| view! { <ThreadComments thread=t can return_to=back.clone()/> }).collect_view()
    };
    view! {
        <section aria-labelledby="comments-heading" class="comments-section">
            <h2 id="comments-heading">"Comments"</h2>
            <LiveComments topic=id.to_string()/>
            {(total == 0).then(|| view! { <p>"Nobody has commented yet."</p> })}
            {(!talk.whole.is_empty()).then(|| view! {
                <h3>"On the whole document"</h3>
                {thread_list(talk.whole.clone(), back.clone())}
            })}
            {talk.sections.into_iter().filter(|(_, _, t)| !t.is_empty()).map(|(key, title, threads)| view! {
                <h3 id=format!("comments-{key}")>{format!("On \u{201c}{title}\u{201d}")}</h3>
                {thread_list(threads, back.clone())}
            }).collect_view()}
            {(!talk.removed.is_empty()).then(|| view! {
                <h3>"On parts that have since been removed"</h3>
                {thread_list(talk.removed.clone(), back.clone())}
            })}
            {can.contribute.then(|| view! {
                <h3 id="new-comment-heading">"Add a comment"</h3>
                <FormMessage form="comment"/>
                <form method="post" action=format!("/documents/{id}/comments") novalidate>
                    <div class="field">
                        <label for="comment-part">"What is your comment about?"</label>
                        <select id="comment-part" name="part">
                            <option value="" selected=chosen.is_empty()>"The whole document"</option>
                            {parts.into_iter().map(|(key, title)| {
                                let selected = chosen == key;
                                view! { <option value=key selected=selected>{format!("The part \u{201c}{title}\u{201d}")}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <TextArea form="comment" name="body" label="Your comment" hint=BODY_HINT/>
                    <MentionHelp field="comment-body".to_owned() names=talk.names.clone()/>
                    <SaidByField form="comment"/>
                    <button type="submit">"Post my comment"</button>
                </form>
            })}
        </section>
    }
}
