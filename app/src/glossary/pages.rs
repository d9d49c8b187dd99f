//! Glossary pages. Every form works without JavaScript; explanations are plain text on the page,
//! reached by ordinary links, never on hover only.

use domain::glossary::Term;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server::glossary_view;
use crate::layout::failed;
use crate::people::forms::{Field, FormMessage, TextArea};

/// The glossary terms used on a page, explained below its text. Each first use in the text links
/// here (`#term-{slug}`).
#[component]
pub fn WordsExplained(terms: Vec<Term>) -> impl IntoView {
    (!terms.is_empty()).then(|| {
        view! {
            <section aria-labelledby="words-heading" class="words-explained">
                <h2 id="words-heading">"Words explained"</h2>
                <dl>
                    {terms.into_iter().map(|t| view! {
                        <dt id=format!("term-{}", t.slug)>{t.term}</dt>
                        <dd>{t.explanation}</dd>
                    }).collect_view()}
                </dl>
                <p><a href="/glossary">"All the words we explain"</a></p>
            </section>
        }
    })
}

#[component]
pub fn GlossaryPage() -> impl IntoView {
    crate::same_for_everyone();
    let page = Resource::new(|| (), |_| glossary_view());
    view! {
        <Title text="Words explained"/>
        <crate::layout::Describe text="Plain explanations of the words used in direct payments and on this board's pages."/>
        <h1>"Words explained"</h1>
        <p>"Some words about care and direct payments are hard to understand. Here they are in plain words. Wherever one of these words appears in our documents, it links to its explanation."</p>
        <p><a href="/glossary/ask?from=/glossary">"I don't understand a word here"</a></p>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(g) => {
                        let can_edit = g.can_edit;
                        view! {
                            <FormMessage form="term"/>
                            {if g.terms.is_empty() {
                                view! { <p>"There are no words in the glossary yet."</p> }.into_any()
                            } else {
                                view! {
                                    <dl class="glossary">
                                        {g.terms.into_iter().map(|t| {
                                            let form = format!("change-{}", t.id);
                                            view! {
                                                <dt id=t.slug.clone()>{t.term.clone()}</dt>
                                                <dd>
                                                    {t.explanation.clone()}
                                                    {can_edit.then(|| view! {
                                                        <details class="change-term">
                                                            <summary>{format!("Change the explanation of \u{201c}{}\u{201d}", t.term)}</summary>
                                                            <FormMessage form=form.clone()/>
                                                            <form method="post" action=format!("/glossary/terms/{}", t.id) novalidate>
                                                                <TextArea form=form.clone() name="explanation" label=format!("What \u{201c}{}\u{201d} means", t.term) value=t.explanation.clone()/>
                                                                <button type="submit">"Save the explanation"</button>
                                                            </form>
                                                        </details>
                                                    })}
                                                </dd>
                                            }
                                        }).collect_view()}
                                    </dl>
                                }.into_any()
                            }}
                            {g.requests.map(|requests| view! {
                                <section aria-labelledby="asked-heading">
                                    <h2 id="asked-heading">"Words people asked about"</h2>
                                    {if requests.is_empty() {
                                        view! { <p>"Nobody is waiting for an explanation."</p> }.into_any()
                                    } else {
                                        view! {
                                            <p>"Someone pressed \"I don't understand a word here\". When you explain a word, it joins the glossary and is explained wherever it appears."</p>
                                            <ul class="requests">
                                                {requests.into_iter().map(|r| {
                                                    let form = format!("answer-{}", r.id);
                                                    let asked = if r.times_asked == 1 { "Asked once".to_owned() } else { format!("Asked {} times", r.times_asked) };
                                                    view! {
                                                        <li>
                                                            <h3>{format!("\u{201c}{}\u{201d}", r.word)}</h3>
                                                            <p>{asked}{r.page.map(|p| { let href = p.clone(); view! { ", on "<a href=href>{p}</a> } })}</p>
                                                            <FormMessage form=form.clone()/>
                                                            <form method="post" action=format!("/glossary/requests/{}", r.id) novalidate>
                                                                <TextArea form=form.clone() name="explanation" label=format!("What \u{201c}{}\u{201d} means, in plain words", r.word)
                                                                    hint="One or two short sentences. Say it as you would to a friend."/>
                                                                <button type="submit">"Explain this word"</button>
                                                            </form>
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </section>
                            })}
                            {can_edit.then(|| view! {
                                <section aria-labelledby="add-heading">
                                    <h2 id="add-heading">"Add a word"</h2>
                                    <FormMessage form="add"/>
                                    <form method="post" action="/glossary" novalidate>
                                        <Field form="add" name="term" label="The word or phrase" hint="For example: financial monitoring."/>
                                        <TextArea form="add" name="explanation" label="What it means, in plain words" hint="One or two short sentences."/>
                                        <button type="submit">"Add to the glossary"</button>
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

/// "I don't understand a word here": anyone, signed out too, names the word.
#[component]
pub fn AskPage() -> impl IntoView {
    let query = use_query_map();
    let from = query.read_untracked().get("from").filter(|f| domain::is_local_path(f));
    let asked = query.read_untracked().get("asked");
    let back = from.clone().map(|f| view! { <p><a href=f>"Go back to the page you were reading"</a></p> });
    view! {
        <Title text="I don't understand a word"/>
        <h1>"I don't understand a word"</h1>
        {asked.map(|word| view! {
            <div class="notice notice-success" role="status">
                <p>{format!("Thank you. We have asked the board's members to explain \u{201c}{word}\u{201d}. When they have, it will be in the list of words explained, and explained wherever it appears.")}</p>
            </div>
        })}
        <p>"Tell us the word or phrase you did not understand. You do not need to sign in. People on the board will explain it in plain words, for you and everyone else."</p>
        <FormMessage form="ask"/>
        <form method="post" action="/glossary/ask" novalidate>
            <input type="hidden" name="page" value=from.unwrap_or_default()/>
            <Field form="ask" name="word" label="The word or phrase" hint="For example: eligibility."/>
            <button type="submit">"Ask what it means"</button>
        </form>
        {back}
        <p><a href="/glossary">"See all the words we explain"</a></p>
    }
}
