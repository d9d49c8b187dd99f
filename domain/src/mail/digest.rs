//! Daily and weekly digests: one email per person per period, what happened grouped by space,
//! most important first. A daily digest goes at 07:00 (UK time) with what came before it; a
//! weekly one at 07:00 on Mondays.
//!
//! Safe with several instances: a digest first claims its notifications (`digest` → `digested`,
//! naming the new email) in a transaction; whoever claims none has nothing to send.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr};
use uuid::Uuid;

use super::outbox::{Outgoing, enqueue_as};
use super::{Letter, Link, MailKind, Section};
use crate::DomainResult;
use crate::entities::{notification, space};
use crate::people::EmailFrequency;

/// The hour digests go out, in the board's country.
const DIGEST_HOUR: u32 = 7;

fn at_seven(zone: chrono_tz::Tz, day: chrono::NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).expect("a time"));
    zone.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// The most recent daily and weekly digest times at or before `now`.
pub fn last_digest_times(now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = crate::dates::zone_or_default(None);
    let today = now.with_timezone(&zone).date_naive();
    let mut daily = at_seven(zone, today);
    if daily > now {
        daily = at_seven(zone, today - Duration::days(1));
    }
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let mut weekly = at_seven(zone, monday);
    if weekly > now {
        weekly = at_seven(zone, monday - Duration::days(7));
    }
    (daily, weekly)
}

/// Makes every digest due at `now`. Returns how many were written to the outbox.
pub async fn make_due(db: &DatabaseConnection, now: DateTime<Utc>) -> DomainResult<usize> {
    let (daily, weekly) = last_digest_times(now);
    let people: Vec<Uuid> = notification::Entity::find()
        .select_only()
        .column(notification::Column::PersonId)
        .distinct()
        .filter(notification::Column::EmailState.eq("digest"))
        .filter(notification::Column::CreatedAt.lt(daily))
        .into_tuple()
        .all(db)
        .await?;
    let mut made = 0;
    for person in people {
        let plan = super::letters::plan(db, person).await?;
        let (to, name, frequency) = match plan {
            Some((to, name, f)) if f != EmailFrequency::None => (to, name, f),
            // No address any more, or asked for no email since: nothing is kept waiting.
            _ => {
                notification::Entity::update_many()
                    .col_expr(notification::Column::EmailState, Expr::value("none"))
                    .filter(notification::Column::PersonId.eq(person))
                    .filter(notification::Column::EmailState.eq("digest"))
                    .exec(db)
                    .await?;
                continue;
            }
        };
        let (until, period) = if frequency == EmailFrequency::Weekly { (weekly, "weekly") } else { (daily, "daily") };
        let id = Uuid::now_v7();
        let txn = crate::begin(db).await?;
        let claimed = notification::Entity::update_many()
            .col_expr(notification::Column::EmailState, Expr::value("digested"))
            .col_expr(notification::Column::OutboxId, Expr::value(Some(id)))
            .filter(notification::Column::PersonId.eq(person))
            .filter(notification::Column::EmailState.eq("digest"))
            .filter(notification::Column::CreatedAt.lt(until))
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            txn.rollback().await?;
            continue;
        }
        let rows = notification::Entity::find().filter(notification::Column::OutboxId.eq(id)).order_by_asc(notification::Column::CreatedAt).all(&txn).await?;
        let space_ids: Vec<Uuid> = rows.iter().filter_map(|n| n.space_id).collect();
        let names: std::collections::HashMap<Uuid, String> =
            space::Entity::find().filter(space::Column::Id.is_in(space_ids)).all(&txn).await?.into_iter().map(|s| (s.id, s.name)).collect();
        let count = rows.len();
        let letter = letter_for(&name, period, rows, &names);
        let things = if count == 1 { "1 thing".to_owned() } else { format!("{count} things") };
        enqueue_as(&txn, id, Outgoing { person_id: Some(person), to, kind: MailKind::Digest, subject: format!("Your {period} summary from Coboard: {things} to know"), letter }).await?;
        txn.commit().await?;
        made += 1;
    }
    Ok(made)
}

/// Groups notifications by space: within a space the most important first, and the space with
/// the most important news first.
fn letter_for(name: &str, period: &str, rows: Vec<notification::Model>, names: &std::collections::HashMap<Uuid, String>) -> Letter {
    let mut groups: Vec<(u8, String, Vec<(u8, notification::Model)>)> = Vec::new();
    for n in rows {
        let heading = n.space_id.and_then(|s| names.get(&s).cloned()).unwrap_or_else(|| "Coboard".into());
        let rank = super::letters::about(&n.kind).0;
        match groups.iter_mut().find(|g| g.1 == heading) {
            Some(g) => {
                g.0 = g.0.min(rank);
                g.2.push((rank, n));
            }
            None => groups.push((rank, heading, vec![(rank, n)])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    let sections = groups
        .into_iter()
        .map(|(_, heading, mut items)| {
            items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.created_at.cmp(&b.1.created_at)));
            Section { heading, items: items.into_iter().map(|(_, n)| Link { label: n.summary, path: n.link }).collect() }
        })
        .collect();
    let (how, when) = if period == "weekly" { ("once a week", "this week") } else { ("once a day", "since yesterday") };
    Letter {
        greeting: super::letters::hello(name),
        paragraphs: vec![format!("Here is what happened on Coboard {when} that you should know about, the most important first.")],
        sections,
        action: Some(Link { label: "See all your notifications".into(), path: "/notifications".into() }),
        why: format!("You are getting this because you chose to hear from Coboard {how}, in one email."),
        settings_key: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_times_are_seven_in_the_morning_uk_time() {
        // Wednesday 2 December 2026, 06:59 UTC (GMT): the daily digest was yesterday at 07:00.
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 6, 59, 0).unwrap();
        let (daily, weekly) = last_digest_times(now);
        assert_eq!(daily, Utc.with_ymd_and_hms(2026, 12, 1, 7, 0, 0).unwrap());
        assert_eq!(weekly, Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap());
        // In summer, 07:00 in London is 06:00 UTC.
        let (daily, weekly) = last_digest_times(Utc.with_ymd_and_hms(2027, 7, 5, 6, 30, 0).unwrap());
        assert_eq!(daily, Utc.with_ymd_and_hms(2027, 7, 5, 6, 0, 0).unwrap());
        assert_eq!(weekly, Utc.with_ymd_and_hms(2027, 7, 5, 6, 0, 0).unwrap(), "5 July 2027 is a Monday");
    }
}
