//! The pages of spaces. Each renders on the server; no JavaScript is needed to read them.

use domain::people::{Member, PersonSummary, Role};
use domain::spaces::{GroupStatus, Happening, HappeningKind, Home, Space, SpaceDetail, SpaceEvent, VisionStatement};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::server::{GroupView, HomeView, group_by_slug, home_board, home_page, new_group_page};
use crate::AppError;
use crate::layout::{NotFoundBody, failed};
use crate::text::long_date;

/// Shows a load failure as a page of its own: a title, one heading, and what to do.
#[component]
pub fn HomePage() -> impl IntoView {
    crate::same_for_everyone();
    let home = Resource::new(|| (), |_| home_page());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the board…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(HomeView { home: Home { board: Some(board), happening, can_invite, can_edit, can_start_group, waiting_words, purpose_html, home_vision_html, explained, .. }, documents }) => view! {
                        <BoardOverview board happening can_invite can_edit can_start_group waiting_words purpose_html vision_html=home_vision_html documents/>
                        <crate::glossary::WordsExplained terms=explained/>
                    }.into_any(),
                    Ok(HomeView { home: Home { board: None, .. }, .. }) => view! { <FirstRun/> }.into_any(),
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
#[allow(clippy::too_many_arguments)]
fn BoardOverview(
    board: SpaceDetail,
    happening: Vec<Happening>,
    can_invite: bool,
    can_edit: bool,
    can_start_group: bool,
    waiting_words: usize,
    purpose_html: String,
    vision_html: Vec<String>,
    documents: Option<crate::documents::SpaceDocumentsView>,
) -> impl IntoView {
    let member_count = people_count(&board, "the board");
    let changed = use_query_map().read_untracked().get("done").as_deref() == Some("board-changed");
    let SpaceDetail { space, vision, groups, leads, .. } = board;
    let invite = can_invite.then(|| view! {
        <p><a href=format!("/invite/{}", space.slug)>"Invite someone to the board"</a>" · "<a href=format!("/members/{}", space.slug)>"Manage the board's members"</a></p>
    });
    view! {
        <Title text=space.name.clone()/>
        <crate::layout::Describe text=format!("{}: {}", space.name, crate::layout::unmarked(&space.purpose))/>
        {changed.then(|| view! { <div class="notice notice-success" role="status"><p>"Saved. The board's new details show here and in its history."</p></div> })}
        <h1>{space.name.clone()}</h1>
        <div class="lead" inner_html=purpose_html></div>
        {can_edit.then(|| view! { <p><a href="/board/edit">"Change the board's name, purpose or time zone"</a></p> })}
        <Leads title="Co-chairs" leads/>
        <p>{member_count}</p>
        {invite}
        {documents.as_ref().is_some_and(|d| d.in_space).then(|| view! {
            <p class="actions"><a href="/meetings">"Meetings"</a><a href="/actions">"Actions"</a><a href="/discussions">"Discussions"</a></p>
        })}
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

        {documents.map(|docs| view! { <crate::documents::SpaceDocuments docs/> })}

        <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">"Task-and-finish groups"</h2>
            <p>"Small groups with one job each. Every group reports back to the board, then ends."</p>
            {can_start_group.then(|| view! { <p><a href="/groups/new">"Start a task-and-finish group"</a></p> })}
            <GroupList groups heading_level=3/>
        </section>
    }
}

/// "3 people take part in the board: 2 experts by experience, 1 council staff." Counted for
/// anyone; only people in the space see who they are.
fn people_count(detail: &SpaceDetail, place: &str) -> String {
    let voices = detail.people.iter().map(|c| c.perspective.counted(c.people)).collect::<Vec<_>>().join(", ");
    let counted = match detail.people_total() {
        0 => format!("Nobody has joined {place} yet."),
        1 => format!("1 person takes part in {place}: {voices}."),
        n => format!("{n} people take part in {place}: {voices}."),
    };
    match detail.followers {
        0 => counted,
        1 => format!("{counted} 1 more person follows its work."),
        n => format!("{counted} {n} more people follow its work."),
    }
}

#[component]
fn HappeningItem(h: Happening) -> impl IntoView {
    let what = match h.what {
        HappeningKind::Reporting { on: Some(on) } => format!("reported back to the board on {}.", long_date(on)),
        HappeningKind::Reporting { on: None } => "is reporting back to the board.".to_owned(),
        HappeningKind::RecentlyFinished { on } => format!("finished on {}. Its work stays there to read.", long_date(on)),
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
    let mut line = match (space.start_date, space.planned_end_date) {
        (Some(start), Some(end)) if space.finished_on.is_none() => format!("Started {}. Planned to end {}.", long_date(start), long_date(end)),
        (Some(start), _) => format!("Started {}.", long_date(start)),
        _ => return None,
    };
    if let Some(on) = space.reported_on {
        line.push_str(&format!(" Reported back on {}.", long_date(on)));
    }
    if let Some(on) = space.finished_on {
        line.push_str(&format!(" Finished on {}.", long_date(on)));
    }
    Some(line)
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
    crate::same_for_everyone();
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
                            <crate::layout::Describe text="The three statements the board judges all its work against: open and honest, flexible and creative, clear and simple."/>
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
    crate::same_for_everyone();
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
                            <crate::layout::Describe text="The board's task-and-finish groups: what each is for, when it started and when it finishes."/>
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
    crate::same_for_everyone();
    let group = group_resource();
    view! {
        <Suspense fallback=|| view! { <p>"Loading the group…"</p> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(GroupView { moved_to: Some(to), detail, .. }) => {
                        #[cfg(feature = "ssr")]
                        crate::state::moved_permanently(&to);
                        view! {
                            <Title text=detail.space.name.clone()/>
                            <h1>{detail.space.name}</h1>
                            <p>"This group has a new address: "<a href=to.clone()>{to.clone()}</a></p>
                        }.into_any()
                    }
                    Ok(group) => {
                        let explained = group.explained.clone();
                        view! {
                            <GroupDetail group/>
                            <crate::glossary::WordsExplained terms=explained/>
                        }.into_any()
                    }
                    Err(err) => group_problem(err),
                }
            })}
        </Suspense>
    }
}

