use sea_orm::entity::prelude::*;

/// One person's view on one version of a document. A new version needs new views: people agree
/// to exact words.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_views")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    pub revision_id: Uuid,
    pub person_id: Uuid,
    /// Set when a supporter gave the view for the person.
    pub supporter_id: Option<Uuid>,
    /// `agree`, `concerns` or `object`.
    pub response: String,
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
