use sea_orm::entity::prelude::*;

/// One thing that can be found by searching, and who may find it (see `crate::search`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What it is and which one (`document:…`, `published:…`, `comment:…`): one row each.
    pub key: String,
    pub kind: String,
    pub item_id: Uuid,
    pub space_id: Option<Uuid>,
    pub public: bool,
    pub twin: bool,
    pub url: String,
    pub title: String,
    pub body: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
