use sea_orm::entity::prelude::*;

/// A document being written live (see `documents::live`). Its row is inserted once, by whoever
/// starts the first session; every instance then shares it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub document_id: Uuid,
    /// The revision the live text last matched.
    pub base_revision_id: Uuid,
    /// The newest update already saved in a revision.
    pub saved_through: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
