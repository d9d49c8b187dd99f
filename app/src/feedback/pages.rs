//! The You Said We Did pages. Filters are plain links and every form posts to the server, so all
//! of it works without JavaScript.

use domain::feedback::{Answer, FeedbackSummary, Filter, SourceKind, Status, Theme};
use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{Listed, ask_page, import_page, item_page, overview_page, public_list, review_list, tell_us_page};
use crate::layout::failed;
use crate::people::forms::{Checkbox, Field, FormMessage, Radios, Select, TextArea, feedback_for, typed};

fn notice(text: &'static str) -> AnyView {
    view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }.into_any()
}

fn done_notice(done: Option<String>) -> Option<AnyView> {
    let text = match done?.as_str() {
        "added" => "The feedback is added. It is not public until a co-chair publishes it.",
        "changed" => "Your changes are saved.",
        "status" => "The status is changed, and the change is in the timeline.",
        "asked" => "It is marked done. Everyone who gave this feedback and agreed to be asked has been emailed: \u{201c}Did this make a difference?\u{201d}",
        "ask-late" => "It is marked done. The \u{201c}Did this make a difference?\u{201d} emails are saved, but our mail server is not answering just now, so they may be late: Coboard keeps trying and will send them as soon as it can.",
        "updated" => "Your update is in the timeline.",
        "linked" => "The link is added.",
        "unlinked" => "The link is taken off.",
        "merged" => "The two are joined. Every source and its people are now on this item.",
        "published" => "It is published on the public You Said We Did page.",
        "unpublished" => "It is taken off the public page.",
        "imported" => "The feedback from the event is added, ready for review.",
        _ => "Done.",
    };
    Some(notice(text))
}

/// "Heard", "Doing it": always in words, never colour alone.
fn status_badge(status: Status) -> impl IntoView {
    view! { <strong class=format!("status status-{}", status.as_str())>{status.label()}</strong> }
}

