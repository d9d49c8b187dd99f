use sea_orm::entity::prelude::*;

/// Something a person should know about (mentioned, replied to, a comment hidden or reported).
/// The email issue reads from this same table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    /// `mention`, `reply`, `hidden` or `report`.
    pub kind: String,
    pub space_id: Option<Uuid>,
    pub thread_id: Option<Uuid>,
    pub comment_id: Option<Uuid>,
    /// One plain sentence: "Jo Patel mentioned you in "Direct payments policy"".
    pub summary: String,
    /// Where to go: a path on this site.
    pub link: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
