use sea_orm::entity::prelude::*;

/// One saved version of a document. Never changed once written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    /// 1, 2, 3... within the document.
    pub number: i32,
    pub body: String,
    pub note: Option<String>,
    pub author_id: Uuid,
    /// Set when a supporter saved it for the author.
    pub supporter_id: Option<Uuid>,
    /// Someone else saved in between, and this revision merged both.
    pub merged: bool,
    /// How many places keep both versions for a person to choose.
    pub clashes: i32,
    /// Everyone else who wrote it with the author in a live session: person ids, comma-separated.
    pub written_with: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
