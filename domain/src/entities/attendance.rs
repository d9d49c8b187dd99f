use sea_orm::entity::prelude::*;

/// Whether someone is coming to a meeting (their reply) and whether they came (recorded after).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
    /// `in_person`, `online` or `apologies`.
    pub reply: Option<String>,
    /// The supporter who answered for them, if one did.
    pub replied_by: Option<Uuid>,
    pub replied_at: Option<DateTimeUtc>,
    /// `in_person`, `online` or `absent`, recorded by the minute-taker.
    pub attended: Option<String>,
    pub recorded_by: Option<Uuid>,
    pub recorded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
