//! The pages of spaces. Each renders on the server; no JavaScript is needed to read them.

use domain::people::{Member, PersonSummary, Role};
use domain::spaces::{GroupStatus, Happening, HappeningKind, Home, Space, SpaceDetail, VisionStatement};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::server::{group_by_slug, home_board};
use crate::AppError;
use crate::layout::{NotFoundBody, failed};
use crate::text::long_date;

/// Shows a load failure as a page of its own: a title, one heading, and what to do.
#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_board());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the board…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home { board: Some(board), happening, can_invite, waiting_words, purpose_html, home_vision_html, explained, .. }) => view! {
                        <BoardOverview board happening can_invite waiting_words purpose_html vision_html=home_vision_html/>
                        <crate::glossary::WordsExplained terms=explained/>
                    }.into_any(),
                    Ok(Home { board: None, .. }) => view! { <FirstRun/> }.into_any(),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

/// A fresh install: say plainly what Coboard is and how to get started.
#[component]
fn FirstRun() -> impl IntoView {
    view! {
        <Title text="Welcome"/>
        <h1>"Welcome to Coboard"</h1>
        <p class="lead">
            "Coboard is where a council and the people who use its services run a co-production board together: "
            "shared drafts, decisions, meetings and what changed because people spoke up."
        </p>
        <section aria-labelledby="start-heading">
            <h2 id="start-heading">"No board has been set up here yet"</h2>
            <p>"Whoever runs this server can do one of these:"</p>
            <ul>
                <li>
                    "Look around with example data: stop the server, run "
                    <code>"coboard demo"</code>
                    ", then start it again. This adds a Direct Payments Board with four task-and-finish groups."
                </li>
                <li>
                    "Set up your own board: "<a href="/setup">"create the first account"</a>
                    ". You will name the board and become its first co-chair, then invite everyone else."
                </li>
            </ul>
        </section>
    }
}

