use sea_orm::entity::prelude::*;

/// Something people told the board ("You said"), and what the board did about it ("We did").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The board it was told to.
    pub space_id: Uuid,
    /// The group working on it, if one is.
    pub group_id: Option<Uuid>,
    /// What was said, as the board sums it up (shown publicly).
    pub said: String,
    /// Theme keys, comma separated (`paperwork,finance`).
    pub themes: String,
    pub status: String,
    /// Why the board is not doing it (required for `not_doing`).
    pub status_reason: Option<String>,
    /// What the board did, or will do.
    pub response: Option<String>,
    pub owner_id: Option<Uuid>,
    pub target_on: Option<Date>,
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<Uuid>,
    /// The item this one was merged into.
    pub merged_into: Option<Uuid>,
    pub status_since: DateTimeUtc,
    pub last_update_at: DateTimeUtc,
    /// Who added it (none: it came through the public form).
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
