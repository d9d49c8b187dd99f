//! Who may do what: the one place permission rules live.
//!
//! A decision depends on the *role* a person holds in a space and nothing else. Perspective
//! (expert by experience, carer, staff, partner) is deliberately not an input: the types make it
//! impossible to decide by it, and a test checks every role × action for every perspective.

use serde::{Deserialize, Serialize};

use crate::people::Role;

/// Everything someone can try to do in a space (the board or a group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Read what has been published (anyone, signed out too).
    ViewPublished,
    /// Read the space's unpublished work: drafts, discussions, and who the members are with their
    /// perspectives (outside the space, only its co-chairs or convenors are named; everyone else
    /// is counted by perspective, never named: see `spaces::SpaceDetail::seen_from_outside`).
    ViewSpace,
    /// Take part: comment, suggest wording, record someone's views.
    Contribute,
    /// Create and edit drafts.
    EditDocuments,
    /// Agree, publish and withdraw documents.
    Decide,
    /// Change the space's name, purpose, status, dates and vision statements.
    EditSpace,
    /// Invite people into the space.
    InviteMembers,
    /// Change or remove someone's role.
    ManageRoles,
    /// Read the audit log of sign-ins, invitations and role changes.
    ViewAuditLog,
    /// Start a task-and-finish group (asked of the board).
    StartGroup,
    /// Move a group on: report back to the board, then finish (asked of the group).
    MoveGroupOn,
    /// Join one of the board's groups as a member (asked of the board: it is the board role that
    /// lets someone in).
    JoinGroup,
    /// Follow one of the board's groups: see its work, be listed as following, not be counted
    /// (asked of the board).
    FollowGroup,
    /// Hide a comment with a reason, and show it again (co-chairs and convenors).
    Moderate,
    /// Plan meetings, set their agendas and papers, send the papers, and record what happened
    /// (co-chairs and convenors; a meeting's named minute-taker records too).
    RunMeetings,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Self::ViewPublished,
        Self::Contribute,
        Self::ViewSpace,
        Self::EditDocuments,
        Self::Decide,
        Self::EditSpace,
        Self::InviteMembers,
        Self::ManageRoles,
        Self::ViewAuditLog,
        Self::StartGroup,
        Self::MoveGroupOn,
        Self::JoinGroup,
        Self::FollowGroup,
        Self::Moderate,
        Self::RunMeetings,
    ];
}

/// What someone can try to do in a space's conversations, each answered by one [`Action`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConversationAction {
    /// Read threads, comments and reactions.
    Read,
    /// Start a thread, comment, reply, or record what someone else said.
    Post,
    /// Change the words of one's own comment.
    EditOwn,
    /// Remove one's own comment (a tombstone stays).
    RemoveOwn,
    /// Mark a thread resolved, or reopen it.
    Resolve,
    /// Give or take back *agree*, *concern* or *question*.
    React,
    /// Ask the leads to look at a comment.
    Report,
    /// Hide a comment with a reason, or show it again.
    Moderate,
}

impl ConversationAction {
    pub const ALL: [ConversationAction; 8] =
        [Self::Read, Self::Post, Self::EditOwn, Self::RemoveOwn, Self::Resolve, Self::React, Self::Report, Self::Moderate];

    /// The one action in the space this needs. Removing one's own words needs only to be able
    /// to read the space, so someone whose role has gone (or whose group finished) can still
    /// take back what they wrote; reporting too, so anyone who can read a comment can raise it.
    pub fn needs(self) -> Action {
        match self {
            Self::Read | Self::RemoveOwn | Self::Report => Action::ViewSpace,
            Self::Post | Self::EditOwn | Self::Resolve | Self::React => Action::Contribute,
            Self::Moderate => Action::Moderate,
        }
    }
}

/// May someone holding `role` in a space do `action` in its conversations?
pub fn can_in_conversation(role: Option<Role>, action: ConversationAction) -> bool {
    can(role, action.needs())
}

/// May someone holding `role` in a space (`None`: signed out, or not in the space) do `action`?
pub fn can(role: Option<Role>, action: Action) -> bool {
    use Action::*;
    match role {
        None => matches!(action, ViewPublished),
        Some(Role::Observer) => matches!(action, ViewPublished | ViewSpace | FollowGroup),
        Some(Role::Member) => matches!(action, ViewPublished | ViewSpace | Contribute | EditDocuments | JoinGroup | FollowGroup),
        Some(Role::CoChair) => true,
    }
}

