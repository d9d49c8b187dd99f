//! Cursor pagination shared by every list in the JSON API (`?limit=` and an opaque `?cursor=`).

use serde::{Deserialize, Serialize};

use crate::DomainError;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// One page of a list: `{"items": [...], "next_cursor": "..." | null}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A checked page request: the limit is within bounds and the cursor decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u64,
    pub after: Option<uuid::Uuid>,
}

impl PageRequest {
    /// Checks `limit` and `cursor` as they arrive from a query string.
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<Self, DomainError> {
        let limit = match limit {
            None | Some("") => DEFAULT_LIMIT,
            Some(raw) => match raw.parse::<u64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(DomainError::invalid(
                        "limit",
                        format!("The limit must be a whole number from 1 to {MAX_LIMIT}."),
                    ));
                }
            },
        };
        let after = match cursor {
            None | Some("") => None,
            Some(raw) => Some(decode_cursor(raw).ok_or_else(|| {
                DomainError::invalid("cursor", "That cursor is not one we gave out. Start again without it.")
            })?),
        };
        Ok(Self { limit, after })
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self { limit: DEFAULT_LIMIT, after: None }
    }
}

// Cursors are opaque to clients: today the hex of the last id seen (ids are UUID v7, so they sort
// by creation time on both databases), behind a prefix so the format can change later.
pub fn encode_cursor(last: uuid::Uuid) -> String {
    format!("c1.{}", last.simple())
}

fn decode_cursor(raw: &str) -> Option<uuid::Uuid> {
    raw.strip_prefix("c1.").and_then(|hex| uuid::Uuid::try_parse(hex).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_default_and_bounds() {
        assert_eq!(PageRequest::parse(None, None).unwrap().limit, DEFAULT_LIMIT);
        assert_eq!(PageRequest::parse(Some("200"), None).unwrap().limit, 200);
        assert!(PageRequest::parse(Some("0"), None).is_err());
        assert!(PageRequest::parse(Some("201"), None).is_err());
        assert!(PageRequest::parse(Some("ten"), None).is_err());
    }

    #[test]
    fn cursor_round_trips_and_rejects_strangers() {
        let id = uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001);
        let page = PageRequest::parse(None, Some(&encode_cursor(id))).unwrap();
        assert_eq!(page.after, Some(id));
        assert!(PageRequest::parse(None, Some("nonsense")).is_err());
    }
}
