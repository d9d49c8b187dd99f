use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub space_id: Uuid,
    pub title: String,
    /// `policy`, `paperwork`, `form`, `report`, `easy_read` or `other`.
    pub kind: String,
    /// `draft`, `out_for_comment`, `agreed`, `published` or `withdrawn`.
    pub status: String,
    pub tags: Option<String>,
    /// The newest revision; changed only by compare-and-swap, so two saves cannot both win.
    pub current_revision_id: Uuid,
    pub published_revision_id: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
