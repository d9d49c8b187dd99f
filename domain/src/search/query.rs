//! Reading the index: one interface, two databases. On SQLite an FTS5 `MATCH` ranked by bm25
//! with `snippet()`; on PostgreSQL `@@` against the generated `tsvector`, ranked by `ts_rank`,
//! with `ts_headline()` run only for the page of results. Either way the words searched for
//! come from `super::words_of` (letters and digits only), so nothing typed is read as syntax.

use std::collections::HashSet;

use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter, QuerySelect, Statement, Value};
use uuid::Uuid;

use super::{Found, FoundKind, Results, START, STOP};
use crate::DomainResult;
use crate::entities::{membership, space};

/// Whose search this is: the spaces whose work they may read (none when signed out).
pub async fn readable_spaces(db: &impl ConnectionTrait, viewer: Option<Uuid>) -> DomainResult<Vec<Uuid>> {
    let Some(viewer) = viewer else { return Ok(Vec::new()) };
    let held: Vec<Uuid> = membership::Entity::find().select_only().column(membership::Column::SpaceId).filter(membership::Column::PersonId.eq(viewer)).into_tuple().all(db).await?;
    if held.is_empty() {
        return Ok(held);
    }
    // Anyone on a board may read every group's work (`permissions::effective_role`).
    let boards: Vec<Uuid> = space::Entity::find()
        .select_only()
        .column(space::Column::Id)
        .filter(space::Column::Id.is_in(held.clone()))
        .filter(space::Column::ParentId.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut spaces: HashSet<Uuid> = held.into_iter().collect();
    if !boards.is_empty() {
        let groups: Vec<Uuid> = space::Entity::find().select_only().column(space::Column::Id).filter(space::Column::ParentId.is_in(boards)).into_tuple().all(db).await?;
        spaces.extend(groups);
    }
    let mut spaces: Vec<Uuid> = spaces.into_iter().collect();
    spaces.sort();
    Ok(spaces)
}

#[derive(Debug, FromQueryResult)]
struct Row {
    kind: String,
    item_id: Uuid,
    title: String,
    url: String,
    public: bool,
    space_id: Option<Uuid>,
    excerpt: String,
}

/// Placeholders in the dialect of the database: `?` or `$n`.
struct Params {
    backend: DbBackend,
    values: Vec<Value>,
}

impl Params {
    fn add(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        match self.backend {
            DbBackend::Postgres => format!("${}", self.values.len()),
            _ => "?".to_owned(),
        }
    }
}

/// One page of what `viewer` may find for `query`, best first.
pub async fn search(db: &impl ConnectionTrait, viewer: Option<Uuid>, query: &str, offset: u64, limit: u64) -> DomainResult<Results> {
    let words = super::words_of(query);
    if words.is_empty() {
        return Ok(Results { words, offset, ..Default::default() });
    }
    let spaces = readable_spaces(db, viewer).await?;
    let backend = db.get_database_backend();
    let mut p = Params { backend, values: Vec::new() };
    let sql = match backend {
        DbBackend::Postgres => {
            // `word & word & last:*`: the last word may be the start of one still being typed.
            let last = words.len() - 1;
            let tsquery = words.iter().enumerate().map(|(i, w)| if i == last { format!("{w}:*") } else { w.clone() }).collect::<Vec<_>>().join(" & ");
            let q = p.add(tsquery);
            let visible = visibility(&mut p, &spaces, "");
            let (lim, off) = (p.add(limit as i64 + 1), p.add(offset as i64));
            let options = p.add(format!("StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=\" … \""));
            format!(
                "SELECT e.kind, e.item_id, e.title, e.url, e.public, e.space_id, ts_headline('english', e.body, to_tsquery('english', {q}), {options}) AS excerpt \
                 FROM (SELECT id, ts_rank(words, to_tsquery('english', {q})) AS rank FROM search_entries \
                       WHERE words @@ to_tsquery('english', {q}) AND {visible} ORDER BY rank DESC, id LIMIT {lim} OFFSET {off}) hit \
                 JOIN search_entries e ON e.id = hit.id ORDER BY hit.rank DESC, e.id"
            )
        }
        _ => {
            let last = words.len() - 1;
            let matching = words.iter().enumerate().map(|(i, w)| if i == last { format!("\"{w}\"*") } else { format!("\"{w}\"") }).collect::<Vec<_>>().join(" ");
            let (start, stop) = (p.add(START.to_string()), p.add(STOP.to_string()));
            let m = p.add(matching);
            let visible = visibility(&mut p, &spaces, "e.");
            let (lim, off) = (p.add(limit as i64 + 1), p.add(offset as i64));
            format!(
                "SELECT e.kind, e.item_id, e.title, e.url, e.public, e.space_id, snippet(search_fts, -1, {start}, {stop}, '…', 24) AS excerpt \
                 FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid \
                 WHERE search_fts MATCH {m} AND {visible} ORDER BY bm25(search_fts, 4.0, 1.0), e.id LIMIT {lim} OFFSET {off}"
            )
        }
    };
    let mut rows = Row::find_by_statement(Statement::from_sql_and_values(backend, sql, p.values)).all(db).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        let place = match r.space_id {
            Some(s) => crate::memo::space(db, s).await?.map(|s| s.name),
            None => None,
        };
        let mut excerpt = super::pieces(&r.excerpt);
        if excerpt.is_empty() {
            excerpt.push(super::Piece { text: r.title.clone(), found: false });
        }
        items.push(Found { kind: FoundKind::parse(&r.kind).unwrap_or(FoundKind::Document), id: r.item_id, title: r.title, url: r.url, place, public: r.public, excerpt });
    }
    Ok(Results { words, items, next_cursor: more.then(|| super::encode_cursor(offset + limit)), offset })
}

/// Who may see a row: everyone sees public rows; a reader of a space also sees its members' rows,
/// and then not the public twin of the same thing.
fn visibility(p: &mut Params, spaces: &[Uuid], e: &str) -> String {
    if spaces.is_empty() {
        let yes = p.add(true);
        return format!("{e}public = {yes}");
    }
    let list = |p: &mut Params| spaces.iter().map(|s| p.add(*s)).collect::<Vec<_>>().join(", ");
    let (no, in_a) = (p.add(false), list(p));
    let (yes, twin, in_b) = (p.add(true), p.add(true), list(p));
    format!("(({e}public = {no} AND {e}space_id IN ({in_a})) OR ({e}public = {yes} AND NOT ({e}twin = {twin} AND {e}space_id IN ({in_b}))))")
}
