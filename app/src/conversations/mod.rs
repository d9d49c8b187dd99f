//! Conversations on pages: a thread's comments and replies, reactions counted by perspective,
//! and the forms to post, reply, react, edit, remove, resolve, hide and report. Every one is an
//! ordinary form that posts to the server, so all of it works without JavaScript; with
//! JavaScript, a small island says politely when new comments arrive.

pub mod pages;
mod server;

use domain::conversations::{Comment, Thread, ThreadAbilities};
use leptos::prelude::*;

pub use pages::{DiscussionsPage, NotificationsPage, ThreadPage};
pub use server::{DocumentConversation, ThreadPageView};
#[cfg(feature = "ssr")]
pub(crate) use server::document_conversation;

use crate::people::forms::{Field, FormMessage, TextArea};

pub(crate) fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %B %Y at %H:%M").to_string()
}

/// The hint under every comment box: Markdown, mentions and recording someone else's words.
const BODY_HINT: &str = "To let someone know, type @ and their name as it shows on the members page, for example @Jo Patel. You can use Markdown: *stars* for emphasis, a dash at the start of a line for a list.";

/// The optional field for posting what someone else said.
#[component]
pub fn SaidByField(#[prop(into)] form: String) -> impl IntoView {
    view! {
        <Field form=form name="said_by" label="If these are someone else's words, whose? (optional)"
            hint="For example what someone said at a meeting, on the phone or on a feedback card. It will show as their name, recorded by you."/>
    }
}

/// Hidden fields every conversation form carries: where to come back to.
fn back_to(return_to: &str) -> impl IntoView + use<> {
    view! { <input type="hidden" name="return_to" value=return_to.to_owned()/> }
}

/// One thread's comments, oldest first, each with its replies. `full` adds every form (the
/// thread's own page); otherwise the comments are shown with a link to join in there.
#[component]
pub fn ThreadComments(
    thread: Thread,
    can: ThreadAbilities,
    #[prop(optional)] full: bool,
    #[prop(into)] return_to: String,
    /// Who can be mentioned, for the helper under the comment box.
    #[prop(optional)]
    names: Vec<String>,
) -> impl IntoView {
    let tid = thread.id;
    let resolved = thread.resolved_by.is_some();
    let count = thread.comment_count;
    let status = match (&thread.resolved_by, thread.resolved_at) {
        (Some(by), Some(at)) => format!("Resolved by {by} on {}.", when(at)),
        _ => format!("{count} {} · open", if count == 1 { "comment" } else { "comments" }),
    };
    let note = thread.section_note();
    let add_form = format!("thread-{tid}");
    let resolve_form = format!("resolve-{tid}");
    let comments = thread.comments.clone();
    let back = return_to.clone();
    view! {
        <div class="thread" id=format!("thread-{tid}")>
            <p class="thread-status">{status}</p>
            {note.map(|n| view! { <p class="notice notice-warning">{n}</p> })}
            <ol class="comments">
                {comments.into_iter().map(|c| view! { <CommentItem c can full resolved return_to=back.clone()/> }).collect_view()}
            </ol>
            {if full {
                view! {
                    {(can.contribute && !resolved).then(|| view! {
                        <FormMessage form=add_form.clone()/>
                        <form method="post" action=format!("/threads/{tid}/comments") novalidate class="comment-form">
                            {back_to(&return_to)}
                            <TextArea form=add_form.clone() name="body" label="Add a comment" hint=BODY_HINT/>
                            <MentionHelp field=format!("{add_form}-body") names=names.clone()/>
                            <SaidByField form=add_form.clone()/>
                            <button type="submit">"Post my comment"</button>
                        </form>
                    })}
                    {can.contribute.then(|| view! {
                        <FormMessage form=resolve_form.clone()/>
                        <form method="post" action=format!("/threads/{tid}/resolve") class="inline-form">
                            {back_to(&return_to)}
                            <input type="hidden" name="resolved" value=if resolved { "0" } else { "1" }/>
                            <button type="submit" class="secondary">{if resolved { "Reopen this conversation" } else { "Mark this conversation resolved" }}</button>
                        </form>
                    })}
                }.into_any()
            } else {
                view! {
                    <p><a href=format!("/threads/{tid}")>{if can.contribute { "Reply, react or add a comment".to_owned() } else { "Open this conversation".to_owned() }}<span class="visually-hidden">{format!(" (conversation started by {} on {})", thread.started_by, when(thread.created_at))}</span></a></p>
                }.into_any()
            }}
        </div>
    }
}