fn themes_words(themes: &[Theme]) -> String {
    if themes.is_empty() { "No theme yet".to_owned() } else { themes.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ") }
}

fn item_card(l: Listed, members: bool) -> impl IntoView {
    let i = l.item;
    view! {
        <li class="feedback-item">
            <h3><a href=i.link.clone()><span class="visually-hidden">"You said: "</span>{short(&i.said)}</a></h3>
            <div class="said" inner_html=l.said_html></div>
            <p class="meta">
                {status_badge(i.status)}
                {format!(" · {} · {} · First heard {}", i.people_words(), themes_words(&i.themes), i.first_heard_words)}
                {(members && !i.published).then(|| " · Not published")}
            </p>
            {l.response_html.map(|h| view! { <div class="we-did"><p><strong>"We did: "</strong></p><div inner_html=h></div></div> })}
        </li>
    }
}

fn short(text: &str) -> String {
    // The first sentence, as a heading.
    domain::shorten(text.split_terminator(['.', '\n']).next().unwrap_or(text), 90)
}

/// A filter link: the current choice is marked for screen readers and in text, not by colour.
fn filter_link(label: String, href: String, current: bool) -> impl IntoView {
    view! {
        <li>
            {if current {
                view! { <a href=href aria-current="page"><strong>{label}</strong><span class="visually-hidden">" (showing now)"</span></a> }.into_any()
            } else {
                view! { <a href=href>{label}</a> }.into_any()
            }}
        </li>
    }
}

/// `/you-said-we-did`: published items, filtered by theme, status and year with plain links.
#[component]
pub fn YouSaidPage() -> impl IntoView {
    crate::same_for_everyone();
    let query = use_query_map();
    let page = Resource::new(move || { let q = query.read(); (q.get("theme"), q.get("status"), q.get("year"), q.get("page")) }, |(t, s, y, n)| public_list(t, s, y, n));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let f = p.filter.clone();
                        let with = move |change: &dyn Fn(&mut Filter)| { let mut g = f.clone(); change(&mut g); format!("/you-said-we-did{}", g.query()) };
                        let count = p.total;
                        let (at, pages) = (p.page, p.pages);
                        let query = p.filter.query();
                        let page_link = move |n: usize| match (query.is_empty(), n) {
                            (_, 1) => format!("/you-said-we-did{query}"),
                            (true, n) => format!("/you-said-we-did?page={n}"),
                            (false, n) => format!("/you-said-we-did{query}&page={n}"),
                        };
                        let canonical = page_link(at);
                        let title = if at > 1 { format!("You Said We Did (page {at} of {pages})") } else { "You Said We Did".to_owned() };
                        view! {
                            <Title text=title/>
                            <crate::layout::Describe text=format!("What people told {}, what it did about it, and what changed.", p.board_name) path=canonical/>
                            <Link rel="alternate" type_="application/atom+xml" href="/you-said-we-did/feed.atom"/>
                            <h1>"You Said We Did"</h1>
                            <p class="lead">{format!("What people who use direct payments, their families and staff told {}, what the board did about it, and what changed.", p.board_name)}</p>
                            <p class="actions">
                                <a href="/tell-us">"Tell the board something"</a>
                                {p.can.manage.then(|| view! { <a href="/feedback">"Review all feedback (members)"</a> })}
                            </p>
                            <nav aria-labelledby="filter-heading" class="filters">
                                <h2 id="filter-heading">"Show only"</h2>
                                <h3 id="theme-filter">"Theme"</h3>
                                <ul aria-labelledby="theme-filter" class="filter-list">
                                    {filter_link("All themes".into(), with(&|g| g.theme = None), p.filter.theme.is_none())}
                                    {Theme::ALL.iter().map(|t| filter_link(t.label().into(), with(&|g| g.theme = Some(*t)), p.filter.theme == Some(*t))).collect_view()}
                                </ul>
                                <h3 id="status-filter">"Where it stands"</h3>
                                <ul aria-labelledby="status-filter" class="filter-list">
                                    {filter_link("Any".into(), with(&|g| g.status = None), p.filter.status.is_none())}
                                    {Status::ALL.iter().map(|s| filter_link(s.label().into(), with(&|g| g.status = Some(*s)), p.filter.status == Some(*s))).collect_view()}
                                </ul>
                                {(!p.years.is_empty()).then(|| view! {
                                    <h3 id="year-filter">"Year"</h3>
                                    <ul aria-labelledby="year-filter" class="filter-list">
                                        {filter_link("Every year".into(), with(&|g| g.year = None), p.filter.year.is_none())}
                                        {p.years.iter().map(|y| filter_link(y.to_string(), with(&|g| g.year = Some(*y)), p.filter.year == Some(*y))).collect_view()}
                                    </ul>
                                })}
                            </nav>
                            <section aria-labelledby="items-heading">
                                <h2 id="items-heading">{match count { 0 => "Nothing to show".to_owned(), 1 => "1 thing people told us".to_owned(), n => format!("{n} things people told us") }}</h2>
                                {if count == 0 {
                                    view! { <p>{if p.filter == Filter::default() { "Nothing is published yet." } else { "Nothing published matches this. Try another theme, status or year." }}</p> }.into_any()
                                } else {
                                    view! {
                                        {(pages > 1).then(|| view! { <p>{format!("Page {at} of {pages}, newest first: {} to {}.", (at - 1) * super::server::PER_PAGE + 1, ((at - 1) * super::server::PER_PAGE + p.items.len()))}</p> })}
                                        <ul class="feedback-list">{p.items.into_iter().map(|l| item_card(l, false)).collect_view()}</ul>
                                        {(pages > 1).then(|| crate::layout::pager(at, pages, page_link.clone()))}
                                    }.into_any()
                                }}
                            </section>
                            <p class="actions">
                                <a href="/you-said-we-did/feed.atom" type="application/atom+xml">"Follow in a feed reader"<span class="visually-hidden">" (Atom feed)"</span></a>
                                <a href="/you-said-we-did/feedback.csv" download>"Download as a spreadsheet"<span class="visually-hidden">" (CSV file)"</span></a>
                            </p>
                            <crate::glossary::WordsExplained terms=p.explained/>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// The theme boxes, ticked as the item has them (or as typed after a problem).
fn theme_boxes(form: &'static str, chosen: &[Theme]) -> impl IntoView + use<> {
    let sent_back = feedback_for(form).is_some();
    view! {
        <fieldset class="field">
            <legend>"Themes"</legend>
            <p class="hint">"Tick every theme it is about. You can leave them all empty."</p>
            <div class="radios">
                {Theme::ALL.iter().map(|t| {
                    let name = format!("theme-{}", t.as_str());
                    let id = format!("{form}-{name}");
                    let checked = if sent_back { typed(form, &name, "") == "on" } else { chosen.contains(t) };
                    view! {
                        <div class="radio">
                            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
                            <label for=id>{t.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

fn source_options() -> Vec<(&'static str, String)> {
    SourceKind::ALL.iter().filter(|k| **k != SourceKind::PublicForm).map(|k| (k.as_str(), k.label().to_owned())).collect()
}

/// `/you-said-we-did/:id`: one item. Members also see who said it, the work on it and its forms.
#[component]
pub fn FeedbackItemPage() -> impl IntoView {
    crate::same_for_everyone();
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), item_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(p) => item_view(p, done),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn item_view(p: super::server::ItemView, done: Option<String>) -> AnyView {
    let item = p.item;
    let s = item.summary.clone();
    let id = s.id;
    if let Some(into) = item.merged_into {
        return view! {
            <Title text="Feedback joined with another"/>
            <h1>"This feedback has been joined with similar feedback"</h1>
            <p>"People said the same thing in more than one place, so the board keeps it as one item."</p>
            <p><a href=format!("/you-said-we-did/{into}")>"Read the feedback it joined"</a></p>
        }
        .into_any();
    }
    let can = item.can;
    let sources = item.sources.clone();
    let manage = can.manage.then(|| manage_forms(&item));
    let (threads, can_talk, names) = (p.threads, p.can_talk, p.names);
    let return_to = format!("/you-said-we-did/{id}");
    view! {
        <Title text=format!("You said: {}", short(&s.said))/>
        <crate::layout::Describe text=format!("You said: {}", short(&s.said)) path=format!("/you-said-we-did/{id}")/>
        <p class="breadcrumb"><a href="/you-said-we-did">"You Said We Did"</a>{can.manage.then(|| view! { " · " <a href="/feedback">"Review all feedback"</a> })}</p>
        <h1><span class="visually-hidden">"You said: "</span>{short(&s.said)}</h1>
        {done_notice(done)}
        {(can.manage && !s.published).then(|| view! { <p class="notice"><strong>"Not published. "</strong>"Only members of the board can see this."</p> })}
        <section aria-labelledby="said-heading">
            <h2 id="said-heading">"You said"</h2>
            <div class="said" inner_html=p.said_html></div>
            <p class="meta">{format!("{} · {} · First heard {}", s.people_words(), themes_words(&s.themes), s.first_heard_words)}</p>
        </section>
        <section aria-labelledby="did-heading">
            <h2 id="did-heading">"We did"</h2>
            <p>"Where it stands: " {status_badge(s.status)}</p>
            {p.reason_html.map(|h| view! { <div><p><strong>"Why we are not doing it:"</strong></p><div inner_html=h></div></div> })}
            {match p.response_html {
                Some(h) => view! { <div class="we-did" inner_html=h></div> }.into_any(),
                None => view! { <p>"The board has not said what it will do yet."</p> }.into_any(),
            }}
            <dl class="facts">
                {s.owner.clone().map(|o| view! { <dt>"Who is looking after it"</dt><dd>{o.name}</dd> })}
                {item.group.clone().map(|(slug, name)| view! { <dt>"Group working on it"</dt><dd><a href=format!("/groups/{slug}")>{name}</a></dd> })}
                {item.target_words.clone().map(|t| view! { <dt>"We aim to finish by"</dt><dd>{t}</dd> })}
                {item.published_words.clone().map(|t| view! { <dt>"Published"</dt><dd>{t}</dd> })}
            </dl>
            {(!item.links.is_empty()).then(|| view! {
                <h3>"What carries it out"</h3>
                <ul>
                    {item.links.iter().map(|l| {
                        let label = format!("{}: {}", l.kind.label(), l.title);
                        let remove = can.manage.then(|| view! {
                            <form method="post" action=format!("/feedback-links/{}/remove", l.id) class="inline-form">
                                <button type="submit" class="link-button">"Take off"<span class="visually-hidden">{format!(" the link to {}", l.title)}</span></button>
                            </form>
                        });
                        view! { <li>{match l.href.clone() { Some(h) => view! { <a href=h>{label}</a> }.into_any(), None => view! { <span>{label}</span> }.into_any() }} " " {remove}</li> }
                    }).collect_view()}
                </ul>
            })}
        </section>
        {(!item.answers.is_empty()).then(|| view! {
            <section aria-labelledby="answers-heading">
                <h2 id="answers-heading">"Did it make a difference?"</h2>
                <p>"What people who gave this feedback told us when we asked."</p>
                <ul>
                    {item.answers.iter().map(|a| view! {
                        <li><strong>{a.answer.label()}</strong>{format!(" ({})", a.when)}{a.words.clone().map(|w| view! { <blockquote>{w}</blockquote> })}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">"What has happened"</h2>
            {if item.updates.is_empty() { view! { <p>"Nothing yet."</p> }.into_any() } else {
                view! {
                    <ol class="timeline">
                        {item.updates.iter().map(|u| view! {
                            <li>
                                <p class="meta">{format!("{} · {}", u.when, u.by)}
                                    {u.status_to.map(|to| format!(" · now {}", to.label().to_lowercase()))}</p>
                                <p>{u.body.clone()}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        {can.manage.then(|| view! {
            <section aria-labelledby="sources-heading">
                <h2 id="sources-heading">"Where it was heard"</h2>
                <p class="hint">"Members only. Contact details are never shown publicly."</p>
                <ul>
                    {sources.into_iter().map(|src| view! {
                        <li>
                            <p>{format!("{}{} · {} · {}", src.kind.label(), src.detail.map(|d| format!(" ({d})")).unwrap_or_default(), src.said_on_words, if src.people == 1 { "1 person".to_owned() } else { format!("{} people", src.people) })}</p>
                            {src.words.map(|w| view! { <blockquote>{w}</blockquote> })}
                            <p class="meta">
                                {if src.show_words { "Agreed their words may be shown." } else { "Did not agree to their words being shown." }}
                                {src.contact.map(|c| format!(" Contact: {c}."))}
                                {if src.may_ask { " May be asked later." } else { "" }}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {manage}
        {can.manage.then(|| view! {
            <section aria-labelledby="conversation-heading">
                <h2 id="conversation-heading">"Conversation"</h2>
                {if threads.is_empty() { view! { <p>"Nobody has started a conversation about this yet."</p> }.into_any() } else {
                    threads.into_iter().map(|t| view! { <crate::conversations::ThreadComments thread=t can=can_talk return_to=return_to.clone() names=names.clone()/> }).collect_view().into_any()
                }}
                {can_talk.contribute.then(|| view! {
                    <h3>"Start a conversation"</h3>
                    <FormMessage form="feedback-comment"/>
                    <form method="post" action=format!("/you-said-we-did/{id}/comments") novalidate>
                        <TextArea form="feedback-comment" name="body" label="What would you like to say?"/>
                        <crate::conversations::SaidByField form="feedback-comment"/>
                        <button type="submit">"Post"</button>
                    </form>
                })}
            </section>
        })}
        <crate::glossary::WordsExplained terms=p.explained/>
    }
    .into_any()
}

/// The members' forms on an item: status, update, change, link, merge, publish.
fn manage_forms(item: &domain::feedback::FeedbackItem) -> impl IntoView + use<> {
    let s = &item.summary;
    let id = s.id;
    let choices = item.choices.clone().unwrap_or_default();
    let people: Vec<(String, String)> = choices.people.iter().map(|p| (p.id.to_string(), p.name.clone())).collect();
    let groups: Vec<(String, String)> = choices.groups.clone();
    let links = choices.links.clone();
    let others: Vec<(String, String)> = choices.others.iter().map(|(i, said)| (i.to_string(), said.clone())).collect();
    let statuses: Vec<(&'static str, String)> = Status::ALL.iter().filter(|x| **x != s.status).map(|x| (x.as_str(), x.label().to_owned())).collect();
    let published = s.published;
    view! {
        <section aria-labelledby="work-heading" class="manage">
            <h2 id="work-heading">"Work on this feedback"</h2>
            <h3 id="status-heading">"Change where it stands"</h3>
            <FormMessage form="feedback-status"/>
            <form method="post" action=format!("/you-said-we-did/{id}/status") novalidate>
                <Radios form="feedback-status" name="status" legend=format!("It is now \u{201c}{}\u{201d}. Move it to:", s.status.label()) options=statuses/>
                <TextArea form="feedback-status" name="note" label="What has happened (for the timeline)" hint="When you mark it done, say what changed: people who gave this feedback will read it."/>
                <TextArea form="feedback-status" name="reason" label="If you are not doing it: the honest reason why" hint="Needed only for \u{201c}Not doing\u{201d}."/>
                <button type="submit">"Save where it stands"</button>
            </form>
            <h3>"Add an update"</h3>
            <FormMessage form="feedback-update"/>
            <form method="post" action=format!("/you-said-we-did/{id}/updates") novalidate>
                <TextArea form="feedback-update" name="update" label="What has happened" hint="It goes in the timeline, with today's date and your name."/>
                <button type="submit">"Add the update"</button>
            </form>
            <h3>"Change this feedback"</h3>
            <FormMessage form="feedback-edit"/>
            <form method="post" action=format!("/you-said-we-did/{id}/edit") novalidate>
                <TextArea form="feedback-edit" name="said" label="What was said, in the board's words" hint="This is what the public page shows." value=s.said.clone()/>
                {theme_boxes("feedback-edit", &s.themes)}
                <TextArea form="feedback-edit" name="response" label="What we did, or will do" value=s.response.clone().unwrap_or_default()/>
                <Select form="feedback-edit" name="owner" label="Who is looking after it" options=people blank="Nobody yet" default=s.owner.as_ref().map(|o| o.id.to_string()).unwrap_or_default()/>
                <Select form="feedback-edit" name="group" label="Group working on it" options=groups blank="No group" default=item.group.as_ref().map(|g| g.0.clone()).unwrap_or_default()/>
                <Field form="feedback-edit" name="target_on" label="Aim to finish by (optional)" kind="date" hint="For example 30/06/2027." value=item.target_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()/>
                <button type="submit">"Save the changes"</button>
            </form>
            <h3>"Link what carries it out"</h3>
            <FormMessage form="feedback-link"/>
            <form method="post" action=format!("/you-said-we-did/{id}/links") novalidate>
                <Select form="feedback-link" name="target" label="A document, decision, action or meeting" options=links blank="Choose one"/>
                <button type="submit">"Link it"</button>
            </form>
            {(!others.is_empty()).then(|| view! {
                <h3>"Join with similar feedback"</h3>
                <FormMessage form="feedback-merge"/>
                <form method="post" action=format!("/you-said-we-did/{id}/merge") novalidate>
                    <Select form="feedback-merge" name="other" label="Feedback that says the same thing" hint="Its sources and people move to this item, and its page will lead here." options=others blank="Choose one"/>
                    <button type="submit">"Join it with this one"</button>
                </form>
            })}
            {item.can.publish.then(|| view! {
                <h3>"Public page"</h3>
                <FormMessage form="feedback-publish"/>
                <form method="post" action=format!("/you-said-we-did/{id}/publish")>
                    <input type="hidden" name="publish" value=if published { "no" } else { "yes" }/>
                    <button type="submit">{if published { "Take it off the public page" } else { "Publish it on the public page" }}</button>
                </form>
            })}
        </section>
    }
}

/// `/tell-us`: anyone can tell the board something, signed out, without JavaScript.
#[component]
pub fn TellUsPage() -> impl IntoView {
    crate::same_for_everyone();
    let page = Resource::new(|| (), |_| tell_us_page());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(board) => view! {
                        <Title text="Tell the board something"/>
                        <crate::layout::Describe text=format!("Tell {board} what is working, what is not, and what should change.")/>
                        <p class="breadcrumb"><a href="/you-said-we-did">"You Said We Did"</a></p>
                        <h1>"Tell the board something"</h1>
                        <p class="lead">{format!("Tell {board} what is working, what is not, and what should change about direct payments. Members of the board read everything. You do not need to sign in or give your name.")}</p>
                        <FormMessage form="tell-us"/>
                        <form method="post" action="/tell-us" novalidate>
                            <TextArea form="tell-us" name="words" label="What would you like to tell the board?" hint=format!("Write as much as you like, up to {} characters.", domain::feedback::MAX_WORDS)/>
                            {theme_boxes("tell-us", &[])}
                            <Checkbox form="tell-us" name="show_words" label="The board may show my words on its public page (without my name)" checked=typed("tell-us", "show_words", "") == "on"/>
                            <fieldset class="field">
                                <legend>"Hearing back (optional)"</legend>
                                <Field form="tell-us" name="name" label="Your name (optional)" autocomplete="name"/>
                                <Field form="tell-us" name="email" label="Your email address (optional)" kind="email" autocomplete="email" hint="Only members of the board see it. We use it only to ask you about this feedback."/>
                                <Checkbox form="tell-us" name="may_ask" label="You may email me later to ask whether what the board did made a difference" checked=typed("tell-us", "may_ask", "") == "on"/>
                            </fieldset>
                            // A box people never see: automatic spam fills it in.
                            <div class="trap" aria-hidden="true">
                                <label for="tell-us-website">"Leave this empty"</label>
                                <input id="tell-us-website" name="website" type="text" tabindex="-1" autocomplete="off"/>
                            </div>
                            <button type="submit">"Send it to the board"</button>
                        </form>
                    }.into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// `/tell-us/thank-you`.
#[component]
pub fn ThanksPage() -> impl IntoView {
    crate::same_for_everyone();
    view! {
        <Title text="Thank you for telling the board"/>
        <h1>"Thank you"</h1>
        <p>"The board has your message. Members will read it and decide what to do. What they do is shown on the You Said We Did page."</p>
        <p><a href="/you-said-we-did">"See what the board has done about what people said"</a></p>
        <p><a href="/tell-us">"Tell the board something else"</a></p>
    }
}

/// `/feedback`: the members' list of everything, with a form to add feedback they heard.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || { let q = query.read(); (q.get("status"), q.get("published"), q.get("page")) }, |(s, p, n)| review_list(s, p, n));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(p) => {
                        let f = p.filter.clone();
                        let href = move |status: Option<Status>, published: Option<bool>| {
                            let mut parts = Vec::new();
                            if let Some(s) = status { parts.push(format!("status={}", s.as_str())); }
                            match published { Some(true) => parts.push("published=yes".into()), Some(false) => parts.push("published=no".into()), None => {} }
                            if parts.is_empty() { "/feedback".to_owned() } else { format!("/feedback?{}", parts.join("&")) }
                        };
                        let count = p.total;
                        let (at, pages) = (p.page, p.pages);
                        let here = href(f.status, f.published);
                        let page_link = move |n: usize| match (n, here.contains('?')) {
                            (1, _) => here.clone(),
                            (n, true) => format!("{here}&page={n}"),
                            (n, false) => format!("{here}?page={n}"),
                        };
                        let title = if at > 1 { format!("Review feedback (page {at} of {pages})") } else { "Review feedback".to_owned() };
                        view! {
                            <Title text=title/>
                            <p class="breadcrumb"><a href="/you-said-we-did">"You Said We Did"</a></p>
                            <h1>"Review feedback"</h1>
                            {done_notice(done)}
                            <p>"Everything people have told the board, published or not. Only members of the board see this list."</p>
                            <p class="actions">
                                <a href="/feedback/import">"Add feedback cards from an event (CSV)"</a>
                                <a href="/feedback/overview">"Overview: where everything stands"</a>
                            </p>
                            <nav aria-labelledby="review-filter" class="filters">
                                <h2 id="review-filter">"Show only"</h2>
                                <ul class="filter-list">
                                    {filter_link("Everything".into(), href(None, None), f.status.is_none() && f.published.is_none())}
                                    {filter_link("Not published yet".into(), href(None, Some(false)), f.published == Some(false) && f.status.is_none())}
                                    {filter_link("New, not looked at (heard)".into(), href(Some(Status::Heard), None), f.status == Some(Status::Heard))}
                                    {Status::ALL.iter().filter(|s| **s != Status::Heard).map(|s| filter_link(s.label().into(), href(Some(*s), None), f.status == Some(*s))).collect_view()}
                                </ul>
                            </nav>
                            <section aria-labelledby="review-items">
                                <h2 id="review-items">{match count { 1 => "1 item".to_owned(), n => format!("{n} items") }}</h2>
                                {if count == 0 { view! { <p>"Nothing matches this."</p> }.into_any() } else {
                                    view! {
                                        {(pages > 1).then(|| view! { <p>{format!("Page {at} of {pages}, newest first: {} to {}.", (at - 1) * super::server::PER_PAGE + 1, (at - 1) * super::server::PER_PAGE + p.items.len())}</p> })}
                                        <ul class="feedback-list">{p.items.into_iter().map(|l| item_card(l, true)).collect_view()}</ul>
                                        {(pages > 1).then(|| crate::layout::pager(at, pages, page_link.clone()))}
                                    }.into_any()
                                }}
                            </section>
                            <section aria-labelledby="add-heading">
                                <h2 id="add-heading">"Add feedback you heard"</h2>
                                <FormMessage form="feedback-add"/>
                                <form method="post" action="/feedback" novalidate>
                                    <TextArea form="feedback-add" name="said" label="What was said, in the board's words" hint="This is what the public page will show once it is published."/>
                                    <TextArea form="feedback-add" name="words" label="Their own words (optional)" hint="Exactly as they said or wrote it, if you have it."/>
                                    {theme_boxes("feedback-add", &[])}
                                    <Radios form="feedback-add" name="kind" legend="Where it came from" options=source_options() default="event"/>
                                    <Field form="feedback-add" name="detail" label="Which event, survey or meeting (optional)" hint="For example: Co-production event, March 2027."/>
                                    <Field form="feedback-add" name="said_on" label="When it was said" kind="date" hint="Leave empty for today."/>
                                    <Field form="feedback-add" name="people" label="How many people said it" kind="number" value="1"/>
                                    <Checkbox form="feedback-add" name="show_words" label="They agreed their own words may be shown publicly (without their name)" checked=typed("feedback-add", "show_words", "") == "on"/>
                                    <Field form="feedback-add" name="contact_name" label="Their name (optional)"/>
                                    <Field form="feedback-add" name="contact_email" label="Their email (optional)" kind="email"/>
                                    <Checkbox form="feedback-add" name="may_ask" label="They agreed to be asked later whether it made a difference" checked=typed("feedback-add", "may_ask", "") == "on"/>
                                    <button type="submit">"Add the feedback"</button>
                                </form>
                            </section>
                            <crate::glossary::WordsExplained terms=p.explained/>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// `/feedback/import`: paste or upload an event's CSV, check the rows, then add the good ones.
#[component]
pub fn ImportPage() -> impl IntoView {
    let csv = typed("import", "csv", "");
    let kind = typed("import", "kind", "event");
    let detail = typed("import", "detail", "");
    let page = Resource::new(move || csv.clone(), import_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let (kind, detail) = (kind.clone(), detail.clone());
                Suspend::new(async move {
                match page.await {
                    Ok((_, preview)) => {
                        let good = preview.as_ref().map(|p| p.good.len()).unwrap_or(0);
                        view! {
                            <Title text="Add feedback from an event"/>
                            <p class="breadcrumb"><a href="/feedback">"Review feedback"</a></p>
                            <h1>"Add feedback from an event"</h1>
                            <p>"Type up the cards from the event in a spreadsheet, save it as CSV, and choose the file here (or paste its text). The first line must be the headings. Only one column is needed: "<strong>"said"</strong>" (what was said). You can also have "<strong>"themes"</strong>", "<strong>"date"</strong>", "<strong>"people"</strong>" (how many said it), "<strong>"name"</strong>", "<strong>"email"</strong>", "<strong>"may_ask"</strong>" and "<strong>"show_words"</strong>" (yes or no)."</p>
                            <p>"You will see every row before anything is added."</p>
                            {preview.clone().map(|p| view! {
                                <section aria-labelledby="check-heading" class="import-check">
                                    <h2 id="check-heading" tabindex="-1">"Check the rows"</h2>
                                    {p.problem.clone().map(|m| view! { <div class="error-summary" role="alert"><p>{m}</p></div> })}
                                    {(!p.bad.is_empty()).then(|| view! {
                                        <div class="error-summary" role="alert">
                                            <h3>{match p.bad.len() { 1 => "1 row cannot be added".to_owned(), n => format!("{n} rows cannot be added") }}</h3>
                                            <p>"Every other row is kept. You can put these right in the box below and check again, or add the good rows now."</p>
                                            <ul>{p.bad.iter().map(|b| view! { <li>{b.problem.clone()}</li> }).collect_view()}</ul>
                                        </div>
                                    })}
                                    {(!p.good.is_empty()).then(|| view! {
                                        <table>
                                            <caption>{match p.good.len() { 1 => "1 row ready to add".to_owned(), n => format!("{n} rows ready to add") }}</caption>
                                            <thead><tr><th scope="col">"Line"</th><th scope="col">"What was said"</th><th scope="col">"Themes"</th><th scope="col">"Date"</th><th scope="col">"People"</th><th scope="col">"May ask later"</th></tr></thead>
                                            <tbody>
                                                {p.good.iter().map(|r| view! {
                                                    <tr><td>{r.line}</td><td>{r.said.clone()}</td><td>{themes_words(&r.themes)}</td><td>{domain::dates::long_date(r.said_on)}</td><td>{r.people}</td><td>{if r.may_ask { "Yes" } else { "No" }}</td></tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    })}
                                </section>
                            })}
                            <FormMessage form="import"/>
                            <form method="post" action="/feedback/import" enctype="multipart/form-data" novalidate>
                                <Radios form="import" name="kind" legend="Where the feedback came from" options=source_options() default=kind.clone()/>
                                <Field form="import" name="detail" label="Which event or survey" hint="For example: Co-production event, 14 March 2027." value=detail.clone()/>
                                <div class="field">
                                    <label for="import-file">"The CSV file"</label>
                                    <input id="import-file" name="file" type="file" accept=".csv,text/csv"/>
                                </div>
                                <TextArea form="import" name="csv" label="Or paste the CSV text here" hint="After checking, the rows are here: you can correct them and check again."/>
                                <div class="actions">
                                    <button type="submit" name="step" value="check">"Check the rows"</button>
                                    {(good > 0).then(|| view! { <button type="submit" name="step" value="add">{if good == 1 { "Add the 1 good row".to_owned() } else { format!("Add the {good} good rows") }}</button> })}
                                </div>
                            </form>
                        }.into_any()
                    }
                    Err(err) => failed(err),
                }
            })}}
        </Suspense>
    }
}

/// `/feedback/overview`: counts by status and theme, waiting times, and items nobody updated.
#[component]
pub fn FeedbackOverviewPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| overview_page());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(o) => {
                        let most = o.by_status.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
                        view! {
                            <Title text="You Said We Did: overview"/>
                            <p class="breadcrumb"><a href="/feedback">"Review feedback"</a></p>
                            <h1>"You Said We Did: where everything stands"</h1>
                            <p>{format!("{} items in all (items joined with others are counted once).", o.total)}</p>
                            <section aria-labelledby="status-chart">
                                <h2 id="status-chart">"Items by status"</h2>
                                <ul class="bar-chart">
                                    {o.by_status.iter().map(|(s, n)| {
                                        // A class per 5% (style.css), not a style attribute: the pages'
                                        // Content-Security-Policy allows no inline styles. Anything
                                        // above nothing shows at least a sliver.
                                        let percent = ((n * 100 / most + 2) / 5 * 5).max(if *n > 0 { 5 } else { 0 });
                                        view! {
                                            <li>
                                                <span class="bar-label">{format!("{}: {n}", s.label())}</span>
                                                <span class=format!("bar w{percent}") aria-hidden="true"></span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </section>
                            <section aria-labelledby="theme-table">
                                <h2 id="theme-table">"Items by theme and status"</h2>
                                <div class="table-scroll">
                                    <table>
                                        <caption>"How many items of each theme are in each status. An item with two themes is in both rows."</caption>
                                        <thead><tr><th scope="col">"Theme"</th>{Status::ALL.iter().map(|s| view! { <th scope="col">{s.label()}</th> }).collect_view()}</tr></thead>
                                        <tbody>
                                            {o.by_theme.iter().map(|(t, counts)| view! {
                                                <tr><th scope="row">{t.label()}</th>{counts.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}</tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            </section>
                            <section aria-labelledby="wait-table">
                                <h2 id="wait-table">"How long items wait"</h2>
                                <table>
                                    <caption>"Days spent in each status, counting every item that has been there (items still there count up to today)."</caption>
                                    <thead><tr><th scope="col">"Status"</th><th scope="col">"Items"</th><th scope="col">"Average days"</th><th scope="col">"Longest (days)"</th></tr></thead>
                                    <tbody>
                                        {o.waits.iter().map(|w| view! {
                                            <tr><th scope="row">{w.status.label()}</th><td>{w.items}</td><td>{format!("{:.1}", w.average_days)}</td><td>{w.longest_days}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                            <section aria-labelledby="stale-heading">
                                <h2 id="stale-heading">{format!("Open items with no update for {} days", domain::feedback::STALE_DAYS)}</h2>
                                {if o.stale.is_empty() { view! { <p>"None: every open item has had an update in that time."</p> }.into_any() } else {
                                    view! { <ul>{o.stale.iter().map(|i: &FeedbackSummary| view! { <li><a href=i.link.clone()>{short(&i.said)}</a>{format!(" ({})", i.status.label())}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// `/did-it-help/:secret`: the question emailed to someone who gave the feedback.
#[component]
pub fn DidItHelpPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("secret").unwrap_or_default(), ask_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let secret = params.read_untracked().get("secret").unwrap_or_default();
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(a) => view! {
                        <Title text="Did this make a difference?"/>
                        <h1>"Did this make a difference?"</h1>
                        {(done.as_deref() == Some("answered")).then(|| notice("Thank you. Your answer is saved, and the board can see it."))}
                        <h2>"You said"</h2>
                        <blockquote>{a.said.clone()}</blockquote>
                        <h2>"We did"</h2>
                        <p>{a.response.clone().unwrap_or_else(|| "The board marked this done.".into())}</p>
                        <FormMessage form="answer"/>
                        {match a.answered.clone() {
                            Some(ans) => view! { <p>{format!("You answered on {}: {}.", ans.when, ans.answer.label())}</p> }.into_any(),
                            None => view! {
                                <form method="post" action=format!("/did-it-help/{secret}") novalidate>
                                    <Radios form="answer" name="answer" legend="Did what the board did make a difference to you?" options=Answer::ALL.iter().map(|x| (x.as_str(), x.label().to_owned())).collect()/>
                                    <TextArea form="answer" name="words" label="Anything you would like to add (optional)" hint="Your words are shown on the public page for this feedback, without your name. If it did not make a difference, the board will look at it again."/>
                                    <button type="submit">"Send my answer"</button>
                                </form>
                            }.into_any(),
                        }}
                        <p><a href=a.link.clone()>"See this feedback on the You Said We Did page"</a></p>
                    }.into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}
