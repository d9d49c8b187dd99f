//! Database migrations, applied at start-up and by `coboard migrate`.
//!
//! Every migration must run on SQLite and PostgreSQL: foreign keys are declared inside
//! `create_table`, one change per `ALTER`, enums are stored as strings, and timestamps carry a
//! time zone.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_spaces;
mod m20261123_000002_accounts;
mod m20261123_000003_supporting;
mod m20261123_000004_documents;
mod m20261123_000005_agreeing;
mod m20261123_000006_glossary;
mod m20261123_000007_suggestions;
mod m20261123_000008_vision_checks;
mod m20261123_000009_easy_read;
mod m20261123_000010_decision_vision;
mod m20261125_000001_audit_supporter;
mod m20261125_000002_glossary_request_key;
mod m20261125_000003_group_life;
mod m20261201_000001_conversations;
mod m20261202_000001_meetings;
mod m20261203_000001_feedback;
mod m20261204_000001_outbox;
mod m20261205_000001_search;
mod m20261205_000002_outcomes;
mod m20261206_000001_live_editing;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_spaces::Migration),
            Box::new(m20261123_000002_accounts::Migration),
            Box::new(m20261123_000003_supporting::Migration),
            Box::new(m20261123_000004_documents::Migration),
            Box::new(m20261123_000005_agreeing::Migration),
            Box::new(m20261123_000006_glossary::Migration),
            Box::new(m20261123_000007_suggestions::Migration),
            Box::new(m20261123_000008_vision_checks::Migration),
            Box::new(m20261123_000009_easy_read::Migration),
            Box::new(m20261123_000010_decision_vision::Migration),
            Box::new(m20261125_000001_audit_supporter::Migration),
            Box::new(m20261125_000002_glossary_request_key::Migration),
            Box::new(m20261125_000003_group_life::Migration),
            Box::new(m20261201_000001_conversations::Migration),
            Box::new(m20261202_000001_meetings::Migration),
            Box::new(m20261203_000001_feedback::Migration),
            Box::new(m20261204_000001_outbox::Migration),
            Box::new(m20261205_000001_search::Migration),
            Box::new(m20261205_000002_outcomes::Migration),
            Box::new(m20261206_000001_live_editing::Migration),
        ]
    }
}
