//! Outcomes: what the board's work achieved, as short stories for the public, with the policies,
//! decisions and You Said We Did items behind them. Every form posts to the server.

mod pages;
mod server;

pub use pages::{EditOutcomePage, NewOutcomePage, OutcomePage, OutcomesPage};
pub use server::{OutcomeFormView, outcome_form, outcome_page, outcomes_page};
