use sea_orm::entity::prelude::*;

/// A consent decision that moved a document to *agreed*. Never changed once written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    /// The exact version that was agreed; publishing shows this one.
    pub revision_id: Uuid,
    pub recorded_by: Uuid,
    pub supporter_id: Option<Uuid>,
    pub note: Option<String>,
    /// Whether the space asked for an expert by experience and a member of staff to agree.
    pub coproduction_required: bool,
    /// The vision check as it stood when agreed, in words.
    pub vision_summary: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
