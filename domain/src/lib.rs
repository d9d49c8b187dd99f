//! Coboard's domain.
//!
//! The types here are shared by the server and the browser build (they travel through server
//! functions), so without features this crate is plain serde data. The `db` feature adds the
//! SeaORM entities and the services: plain async functions taking `&impl ConnectionTrait`, so
//! the same code runs on SQLite and PostgreSQL, inside a transaction or not.

pub mod account_types;
pub mod documents;
pub mod error;
pub mod page;
pub mod people;
pub mod permissions;
pub mod spaces;

#[cfg(feature = "db")]
pub mod demo;
#[cfg(feature = "db")]
pub mod accounts;
#[cfg(feature = "db")]
pub mod entities;

pub use error::{DomainError, DomainResult};
