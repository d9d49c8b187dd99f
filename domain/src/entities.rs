//! SeaORM entities, one module per table. Enums are stored as strings so the same schema works
//! on SQLite and PostgreSQL (see the migrations crate).

pub mod api_token;
pub mod audit_entry;
pub mod comment;
pub mod comment_edit;
pub mod comment_report;
pub mod consent_view;
pub mod decision;
pub mod decision_voice;
pub mod document;
pub mod easy_read_part;
pub mod event;
pub mod glossary_request;
pub mod glossary_term;
pub mod invitation;
pub mod membership;
pub mod notification;
pub mod person;
pub mod preference;
pub mod rate_limit;
pub mod reaction;
pub mod revision;
pub mod session;
pub mod sign_in_link;
pub mod space;
pub mod space_event;
pub mod space_slug;
pub mod status_change;
pub mod suggestion;
pub mod supporter;
pub mod thread;
pub mod vision_review;
pub mod vision_statement;
