//! SeaORM entities, one module per table. Enums are stored as strings so the same schema works
//! on SQLite and PostgreSQL (see the migrations crate).

pub mod membership;
pub mod person;
pub mod space;
pub mod vision_statement;
