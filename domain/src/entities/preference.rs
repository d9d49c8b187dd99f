use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "preferences")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: Uuid,
    /// `standard`, `large` or `largest`.
    pub text_size: String,
    /// `standard` or `high`.
    pub contrast: String,
    pub reduced_motion: bool,
    pub easy_read: bool,
    /// `instant`, `daily`, `weekly` or `none`.
    pub email_frequency: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
