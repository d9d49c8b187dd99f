//! You Said We Did on pages: the public list and each item's page, the public feedback form,
//! the members' review list, adding feedback from an event's CSV, the overview, and the
//! "did this make a difference?" page. Every form posts to the server, so all of it works
//! without JavaScript.

pub mod pages;
mod server;

pub use pages::{DidItHelpPage, FeedbackItemPage, FeedbackOverviewPage, ImportPage, ReviewPage, TellUsPage, ThanksPage, YouSaidPage};
