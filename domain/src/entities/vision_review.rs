use sea_orm::entity::prelude::*;

/// One person's rating of a document against one vision statement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "vision_reviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    /// The version they read when they rated it.
    pub revision_id: Uuid,
    pub statement_id: Uuid,
    pub person_id: Uuid,
    pub supporter_id: Option<Uuid>,
    /// `yes`, `partly` or `not_yet`.
    pub rating: String,
    pub comment: Option<String>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
