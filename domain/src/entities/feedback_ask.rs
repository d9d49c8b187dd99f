use sea_orm::entity::prelude::*;

/// "Did this make a difference?", asked of someone who gave the feedback, and their answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_asks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub source_id: Uuid,
    /// SHA-256 of the secret in the link they were sent.
    pub secret_hash: String,
    pub sent_at: DateTimeUtc,
    pub answer: Option<String>,
    pub answer_words: Option<String>,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
