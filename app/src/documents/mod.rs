//! Documents: a space's drafts, each with its history; edits made at the same time merge.

mod pages;
mod server;

pub use pages::{ComparePage, DocumentPage, EditDocumentPage, HistoryPage, NewDocumentPage, SpaceDocuments};
