use sea_orm::entity::prelude::*;

/// A conversation about one target: a document, a section of one, a suggestion, or a space's
/// own discussion (`target_type`), and later meetings and You Said We Did items.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Whose members may read it: the space of the target.
    pub space_id: Uuid,
    /// `document`, `section`, `suggestion` or `discussion`.
    pub target_type: String,
    /// The document or suggestion; `None` for a discussion.
    pub target_id: Option<Uuid>,
    /// For a section: its key (as easy read uses), its heading then, and the version read.
    pub section_key: Option<String>,
    pub section_title: Option<String>,
    /// The section's words then, to tell whether it has changed since.
    pub section_text: Option<String>,
    pub revision_id: Option<Uuid>,
    /// That version's number, kept so a page says "in version 3" without looking it up.
    pub revision_number: Option<i32>,
    /// A discussion's subject.
    pub title: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub last_activity_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
