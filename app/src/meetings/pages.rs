//! The meeting pages.

use domain::meetings::{Access, Attended, Meeting, MeetingSummary, Named, Reply};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{action_page, actions_page, meeting_page, meetings_page, plan_page};
use super::{ActionLine, actions_href, meetings_href};
use crate::layout::failed;
use crate::people::forms::{Field, FormMessage, Radios, Select, TextArea, typed};

fn done_notice(done: Option<String>) -> Option<AnyView> {
    let text = match done?.as_str() {
        "planned" => "The meeting is planned. Now add the items for its agenda.",
        "changed" => "Your changes are saved. Anyone who added the meeting to their calendar will see the new details.",
        "item-added" => "The item is on the agenda.",
        "item-moved" => "The item has moved.",
        "item-removed" => "The item is off the agenda.",
        "paper-added" => "The paper is added.",
        "papers-sent" => "The papers have gone out. Everyone invited has been told.",
        "replied" => "Thank you. Your reply is saved.",
        "attendance-recorded" => "Who came is recorded.",
        "decision-recorded" => "The decision is recorded.",
        "action-added" => "The action is recorded, and its owner has been told.",
        _ => "Done.",
    };
    Some(view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }.into_any())
}

fn meeting_list(items: Vec<MeetingSummary>) -> impl IntoView {
    view! {
        <ul class="meeting-list">
            {items.into_iter().map(|m| view! {
                <li>
                    <h3><a href=m.link.clone()>{m.title.clone()}</a></h3>
                    <p>{m.when.clone()}</p>
                    <p class="meta">{format!("{} · {}", m.space_name, match (&m.place, &m.join_link) {
                        (Some(p), Some(_)) => format!("{p}, or online"),
                        (Some(p), None) => p.clone(),
                        (None, Some(_)) => "Online".to_owned(),
                        (None, None) => String::new(),
                    })}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// A board's (`/meetings`) or group's (`/groups/:slug/meetings`) meetings, and the calendar feed.
#[component]
pub fn MeetingsPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("slug"), meetings_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the meetings…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let space = p.space;
                        let is_group = space.parent_id.is_some();
                        let back = if is_group { format!("/groups/{}", space.slug) } else { "/".to_owned() };
                        let (coming, past): (Vec<_>, Vec<_>) = p.meetings.into_iter().partition(|m| !m.past);
                        view! {
                            <Title text=format!("Meetings of {}", space.name)/>
                            <p class="breadcrumb"><a href=back>{space.name.clone()}</a></p>
                            <h1>{format!("Meetings of {}", space.name)}</h1>
                            <p class="actions">
                                {p.can_plan.then(|| view! { <a href=format!("/meetings/new/{}", space.slug)>"Plan a meeting"</a> })}
                                <a href=actions_href(&space.slug, is_group)>"See the actions"</a>
                            </p>
                            {(!p.yours.is_empty()).then(|| view! {
                                <section aria-labelledby="yours-heading">
                                    <h2 id="yours-heading">"Your meetings coming up, in the board and its groups"</h2>
                                    {meeting_list(p.yours.clone())}
                                </section>
                            })}
                            {p.in_space.then(|| view! {
                                <section aria-labelledby="coming-heading">
                                    <h2 id="coming-heading">{format!("Coming up in {}", space.name)}</h2>
                                    {if coming.is_empty() { view! { <p>"No meetings are planned yet."</p> }.into_any() } else { meeting_list(coming).into_any() }}
                                </section>
                            })}
                            {(!past.is_empty()).then(|| view! {
                                <section aria-labelledby="past-heading">
                                    <h2 id="past-heading">"Past meetings"</h2>
                                    {meeting_list(past)}
                                </section>
                            })}
                            {p.signed_in.then(|| view! {
                                <section aria-labelledby="calendar-heading">
                                    <h2 id="calendar-heading">"Your meetings in your own calendar"</h2>
                                    <p>"Your calendar app (on your phone or computer) can show every meeting of the board and groups you are in, and keep them up to date when a meeting moves. It needs a private address to read them from."</p>
                                    {p.feed_made.clone().map(|on| view! { <p>{format!("You made your calendar address on {on}. If you have lost it, or think someone else has it, make a new one: the old one will stop working.")}</p> })}
                                    <FormMessage form="calendar"/>
                                    <form method="post" action="/account/calendar">
                                        <button type="submit">{if p.feed_made.is_some() { "Make a new calendar address" } else { "Make my calendar address" }}</button>
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

/// The boxes for the access arrangements, ticked as the meeting has them (or as typed).
fn access_boxes(chosen: &[Access]) -> impl IntoView + use<> {
    let sent_back = crate::people::forms::feedback_for("meeting").is_some();
    view! {
        <fieldset class="field">
            <legend>"Access arrangements offered"</legend>
            <p class="hint">"Tick everything this meeting will have, so people know before they come."</p>
            <div class="radios">
                {Access::ALL.into_iter().map(|a| {
                    let name = format!("access-{}", a.as_str());
                    let id = format!("meeting-{name}");
                    let checked = if sent_back { typed("meeting", &name, "") == "on" } else { chosen.contains(&a) };
                    view! {
                        <div class="radio">
                            <input type="checkbox" id=id.clone() name=name value="on" checked=checked/>
                            <label for=id>{a.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// The fields of the plan and change forms.
fn meeting_fields(existing: Option<&Meeting>, members: &[Named]) -> impl IntoView + use<> {
    let value = |f: &dyn Fn(&Meeting) -> String| existing.map(f).unwrap_or_default();
    let people: Vec<(String, String)> = members.iter().map(|m| (m.id.to_string(), m.name.clone())).collect();
    let access = existing.map(|m| m.access.clone()).unwrap_or_default();
    view! {
        <Field form="meeting" name="title" label="Name of the meeting" hint="For example: Board meeting, or Policy group meeting." value=value(&|m| m.summary.title.clone())/>
        <Field form="meeting" name="date" label="Date" kind="date" hint="For example 29/03/2027." value=value(&|m| m.local_date.clone())/>
        <Field form="meeting" name="start" label="Starts at" kind="time" hint="UK time, for example 10:00." value=value(&|m| m.local_start.clone())/>
        <Field form="meeting" name="end" label="Ends at" kind="time" hint="For example 12:00." value=value(&|m| m.local_end.clone())/>
        <Field form="meeting" name="place" label="Where (leave empty if online only)" hint="The room and building, for example Room 2, Town Hall, High Street." value=value(&|m| m.summary.place.clone().unwrap_or_default())/>
        <Field form="meeting" name="join_link" label="Link to join online (leave empty if in the room only)" kind="url" hint="The whole link, starting with https://" value=value(&|m| m.summary.join_link.clone().unwrap_or_default())/>
        {access_boxes(&access)}
        <Field form="meeting" name="papers_days" label="Send the papers this many days before" kind="number" hint="Usually 7, so everyone has a week to read them." value=existing.map(|m| m.papers_days.to_string()).unwrap_or_else(|| "7".into())/>
        <Select form="meeting" name="minute_taker" label="Who will take the minutes? (optional)" options=people blank="Not decided yet" default=existing.and_then(|m| m.minute_taker.as_ref().map(|t| t.id.to_string())).unwrap_or_default()/>
    }
}

/// `/meetings/new/:slug`: plan a meeting.
#[component]
pub fn PlanMeetingPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("slug").unwrap_or_default(), plan_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! {
                        <Title text=format!("Plan a meeting of {}", p.space.name)/>
                        <p class="breadcrumb"><a href=meetings_href(&p.space.slug, p.space.parent_id.is_some())>{format!("Meetings of {}", p.space.name)}</a></p>
                        <h1>{format!("Plan a meeting of {}", p.space.name)}</h1>
                        <FormMessage form="meeting"/>
                        <form method="post" action=format!("/meetings/new/{}", p.space.slug) novalidate>
                            {meeting_fields(None, &p.members)}
                            <button type="submit">"Plan the meeting"</button>
                        </form>
                    }.into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// `/meetings/:id/edit`: change the time, place or arrangements.
#[component]
pub fn EditMeetingPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), meeting_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) if p.meeting.can.organise => {
                        let m = p.meeting;
                        view! {
                            <Title text=format!("Change {}", m.summary.title)/>
                            <p class="breadcrumb"><a href=m.summary.link.clone()>{m.summary.title.clone()}</a></p>
                            <h1>{format!("Change {}", m.summary.title)}</h1>
                            <p>"If you change the date, time or place, calendars that have the meeting will show the new details."</p>
                            <FormMessage form="meeting"/>
                            <form method="post" action=format!("/meetings/{}/edit", m.summary.id) novalidate>
                                {meeting_fields(Some(&m), &m.members)}
                                <button type="submit">"Save the changes"</button>
                            </form>
                        }.into_any()
                    }
                    Ok(_) => failed(crate::AppError::Forbidden("Only the co-chairs or convenors can change a meeting.".into())),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn options_of(people: &[Named]) -> Vec<(String, String)> {
    people.iter().map(|p| (p.id.to_string(), p.name.clone())).collect()
}

/// `/meetings/:id`: the whole meeting.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), meeting_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the meeting…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(p) => meeting_body(p, done).into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn meeting_body(p: super::server::MeetingPageView, done: Option<String>) -> impl IntoView {
    let m = p.meeting;
    let s = m.summary.clone();
    let id = s.id;
    let can = m.can;
    let is_group = m.space_is_group;
    let item_options: Vec<(String, String)> = m.items.iter().enumerate().map(|(n, i)| (i.id.to_string(), format!("{}. {}", n + 1, i.title))).collect();
    let doc_options: Vec<(String, String)> = m.documents.iter().map(|(d, t)| (d.to_string(), t.clone())).collect();
    let members = options_of(&m.members);
    let started = s.started;
    let meeting_id = id.to_string();

    let details = view! {
        <dl class="summary">
            <dt>"When"</dt><dd>{s.when.clone()}</dd>
            <dt>"Where"</dt><dd>{s.place.clone().unwrap_or_else(|| "Online only".into())}</dd>
            <dt>"Online"</dt><dd>{match s.join_link.clone() {
                Some(link) => view! { <a href=link>"Join the meeting online"</a> }.into_any(),
                None => view! { "In the room only" }.into_any(),
            }}</dd>
            <dt>"Minutes taken by"</dt><dd>{m.minute_taker.as_ref().map(|t| t.name.clone()).unwrap_or_else(|| "Not decided yet".into())}</dd>
            <dt>"Access arrangements"</dt><dd>{if m.access.is_empty() {
                view! { "None listed yet. Please tell the co-chairs or convenors what you need." }.into_any()
            } else {
                view! { <ul>{m.access.iter().map(|a| view! { <li>{a.label()}</li> }).collect_view()}</ul> }.into_any()
            }}</dd>
        </dl>
    };

    let reply = (can.reply && !s.past).then(|| {
        let options: Vec<(&'static str, String)> = Reply::ALL.into_iter().map(|r| (r.as_str(), r.label().to_owned())).collect();
        let current = m.my_reply.map(|r| format!("You said: {}.", r.label())).unwrap_or_else(|| "You have not said yet whether you are coming.".into());
        view! {
            <section aria-labelledby="reply-heading">
                <h2 id="reply-heading">"Are you coming?"</h2>
                <p>{current}</p>
                <FormMessage form="reply"/>
                <form method="post" action=format!("/meetings/{id}/reply")>
                    <Radios form="reply" name="reply" legend="Your answer" options default=m.my_reply.map(|r| r.as_str().to_owned()).unwrap_or_default()/>
                    <button type="submit">"Send my answer"</button>
                </form>
            </section>
        }
    });

    let previous = m.previous_minutes.clone().map(|pm| view! {
        <div class="status-box">
            <h3>"Minutes of the last meeting"</h3>
            <p>
                <a href=format!("/documents/{}", pm.document_id)>{pm.title.clone()}</a>
                {format!(" ({}). ", pm.status.label())}
                {match pm.status {
                    domain::documents::DocumentStatus::Agreed | domain::documents::DocumentStatus::Published => "These minutes have been agreed.",
                    _ => "To agree at this meeting: everyone gives their view on the minutes page, then a co-chair or convenor records them as agreed and publishes them.",
                }}
            </p>
        </div>
    });

    let arising = (!m.matters_arising.is_empty()).then(|| view! {
        <div>
            <h3 id="arising-heading">"Matters arising: open actions from earlier meetings"</h3>
            <ul class="action-list">{m.matters_arising.iter().cloned().map(|a| view! { <ActionLine action=a/> }).collect_view()}</ul>
        </div>
    });

    let send = (can.organise && m.papers_sent_at.is_none()).then(|| view! {
        <FormMessage form="papers"/>
        <form method="post" action=format!("/meetings/{id}/send-papers")>
            <button type="submit">"Send the papers now"</button>
        </form>
    });

    let n_items = m.items.len();
    let items = m.items.iter().enumerate().map(|(n, item)| {
        let item_id = item.id;
        let lead = item.lead.as_ref().map(|l| format!("Led by {}", l.name));
        let time = item.minutes.map(|t| format!("{t} minutes"));
        let meta = [lead, time].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        let decisions: Vec<_> = m.decisions.iter().filter(|d| d.item_id == Some(item_id)).cloned().collect();
        let actions: Vec<_> = m.actions.iter().filter(|a| a.item_title.as_deref() == Some(item.title.as_str())).cloned().collect();
        let paper_form = format!("paper-{item_id}");
        let mid = meeting_id.clone();
        view! {
            <li id=format!("item-{item_id}") class="agenda-item">
                <h3>{format!("{}. {}", n + 1, item.title)}</h3>
                {(!meta.is_empty()).then(|| view! { <p class="meta">{meta.clone()}</p> })}
                {(!item.papers.is_empty()).then(|| view! {
                    <ul class="papers">
                        {item.papers.iter().map(|paper| view! {
                            <li>
                                <a href=paper.link.clone()>{format!("{} (version {})", paper.title, paper.revision_number)}</a>
                                {paper.easy_read_link.clone().map(|l| view! { " · "<a href=l>{format!("Easy read: {}", paper.title)}</a> })}
                                {paper.late_note.clone().map(|n| view! { <p><strong>{n}</strong></p> })}
                                {paper.newer_version.map(|v| view! { <p class="meta">{format!("The document has changed since: version {v} is the newest.")}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {(!decisions.is_empty()).then(|| view! {
                    <h4>"Decided"</h4>
                    {decisions.into_iter().map(decision_view).collect_view()}
                })}
                {(!actions.is_empty()).then(|| view! {
                    <h4>"Actions"</h4>
                    <ul class="action-list">{actions.into_iter().map(|a| view! { <ActionLine action=a/> }).collect_view()}</ul>
                })}
                {can.organise.then(|| view! {
                    <div class="button-row">
                        {(n > 0).then(|| view! {
                            <form method="post" action=format!("/agenda-items/{item_id}/move") class="inline-form">
                                <input type="hidden" name="meeting_id" value=mid.clone()/>
                                <input type="hidden" name="direction" value="up"/>
                                <button type="submit">"Move up"<span class="visually-hidden">{format!(": {}", item.title)}</span></button>
                            </form>
                        })}
                        {(n + 1 < n_items).then(|| view! {
                            <form method="post" action=format!("/agenda-items/{item_id}/move") class="inline-form">
                                <input type="hidden" name="meeting_id" value=mid.clone()/>
                                <input type="hidden" name="direction" value="down"/>
                                <button type="submit">"Move down"<span class="visually-hidden">{format!(": {}", item.title)}</span></button>
                            </form>
                        })}
                        <form method="post" action=format!("/agenda-items/{item_id}/remove") class="inline-form">
                            <input type="hidden" name="meeting_id" value=mid.clone()/>
                            <button type="submit">"Take off the agenda"<span class="visually-hidden">{format!(": {}", item.title)}</span></button>
                        </form>
                    </div>
                    {(!doc_options.is_empty()).then(|| view! {
                        <FormMessage form=paper_form.clone()/>
                        <form method="post" action=format!("/agenda-items/{item_id}/papers")>
                            <input type="hidden" name="meeting_id" value=mid.clone()/>
                            <Select form=paper_form.clone() name="document_id" label=format!("Add a paper to \u{201c}{}\u{201d}", item.title) options=doc_options.clone() blank="Choose a document"/>
                            <button type="submit">"Add the paper"</button>
                        </form>
                    })}
                })}
            </li>
        }
    }).collect_view();

    let add_item = can.organise.then(|| view! {
        <section aria-labelledby="add-item-heading">
            <h3 id="add-item-heading">"Add an item to the agenda"</h3>
            <FormMessage form="item"/>
            <FormMessage form="agenda"/>
            <form method="post" action=format!("/meetings/{id}/items") novalidate>
                <Field form="item" name="item_title" label="What the item is about" hint="For example: Direct payments policy: the new draft."/>
                <Select form="item" name="lead" label="Who will lead it? (optional)" options=members.clone() blank="Nobody yet"/>
                <Field form="item" name="minutes" label="Time allowed, in minutes (optional)" kind="number" hint="For example 20."/>
                <button type="submit">"Add the item"</button>
            </form>
        </section>
    });

    let a = &m.attendance;
    let attendance = view! {
        <section aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">"Who is coming"</h2>
            <p>{a.replies.clone()}</p>
            <p>{a.coming_by_perspective.clone()}</p>
            {a.attended_by_perspective.clone().map(|t| view! { <p><strong>{t}</strong></p> })}
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">"Everyone invited, their answer, and whether they came"</caption>
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Perspective"</th><th scope="col">"Answer"</th><th scope="col">"Came"</th></tr></thead>
                    <tbody>
                        {a.people.iter().map(|p| view! {
                            <tr>
                                <th scope="row">{p.name.clone()}</th>
                                <td>{p.perspective.label()}</td>
                                <td>{p.reply.map(|r| r.label().to_owned()).unwrap_or_else(|| "Not answered yet".into())}{p.replied_by.clone().map(|b| format!(" (answered by {b})"))}</td>
                                <td>{p.attended.map(|x| x.label()).unwrap_or("Not recorded")}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!m.access_needs.is_empty()).then(|| view! {
                <h3>"Access needs people have told us about"</h3>
                <p class="hint">"Only the co-chairs and convenors see this, to plan the meeting. Each person wrote it on their account page."</p>
                <ul>{m.access_needs.iter().map(|(name, needs)| view! { <li><strong>{name.clone()}</strong>": "{needs.clone()}</li> }).collect_view()}</ul>
            })}
            {(can.record && started).then(|| view! {
                <h3 id="record-attendance-heading">"Record who came"</h3>
                <FormMessage form="attendance"/>
                <form method="post" action=format!("/meetings/{id}/attendance")>
                    {a.people.iter().map(|p| {
                        let name = format!("attended-{}", p.person_id);
                        let options: Vec<(String, String)> = Attended::ALL.into_iter().map(|x| (x.as_str().to_owned(), x.label().to_owned())).collect();
                        view! { <Select form="attendance" name=name label=p.name.clone() options blank="Not recorded" default=p.attended.map(|x| x.as_str().to_owned()).unwrap_or_default()/> }
                    }).collect_view()}
                    <button type="submit">"Save who came"</button>
                </form>
            })}
        </section>
    };

    let minutes = view! {
        <section aria-labelledby="minutes-heading">
            <h2 id="minutes-heading">"Minutes, decisions and actions"</h2>
            {match m.minutes.clone() {
                Some(mr) => view! {
                    <p>
                        <a href=format!("/documents/{}", mr.document_id)>{mr.title.clone()}</a>
                        {format!(" ({}). The minutes are a document of this space: every version is kept, and they are agreed at the next meeting, then published.", mr.status.label())}
                    </p>
                }.into_any(),
                None if can.record => view! {
                    <p>"The minutes are written as a document, with one section for each agenda item."</p>
                    <FormMessage form="minutes"/>
                    <form method="post" action=format!("/meetings/{id}/minutes")><button type="submit">"Start the minutes"</button></form>
                }.into_any(),
                None => view! { <p>"Nobody has started the minutes yet."</p> }.into_any(),
            }}
            {let general: Vec<_> = m.decisions.iter().filter(|d| d.item_id.is_none()).cloned().collect();
             (!general.is_empty()).then(|| view! { <h3>"Other decisions"</h3>{general.into_iter().map(decision_view).collect_view()} })}
            {can.record.then(|| view! {
                <h3 id="decision-form-heading">"Record a decision"</h3>
                <FormMessage form="decision"/>
                <form method="post" action=format!("/meetings/{id}/decisions") novalidate>
                    <Select form="decision" name="item_id" label="Which agenda item?" options=item_options.clone() blank="Not about one item"/>
                    <TextArea form="decision" name="decision" label="What was decided" hint="In plain words, as it will read in the minutes."/>
                    <Radios form="decision" name="method" legend="How was it decided?" options=vec![("consent", "By consent: nobody objected".to_owned()), ("vote", "By a vote".to_owned())] default="consent"/>
                    <Field form="decision" name="votes_for" label="If by a vote: how many for?" kind="number"/>
                    <Field form="decision" name="votes_against" label="If by a vote: how many against?" kind="number"/>
                    <Field form="decision" name="abstentions" label="If by a vote: how many did not vote? (optional)" kind="number"/>
                    <Select form="decision" name="document_id" label="Which paper is it about? (optional)" hint="Its vision check is kept with the decision, as it stands now." options=doc_options.clone() blank="No paper"/>
                    <button type="submit">"Record the decision"</button>
                </form>
                <h3 id="action-form-heading">"Record an action"</h3>
                <FormMessage form="action"/>
                <form method="post" action=format!("/meetings/{id}/actions") novalidate>
                    <Select form="action" name="item_id" label="From which agenda item?" options=item_options.clone() blank="Not from one item"/>
                    <TextArea form="action" name="what" label="What needs doing"/>
                    <Select form="action" name="owner" label="Who will do it?" options=members.clone() blank="Choose someone"/>
                    <Field form="action" name="due" label="Done by" kind="date" hint="For example 30/04/2027."/>
                    <button type="submit">"Record the action"</button>
                </form>
            })}
        </section>
    };

    let other_actions: Vec<_> = m.actions.iter().filter(|a| a.item_title.is_none()).cloned().collect();
    let talk = {
        let threads = p.threads;
        let can_talk = p.can_talk;
        let names = p.names;
        let return_to = format!("/meetings/{id}");
        view! {
            <section aria-labelledby="conversation-heading">
                <h2 id="conversation-heading">"Conversation"</h2>
                {if threads.is_empty() { view! { <p>"Nobody has started a conversation about this meeting yet."</p> }.into_any() } else {
                    threads.into_iter().map(|t| {
                        let about = match t.target_type {
                            domain::conversations::TargetKind::AgendaItem => format!("About the item \u{201c}{}\u{201d}", t.title),
                            _ => "About the meeting".to_owned(),
                        };
                        view! { <h3>{about}</h3><crate::conversations::ThreadComments thread=t can=can_talk return_to=return_to.clone() names=names.clone()/> }
                    }).collect_view().into_any()
                }}
                {can_talk.contribute.then(|| view! {
                    <h3>"Start a conversation"</h3>
                    <FormMessage form="meeting-comment"/>
                    <form method="post" action=format!("/meetings/{id}/comments") novalidate>
                        <Select form="meeting-comment" name="item_id" label="About" options=item_options.clone() blank="The whole meeting"/>
                        <TextArea form="meeting-comment" name="body" label="What would you like to say?"/>
                        <crate::conversations::SaidByField form="meeting-comment"/>
                        <button type="submit">"Post"</button>
                    </form>
                })}
            </section>
        }
    };

    view! {
        <Title text=s.title.clone()/>
        <p class="breadcrumb"><a href=meetings_href(&m.space_slug, is_group)>{format!("Meetings of {}", s.space_name)}</a></p>
        <h1>{s.title.clone()}</h1>
        {done_notice(done)}
        {details}
        <p class="actions">
            <a href=format!("/meetings/{id}/calendar.ics")>"Add to your calendar"<span class="visually-hidden">" (an .ics file)"</span></a>
            {can.organise.then(|| view! { <a href=format!("/meetings/{id}/edit")>"Change the time, place or arrangements"</a> })}
        </p>
        {reply}
        <section aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">"Agenda and papers"</h2>
            <p>{m.papers_text.clone()}</p>
            {send}
            {previous}
            {arising}
            {if n_items == 0 { view! { <p>"There are no items on the agenda yet."</p> }.into_any() } else { view! { <ol class="agenda">{items}</ol> }.into_any() }}
            {add_item}
        </section>
        {attendance}
        {minutes}
        {(!other_actions.is_empty()).then(|| view! {
            <section aria-labelledby="actions-heading">
                <h2 id="actions-heading">"Other actions from this meeting"</h2>
                <ul class="action-list">{other_actions.into_iter().map(|a| view! { <ActionLine action=a/> }).collect_view()}</ul>
            </section>
        })}
        {talk}
    }
}

fn decision_view(d: domain::meetings::MeetingDecision) -> impl IntoView {
    view! {
        <div class="decision" id=format!("decision-{}", d.id)>
            <p>{d.decision.clone()}</p>
            <p class="meta">{format!("{} Recorded by {}.", d.how, d.recorded_by)}</p>
            {d.paper.clone().map(|p| view! { <p>"About the paper "<a href=format!("/documents/{}", p.id)>{p.name}</a></p> })}
            {d.vision_summary.clone().map(|v| view! { <p>{format!("Vision check when decided: {v}")}</p> })}
        </div>
    }
}

/// `/actions` (every space the reader can see) and `/groups/:slug/actions`.
#[component]
pub fn ActionsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || (params.read().get("slug"), query.read().get("show").unwrap_or_default()), |(slug, show)| actions_page(slug, show));
    view! {
        <Suspense fallback=|| view! { <p>"Loading the actions…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let (title, base, back) = match &p.space {
                            Some(s) => (format!("Actions in {}", s.name), actions_href(&s.slug, s.parent_id.is_some()), Some((meetings_href(&s.slug, s.parent_id.is_some()), format!("Meetings of {}", s.name)))),
                            None => ("Actions across the board and its groups".to_owned(), "/actions".to_owned(), Some(("/meetings".to_owned(), "Meetings".to_owned()))),
                        };
                        let show = p.show.clone();
                        let filters = [("open", "Open and overdue"), ("overdue", "Overdue only"), ("done", "Done"), ("all", "All")];
                        let empty = match show.as_str() {
                            "overdue" => "Nothing is overdue.",
                            "done" => "No actions are marked done yet.",
                            _ => "There are no open actions.",
                        };
                        let many = p.space.is_none();
                        view! {
                            <Title text=title.clone()/>
                            {back.map(|(href, label)| view! { <p class="breadcrumb"><a href=href>{label}</a></p> })}
                            <h1>{title.clone()}</h1>
                            <p>"What people agreed to do at meetings, and by when. Overdue means the day it was due has passed (UK time)."</p>
                            <nav aria-label="Which actions">
                                <ul class="actions">
                                    {filters.into_iter().map(|(key, label)| {
                                        let current = (key == show).then_some("page");
                                        view! { <li><a href=format!("{base}?show={key}") aria-current=current>{label}</a></li> }
                                    }).collect_view()}
                                </ul>
                            </nav>
                            {if p.actions.is_empty() { view! { <p>{empty}</p> }.into_any() } else {
                                view! { <ul class="action-list">{p.actions.into_iter().map(|a| view! { <ActionLine action=a show_space=many/> }).collect_view()}</ul> }.into_any()
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

/// `/actions/:id`: one action, and (for its owner) the forms to update it.
#[component]
pub fn ActionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new(move || params.read().get("id").unwrap_or_default(), action_page);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the action…"</p> }>
            {move || Suspend::new(async move {
                let done = query.read_untracked().get("done");
                match page.await {
                    Ok(a) => {
                        let notice = done.map(|d| {
                            let text = match d.as_str() {
                                "done" => "The action is marked done. Thank you.",
                                "reopen" => "The action is open again.",
                                _ => "Your update is saved.",
                            };
                            view! { <div class="notice notice-success" role="status"><p>{text}</p></div> }
                        });
                        let is_done = a.status == domain::meetings::ActionStatus::Done;
                        let id = a.id;
                        view! {
                            <Title text=format!("Action: {}", a.what)/>
                            <p class="breadcrumb"><a href="/actions">"All actions"</a></p>
                            <h1>{format!("Action: {}", a.what)}</h1>
                            {notice}
                            <dl class="summary">
                                <dt>"Owner"</dt><dd>{a.owner.name.clone()}</dd>
                                <dt>"Status"</dt><dd><strong>{a.status_words.clone()}</strong></dd>
                                <dt>"In"</dt><dd>{a.space_name.clone()}</dd>
                                {a.meeting.clone().map(|m| view! { <dt>"From"</dt><dd><a href=format!("/meetings/{}", m.id)>{m.name}</a>{a.item_title.clone().map(|t| format!(", item \u{201c}{t}\u{201d}"))}</dd> })}
                                <dt>"Progress"</dt><dd>{a.progress.clone().unwrap_or_else(|| "No update yet.".into())}</dd>
                                {a.done_note.clone().map(|n| view! { <dt>"What was done"</dt><dd>{n}</dd> })}
                            </dl>
                            {(a.can_update && !is_done).then(|| view! {
                                <section aria-labelledby="progress-heading">
                                    <h2 id="progress-heading">"Say how it is going"</h2>
                                    <FormMessage form="action-progress"/>
                                    <form method="post" action=format!("/actions/{id}") novalidate>
                                        <input type="hidden" name="step" value="progress"/>
                                        <TextArea form="action-progress" name="progress" label="How it is going" value=a.progress.clone().unwrap_or_default()/>
                                        <button type="submit">"Save the update"</button>
                                    </form>
                                </section>
                                <section aria-labelledby="done-heading">
                                    <h2 id="done-heading">"Mark it done"</h2>
                                    <FormMessage form="action-done"/>
                                    <form method="post" action=format!("/actions/{id}") novalidate>
                                        <input type="hidden" name="step" value="done"/>
                                        <TextArea form="action-done" name="note" label="What was done" hint="A sentence or two, so everyone knows, for example: Sent the new leaflet to all 40 people on the list."/>
                                        <button type="submit">"Mark it done"</button>
                                    </form>
                                </section>
                            })}
                            {(a.can_update && is_done).then(|| view! {
                                <form method="post" action=format!("/actions/{id}")>
                                    <input type="hidden" name="step" value="reopen"/>
                                    <button type="submit">"Open it again"</button>
                                </form>
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
