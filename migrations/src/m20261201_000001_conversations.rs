//! Conversations: threads on a target (a document, one section of a document, a suggestion, a
//! space's own discussion, and later meetings and You Said We Did items), comments one level of
//! replies deep with their earlier wordings, reactions, reports, notifications, and the event
//! log that live updates are replayed from.
//!
//! A thread names its target as a type and an id (strings and uuids, no foreign key to each
//! kind), so new kinds of target plug in without touching comments. The discussion of each
//! suggestion moves here: one model, not two. A suggestion's thread takes the suggestion's id and
//! each comment keeps its own, so links and the order stay as they were.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Threads {
    Table,
    Id,
    SpaceId,
    TargetType,
    TargetId,
    SectionKey,
    SectionTitle,
    SectionText,
    RevisionId,
    RevisionNumber,
    Title,
    CreatedBy,
    CreatedAt,
    LastActivityAt,
    ResolvedAt,
    ResolvedBy,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    ThreadId,
    ParentId,
    AuthorId,
    SupporterId,
    SaidByName,
    SaidById,
    Body,
    CreatedAt,
    EditedAt,
    DeletedAt,
    HiddenAt,
    HiddenBy,
    HiddenReason,
}

#[derive(DeriveIden)]
enum CommentEdits {
    Table,
    Id,
    CommentId,
    Body,
    ReplacedAt,
}

