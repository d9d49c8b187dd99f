//! Spaces: the board's home page, its vision, and its task-and-finish groups.

mod pages;
mod server;

pub use pages::{GroupPage, GroupsPage, HomePage, VisionEditPage, VisionPage};
pub use server::{group_by_slug, home_board};
#[cfg(feature = "ssr")]
pub(crate) use server::{viewer_can, viewer_role};