/// What the group page says after a form on it, or about it, has done its work.
fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "started" => "The group is started. Its convenors can now invite members and start documents.",
        "mail-refused" => "The group is started, but the mail server refused the email inviting its convenor, so it has not been sent. Please check their address and invite them again with \u{201c}Invite someone to this group\u{201d}.",
        "mail-late" => "The group is started. The email inviting its convenor is saved, but our mail server is not answering just now, so it may be late: Coboard keeps trying and will send it as soon as it can.",
        "changed" => "Saved. What changed is in the group's history below.",
        "reported" => "The group has reported back to the board. Its summary is below.",
        "finished" => "The group has finished. Its work stays here to read.",
        "joined" => "You are now a member of this group.",
        "following" => "You now follow this group. You can see its work without being counted as a member.",
        "left" => "You are no longer in this group.",
        _ => return None,
    })
}

#[component]
fn GroupDetail(group: GroupView) -> impl IntoView {
    let GroupView { detail, can_invite, can_edit, can_move_on, held, can_join, can_follow, remit_html, report_html, history, documents, .. } = group;
    // Outside the group only the convenors are named; everyone is counted for anyone.
    let counted = people_count(&detail, "this group");
    let named_all = detail.members.len() == detail.people_total() + detail.followers;
    let SpaceDetail { space, parent, vision, leads, members, .. } = detail;
    let done = use_query_map().read_untracked().get("done").and_then(|d| done_message(&d));
    let invite = can_invite.then(|| view! {
        <p><a href=format!("/invite/{}", space.slug)>"Invite someone to this group"</a>" · "<a href=format!("/members/{}", space.slug)>"Manage this group's members"</a></p>
    });
    let dates = dates_line(&space);
    let explanation = space.status.map(GroupStatus::explanation);
    let others: Vec<Member> = members.into_iter().filter(|m| m.role != Role::CoChair).collect();
    let ended = space.finished_on.filter(|_| space.has_ended()).map(|on| view! {
        <div class="notice" role="note">
            <p>{format!("This group finished on {}. Its documents and decisions stay here to read; nothing in it can be changed any more.", long_date(on))}</p>
        </div>
    });
    let next_step = (can_move_on && !space.has_ended()).then(|| {
        let label = if space.status == Some(GroupStatus::Reporting) { "Finish this group" } else { "Report back to the board" };
        view! { <a href=format!("/groups/{}/report", space.slug)>{label}</a> }
    });
    let manage = (can_edit || next_step.is_some()).then(|| view! {
        <p class="actions">
            {can_edit.then(|| view! { <a href=format!("/groups/{}/edit", space.slug)>"Change the name, remit or dates"</a> })}
            {(can_edit && next_step.is_some()).then_some(" · ")}
            {next_step}
        </p>
    });
    let report = report_html.map(|html| view! {
        <section aria-labelledby="report-heading">
            <h2 id="report-heading">"What the group found"</h2>
            {space.reported_on.map(|on| view! { <p>{format!("Reported back to the board on {}.", long_date(on))}</p> })}
            <div inner_html=html></div>
            <p>"The group's documents are listed under \u{201c}Documents\u{201d} on this page."</p>
        </section>
    });
    let slug = space.slug.clone();
    view! {
        <Title text=space.name.clone()/>
        <crate::layout::Describe text=format!("{}: {}", space.name, crate::layout::unmarked(&space.purpose)) path=format!("/groups/{}", space.slug)/>
        <p class="breadcrumb">
            {parent.map(|p| view! { "A task-and-finish group of the "<a href="/">{p.name}</a> })}
        </p>
        {done.map(|message| view! { <div class="notice notice-success" role="status"><p>{message}</p></div> })}
        <crate::people::forms::FormMessage form="take-part"/>
        <h1>{space.name.clone()}</h1>
        <StatusTag status=space.status/>
        {explanation.map(|e| view! { <p>{e}</p> })}
        {ended}
        {manage}
        {documents.in_space.then(|| view! {
            <p class="actions">
                <a href=format!("/groups/{}/meetings", space.slug)>"Meetings"</a>
                <a href=format!("/groups/{}/actions", space.slug)>"Actions"</a>
                <a href=format!("/groups/{}/discussions", space.slug)>"Discussions"</a>
            </p>
        })}
        <section aria-labelledby="remit-heading">
            <h2 id="remit-heading">"What this group is for"</h2>
            <div class="lead" inner_html=remit_html></div>
            {dates.map(|d| view! { <p class="dates">{d}</p> })}
        </section>
        {report}
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
                                Role::Observer => ", following",
                                _ => ", member",
                            };
                            view! { <li><PersonLine person=m.person/>{role}</li> }
                        })
                        .collect_view()}
                </ul>
            })}
            {(!named_all).then(|| view! { <p>{counted.clone()}" Members are named only for people in the group."</p> })}
            {named_all.then(|| view! { <p>{counted}</p> })}
            <TakePart slug held can_join can_follow/>
            {invite}
        </section>
        <crate::documents::SpaceDocuments docs=documents/>
        <GroupHistory history/>
        <section aria-labelledby="vision-heading">
            <h2 id="vision-heading">"How we check our work"</h2>
            <p>"Like the whole board, this group checks its work against the board's vision:"</p>
            <ul>
                {vision.into_iter().map(|v| view! { <li><strong>{v.title}</strong>": "{v.body}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// Joining, following and leaving: one small form per choice, so each is a plain button.
#[component]
fn TakePart(slug: String, held: Option<Role>, can_join: bool, can_follow: bool) -> impl IntoView {
    let button = |how: &'static str, label: &'static str| {
        let action = format!("/groups/{slug}/take-part");
        view! {
            <form method="post" action=action class="inline-form">
                <input type="hidden" name="how" value=how/>
                <button type="submit" class="secondary">{label}</button>
            </form>
        }
    };
    let (said, choices): (Option<&str>, Vec<_>) = match held {
        Some(Role::CoChair) => (Some("You are a convenor of this group."), Vec::new()),
        Some(Role::Member) => (
            Some("You are a member of this group."),
            [can_follow.then(|| button("follow", "Follow it instead")), Some(button("leave", "Leave this group"))].into_iter().flatten().collect(),
        ),
        Some(Role::Observer) => (
            Some("You follow this group: you see its work without being counted as a member."),
            [can_join.then(|| button("join", "Join as a member")), Some(button("leave", "Stop following"))].into_iter().flatten().collect(),
        ),
        None => (
            None,
            [can_join.then(|| button("join", "Join this group")), can_follow.then(|| button("follow", "Follow this group"))].into_iter().flatten().collect(),
        ),
    };
    let explain = (held.is_none() && !choices.is_empty())
        .then(|| view! { <p>"Members take part and are counted. Followers see the group's work without being counted as members."</p> });
    view! {
        {said.map(|s| view! { <p>{s}</p> })}
        {explain}
        {(!choices.is_empty()).then(|| view! { <div class="take-part">{choices}</div> })}
    }
}

/// "What has happened": the group's life, oldest first, each step dated and credited.
#[component]
fn GroupHistory(history: Vec<SpaceEvent>) -> impl IntoView {
    (!history.is_empty()).then(|| view! {
        <section aria-labelledby="history-heading">
            <h2 id="history-heading">"What has happened"</h2>
            <ol class="history">
                {history.into_iter().map(|e| view! {
                    <li>
                        <strong>{long_date(e.on)}</strong>": "{e.detail}
                        {e.by.map(|by| format!(" By {by}."))}
                        {e.reason.map(|r| view! { <br/>"Reason: "{r} })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}

/// Refused, in words, with the right status, for a page someone's role does not open.
fn not_for_you(title: &'static str, why: String) -> AnyView {
    #[cfg(feature = "ssr")]
    crate::state::set_status(403);
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p>{why}</p>
    }
    .into_any()
}

fn sign_in_hint() -> &'static str {
    if crate::people::viewer().is_some() { "" } else { " If you have one of these roles, please sign in first." }
}

/// A board co-chair starts a task-and-finish group.
#[component]
pub fn NewGroupPage() -> impl IntoView {
    use crate::people::forms::{CheckboxList, Field, FormMessage, TextArea};
    let page = Resource::new(|| (), |_| new_group_page());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(view) if view.can_start => {
                        let today = view.today.to_string();
                        let people: Vec<(String, String)> = view.people.iter().map(|p| (p.id.to_string(), format!("{}, {}", p.display_name, p.perspective.label()))).collect();
                        let documents: Vec<(String, String)> = view.documents.iter().map(|(id, title)| (id.to_string(), title.clone())).collect();
                        let has_documents = !documents.is_empty();
                        view! {
                            <Title text="Start a task-and-finish group"/>
                            <h1>"Start a task-and-finish group"</h1>
                            <p class="lead">"A group has one job and a set time. It reports back to the board, then ends."</p>
                            <FormMessage form="start"/>
                            <form method="post" novalidate>
                                <Field form="start" name="name" label="Name of the group" hint="Short and clear, such as \u{201c}Support plans\u{201d}." required=true/>
                                <TextArea form="start" name="remit" label="What the group is for (its remit)"
                                    hint="A sentence or two about the job it will do. You can use Markdown, such as **bold** or lists. Words in the glossary are explained for readers."/>
                                <Field form="start" name="start_date" kind="date" label="Start date" hint="For example, 1 March 2027." value=today required=true/>
                                <Field form="start" name="planned_end_date" kind="date" label="Planned end date" hint="When it plans to report back by. It can be moved later, with a reason." required=true/>
                                <CheckboxList form="start" name="convenor" legend="Convenors from the board"
                                    hint="Convenors run the group. Choose at least one, or invite someone by email below." options=people/>
                                <Field form="start" name="invite_convenor" kind="email" label="Or invite a convenor by email (optional)"
                                    hint="They get an email with a link to join as convenor." autocomplete="off"/>
                                {has_documents.then(|| view! {
                                    <CheckboxList form="start" name="document" legend="Documents to start from (optional)"
                                        hint="Each one is copied into the group as its own draft. The board's copy does not change." options=documents/>
                                })}
                                <button type="submit">"Start the group"</button>
                            </form>
                        }
                        .into_any()
                    }
                    Ok(view) if view.board.is_none() => view! {
                        <Title text="Start a task-and-finish group"/>
                        <h1>"Start a task-and-finish group"</h1>
                        <p>"There is no board here yet. "<a href="/setup">"Set up the board"</a>" first."</p>
                    }
                    .into_any(),
                    Ok(_) => not_for_you("Start a task-and-finish group", format!("Only the board's co-chairs can start a group.{}", sign_in_hint())),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
    }
}

fn group_resource() -> Resource<Result<GroupView, AppError>> {
    let params = use_params_map();
    Resource::new(move || params.read().get("slug").unwrap_or_default(), group_by_slug)
}

fn group_problem(err: AppError) -> AnyView {
    match err {
        AppError::NotFound(_) => {
            #[cfg(feature = "ssr")]
            crate::state::set_status(404);
            view! { <NotFoundBody/> }.into_any()
        }
        err => failed(err),
    }
}

/// Why someone cannot change a group: it has ended, or their role does not include it.
fn cannot_change(space: &Space, title: &'static str) -> AnyView {
    if space.has_ended() {
        not_for_you(title, "This group has finished, so its work can be read but no longer changed.".to_owned())
    } else {
        not_for_you(title, format!("Only the group's convenors and the board's co-chairs can do this.{}", sign_in_hint()))
    }
}

/// Convenors and the board's co-chairs change a group's name, remit and dates.
#[component]
pub fn GroupEditPage() -> impl IntoView {
    use crate::people::forms::{Field, FormMessage, TextArea};
    let group = group_resource();
    view! {
        <Suspense fallback=|| view! { <p>"Loading the group…"</p> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(g) if g.can_edit => {
                        let space = g.detail.space;
                        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                        view! {
                            <Title text=format!("Change {}", space.name)/>
                            <h1>{format!("Change \u{201c}{}\u{201d}", space.name)}</h1>
                            <FormMessage form="group"/>
                            <form method="post" novalidate>
                                <Field form="group" name="name" label="Name of the group" value=space.name.clone() required=true
                                    hint="If you change it, the group's web address changes too, and links to the old one still work."/>
                                <TextArea form="group" name="remit" label="What the group is for (its remit)" value=space.purpose.clone()
                                    hint="You can use Markdown, such as **bold** or lists."/>
                                <Field form="group" name="start_date" kind="date" label="Start date" value=date(space.start_date) required=true/>
                                <Field form="group" name="planned_end_date" kind="date" label="Planned end date" value=date(space.planned_end_date) required=true/>
                                <TextArea form="group" name="reason" label="Why the dates are changing"
                                    hint="Needed if you move the planned end date. It is kept in the group's history, so everyone can see why."/>
                                <button type="submit">"Save changes"</button>
                            </form>
                            <p><a href=format!("/groups/{}", space.slug)>"Back to the group"</a></p>
                        }
                        .into_any()
                    }
                    Ok(g) => cannot_change(&g.detail.space, "Change a group"),
                    Err(err) => group_problem(err),
                }
            })}
        </Suspense>
    }
}

/// Convenors and the board's co-chairs report a group back to the board, then finish it.
#[component]
pub fn GroupReportPage() -> impl IntoView {
    use crate::people::forms::{Checkbox, FormMessage, TextArea};
    let group = group_resource();
    view! {
        <Suspense fallback=|| view! { <p>"Loading the group…"</p> }>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(g) if g.can_move_on && g.detail.space.status == Some(GroupStatus::Reporting) => {
                        let space = g.detail.space;
                        view! {
                            <Title text=format!("Finish {}", space.name)/>
                            <h1>{format!("Finish \u{201c}{}\u{201d}", space.name)}</h1>
                            <p class="lead">{space.reported_on.map(|on| format!("The group reported back to the board on {}. ", long_date(on)))}
                                "When it finishes, its documents and decisions stay readable for everyone who could read them, and nothing in it can be changed any more."</p>
                            <FormMessage form="finish"/>
                            <form method="post" novalidate>
                                <input type="hidden" name="step" value="finish"/>
                                <Checkbox form="finish" name="confirm" label="I understand that nothing in the group can be changed once it has finished." checked=false/>
                                <button type="submit">"Finish this group"</button>
                            </form>
                            <p><a href=format!("/groups/{}", space.slug)>"Back to the group"</a></p>
                        }
                        .into_any()
                    }
                    Ok(g) if g.can_move_on && g.detail.space.status == Some(GroupStatus::Active) => {
                        let space = g.detail.space;
                        view! {
                            <Title text=format!("Report back: {}", space.name)/>
                            <h1>{format!("Report back to the board: \u{201c}{}\u{201d}", space.name)}</h1>
                            <p class="lead">"Tell the board what the group found. The summary shows on the group's page, with links to its documents. After reporting back, the group can finish."</p>
                            <FormMessage form="report"/>
                            <form method="post" novalidate>
                                <input type="hidden" name="step" value="report"/>
                                <TextArea form="report" name="summary" label="What the group found"
                                    hint="A few sentences: what you found, and what you suggest the board does. You can use Markdown, such as lists."/>
                                <button type="submit">"Report back to the board"</button>
                            </form>
                            <p><a href=format!("/groups/{}", space.slug)>"Back to the group"</a></p>
                        }
                        .into_any()
                    }
                    Ok(g) => cannot_change(&g.detail.space, "Report back or finish"),
                    Err(err) => group_problem(err),
                }
            })}
        </Suspense>
    }
}

