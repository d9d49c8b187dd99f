//! Accounts: sign-in details on people, preferences, sessions, one-time sign-in links,
//! invitations, personal access tokens, supporters, the audit log and rate-limit counters.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    Email,
    PasswordHash,
    AccessNeeds,
}

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Preferences {
    Table,
    PersonId,
    TextSize,
    Contrast,
    ReducedMotion,
    EasyRead,
    EmailFrequency,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    PersonId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    TokenHash,
    PersonId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    TokenHash,
    Email,
    SpaceId,
    Role,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    PersonId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Supporters {
    Table,
    MemberId,
    SupporterId,
    ConsentedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Subject,
    Detail,
    Ip,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Key,
    WindowStart,
    Count,
}

fn fk_person(table: impl IntoIden + 'static, col: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(People::Table, People::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One change per ALTER, so SQLite accepts them too.
        manager.alter_table(Table::alter().table(People::Table).add_column(string_len_null(People::Email, 254)).to_owned()).await?;
        manager.alter_table(Table::alter().table(People::Table).add_column(text_null(People::PasswordHash)).to_owned()).await?;
        manager.alter_table(Table::alter().table(People::Table).add_column(text_null(People::AccessNeeds)).to_owned()).await?;
        manager
            .create_index(Index::create().name("idx_people_email").table(People::Table).col(People::Email).unique().to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Preferences::Table)
                    .col(uuid(Preferences::PersonId).primary_key())
                    .col(string_len(Preferences::TextSize, 16).default("standard"))
                    .col(string_len(Preferences::Contrast, 16).default("standard"))
                    .col(boolean(Preferences::ReducedMotion).default(false))
                    .col(boolean(Preferences::EasyRead).default(false))
                    .col(string_len(Preferences::EmailFrequency, 16).default("instant"))
                    .col(timestamp_with_time_zone(Preferences::UpdatedAt))
                    .foreign_key(&mut fk_person(Preferences::Table, Preferences::PersonId, "fk_preferences_person"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(uuid(Sessions::PersonId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .col(string_len_null(Sessions::UserAgent, 300))
                    .foreign_key(&mut fk_person(Sessions::Table, Sessions::PersonId, "fk_sessions_person"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_sessions_person").table(Sessions::Table).col(Sessions::PersonId).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInLinks::Table)
                    .col(string_len(SignInLinks::TokenHash, 64).primary_key())
                    .col(uuid(SignInLinks::PersonId))
                    .col(timestamp_with_time_zone(SignInLinks::CreatedAt))
                    .col(timestamp_with_time_zone(SignInLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SignInLinks::UsedAt))
                    .foreign_key(&mut fk_person(SignInLinks::Table, SignInLinks::PersonId, "fk_sign_in_links_person"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(uuid(Invitations::Id).primary_key())
                    .col(string_len(Invitations::TokenHash, 64).unique_key())
                    .col(string_len(Invitations::Email, 254))
                    .col(uuid(Invitations::SpaceId))
                    .col(string_len(Invitations::Role, 16))
                    .col(uuid(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(uuid_null(Invitations::AcceptedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitations_space")
                            .from(Invitations::Table, Invitations::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk_person(Invitations::Table, Invitations::InvitedBy, "fk_invitations_inviter"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiTokens::Table)
                    .col(uuid(ApiTokens::Id).primary_key())
                    .col(uuid(ApiTokens::PersonId))
                    .col(string_len(ApiTokens::Name, 100))
                    .col(string_len(ApiTokens::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                    .foreign_key(&mut fk_person(ApiTokens::Table, ApiTokens::PersonId, "fk_api_tokens_person"))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Supporters::Table)
                    .col(uuid(Supporters::MemberId))
                    .col(uuid(Supporters::SupporterId))
                    .col(timestamp_with_time_zone(Supporters::ConsentedAt))
                    .col(timestamp_with_time_zone_null(Supporters::RevokedAt))
                    .primary_key(Index::create().col(Supporters::MemberId).col(Supporters::SupporterId))
                    .foreign_key(&mut fk_person(Supporters::Table, Supporters::MemberId, "fk_supporters_member"))
                    .foreign_key(&mut fk_person(Supporters::Table, Supporters::SupporterId, "fk_supporters_supporter"))
                    .to_owned(),
            )
            .await?;

        // Append-only: the application never updates or deletes rows here.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid(AuditLog::Id).primary_key())
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 40))
                    .col(string_len_null(AuditLog::Subject, 300))
                    .col(text_null(AuditLog::Detail))
                    .col(string_len_null(AuditLog::Ip, 64))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(string_len(RateLimits::Key, 300).primary_key())
                    .col(timestamp_with_time_zone(RateLimits::WindowStart))
                    .col(integer(RateLimits::Count))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["rate_limits", "audit_log", "supporters", "api_tokens", "invitations", "sign_in_links", "sessions", "preferences"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("idx_people_email").table(People::Table).to_owned()).await?;
        for col in [People::AccessNeeds, People::PasswordHash, People::Email] {
            manager.alter_table(Table::alter().table(People::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
