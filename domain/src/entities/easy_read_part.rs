use sea_orm::entity::prelude::*;

/// The easy-read version of one section of a document's full text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "easy_read_parts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    /// Which section of the full text it explains (see `documents::sections`).
    pub section_key: String,
    /// A hash of that section's text when this part was written: if the section changes, the
    /// hashes differ and the part is shown as out of date.
    pub source_hash: String,
    pub body: String,
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    pub updated_by: Uuid,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
