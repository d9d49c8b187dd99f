//! Spaces: the board's home page, its vision, and its task-and-finish groups.

mod pages;
mod server;

pub use pages::{BoardEditPage, GroupEditPage, GroupPage, GroupReportPage, GroupsPage, HomePage, NewGroupPage, VisionEditPage, VisionPage};
pub use server::{group_by_slug, home_board, home_page, new_group_page};
#[cfg(feature = "ssr")]
pub(crate) use server::{viewer_can, viewer_role};