#[component]
fn BoardOverview(board: SpaceDetail, happening: Vec<Happening>, can_invite: bool, waiting_words: usize, purpose_html: String, vision_html: Vec<String>) -> impl IntoView {
    let member_count = people_count(&board, "the board");
    let SpaceDetail { space, vision, groups, leads, .. } = board;
    let invite = can_invite.then(|| view! {
        <p><a href=format!("/invite/{}", space.slug)>"Invite someone to the board"</a>" · "<a href=format!("/members/{}", space.slug)>"Manage the board's members"</a></p>
    });
    view! {
        <Title text=space.name.clone()/>
        <h1>{space.name.clone()}</h1>
        <div class="lead" inner_html=purpose_html></div>
        <Leads title="Co-chairs" leads/>
        <p>{member_count}</p>
        {invite}
        {(waiting_words > 0).then(|| view! {
            <div class="notice" role="status">
                <p>
                    {if waiting_words == 1 { "1 word someone did not understand is waiting for an explanation. ".to_owned() } else { format!("{waiting_words} words people did not understand are waiting for an explanation. ") }}
                    <a href="/glossary#asked-heading">"Explain them in the glossary"</a>
                </p>
            </div>
        })}

        <section aria-labelledby="vision-heading">
            <h2 id="vision-heading">"Our vision"</h2>
            <p>"We check all our work against these three statements."</p>
            <VisionList vision bodies=vision_html heading_level=3/>
            <p><a href="/vision">"Read more about our vision"</a></p>
        </section>

        <section aria-labelledby="happening-heading">
            <h2 id="happening-heading">"What is happening"</h2>
            {if happening.is_empty() {
                view! { <p>"No group is reporting back or ending in the next few weeks."</p> }.into_any()
            } else {
                view! {
                    <ul class="happening">
                        {happening.into_iter().map(|h| view! { <li><HappeningItem h/></li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>

        <crate::documents::SpaceDocuments slug=space.slug.clone()/>

        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">"Task-and-finish groups"</h2>
            <p>"Small groups with one job each. Every group reports back to the board, then ends."</p>
            <GroupList groups heading_level=3/>
        </section>
    }
}

/// "3 people take part in the board: 2 experts by experience, 1 council staff." Counted for
/// anyone; only people in the space see who they are.
fn people_count(detail: &SpaceDetail, place: &str) -> String {
    let voices = detail.people.iter().map(|c| c.perspective.counted(c.people)).collect::<Vec<_>>().join(", ");
    match detail.people_total() {
        0 => format!("Nobody has joined {place} yet."),
        1 => format!("1 person takes part in {place}: {voices}."),
        n => format!("{n} people take part in {place}: {voices}."),
    }
}

#[component]
fn HappeningItem(h: Happening) -> impl IntoView {
    let what = match h.what {
        HappeningKind::Reporting => "is reporting back to the board.".to_owned(),
        HappeningKind::EndingSoon { days_left: 0 } => "plans to finish its work today.".to_owned(),
        HappeningKind::EndingSoon { days_left: 1 } => "plans to finish its work tomorrow.".to_owned(),
        HappeningKind::EndingSoon { days_left } => format!("plans to finish its work in {days_left} days."),
        HappeningKind::RecentlyStarted { days_ago: 0 } => "started today.".to_owned(),
        HappeningKind::RecentlyStarted { days_ago: 1 } => "started yesterday.".to_owned(),
        HappeningKind::RecentlyStarted { days_ago } => format!("started {days_ago} days ago."),
    };
    view! {
        <a href=format!("/groups/{}", h.group.slug)>{h.group.name}</a>" "{what}
    }
}

#[component]
fn Leads(#[prop(into)] title: String, leads: Vec<PersonSummary>) -> impl IntoView {
    (!leads.is_empty()).then(|| {
        view! {
            <section aria-labelledby="leads-heading">
                <h2 id="leads-heading">{title}</h2>
                <ul class="people">
                    {leads.into_iter().map(|p| view! { <li><PersonLine person=p/></li> }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// "Marcia Okafor (she/her), expert by experience": perspective shown in words.
#[component]
fn PersonLine(person: PersonSummary) -> impl IntoView {
    let pronouns = person.pronouns.map(|p| format!(" ({p})")).unwrap_or_default();
    // People's own pages are for those signed in; visitors see the name only.
    let name = if crate::people::viewer().is_some() {
        view! { <a class="person-name" href=format!("/people/{}", person.id)>{person.display_name}</a> }.into_any()
    } else {
        view! { <span class="person-name">{person.display_name}</span> }.into_any()
    };
    view! {
        <span class="person">
            {name}{pronouns}
            <span class="perspective">{person.perspective.label()}</span>
        </span>
    }
}

#[component]
/// `bodies` are the statements' words as safe HTML with glossary links, in the same order.
fn VisionList(vision: Vec<VisionStatement>, bodies: Vec<String>, heading_level: u8) -> impl IntoView {
    if vision.is_empty() {
        return view! { <p>"The board has not written its vision statements yet."</p> }.into_any();
    }
    view! {
        <ol class="vision-list">
            {vision
                .into_iter()
                .zip(bodies.into_iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(v, body)| {
                    let title = if heading_level == 2 {
                        view! { <h2>{v.title}</h2> }.into_any()
                    } else {
                        view! { <h3>{v.title}</h3> }.into_any()
                    };
                    let body = body.unwrap_or_else(|| format!("<p>{}</p>", v.body.replace('&', "&amp;").replace('<', "&lt;")));
                    view! { <li class="card">{title}<div inner_html=body></div></li> }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}

#[component]
fn StatusTag(status: Option<GroupStatus>) -> impl IntoView {
    status.map(|s| {
        view! { <span class=format!("status status-{}", s.as_str())>"Status: "{s.label()}</span> }
    })
}

fn dates_line(space: &Space) -> Option<String> {
    match (space.start_date, space.planned_end_date) {
        (Some(start), Some(end)) => Some(format!("Started {}. Planned to end {}.", long_date(start), long_date(end))),
        (Some(start), None) => Some(format!("Started {}.", long_date(start))),
        _ => None,
    }
}

#[component]
fn GroupList(groups: Vec<Space>, heading_level: u8) -> impl IntoView {
    if groups.is_empty() {
        return view! { <p>"There are no task-and-finish groups yet."</p> }.into_any();
    }
    view! {
        <ul class="group-list">
            {groups
                .into_iter()
                .map(|g| {
                    let href = format!("/groups/{}", g.slug);
                    let link = view! { <a href=href>{g.name.clone()}</a> };
                    let heading = if heading_level == 2 {
                        view! { <h2>{link}</h2> }.into_any()
                    } else {
                        view! { <h3>{link}</h3> }.into_any()
                    };
                    let dates = dates_line(&g);
                    view! {
                        <li class="card">
                            {heading}
                            <StatusTag status=g.status/>
                            <p>{g.purpose}</p>
                            {dates.map(|d| view! { <p class="dates">{d}</p> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn VisionPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_board());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the vision…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home { board, can_edit, vision_html, vision_explained, .. }) => {
                        let (board_name, vision) = board
                            .map(|b| (Some(b.space.name), b.vision))
                            .unwrap_or((None, Vec::new()));
                        view! {
                            <Title text="Our vision"/>
                            <h1>"Our vision"</h1>
                            <p class="lead">
                                {board_name.map(|n| format!("The {n} agreed these statements. "))}
                                "We use them to check every draft, decision and change: does it meet each statement yes, partly, or not yet?"
                            </p>
                            <VisionList vision bodies=vision_html heading_level=2/>
                            {can_edit.then(|| view! { <p><a href="/vision/edit">"Change the vision statements"</a></p> })}
                            <crate::glossary::WordsExplained terms=vision_explained/>
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
pub fn GroupsPage() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_board());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the groups…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home { board, .. }) => {
                        let groups = board.map(|b| b.groups).unwrap_or_default();
                        let sections = GroupStatus::ALL
                            .into_iter()
                            .map(|status| {
                                let these: Vec<Space> =
                                    groups.iter().filter(|g| g.status == Some(status)).cloned().collect();
                                let id = format!("status-{}", status.as_str());
                                let labelled_by = id.clone();
                                view! {
                                    <section aria-labelledby=labelled_by>
                                        <h2 id=id>{format!("{} ({})", status.label(), these.len())}</h2>
                                        <p>{section_explanation(status)}</p>
                                        <GroupList groups=these heading_level=3/>
                                    </section>
                                }
                            })
                            .collect_view();
                        view! {
                            <Title text="Task-and-finish groups"/>
                            <h1>"Task-and-finish groups"</h1>
                            <p class="lead">"Each group has one job, works for a set time, and reports back to the board."</p>
                            {sections}
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn section_explanation(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Active => "These groups are meeting and doing their work.",
        GroupStatus::Reporting => "These groups have finished their work and are telling the board what they found.",
        GroupStatus::Finished => "These groups have reported to the board and have ended.",
    }
}

#[component]
pub fn GroupPage() -> impl IntoView {
    let params = use_params_map();
    let group = Resource::new(move || params.read().get("slug").unwrap_or_default(), group_by_slug);
    view! {
        <Suspense fallback=|| view! { <p>"Loading the group…"</p> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(group) => view! {
                        <GroupDetail detail=group.detail can_invite=group.can_invite remit_html=group.remit_html/>
                        <crate::glossary::WordsExplained terms=group.explained/>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => {
                        #[cfg(feature = "ssr")]
                        crate::state::set_status(404);
                        view! { <NotFoundBody/> }.into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GroupDetail(detail: SpaceDetail, can_invite: bool, remit_html: String) -> impl IntoView {
    // Outside the group only the convenors are named; everyone is counted for anyone.
    let counted = people_count(&detail, "this group");
    let named_all = detail.members.len() == detail.people_total();
    let SpaceDetail { space, parent, vision, leads, members, .. } = detail;
    let invite = can_invite.then(|| view! {
        <p><a href=format!("/invite/{}", space.slug)>"Invite someone to this group"</a>" · "<a href=format!("/members/{}", space.slug)>"Manage this group's members"</a></p>
    });
    let dates = dates_line(&space);
    let explanation = space.status.map(GroupStatus::explanation);
    let others: Vec<Member> = members.into_iter().filter(|m| m.role != Role::CoChair).collect();
    view! {
        <Title text=space.name.clone()/>
        <p class="breadcrumb">
            {parent.map(|p| view! { "A task-and-finish group of the "<a href="/">{p.name}</a> })}
        </p>
        <h1>{space.name.clone()}</h1>
        <StatusTag status=space.status/>
        {explanation.map(|e| view! { <p>{e}</p> })}
        <section aria-labelledby="remit-heading">
            <h2 id="remit-heading">"What this group is for"</h2>
            <div class="lead" inner_html=remit_html></div>
            {dates.map(|d| view! { <p class="dates">{d}</p> })}
        </section>
        <section aria-labelledby="people-heading">
            <h2 id="people-heading">"Who is in this group"</h2>
            {(leads.is_empty() && others.is_empty() && named_all).then(|| view! { <p>"Nobody has joined this group yet."</p> })}
            {(!leads.is_empty() || !others.is_empty()).then(|| view! {
                <ul class="people">
                    {leads.into_iter().map(|p| view! { <li><PersonLine person=p/>", convenor"</li> }).collect_view()}
                    {others
                        .into_iter()
                        .map(|m| {
                            let role = match m.role {
                                Role::Observer => ", observer",
                                _ => ", member",
                            };
                            view! { <li><PersonLine person=m.person/>{role}</li> }
                        })
                        .collect_view()}
                </ul>
            })}
            {(!named_all).then(|| view! { <p>{counted}" Members are named only for people in the group."</p> })}
            {invite}
        </section>
        <crate::documents::SpaceDocuments slug=space.slug.clone()/>
        <section aria-labelledby="vision-heading">
            <h2 id="vision-heading">"How we check our work"</h2>
            <p>"Like the whole board, this group checks its work against the board's vision:"</p>
            <ul>
                {vision.into_iter().map(|v| view! { <li><strong>{v.title}</strong>": "{v.body}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Co-chairs reword the board's vision statements: the board keeps its own words.
#[component]
pub fn VisionEditPage() -> impl IntoView {
    use crate::people::forms::{Field, FormMessage, TextArea};
    let home = Resource::new(|| (), |_| home_board());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the vision…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home { board: Some(board), can_edit: true, .. }) => view! {
                        <Title text="Change the vision statements"/>
                        <h1>"Change the vision statements"</h1>
                        <p class="lead">"Every draft and decision is checked against these. Change one at a time; each is saved on its own."</p>
                        {board.vision.into_iter().map(|v| {
                            let form = format!("vision-{}", v.position);
                            let heading_id = format!("{form}-heading");
                            let labelled_by = heading_id.clone();
                            view! {
                                <section aria-labelledby=labelled_by class="card">
                                    <h2 id=heading_id>{format!("Statement {}", v.position)}</h2>
                                    <FormMessage form=form.clone()/>
                                    <form method="post" novalidate>
                                        <input type="hidden" name="id" value=v.id.to_string()/>
                                        <input type="hidden" name="form" value=form.clone()/>
                                        <Field form=form.clone() name="title" label="Short name" value=v.title required=true/>
                                        <TextArea form=form.clone() name="body" label="What it means in practice" value=v.body/>
                                        <button type="submit">{format!("Save statement {}", v.position)}</button>
                                    </form>
                                </section>
                            }
                        }).collect_view()}
                        <p><a href="/vision">"Back to our vision"</a></p>
                    }
                    .into_any(),
                    Ok(_) => {
                        #[cfg(feature = "ssr")]
                        crate::state::set_status(403);
                        view! {
                            <Title text="Change the vision statements"/>
                            <h1>"Change the vision statements"</h1>
                            <p>"Only the board's co-chairs can change the vision statements. "<a href="/sign-in">"Sign in"</a>" if you are one."</p>
                        }
                        .into_any()
                    }
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}
