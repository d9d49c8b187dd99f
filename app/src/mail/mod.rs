//! Email: the co-chairs' view of the outbox (waiting, sent, failed, with a retry), and the page
//! an email's "change how often" link opens, which needs no signing in.

mod pages;
mod server;

pub use pages::{EmailSettingsPage, OutboxPage};
pub use server::{EmailSettingsView, email_settings, outbox_page};
