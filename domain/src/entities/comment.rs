use sea_orm::entity::prelude::*;

/// One comment in a thread, or a reply to one (`parent_id`, one level deep).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub thread_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// Who posted it (for a recorded contribution, who recorded it).
    pub author_id: Uuid,
    /// Set when a supporter posted it for `author_id`.
    pub supporter_id: Option<Uuid>,
    /// Whose words these are when the author recorded what someone else said.
    pub said_by_name: Option<String>,
    /// That person, when they are someone Coboard knows.
    pub said_by_id: Option<Uuid>,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    /// Removed by its author: a tombstone stays.
    pub deleted_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<Uuid>,
    pub hidden_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
