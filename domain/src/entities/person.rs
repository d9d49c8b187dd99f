use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub display_name: String,
    pub pronouns: Option<String>,
    /// `expert`, `carer`, `staff`, `partner` or `other`: shown and counted, never a permission.
    pub perspective: String,
    pub created_at: DateTimeUtc,
    /// Lower-cased. `None` for someone without an account (for example someone whose views a
    /// member records, or demo people).
    #[sea_orm(unique)]
    pub email: Option<String>,
    /// Argon2id PHC string. `None` for people who sign in by emailed link only.
    pub password_hash: Option<String>,
    /// In the person's own words, shown to conveners planning meetings.
    pub access_needs: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::membership::Entity")]
    Membership,
}

impl Related<super::membership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Membership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