/// Whether the address asks to edit this comment (`?edit={id}`). Comments are drawn on the
/// server only.
fn asked_to_edit(id: uuid::Uuid) -> bool {
    #[cfg(feature = "ssr")]
    {
        let wanted = format!("edit={id}");
        use_context::<axum::http::request::Parts>().and_then(|p| p.uri.query().map(|q| q.split('&').any(|pair| pair == wanted))).unwrap_or(false)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = id;
        false
    }
}

#[component]
fn CommentItem(c: Comment, can: ThreadAbilities, full: bool, resolved: bool, return_to: String) -> AnyView {
    let id = c.id;
    let is_reply = c.parent_id.is_some();
    let who = match c.perspective {
        Some(p) => format!("{} ({})", c.by, p.label().to_lowercase()),
        None => c.by.clone(),
    };
    let edited = c.edited_at.map(|at| format!(" · edited {}", when(at)));
    let tombstone = c.tombstone();
    let shown = c.body_html.is_some();
    let hidden = c.hidden_reason.is_some();
    let summary = domain::conversations::reactions_summary(&c.reactions);
    let reply_form = format!("reply-{id}");
    let edit_form = format!("edit-{id}");
    let hide_form = format!("hide-{id}");
    let report_form = format!("report-{id}");
    let react_form = format!("react-{id}");
    // Open for editing after "Edit" (`?edit=` this comment), or when a change needs fixing.
    // Read from the request rather than the router: under load a comment was once rendered
    // where the router's context had gone, and the router's hook panics there (seen once in
    // 200 comment posts a second against the large board).
    let editing = crate::people::forms::feedback_for(&edit_form).is_some() || asked_to_edit(id);
    let body = c.body.clone().unwrap_or_default();
    let earlier = c.earlier.clone();
    let replies = c.replies.clone();
    let reactions = c.reactions.clone();
    let back = return_to.clone();
    view! {
        <li id=format!("comment-{id}") class=if is_reply { "comment reply" } else { "comment" }>
            <p class="comment-by"><strong>{who}</strong>{format!(" · {}", when(c.created_at))}{edited}</p>
            {match (&tombstone, shown) {
                (Some(t), false) => view! { <p class="tombstone">{t.clone()}</p> }.into_any(),
                (Some(t), true) => view! {
                    <p class="notice notice-warning">{format!("{t} Only the leads and the person who wrote it can read it now.")}</p>
                    <div class="comment-body" inner_html=c.body_html.clone().unwrap_or_default()></div>
                }.into_any(),
                (None, _) => view! { <div class="comment-body" inner_html=c.body_html.clone().unwrap_or_default()></div> }.into_any(),
            }}
            {(full && !earlier.is_empty()).then(|| view! {
                <details class="earlier">
                    <summary>{format!("Earlier wording ({})", earlier.len())}</summary>
                    <ol>{earlier.into_iter().map(|e| view! { <li><p class="meta">{format!("Until {}", when(e.replaced_at))}</p><p class="pre">{e.body}</p></li> }).collect_view()}</ol>
                </details>
            })}
            {(shown && !hidden).then(|| view! { <p class="reactions">{summary.clone()}</p> })}
            {(full && shown && !hidden && can.contribute).then(|| view! {
                <FormMessage form=react_form.clone()/>
                <form method="post" action=format!("/comments/{id}/react") class="inline-form reactions-form">
                    {back_to(&back)}
                    {reactions.into_iter().map(|r| {
                        // The same words either way: aria-pressed says whether it is given.
                        let label = r.kind.label();
                        view! {
                            <button type="submit" name="kind" value=r.kind.as_str() class="secondary" aria-pressed=if r.mine { "true" } else { "false" }>
                                {label}<span class="visually-hidden">{format!(" on the comment by {}", c.by)}</span>
                            </button>
                        }
                    }).collect_view()}
                </form>
            })}
            {(full && c.can_edit).then(|| if editing {
                view! {
                    <FormMessage form=edit_form.clone()/>
                    <form method="post" action=format!("/comments/{id}/edit") novalidate>
                        {back_to(&back)}
                        <TextArea form=edit_form.clone() name="body" label="Change your comment" value=body.clone() hint="Your earlier wording is kept, and the comment shows as edited."/>
                        <button type="submit">"Save the change"</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <ul class="actions comment-actions">
                        <li><a href=format!("/threads/{}?edit={id}#comment-{id}", c.thread_id)>"Edit"<span class="visually-hidden">" your comment"</span></a></li>
                        <li>
                            <form method="post" action=format!("/comments/{id}/remove") class="inline-form">
                                {back_to(&back)}
                                <button type="submit" class="link-button">"Remove"<span class="visually-hidden">" your comment"</span></button>
                            </form>
                        </li>
                    </ul>
                }.into_any()
            })}
            {(full && can.moderate && c.deleted == false).then(|| if hidden {
                view! {
                    <form method="post" action=format!("/comments/{id}/show") class="inline-form">
                        {back_to(&back)}
                        <button type="submit" class="secondary">"Show this comment again"</button>
                    </form>
                }.into_any()
            } else {
                view! {
                    <details class="moderate" open=crate::people::forms::feedback_for(&hide_form).is_some()>
                        <summary>"Hide this comment"<span class="visually-hidden">{format!(" by {}", c.by)}</span></summary>
                        <FormMessage form=hide_form.clone()/>
                        <form method="post" action=format!("/comments/{id}/hide") novalidate>
                            {back_to(&back)}
                            <TextArea form=hide_form.clone() name="reason" label="Why are you hiding it?" hint="The reason shows in its place, and the person who wrote it is told."/>
                            <button type="submit" class="secondary">"Hide it"</button>
                        </form>
                    </details>
                }.into_any()
            })}
            {(full && can.report && shown && !c.can_edit).then(|| view! {
                <details class="report" open=crate::people::forms::feedback_for(&report_form).is_some()>
                    <summary>"Report this comment"<span class="visually-hidden">{format!(" by {}", c.by)}</span></summary>
                    <FormMessage form=report_form.clone()/>
                    <form method="post" action=format!("/comments/{id}/report") novalidate>
                        {back_to(&back)}
                        <TextArea form=report_form.clone() name="reason" label="What worries you about it?" hint="The co-chairs or convenors will look at it. The person who wrote it is not told who reported it."/>
                        <button type="submit" class="secondary">"Send to the leads"</button>
                    </form>
                </details>
            })}
            {(!replies.is_empty()).then(|| view! {
                <ol class="replies" aria-label=format!("Replies to {}", c.by)>
                    {replies.into_iter().map(|r| view! { <CommentItem c=r can full resolved return_to=back.clone()/> }.into_any()).collect_view()}
                </ol>
            })}
            {(full && !is_reply && can.contribute && !resolved).then(|| view! {
                <details class="reply" open=crate::people::forms::feedback_for(&reply_form).is_some()>
                    <summary>"Reply"<span class="visually-hidden">{format!(" to {}", c.by)}</span></summary>
                    <FormMessage form=reply_form.clone()/>
                    <form method="post" action=format!("/threads/{}/comments", c.thread_id) novalidate>
                        {back_to(&back)}
                        <input type="hidden" name="parent_id" value=id.to_string()/>
                        <TextArea form=reply_form.clone() name="body" label=format!("Your reply to {}", c.by) hint=BODY_HINT/>
                        <SaidByField form=reply_form.clone()/>
                        <button type="submit">"Post my reply"</button>
                    </form>
                </details>
            })}
        </li>
    }
    .into_any()
}

