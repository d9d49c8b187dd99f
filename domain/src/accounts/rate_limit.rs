//! Counting attempts in the database, so limits hold across several server instances.

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::{Expr, ExprTrait, OnConflict}};

use crate::DomainResult;
use crate::entities::rate_limit;

/// At most `max` counted attempts in a window of `minutes`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i32,
    pub minutes: i64,
}

impl Limit {
    /// Has `key` already used up its attempts in the current window?
    pub async fn exceeded(self, db: &impl ConnectionTrait, key: &str) -> DomainResult<bool> {
        let since = chrono::Utc::now() - chrono::Duration::minutes(self.minutes);
        let row = rate_limit::Entity::find_by_id(key.to_owned()).one(db).await?;
        Ok(row.is_some_and(|r| r.window_start > since && r.count >= self.max))
    }
}

/// Counts one attempt for `key`, starting a new window when the last one has passed.
pub async fn hit_limit(db: &impl ConnectionTrait, key: &str, limit: Limit) -> DomainResult<()> {
    let now = chrono::Utc::now();
    let since = now - chrono::Duration::minutes(limit.minutes);
    rate_limit::Entity::insert(rate_limit::ActiveModel { key: Set(key.to_owned()), window_start: Set(now), count: Set(0) })
        .on_conflict(OnConflict::column(rate_limit::Column::Key).do_nothing().to_owned())
        .try_insert()
        .exec(db)
        .await?;
    // Within the window: add one, in the database, so concurrent attempts all count.
    let counted = rate_limit::Entity::update_many()
        .col_expr(rate_limit::Column::Count, Expr::col(rate_limit::Column::Count).add(1))
        .filter(rate_limit::Column::Key.eq(key))
        .filter(rate_limit::Column::WindowStart.gt(since))
        .exec(db)
        .await?;
    if counted.rows_affected == 0 {
        rate_limit::Entity::update_many()
            .col_expr(rate_limit::Column::Count, Expr::value(1))
            .col_expr(rate_limit::Column::WindowStart, Expr::value(now))
            .filter(rate_limit::Column::Key.eq(key))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Forgets the attempts for `key` (after a successful sign-in).
pub async fn clear_limit(db: &impl ConnectionTrait, key: &str) -> DomainResult<()> {
    rate_limit::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}
