use sea_orm::entity::prelude::*;

/// Something a person should know about (mentioned, replied to, a document moved on, papers...).
/// Emails are made from these same rows (`crate::mail`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Uuid,
    /// What it is about (see `crate::conversations::Notification`).
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
    /// How it is emailed: `none`, `instant` (its own email), `digest` (waiting for the next
    /// digest) or `digested`.
    pub email_state: String,
    /// The outbox message that carried it, once one has.
    pub outbox_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
