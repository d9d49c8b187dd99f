//! Counting attempts in the database, so limits hold across several server instances.

use std::net::IpAddr;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TryGetable,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};

use crate::entities::rate_limit;
use crate::{DomainError, DomainResult};

/// At most `max` counted attempts in a window of `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i32,
    pub minutes: i64,
}

/// One attempt, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// Attempts counted for the key in the current window, this one included.
    pub count: i32,
    pub limit: Limit,
    /// When this attempt opened a new window: how many were refused in the window it closed.
    pub refused_in_last_window: Option<(i32, chrono::DateTime<chrono::Utc>)>,
}

impl Attempt {
    /// Over the limit: refuse without checking anything.
    pub fn refused(&self) -> bool {
        self.count > self.limit.max
    }

    /// The first refusal in its window: the one the audit log mentions, so a flood of tries
    /// writes one line, not one per try.
    pub fn first_refused(&self) -> bool {
        self.count == self.limit.max + 1
    }
}

impl Limit {
    /// Counts one attempt for `key` and reads the count back in the same statement, so a burst
    /// of parallel attempts cannot all find the limit unreached before any of them is counted.
    /// A window that has passed starts again at one.
    pub async fn count(self, db: &impl ConnectionTrait, key: &str) -> DomainResult<Attempt> {
        let now = chrono::Utc::now();
        let since = now - chrono::Duration::minutes(self.minutes);
        let refused_in_last_window = self.close_window(db, key, since, now).await?;
        let table = rate_limit::Entity;
        let in_window = || Expr::col((table, rate_limit::Column::WindowStart)).gt(since);
        let mut upsert = Query::insert();
        upsert
            .into_table(table)
            .columns([rate_limit::Column::Key, rate_limit::Column::WindowStart, rate_limit::Column::Count])
            .values_panic([key.into(), now.into(), 1.into()])
            .on_conflict(
                // Both right-hand sides read the row as it was before this update.
                OnConflict::column(rate_limit::Column::Key)
                    .value(
                        rate_limit::Column::Count,
                        Expr::case(in_window(), Expr::col((table, rate_limit::Column::Count)).add(1)).finally(1),
                    )
                    .value(
                        rate_limit::Column::WindowStart,
                        Expr::case(in_window(), Expr::col((table, rate_limit::Column::WindowStart))).finally(now),
                    )
                    .to_owned(),
            )
            .returning_col(rate_limit::Column::Count);
        let row = db.query_one(&upsert).await?.ok_or_else(|| {
            tracing::error!("counting an attempt returned no row");
            DomainError::Internal
        })?;
        let count = i32::try_get_by(&row, 0usize).map_err(|err| {
            tracing::error!(error = ?err, "could not read an attempt count");
            DomainError::Internal
        })?;
        Ok(Attempt { count, limit: self, refused_in_last_window })
    }

    /// Starts a fresh window for `key` when its last one has passed and refused some attempts,
    /// and returns how many it refused and when it began. Only one request can win the reset
    /// (it matches the count it read), so each window is reported once.
    async fn close_window(
        self,
        db: &impl ConnectionTrait,
        key: &str,
        since: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> DomainResult<Option<(i32, chrono::DateTime<chrono::Utc>)>> {
        let Some(old) = rate_limit::Entity::find_by_id(key.to_owned())
            .filter(rate_limit::Column::WindowStart.lte(since))
            .filter(rate_limit::Column::Count.gt(self.max))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        let reset = rate_limit::Entity::update_many()
            .col_expr(rate_limit::Column::Count, Expr::value(0))
            .col_expr(rate_limit::Column::WindowStart, Expr::value(now))
            .filter(rate_limit::Column::Key.eq(key))
            .filter(rate_limit::Column::WindowStart.lte(since))
            .filter(rate_limit::Column::Count.eq(old.count))
            .exec(db)
            .await?;
        Ok((reset.rows_affected == 1).then_some((old.count - self.max, old.window_start)))
    }
}

/// Takes back one counted attempt for `key` (a sign-in that succeeded), so people who share an
/// address are not held up by each other's successful sign-ins.
pub async fn uncount(db: &impl ConnectionTrait, key: &str) -> DomainResult<()> {
    rate_limit::Entity::update_many()
        .col_expr(rate_limit::Column::Count, Expr::col(rate_limit::Column::Count).sub(1))
        .filter(rate_limit::Column::Key.eq(key))
        .filter(rate_limit::Column::Count.gt(0))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the attempts for `key` (after a successful sign-in).
pub async fn clear_limit(db: &impl ConnectionTrait, key: &str) -> DomainResult<()> {
    rate_limit::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// The part of an address that identifies one client for rate limits. An IPv6 address is
/// bucketed by its /64: one home or phone usually has a whole /64 and can pick any address in
/// it, so counting single addresses would give it billions of fresh limits.
pub fn address_bucket(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_share_a_limit_per_64_and_ipv4_ones_do_not() {
        assert_eq!(address_bucket("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(address_bucket("2001:db8:1:2:ffff:1:2:3"), address_bucket("2001:db8:1:2::9"));
        assert_ne!(address_bucket("2001:db8:1:2::1"), address_bucket("2001:db8:1:3::1"));
        assert_eq!(address_bucket("::ffff:192.0.2.7"), "192.0.2.7", "an IPv4 client seen over IPv6 is still one IPv4 client");
        assert_eq!(address_bucket("192.0.2.7"), "192.0.2.7");
        assert_ne!(address_bucket("192.0.2.7"), address_bucket("192.0.2.8"));
        assert_eq!(address_bucket("unknown"), "unknown");
    }

    #[test]
    fn an_attempt_is_refused_only_past_the_limit_and_the_first_refusal_is_marked() {
        let limit = Limit { max: 5, minutes: 15 };
        let at = |count| Attempt { count, limit, refused_in_last_window: None };
        assert!(!at(5).refused() && !at(5).first_refused());
        assert!(at(6).refused() && at(6).first_refused());
        assert!(at(7).refused() && !at(7).first_refused());
    }
}
