use sea_orm::entity::prelude::*;

/// One CRDT update (Yjs v1 encoding) to a live document, kept as it arrived.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_updates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub document_id: Uuid,
    pub person_id: Option<Uuid>,
    /// `typed`, `start`, `form` or `kept`.
    pub kind: String,
    pub data: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
