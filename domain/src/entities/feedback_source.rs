use sea_orm::entity::prelude::*;

/// One place a feedback item was heard: a card at an event, a survey answer, the public form.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_sources")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub kind: String,
    /// The event or survey, in words.
    pub detail: Option<String>,
    pub said_on: Date,
    /// The person's own words.
    pub words: String,
    /// They agreed their own words may be shown publicly.
    pub show_words: bool,
    /// How many people said it here (a pinboard of five cards is 5).
    pub people: i32,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    /// They agreed to be asked later whether it made a difference.
    pub may_ask: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