/// The board's co-chairs change its name, purpose and time zone.
#[component]
pub fn BoardEditPage() -> impl IntoView {
    use crate::people::forms::{Field, FormMessage, TextArea};
    let home = Resource::new(|| (), |_| home_board());
    view! {
        <Suspense fallback=|| view! { <p>"Loading the board…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home { board: Some(board), can_edit: true, .. }) => {
                        let space = board.space;
                        let zone = space.time_zone.clone().unwrap_or_else(|| domain::spaces::DEFAULT_TIME_ZONE.to_owned());
                        view! {
                            <Title text="Change the board"/>
                            <h1>"Change the board"</h1>
                            <FormMessage form="board"/>
                            <form method="post" novalidate>
                                <Field form="board" name="name" label="Name of the board" value=space.name.clone() required=true/>
                                <TextArea form="board" name="purpose" label="What the board is for" value=space.purpose.clone()
                                    hint="It shows at the top of the home page. You can use Markdown, such as **bold** or lists."/>
                                <Field form="board" name="time_zone" label="Time zone" value=zone required=true
                                    hint="Dates on Coboard are the board's local dates. Most boards in the UK use Europe/London. Write it as a region and city, such as Europe/Dublin."/>
                                <button type="submit">"Save changes"</button>
                            </form>
                            <p><a href="/vision/edit">"Change the vision statements"</a>" · "<a href="/">"Back to the board"</a></p>
                        }
                        .into_any()
                    }
                    Ok(Home { board: None, .. }) => view! {
                        <Title text="Change the board"/>
                        <h1>"Change the board"</h1>
                        <p>"There is no board here yet. "<a href="/setup">"Set up the board"</a>" first."</p>
                    }
                    .into_any(),
                    Ok(_) => not_for_you("Change the board", format!("Only the board's co-chairs can change the board.{}", sign_in_hint())),
                    Err(err) => failed(err),
                }
            })}
        </Suspense>
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
