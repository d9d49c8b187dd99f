use sea_orm::entity::prelude::*;

/// A word someone did not understand, waiting for a member to explain it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "glossary_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub space_id: Uuid,
    pub word: String,
    /// Where it was seen, such as `/documents/…`.
    pub page: Option<String>,
    /// How many people asked about the same word while it waited.
    pub times_asked: i32,
    /// `open` or `answered`.
    pub status: String,
    pub term_id: Option<Uuid>,
    /// `None` when asked by someone signed out.
    pub asked_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    /// The word as a slug while the question is open; `None` once answered. Unique per board.
    pub open_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
