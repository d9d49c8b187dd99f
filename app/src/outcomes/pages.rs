//! `/outcomes`, `/outcomes/{id}`, `/outcomes/new` and `/outcomes/{id}/edit`.

use domain::outcomes::{LinkKind, Outcome};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{OutcomeFormView, outcome_form, outcome_page, outcomes_page};
use crate::layout::{Describe, failed};
use crate::people::forms::{Field, FormMessage, TextArea, feedback_for, typed};

fn long_date(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%-d %B %Y").to_string()
}

#[component]
pub fn OutcomesPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| outcomes_page());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(o) => {
                        if !o.can_write {
                            crate::same_for_everyone();
                        }
                        view! {
                            <Title text="Outcomes"/>
                            <Describe text=format!("What the work of {} has changed, with the policies, decisions and feedback behind each change.", o.board_name)/>
                            <h1>"Outcomes"</h1>
                            <p class="lead">{format!("What the work of {} has changed, told in a few words, with the policies, decisions and feedback behind it.", o.board_name)}</p>
                            {o.can_write.then(|| view! { <p><a href="/outcomes/new">"Write an outcome"</a></p> })}
                            {if o.items.is_empty() {
                                view! { <p>"No outcomes have been published yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="outcome-list">
                                        {o.items.into_iter().map(|i| view! {
                                            <li>
                                                <h2><a href=format!("/outcomes/{}", i.id)>{i.title}</a></h2>
                                                <p class="meta">{match i.published_at {
                                                    Some(at) => format!("Published on {}", long_date(at)),
                                                    None => "Draft: only the board's members can see it".to_owned(),
                                                }}</p>
                                                <p>{i.summary}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn OutcomePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), outcome_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(o) => outcome_view(o, done).into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn outcome_view(o: Outcome, done: Option<String>) -> impl IntoView {
    if !o.can_edit {
        crate::same_for_everyone();
    }
    let notice = match done.as_deref() {
        Some("saved") => Some("Saved. It stays a draft until a co-chair publishes it."),
        Some("published") => Some("Published: everyone can read it now, and it is in the feed."),
        Some("unpublished") => Some("Taken off the public pages. It is a draft again."),
        _ => None,
    };
    let id = o.id;
    let published = o.published_at.is_some();
    let description: String = crate::layout::unmarked(&o.story).chars().take(200).collect();
    view! {
        <Title text=o.title.clone()/>
        <Describe text=description path=format!("/outcomes/{id}")/>
        <p class="breadcrumb"><a href="/outcomes">"Outcomes"</a></p>
        {notice.map(|n| view! { <div class="notice notice-success" role="status"><p>{n}</p></div> })}
        <h1>{o.title.clone()}</h1>
        <p class="meta">{match o.published_at {
            Some(at) => format!("Published on {}", long_date(at)),
            None => "Draft: only the board's members can see it until a co-chair publishes it.".to_owned(),
        }}</p>
        <div class="story" inner_html=o.story_html></div>
        {(!o.links.is_empty()).then(|| view! {
            <section aria-labelledby="behind-heading">
                <h2 id="behind-heading">"What this rests on"</h2>
                <ul>
                    {o.links.into_iter().map(|l| view! {
                        <li>
                            <span class="link-kind">{format!("{}: ", l.kind.label())}</span>
                            {match l.url {
                                Some(url) => view! { <a href=url>{l.label}</a> }.into_any(),
                                None => l.label.into_any(),
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(o.can_edit || o.can_publish).then(|| view! {
            <section aria-labelledby="work-heading">
                <h2 id="work-heading">"Working on it"</h2>
                <FormMessage form="outcome-publish"/>
                {o.can_edit.then(|| view! { <p><a href=format!("/outcomes/{id}/edit")>"Change this outcome"</a></p> })}
                {o.can_publish.then(|| view! {
                    <form method="post" action=format!("/outcomes/{id}/publish") class="inline-form">
                        <input type="hidden" name="publish" value=if published { "off" } else { "on" }/>
                        <button type="submit">{if published { "Take it off the public pages" } else { "Publish it for everyone" }}</button>
                    </form>
                })}
            </section>
        })}
    }
}

#[component]
pub fn NewOutcomePage() -> impl IntoView {
    let page = Resource::new(|| (), |_| outcome_form(None));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(f) => form_view(f).into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn EditOutcomePage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id"), outcome_form);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(f) => form_view(f).into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

const FORM: &str = "outcome";

fn form_view(f: OutcomeFormView) -> impl IntoView {
    let (title, action, heading) = match &f.outcome {
        Some(o) => (o.title.clone(), format!("/outcomes/{}/edit", o.id), format!("Change \u{201c}{}\u{201d}", o.title)),
        None => (String::new(), "/outcomes".to_owned(), "Write an outcome".to_owned()),
    };
    let story = f.outcome.as_ref().map(|o| o.story.clone()).unwrap_or_default();
    // Ticked: what was sent last time when the form comes back with a problem, otherwise what
    // the outcome links to now.
    let sent: Option<Vec<String>> = feedback_for(FORM).map(|fb| fb.values.into_iter().filter(|(k, _)| k == "link").map(|(_, v)| v).collect());
    let current: Vec<String> = f.outcome.as_ref().map(|o| o.links.iter().map(|l| format!("{}:{}", l.kind.as_str(), l.id)).collect()).unwrap_or_default();
    let ticked = sent.unwrap_or(current);
    let groups = [
        (LinkKind::Document, "Policies and paperwork"),
        (LinkKind::Decision, "Decisions made at meetings"),
        (LinkKind::Feedback, "You Said We Did"),
    ];
    view! {
        <Title text=heading.clone()/>
        <p class="breadcrumb"><a href="/outcomes">"Outcomes"</a></p>
        <h1>{heading}</h1>
        <p class="lead">"Say what changed for people, in plain words, and tick what it rests on. It stays a draft, seen only by the board's members, until a co-chair publishes it."</p>
        <FormMessage form=FORM/>
        <form method="post" action=action novalidate>
            <Field form=FORM name="title" label="Title" hint="What changed, in a few words." value=typed(FORM, "title", &title)/>
            <TextArea form=FORM name="story" label="The story" hint="What the board did, and what difference it made. A few short paragraphs. You can use Markdown." value=typed(FORM, "story", &story)/>
            {groups.into_iter().map(|(kind, legend)| {
                let choices: Vec<_> = f.choices.iter().filter(|c| c.kind == kind).cloned().collect();
                (!choices.is_empty()).then(|| view! {
                    <fieldset class="field">
                        <legend>{legend}</legend>
                        <div class="radios">
                            {choices.into_iter().enumerate().map(|(i, c)| {
                                let box_id = format!("{FORM}-link-{}-{i}", kind.as_str());
                                let checked = ticked.contains(&c.key);
                                view! {
                                    <div class="radio">
                                        <input type="checkbox" id=box_id.clone() name="link" value=c.key checked=checked/>
                                        <label for=box_id>{c.label}</label>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    </fieldset>
                })
            }).collect_view()}
            <button type="submit">"Save the draft"</button>
        </form>
    }
}
