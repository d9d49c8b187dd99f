//! The audit log names the supporter, when someone did something while supporting a member, so
//! an entry reads "Sam, supporting Alex" rather than crediting Alex alone.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    SupporterId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(AuditLog::Table).add_column(uuid_null(AuditLog::SupporterId)).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(AuditLog::Table).drop_column(AuditLog::SupporterId).to_owned()).await
    }
}
