use sea_orm::entity::prelude::*;

/// One step in a space's life (started, changed, reported back, finished), with who took it and,
/// where one was asked for, why.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "space_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub space_id: Uuid,
    /// See `spaces::EventKind`.
    pub kind: String,
    pub person_id: Option<Uuid>,
    pub supporter_id: Option<Uuid>,
    /// What changed, in words: "Planned end date moved from 31 March 2027 to 30 June 2027".
    pub detail: String,
    pub reason: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
