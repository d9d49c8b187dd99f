use sea_orm::entity::prelude::*;

/// A paper for an agenda item: a document of the space at a fixed version.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_papers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub meeting_id: Uuid,
    pub document_id: Uuid,
    pub revision_id: Uuid,
    pub revision_number: i32,
    pub added_by: Uuid,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