/// Says politely, without moving anything on the page, when new comments arrive on what this
/// page shows (`topic`: a thread's or a document's id, matched in each event). "Show them"
/// reloads the page. Without JavaScript, nothing shows and new comments appear on reload.
#[island]
pub fn LiveComments(topic: String) -> impl IntoView {
    let (count, set_count) = signal(0usize);
    // Set once the stream is open (for tests and anyone curious: `data-listening`).
    let (listening, set_listening) = signal(false);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, closure::Closure};
        let topic = topic.clone();
        Effect::new(move |_| {
            let Ok(source) = web_sys::EventSource::new("/api/v1/events") else { return };
            let topic = topic.clone();
            let on_comment = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if e.data().as_string().is_some_and(|d| d.contains(&topic)) {
                    set_count.update(|n| *n += 1);
                }
            });
            let _ = source.add_event_listener_with_callback("comment_posted", on_comment.as_ref().unchecked_ref());
            let on_open = Closure::<dyn FnMut()>::new(move || set_listening.set(true));
            let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
            // Both live as long as the page.
            on_comment.forget();
            on_open.forget();
            std::mem::forget(source);
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&topic, set_count, set_listening);
    view! {
        <div class="live-updates" aria-live="polite" data-listening=move || listening.get().then_some("yes")>
            {move || {
                let n = count.get();
                (n > 0).then(|| view! {
                    <p>
                        {if n == 1 { "1 new comment".to_owned() } else { format!("{n} new comments") }}
                        " "
                        <button type="button" class="secondary" on:click=move |_| {
                            #[cfg(feature = "hydrate")]
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().reload();
                            }
                        }>"Show them"</button>
                    </p>
                })
            }}
        </div>
    }
}

