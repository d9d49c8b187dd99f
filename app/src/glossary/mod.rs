//! The glossary: words explained, the "I don't understand a word here" question, and the queue of
//! words for members to explain.

mod pages;
mod server;

pub use pages::{AskPage, GlossaryPage, WordsExplained};
