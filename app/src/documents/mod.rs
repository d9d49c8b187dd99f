//! Documents: a space's drafts, each with its history; edits made at the same time merge.

mod pages;
mod server;

pub use server::SpaceDocumentsView;
#[cfg(feature = "ssr")]
pub(crate) use server::space_documents;
pub use pages::{EasyReadEditPage, EasyReadPage, ComparePage, DocumentPage, EditDocumentPage, HistoryPage, LiveEditPage, NewDocumentPage, PublishedEasyReadPage, PublishedListPage, PublishedPage, PublishedVersionPage, SpaceDocuments, SuggestPage, SuggestionsPage};
