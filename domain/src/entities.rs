//! SeaORM entities, one module per table. Enums are stored as strings so the same schema works
//! on SQLite and PostgreSQL (see the migrations crate).

pub mod api_token;
pub mod audit_entry;
pub mod document;
pub mod invitation;
pub mod membership;
pub mod person;
pub mod preference;
pub mod rate_limit;
pub mod revision;
pub mod session;
pub mod sign_in_link;
pub mod space;
pub mod supporter;
pub mod vision_statement;
