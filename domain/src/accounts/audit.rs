//! The audit log: an append-only record of sign-ins, failed sign-ins, invitations and role
//! changes, for co-chairs to read.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::DomainResult;
use crate::entities::{audit_entry, person};
use crate::page::{Page, PageRequest, encode_cursor};
pub use crate::account_types::{AuditAction, AuditEntry};
use crate::people::CurrentUser;

/// Who did something: a person, and the supporter acting for them when there is one. Taking
/// this (rather than a bare id) means no entry made while supporting can forget the supporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub person: Uuid,
    pub supporter: Option<Uuid>,
}

impl Actor {
    /// Someone acting as themselves.
    pub fn own(person: Uuid) -> Self {
        Self { person, supporter: None }
    }
}

impl From<&CurrentUser> for Actor {
    fn from(user: &CurrentUser) -> Self {
        Self { person: user.id, supporter: user.supporter.as_ref().map(|s| s.id) }
    }
}

pub async fn record_audit(
    db: &impl ConnectionTrait,
    actor: Option<Actor>,
    action: AuditAction,
    subject: Option<&str>,
    detail: Option<&str>,
    ip: Option<&str>,
) -> DomainResult<()> {
    audit_entry::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor.map(|a| a.person)),
        supporter_id: Set(actor.and_then(|a| a.supporter)),
        action: Set(action.as_str().to_owned()),
        subject: Set(subject.map(|s| s.chars().take(300).collect())),
        detail: Set(detail.map(str::to_owned)),
        ip: Set(ip.map(|s| s.chars().take(64).collect())),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest entries first, a page at a time.
pub async fn recent_audit(db: &impl ConnectionTrait, page: PageRequest) -> DomainResult<Page<AuditEntry>> {
    let mut query = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).limit(page.limit + 1);
    if let Some(before) = page.after {
        query = query.filter(audit_entry::Column::Id.lt(before));
    }
    let rows = query.all(db).await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        let name = |id: Option<Uuid>| async move {
            Ok::<_, sea_orm::DbErr>(match id {
                Some(id) => person::Entity::find_by_id(id).one(db).await?.map(|p| p.display_name),
                None => None,
            })
        };
        let supporter = name(row.supporter_id).await?;
        let actor = name(row.actor_id).await?.map(|member| crate::people::credit(&member, supporter.as_deref()));
        items.push(AuditEntry {
            id: row.id,
            at: row.at,
            actor,
            action: AuditAction::parse(&row.action).unwrap_or(AuditAction::SignedIn),
            subject: row.subject,
            detail: row.detail,
            ip: row.ip,
        });
    }
    let next_cursor = if items.len() as u64 > page.limit {
        items.truncate(page.limit as usize);
        items.last().map(|e| encode_cursor(e.id))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}
