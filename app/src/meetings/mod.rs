//! Meetings on pages: a space's meetings, planning and changing one, the meeting page (agenda
//! and papers, replies and attendance, minutes, decisions, actions, conversation), the action
//! tracker and one action. Every form posts to the server, so all of it works without
//! JavaScript.

pub mod pages;
mod server;

pub use pages::{ActionPage, ActionsPage, EditMeetingPage, MeetingPage, MeetingsPage, PlanMeetingPage};

use domain::meetings::{ActionItem, ActionStatus};
use leptos::prelude::*;

/// Where a space's meetings and actions live: the board's at `/meetings`, a group's under it.
pub(crate) fn meetings_href(slug: &str, is_group: bool) -> String {
    if is_group { format!("/groups/{slug}/meetings") } else { "/meetings".to_owned() }
}

pub(crate) fn actions_href(slug: &str, is_group: bool) -> String {
    if is_group { format!("/groups/{slug}/actions") } else { "/actions".to_owned() }
}

/// One action in a list: what, who, its status in words (never colour alone), where it came from.
#[component]
pub fn ActionLine(action: ActionItem, #[prop(optional)] show_space: bool) -> impl IntoView {
    let class = match action.status {
        ActionStatus::Overdue => "action action-overdue",
        ActionStatus::Done => "action action-done",
        ActionStatus::Open => "action",
    };
    let from = match (&action.meeting, &action.item_title) {
        (Some(m), Some(item)) => Some(format!("From {}, item \u{201c}{item}\u{201d}", m.name)),
        (Some(m), None) => Some(format!("From {}", m.name)),
        _ => None,
    };
    view! {
        <li class=class id=format!("action-{}", action.id)>
            <p><a href=action.link.clone()>{action.what.clone()}</a></p>
            <p class="meta">
                {format!("Owner: {}", action.owner.name)}
                {show_space.then(|| format!(" · {}", action.space_name))}
                {from.map(|f| format!(" · {f}"))}
            </p>
            <p><strong class="action-status">{action.status_words.clone()}</strong></p>
            {action.progress.clone().map(|p| view! { <p>{format!("Progress: {p}")}</p> })}
            {action.done_note.clone().map(|n| view! { <p>{format!("What was done: {n}")}</p> })}
        </li>
    }
}
