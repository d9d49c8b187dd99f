use sea_orm::entity::prelude::*;

/// One email, written in the same transaction as the change that caused it and sent by the
/// mail worker. `content` is the letter as JSON (`crate::mail::Letter`); it is made into text
/// and HTML as it is sent, with the site's address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub person_id: Option<Uuid>,
    pub to_address: String,
    /// `sign_in`, `invitation`, `notification`, `digest` or `ask`.
    pub kind: String,
    /// Sign-in links and invitations: sent before anything else.
    pub urgent: bool,
    pub subject: String,
    pub content: String,
    /// `waiting`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While an instance is sending it, no other may take it.
    pub claimed_until: Option<DateTimeUtc>,
    pub claimed_by: Option<String>,
    pub last_error: Option<String>,
    /// SHA-256 of the key in this email's "change how often we email you" link.
    pub settings_key_hash: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