/// The role that counts in a space, given the role held there and, for a group, the role held
/// on its board: a board co-chair leads every group too, and anyone on the board may read any
/// group's work (as an observer does).
///
/// A finished group keeps its work as it was: everyone who could read it still can, and nobody
/// can change anything, so every role there counts as observing (`ended`).
pub fn effective_role(in_space: Option<Role>, on_board: Option<Role>, ended: bool) -> Option<Role> {
    let from_board = match on_board {
        Some(Role::CoChair) => Some(Role::CoChair),
        Some(Role::Member | Role::Observer) => Some(Role::Observer),
        None => None,
    };
    let role = [in_space, from_board].into_iter().flatten().max_by_key(|r| rank(*r));
    if ended { role.map(|_| Role::Observer) } else { role }
}

fn rank(role: Role) -> u8 {
    match role {
        Role::Observer => 1,
        Role::Member => 2,
        Role::CoChair => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Perspective;

    /// The whole table, written out so a change to a rule is a visible change here.
    fn expected(role: Option<Role>, action: Action) -> bool {
        use Action::*;
        let allowed: &[Action] = match role {
            None => &[ViewPublished],
            Some(Role::Observer) => &[ViewPublished, ViewSpace, FollowGroup],
            Some(Role::Member) => &[ViewPublished, ViewSpace, Contribute, EditDocuments, JoinGroup, FollowGroup],
            Some(Role::CoChair) => &Action::ALL,
        };
        allowed.contains(&action)
    }

    /// Someone as the rest of the app sees them: a role, and a perspective that must not matter.
    struct Person {
        role: Option<Role>,
        perspective: Perspective,
    }

    fn decide(person: &Person, action: Action) -> bool {
        // The perspective is in reach, as it would be in real code; it is not an input to `can`.
        let _shown_not_used = person.perspective.label();
        can(person.role, action)
    }

    #[test]
    fn every_role_and_action_matches_the_table() {
        let roles = [None, Some(Role::Observer), Some(Role::Member), Some(Role::CoChair)];
        for role in roles {
            for action in Action::ALL {
                assert_eq!(can(role, action), expected(role, action), "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn swapping_perspective_changes_no_decision() {
        let roles = [None, Some(Role::Observer), Some(Role::Member), Some(Role::CoChair)];
        for role in roles {
            for action in Action::ALL {
                let decisions: Vec<bool> =
                    Perspective::ALL.iter().map(|&perspective| decide(&Person { role, perspective }, action)).collect();
                assert!(decisions.iter().all(|d| *d == decisions[0]), "{role:?} {action:?}: {decisions:?}");
            }
        }
    }

    /// Conversations, written out as a table too: who may do what with threads, reactions and
    /// moderation.
    fn expected_in_conversation(role: Option<Role>, action: ConversationAction) -> bool {
        use ConversationAction::*;
        let allowed: &[ConversationAction] = match role {
            None => &[],
            Some(Role::Observer) => &[Read, RemoveOwn, Report],
            Some(Role::Member) => &[Read, Post, EditOwn, RemoveOwn, Resolve, React, Report],
            Some(Role::CoChair) => &ConversationAction::ALL,
        };
        allowed.contains(&action)
    }

    #[test]
    fn every_role_and_conversation_action_matches_the_table_whatever_the_perspective() {
        let roles = [None, Some(Role::Observer), Some(Role::Member), Some(Role::CoChair)];
        for role in roles {
            for action in ConversationAction::ALL {
                for perspective in Perspective::ALL {
                    let person = Person { role, perspective };
                    let _shown_not_used = person.perspective.label();
                    assert_eq!(can_in_conversation(person.role, action), expected_in_conversation(role, action), "{role:?} {action:?} {perspective:?}");
                }
            }
        }
    }

    #[test]
    fn board_roles_carry_into_groups() {
        assert_eq!(effective_role(None, Some(Role::CoChair), false), Some(Role::CoChair));
        assert_eq!(effective_role(Some(Role::Member), Some(Role::CoChair), false), Some(Role::CoChair));
        assert_eq!(effective_role(None, Some(Role::Member), false), Some(Role::Observer));
        assert_eq!(effective_role(Some(Role::Member), Some(Role::Observer), false), Some(Role::Member));
        assert_eq!(effective_role(None, None, false), None);
    }

    #[test]
    fn a_finished_group_can_be_read_by_the_same_people_and_changed_by_nobody() {
        let roles = [None, Some(Role::Observer), Some(Role::Member), Some(Role::CoChair)];
        for in_space in roles {
            for on_board in roles {
                let ended = effective_role(in_space, on_board, true);
                let open = effective_role(in_space, on_board, false);
                assert_eq!(can(ended, Action::ViewSpace), can(open, Action::ViewSpace), "{in_space:?} {on_board:?}");
                for action in [Action::Contribute, Action::EditDocuments, Action::Decide, Action::EditSpace, Action::InviteMembers, Action::ManageRoles, Action::MoveGroupOn] {
                    assert!(!can(ended, action), "{in_space:?} {on_board:?} {action:?}");
                }
            }
        }
    }
}