/// The word being typed at the caret, when it is a mention: the text after the last `@` before
/// the caret, if that `@` starts a word and what follows is short and on one line.
pub fn mention_at(before_caret: &str) -> Option<(usize, &str)> {
    let at = before_caret.rfind('@')?;
    if before_caret[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let partial = &before_caret[at + 1..];
    (!partial.contains('\n') && partial.chars().count() <= 40).then_some((at, partial))
}

/// The members whose names start with `partial` (at most five), for the mention helper.
pub fn mention_matches<'a>(partial: &str, names: &'a [String]) -> Vec<&'a String> {
    let partial = partial.to_lowercase();
    names.iter().filter(|n| n.to_lowercase().starts_with(&partial)).take(5).collect()
}

/// While someone types `@` and the start of a name in the comment box `field`, offers the
/// members whose names match as buttons just below it; choosing one puts the whole name in.
/// Without JavaScript nothing shows, and typing the exact name works the same.
#[island]
pub fn MentionHelp(field: String, names: Vec<String>) -> impl IntoView {
    let (found, set_found) = signal(Vec::<String>::new());
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, closure::Closure};
        let field = field.clone();
        Effect::new(move |_| {
            let Some(el) = text_area(&field) else { return };
            let names = names.clone();
            let typed = el.clone();
            let on_input = Closure::<dyn FnMut()>::new(move || {
                let before = before_caret(&typed);
                let list = match mention_at(&before) {
                    Some((_, partial)) if !partial.is_empty() => mention_matches(partial, &names).into_iter().cloned().collect(),
                    _ => Vec::new(),
                };
                set_found.set(list);
            });
            let _ = el.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
            on_input.forget();
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&names, set_found);
    view! {
        <div class="mention-help">
            <p class="visually-hidden" aria-live="polite">{move || match found.get().len() {
                0 => String::new(),
                1 => "1 person matches: press Tab to choose.".to_owned(),
                n => format!("{n} people match: press Tab to choose."),
            }}</p>
            <ul class="mention-list">
                {move || found.get().into_iter().map(|name| {
                    let field = field.clone();
                    let label = format!("Mention {name}");
                    view! {
                        <li>
                            <button type="button" class="secondary" on:click=move |_| {
                                #[cfg(feature = "hydrate")]
                                if let Some(el) = text_area(&field) {
                                    put_mention(&el, &name);
                                    set_found.set(Vec::new());
                                }
                                #[cfg(not(feature = "hydrate"))]
                                let _ = (&field, &name);
                            }>{label}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// The comment box with this id.
#[cfg(feature = "hydrate")]
fn text_area(id: &str) -> Option<web_sys::HtmlTextAreaElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into::<web_sys::HtmlTextAreaElement>().ok()
}

/// The text before the caret (the browser counts in UTF-16 units).
#[cfg(feature = "hydrate")]
fn before_caret(el: &web_sys::HtmlTextAreaElement) -> String {
    let value: Vec<u16> = el.value().encode_utf16().collect();
    let caret = el.selection_start().ok().flatten().map_or(value.len(), |c| (c as usize).min(value.len()));
    String::from_utf16_lossy(&value[..caret])
}

/// Replaces the partly typed mention at the caret with the whole name, and puts the caret after it.
#[cfg(feature = "hydrate")]
fn put_mention(el: &web_sys::HtmlTextAreaElement, name: &str) {
    let before = before_caret(el);
    let Some((at, _)) = mention_at(&before) else { return };
    let value = el.value();
    let after = &value[before.len().min(value.len())..];
    let head = format!("{}@{name} ", &before[..at]);
    el.set_value(&format!("{head}{after}"));
    let caret = head.encode_utf16().count() as u32;
    let _ = el.set_selection_range(caret, caret);
    let _ = el.focus();
}

#[cfg(test)]
mod tests {
    use super::{mention_at, mention_matches};

    #[test]
    fn a_mention_is_found_at_the_caret() {
        assert_eq!(mention_at("Thanks @Jo"), Some((7, "Jo")));
        assert_eq!(mention_at("mail me@example"), None);
        assert_eq!(mention_at("@Jo\nnext line"), None);
        assert_eq!(mention_at("no mention"), None);
        let names: Vec<String> = ["Jo Patel", "Jordan Ellis", "Alex Reid"].iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(mention_matches("jo", &names), vec![&names[0], &names[1]]);
        assert_eq!(mention_matches("Jo P", &names), vec![&names[0]]);
    }
}
