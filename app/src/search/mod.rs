//! Search: one box, results from everything the reader may read, each with the place its words
//! were found. A plain GET form, so it works without JavaScript.

mod pages;
mod server;

pub use pages::SearchPage;
pub use server::search_page;
