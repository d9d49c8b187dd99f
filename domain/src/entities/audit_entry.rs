use sea_orm::entity::prelude::*;

/// Append-only: rows are inserted, never updated or deleted.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub at: DateTimeUtc,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub ip: Option<String>,
    /// Set when a supporter acted for `actor_id`.
    pub supporter_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
