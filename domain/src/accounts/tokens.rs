//! Personal access tokens for the JSON API. A token acts exactly as its owner; only its hash is
//! stored, and it is shown once, when made.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{current_user, hash_token, new_token};
pub use crate::account_types::ApiTokenInfo;
use crate::entities::{api_token, person};
use crate::people::CurrentUser;
use crate::{DomainError, DomainResult};

/// Tokens start with this, so a leaked one is easy to recognise (and to search logs for).
pub const TOKEN_PREFIX: &str = "cbt_";

/// Makes a token for `person_id`; returns it (to show once) and its description.
pub async fn create_api_token(db: &impl ConnectionTrait, person_id: Uuid, name: &str) -> DomainResult<(String, ApiTokenInfo)> {
    let name = name.trim();
    let name = if name.is_empty() { "API token" } else { name };
    if name.chars().count() > 100 {
        return Err(DomainError::invalid("name", "Please keep the token's name to 100 characters or fewer."));
    }
    let (raw, _) = new_token();
    let token = format!("{TOKEN_PREFIX}{raw}");
    let model = api_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        person_id: Set(person_id),
        name: Set(name.to_owned()),
        token_hash: Set(hash_token(&token)),
        created_at: Set(chrono::Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok((token, info(model)))
}

pub async fn list_api_tokens(db: &impl ConnectionTrait, person_id: Uuid) -> DomainResult<Vec<ApiTokenInfo>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::PersonId.eq(person_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(info)
        .collect())
}

/// Revokes one of a person's own tokens.
pub async fn revoke_api_token(db: &impl ConnectionTrait, person_id: Uuid, id: Uuid) -> DomainResult<()> {
    let revoked = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::PersonId.eq(person_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if revoked.rows_affected == 0 {
        return Err(DomainError::NotFound("That token has already been revoked.".into()));
    }
    Ok(())
}

/// The owner of a live token.
pub async fn token_user(db: &impl ConnectionTrait, token: &str) -> DomainResult<Option<CurrentUser>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let Some(found) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_token(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(owner) = person::Entity::find_by_id(found.person_id).one(db).await? else {
        return Ok(None);
    };
    let now = chrono::Utc::now();
    if found.last_used_at.is_none_or(|at| now - at > chrono::Duration::minutes(1)) {
        let mut active: api_token::ActiveModel = found.into();
        active.last_used_at = Set(Some(now));
        crate::error::unless_cannot_write(active.update(db).await)?;
    }
    Ok(Some(current_user(owner)?))
}

fn info(m: api_token::Model) -> ApiTokenInfo {
    ApiTokenInfo { id: m.id, name: m.name, created_at: m.created_at, last_used_at: m.last_used_at }
}
