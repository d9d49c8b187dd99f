//! The board's overview of You Said We Did: items by status and theme, how long items wait in
//! each status (from the timeline's status changes), and open items nobody has updated for 90
//! days.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::service::{board, list};
use super::{Filter, Overview, STALE_DAYS, Status, Theme, Wait};
use crate::entities::{feedback_item, feedback_update};
use crate::people::CurrentUser;
use crate::DomainResult;


/// How long one item spent in each status, summed over every time it was there (in seconds).
fn time_in_statuses(created: DateTime<Utc>, changes: &[(DateTime<Utc>, Status)], now: DateTime<Utc>) -> HashMap<Status, i64> {
    let mut spans = HashMap::new();
    let mut current = (created, Status::Heard);
    for (at, to) in changes {
        *spans.entry(current.1).or_insert(0) += (*at - current.0).num_seconds().max(0);
        current = (*at, *to);
    }
    // Done and not doing are where items end, not where they wait.
    if !matches!(current.1, Status::Done | Status::NotDoing) {
        *spans.entry(current.1).or_insert(0) += (now - current.0).num_seconds().max(0);
    } else {
        spans.entry(current.1).or_insert(0);
    }
    spans
}

pub async fn overview(db: &impl ConnectionTrait, actor: &CurrentUser) -> DomainResult<Overview> {
    overview_at(db, actor, Utc::now()).await
}

pub async fn overview_at(db: &impl ConnectionTrait, actor: &CurrentUser, now: DateTime<Utc>) -> DomainResult<Overview> {
    let (items, _) = list(db, Some(actor.id), &Filter::default(), false).await?;
    let board = board(db, Some(actor.id)).await?;
    let by_status: Vec<(Status, i64)> = Status::ALL.iter().map(|s| (*s, items.iter().filter(|i| i.status == *s).count() as i64)).collect();
    let by_theme: Vec<(Theme, Vec<i64>)> = Theme::ALL
        .iter()
        .map(|t| (*t, Status::ALL.iter().map(|s| items.iter().filter(|i| i.themes.contains(t) && i.status == *s).count() as i64).collect::<Vec<_>>()))
        .filter(|(_, counts)| counts.iter().any(|n| *n > 0))
        .collect();
    let rows = feedback_item::Entity::find().filter(feedback_item::Column::SpaceId.eq(board.space.id)).filter(feedback_item::Column::MergedInto.is_null()).all(db).await?;
    let created: HashMap<Uuid, DateTime<Utc>> = rows.iter().map(|r| (r.id, r.created_at)).collect();
    let mut changes: HashMap<Uuid, Vec<(DateTime<Utc>, Status)>> = HashMap::new();
    for u in feedback_update::Entity::find().filter(feedback_update::Column::StatusTo.is_not_null()).order_by_asc(feedback_update::Column::CreatedAt).all(db).await? {
        if let (true, Some(to)) = (created.contains_key(&u.item_id), u.status_to.as_deref().and_then(Status::parse)) {
            changes.entry(u.item_id).or_default().push((u.created_at, to));
        }
    }
    let mut per_status: HashMap<Status, Vec<i64>> = HashMap::new();
    for (id, at) in &created {
        for (status, secs) in time_in_statuses(*at, changes.get(id).map(Vec::as_slice).unwrap_or(&[]), now) {
            per_status.entry(status).or_default().push(secs);
        }
    }
    let waits = Status::ALL
        .iter()
        .filter(|s| !matches!(s, Status::Done | Status::NotDoing))
        .map(|s| {
            let spans = per_status.get(s).cloned().unwrap_or_default();
            let day = 86_400.0;
            Wait {
                status: *s,
                items: spans.len() as i64,
                average_days: if spans.is_empty() { 0.0 } else { (spans.iter().sum::<i64>() as f64 / spans.len() as f64 / day * 10.0).round() / 10.0 },
                longest_days: spans.iter().max().copied().unwrap_or(0) / 86_400,
            }
        })
        .collect();
    let cutoff = now - Duration::days(STALE_DAYS);
    let mut stale: Vec<_> = items.iter().filter(|i| !matches!(i.status, Status::Done | Status::NotDoing) && i.last_update_at < cutoff).cloned().collect();
    stale.sort_by_key(|i| i.last_update_at);
    Ok(Overview { total: items.len() as i64, by_status, by_theme, waits, stale })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_is_counted_in_each_status_until_the_item_ends() {
        let t0 = DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z").unwrap().with_timezone(&Utc);
        let day = |n| t0 + Duration::days(n);
        let spans = time_in_statuses(t0, &[(day(3), Status::Considering), (day(10), Status::Doing), (day(12), Status::Considering), (day(14), Status::Done)], day(100));
        assert_eq!(spans[&Status::Heard], 3 * 86_400);
        assert_eq!(spans[&Status::Considering], 9 * 86_400);
        assert_eq!(spans[&Status::Doing], 2 * 86_400);
        assert_eq!(spans[&Status::Done], 0);
        let open = time_in_statuses(t0, &[], day(5));
        assert_eq!(open[&Status::Heard], 5 * 86_400);
    }
}
