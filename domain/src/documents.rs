//! Shared drafts. Today: the text rules every later part of documents builds on — merging two
//! people's edits of the same draft, and a word-by-word comparison of two versions.

pub mod merge;