#[derive(DeriveIden)]
enum Reactions {
    Table,
    CommentId,
    PersonId,
    Kind,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CommentReports {
    Table,
    Id,
    CommentId,
    PersonId,
    Reason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    PersonId,
    Kind,
    SpaceId,
    ThreadId,
    CommentId,
    Summary,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    SpaceId,
    PersonId,
    Kind,
    ThreadId,
    CommentId,
    Data,
    CreatedAt,
}

fn to_person(name: &str, from: (Alias, Alias), on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(People::Table, People::Id).on_delete(on_delete).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Threads::Table)
                    .col(uuid(Threads::Id).primary_key())
                    .col(uuid(Threads::SpaceId))
                    .col(string_len(Threads::TargetType, 20))
                    .col(uuid_null(Threads::TargetId))
                    .col(string_len_null(Threads::SectionKey, 200))
                    .col(text_null(Threads::SectionTitle))
                    .col(text_null(Threads::SectionText))
                    .col(uuid_null(Threads::RevisionId))
                    .col(integer_null(Threads::RevisionNumber))
                    .col(text_null(Threads::Title))
                    .col(uuid(Threads::CreatedBy))
                    .col(timestamp_with_time_zone(Threads::CreatedAt))
                    .col(timestamp_with_time_zone(Threads::LastActivityAt))
                    .col(timestamp_with_time_zone_null(Threads::ResolvedAt))
                    .col(uuid_null(Threads::ResolvedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_threads_space")
                            .from(Threads::Table, Threads::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person("fk_threads_created_by", (Alias::new("threads"), Alias::new("created_by")), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_threads_target").table(Threads::Table).col(Threads::TargetType).col(Threads::TargetId).to_owned())
            .await?;
        manager
            .create_index(Index::create().name("idx_threads_space").table(Threads::Table).col(Threads::SpaceId).col(Threads::LastActivityAt).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(uuid(Comments::Id).primary_key())
                    .col(uuid(Comments::ThreadId))
                    .col(uuid_null(Comments::ParentId))
                    .col(uuid(Comments::AuthorId))
                    .col(uuid_null(Comments::SupporterId))
                    .col(text_null(Comments::SaidByName))
                    .col(uuid_null(Comments::SaidById))
                    .col(text(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comments::EditedAt))
                    .col(timestamp_with_time_zone_null(Comments::DeletedAt))
                    .col(timestamp_with_time_zone_null(Comments::HiddenAt))
                    .col(uuid_null(Comments::HiddenBy))
                    .col(text_null(Comments::HiddenReason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_comments_thread")
                            .from(Comments::Table, Comments::ThreadId)
                            .to(Threads::Table, Threads::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person("fk_comments_author", (Alias::new("comments"), Alias::new("author_id")), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_comments_thread").table(Comments::Table).col(Comments::ThreadId).col(Comments::CreatedAt).to_owned())
            .await?;
        manager.create_index(Index::create().name("idx_comments_author").table(Comments::Table).col(Comments::AuthorId).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(CommentEdits::Table)
                    .col(uuid(CommentEdits::Id).primary_key())
                    .col(uuid(CommentEdits::CommentId))
                    .col(text(CommentEdits::Body))
                    .col(timestamp_with_time_zone(CommentEdits::ReplacedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_comment_edits_comment")
                            .from(CommentEdits::Table, CommentEdits::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_comment_edits_comment").table(CommentEdits::Table).col(CommentEdits::CommentId).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(Reactions::Table)
                    .col(uuid(Reactions::CommentId))
                    .col(uuid(Reactions::PersonId))
                    .col(string_len(Reactions::Kind, 20))
                    .col(timestamp_with_time_zone(Reactions::CreatedAt))
                    .primary_key(Index::create().col(Reactions::CommentId).col(Reactions::PersonId).col(Reactions::Kind))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_reactions_comment")
                            .from(Reactions::Table, Reactions::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person("fk_reactions_person", (Alias::new("reactions"), Alias::new("person_id")), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommentReports::Table)
                    .col(uuid(CommentReports::Id).primary_key())
                    .col(uuid(CommentReports::CommentId))
                    .col(uuid(CommentReports::PersonId))
                    .col(text(CommentReports::Reason))
                    .col(timestamp_with_time_zone(CommentReports::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_comment_reports_comment")
                            .from(CommentReports::Table, CommentReports::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person("fk_comment_reports_person", (Alias::new("comment_reports"), Alias::new("person_id")), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(uuid(Notifications::Id).primary_key())
                    .col(uuid(Notifications::PersonId))
                    .col(string_len(Notifications::Kind, 20))
                    .col(uuid_null(Notifications::SpaceId))
                    .col(uuid_null(Notifications::ThreadId))
                    .col(uuid_null(Notifications::CommentId))
                    .col(text(Notifications::Summary))
                    .col(text(Notifications::Link))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(&mut to_person("fk_notifications_person", (Alias::new("notifications"), Alias::new("person_id")), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_notifications_person").table(Notifications::Table).col(Notifications::PersonId).col(Notifications::ReadAt).to_owned())
            .await?;
        // Ids count up, so "everything after event 41" is one range read, on any instance.
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(big_integer(Events::Id).auto_increment().primary_key())
                    .col(uuid_null(Events::SpaceId))
                    .col(uuid_null(Events::PersonId))
                    .col(string_len(Events::Kind, 40))
                    .col(uuid_null(Events::ThreadId))
                    .col(uuid_null(Events::CommentId))
                    .col(text(Events::Data))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // The discussion of each suggestion becomes that suggestion's thread.
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO threads (id, space_id, target_type, target_id, section_key, section_title, section_text, revision_id, revision_number, title, created_by, created_at, last_activity_at, resolved_at, resolved_by) \
             SELECT s.id, d.space_id, 'suggestion', s.id, NULL, NULL, NULL, NULL, NULL, NULL, s.author_id, s.created_at, s.created_at, NULL, NULL \
             FROM suggestions s JOIN documents d ON d.id = s.document_id \
             WHERE EXISTS (SELECT 1 FROM suggestion_comments c WHERE c.suggestion_id = s.id)",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO comments (id, thread_id, parent_id, author_id, supporter_id, said_by_name, said_by_id, body, created_at, edited_at, deleted_at, hidden_at, hidden_by, hidden_reason) \
             SELECT c.id, c.suggestion_id, NULL, c.person_id, c.supporter_id, NULL, NULL, c.body, c.created_at, NULL, NULL, NULL, NULL, NULL \
             FROM suggestion_comments c",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE threads SET last_activity_at = (SELECT MAX(c.created_at) FROM comments c WHERE c.thread_id = threads.id) WHERE target_type = 'suggestion'",
        )
        .await?;
        manager.drop_table(Table::drop().table(Alias::new("suggestion_comments")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The suggestions' discussions go back to their own table (comments and replies alike,
        // removed ones left out); everything else conversations held goes with their tables.
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("suggestion_comments"))
                    .col(uuid(Alias::new("id")).primary_key())
                    .col(uuid(Alias::new("suggestion_id")))
                    .col(uuid(Alias::new("person_id")))
                    .col(uuid_null(Alias::new("supporter_id")))
                    .col(text(Alias::new("body")))
                    .col(timestamp_with_time_zone(Alias::new("created_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_suggestion_comments_suggestion")
                            .from(Alias::new("suggestion_comments"), Alias::new("suggestion_id"))
                            .to(Alias::new("suggestions"), Alias::new("id"))
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_person("fk_suggestion_comments_person", (Alias::new("suggestion_comments"), Alias::new("person_id")), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_suggestion_comments_suggestion").table(Alias::new("suggestion_comments")).col(Alias::new("suggestion_id")).to_owned())
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO suggestion_comments (id, suggestion_id, person_id, supporter_id, body, created_at) \
                 SELECT c.id, t.target_id, c.author_id, c.supporter_id, c.body, c.created_at \
                 FROM comments c JOIN threads t ON t.id = c.thread_id \
                 WHERE t.target_type = 'suggestion' AND t.target_id IS NOT NULL AND c.deleted_at IS NULL",
            )
            .await?;
        for table in ["events", "notifications", "comment_reports", "reactions", "comment_edits", "comments", "threads"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
