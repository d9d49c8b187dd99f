//! Glossary services. Anyone reads the glossary and may ask about a word, signed out too;
//! people who take part in the board (members and co-chairs) add, change and answer.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession, TransactionTrait, sea_query::{Expr, ExprTrait, OnConflict}};
use uuid::Uuid;

use super::{AskOutcome, RequestStatus, Term, WordRequest};
use crate::accounts::authorize;
use crate::entities::{glossary_request, glossary_term};
use crate::permissions::Action;
use crate::spaces::slugify;
use crate::{DomainError, DomainResult};

impl From<glossary_term::Model> for Term {
    fn from(m: glossary_term::Model) -> Self {
        Term { id: m.id, term: m.term, slug: m.slug, explanation: m.explanation }
    }
}

impl From<glossary_request::Model> for WordRequest {
    fn from(m: glossary_request::Model) -> Self {
        WordRequest {
            id: m.id,
            word: m.word,
            page: m.page,
            times_asked: m.times_asked,
            status: if m.status == "answered" { RequestStatus::Answered } else { RequestStatus::Open },
            created_at: m.created_at,
        }
    }
}

/// The board whose glossary a space uses: a group shares its board's.
pub async fn board_of(db: &impl ConnectionTrait, space_id: Uuid) -> DomainResult<Uuid> {
    // Through the page load's memo: a page that explains texts has usually read the space already.
    let found = crate::memo::space(db, space_id).await?.ok_or_else(|| DomainError::NotFound("We could not find that board or group.".into()))?;
    Ok(found.parent_id.unwrap_or(found.id))
}

fn parse_word(field: &str, raw: &str) -> DomainResult<String> {
    let word = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match word.chars().count() {
        0 => Err(DomainError::invalid(field, "Please type the word or phrase.")),
        n if n > 60 => Err(DomainError::invalid(field, "Please type just the word or short phrase, in 60 characters or fewer.")),
        _ => Ok(word),
    }
}

fn parse_explanation(raw: &str) -> DomainResult<String> {
    let text = raw.trim();
    match text.chars().count() {
        0 => Err(DomainError::invalid("explanation", "Please write a short explanation in plain words.")),
        n if n > 600 => Err(DomainError::invalid("explanation", "Please keep the explanation short: 600 characters or fewer. One or two sentences is best.")),
        _ => Ok(text.to_owned()),
    }
}

/// Every term in a board's glossary, A to Z.
pub async fn terms(db: &impl ConnectionTrait, board_id: Uuid) -> DomainResult<Vec<Term>> {
    if let Some(known) = crate::memo::glossary(board_id) {
        return Ok(known);
    }
    let mut terms: Vec<Term> =
        glossary_term::Entity::find().filter(glossary_term::Column::SpaceId.eq(board_id)).all(db).await?.into_iter().map(Term::from).collect();
    terms.sort_by_key(|t| t.term.to_lowercase());
    crate::memo::remember_glossary(board_id, &terms);
    Ok(terms)
}

async fn find_term(db: &impl ConnectionTrait, board_id: Uuid, word: &str) -> DomainResult<Option<glossary_term::Model>> {
    let slug = slugify(word);
    Ok(glossary_term::Entity::find()
        .filter(glossary_term::Column::SpaceId.eq(board_id))
        .filter(glossary_term::Column::Slug.is_in([slug.clone(), slug.trim_end_matches('s').to_owned()]))
        .one(db)
        .await?)
}

/// Adds a term to the board's glossary.
#[tracing::instrument(skip_all)]
pub async fn add_term(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: Uuid, board_id: Uuid, term: &str, explanation: &str) -> DomainResult<Term> {
    let txn = crate::begin(db).await?;
    let done = add_term_in(&txn, actor, board_id, term, explanation).await?;
    crate::search::index::word(&txn, done.id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn add_term_in(db: &impl ConnectionTrait, actor: Uuid, board_id: Uuid, term: &str, explanation: &str) -> DomainResult<Term> {
    authorize(db, Some(actor), board_id, Action::Contribute).await?;
    let term = parse_word("term", term)?;
    let explanation = parse_explanation(explanation)?;
    if let Some(existing) = find_term(db, board_id, &term).await? {
        return Err(DomainError::Conflict(format!("\"{}\" is already in the glossary. You can change its explanation there.", existing.term)));
    }
    let now = chrono::Utc::now();
    let model = glossary_term::ActiveModel {
        id: Set(Uuid::now_v7()),
        space_id: Set(board_id),
        slug: Set(slugify(&term)),
        term: Set(term),
        explanation: Set(explanation),
        created_by: Set(Some(actor)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Rewords a term's explanation.
#[tracing::instrument(skip_all)]
pub async fn update_term(db: &(impl ConnectionTrait + sea_orm::TransactionTrait), actor: Uuid, id: Uuid, explanation: &str) -> DomainResult<Term> {
    let txn = crate::begin(db).await?;
    let done = update_term_in(&txn, actor, id, explanation).await?;
    crate::search::index::word(&txn, id).await?;
    sea_orm::TransactionSession::commit(txn).await?;
    Ok(done)
}

async fn update_term_in(db: &impl ConnectionTrait, actor: Uuid, id: Uuid, explanation: &str) -> DomainResult<Term> {
    let found = glossary_term::Entity::find_by_id(id).one(db).await?.ok_or_else(|| DomainError::NotFound("That word is not in the glossary.".into()))?;
    authorize(db, Some(actor), found.space_id, Action::Contribute).await?;
    let explanation = parse_explanation(explanation)?;
    let mut model: glossary_term::ActiveModel = found.into();
    model.explanation = Set(explanation);
    model.updated_at = Set(chrono::Utc::now());
    Ok(model.update(db).await?.into())
}

/// How many words may wait for an explanation on one board at once. Far more than members could
/// answer in a while; past it, a flood of made-up words cannot grow the queue any further.
pub const MAX_OPEN_QUESTIONS: u64 = 500;

/// How often one address may ask about words (signed out too): plenty for a person reading.
pub const ASKS_PER_ADDRESS: crate::accounts::Limit = crate::accounts::Limit { max: 30, minutes: 60 };

/// Someone (signed out too) does not understand a word. If it is explained already they get the
/// explanation at once; otherwise it joins the queue, once per word, counting how many asked.
/// `address` is where the question came from, for the limit on how often one place may ask.
#[tracing::instrument(skip_all)]
pub async fn ask(db: &impl ConnectionTrait, asker: Option<Uuid>, board_id: Uuid, word: &str, page: Option<&str>, address: &str) -> DomainResult<AskOutcome> {
    let word = parse_word("word", word)?;
    if let Some(term) = find_term(db, board_id, &word).await? {
        return Ok(AskOutcome::Explained { term: term.into() });
    }
    let counted = ASKS_PER_ADDRESS.count(db, &format!("glossary-ask:{}", crate::accounts::address_bucket(address))).await?;
    if counted.refused() {
        return Err(DomainError::invalid(
            "word",
            "Many words have been asked about from here in the last hour, so we have paused new questions for a while. Please try again later, or ask a member of the board.",
        ));
    }
    // Only our own addresses are kept, so the queue never links anywhere else.
    let page = page.map(str::trim).filter(|p| crate::is_local_path(p)).map(|p| p.chars().take(300).collect::<String>());
    let key = slugify(&word);
    let asked_before = glossary_request::Entity::update_many()
        .col_expr(glossary_request::Column::TimesAsked, Expr::col(glossary_request::Column::TimesAsked).add(1))
        .filter(glossary_request::Column::SpaceId.eq(board_id))
        .filter(glossary_request::Column::OpenKey.eq(key.as_str()))
        .exec(db)
        .await?;
    if asked_before.rows_affected == 0 {
        use sea_orm::PaginatorTrait;
        let waiting = glossary_request::Entity::find()
            .filter(glossary_request::Column::SpaceId.eq(board_id))
            .filter(glossary_request::Column::Status.eq("open"))
            .count(db)
            .await?;
        if waiting >= MAX_OPEN_QUESTIONS {
            return Err(DomainError::invalid(
                "word",
                "There are a lot of words waiting for an explanation already, so we cannot add more just now. Please ask a member of the board, or try again in a few days.",
            ));
        }
        // Two people asking about a new word at the same moment: the unique key makes one row,
        // and the second ask counts on it.
        glossary_request::Entity::insert(glossary_request::ActiveModel {
            id: Set(Uuid::now_v7()),
            space_id: Set(board_id),
            word: Set(word),
            page: Set(page),
            times_asked: Set(1),
            status: Set("open".into()),
            term_id: Set(None),
            asked_by: Set(asker),
            created_at: Set(chrono::Utc::now()),
            answered_at: Set(None),
            open_key: Set(Some(key.clone())),
        })
        .on_conflict(
            OnConflict::columns([glossary_request::Column::SpaceId, glossary_request::Column::OpenKey])
                .value(glossary_request::Column::TimesAsked, Expr::col((glossary_request::Entity, glossary_request::Column::TimesAsked)).add(1))
                .to_owned(),
        )
        .exec(db)
        .await?;
        tell_members_words_wait(db, board_id, asker).await?;
    }
    let request = glossary_request::Entity::find()
        .filter(glossary_request::Column::SpaceId.eq(board_id))
        .filter(glossary_request::Column::OpenKey.eq(key.as_str()))
        .one(db)
        .await?
        .ok_or(DomainError::Internal)?;
    Ok(AskOutcome::Queued { request: request.into() })
}

/// The words waiting for an explanation, oldest first (for people who take part in the board).
pub async fn open_requests(db: &impl ConnectionTrait, viewer: Option<Uuid>, board_id: Uuid) -> DomainResult<Vec<WordRequest>> {
    authorize(db, viewer, board_id, Action::Contribute).await?;
    Ok(glossary_request::Entity::find()
        .filter(glossary_request::Column::SpaceId.eq(board_id))
        .filter(glossary_request::Column::Status.eq("open"))
        .order_by_asc(glossary_request::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(WordRequest::from)
        .collect())
}

/// Explains a word someone asked about: it joins the glossary and leaves the queue.
#[tracing::instrument(skip_all)]
pub async fn answer(db: &(impl ConnectionTrait + TransactionTrait), actor: Uuid, request_id: Uuid, explanation: &str) -> DomainResult<Term> {
    let request = glossary_request::Entity::find_by_id(request_id).one(db).await?.ok_or_else(|| DomainError::NotFound("We could not find that question.".into()))?;
    authorize(db, Some(actor), request.space_id, Action::Contribute).await?;
    let answered_already = || DomainError::Conflict(format!("Someone has already explained \"{}\".", request.word));
    if request.status != "open" {
        return Err(answered_already());
    }
    // One transaction, and the question is claimed only while it is still open: two people
    // answering at the same moment give one explanation and one plain "already explained".
    let txn = crate::begin(db).await?;
    let claimed = glossary_request::Entity::update_many()
        .col_expr(glossary_request::Column::Status, Expr::value("answered"))
        .col_expr(glossary_request::Column::AnsweredAt, Expr::value(Some(chrono::Utc::now())))
        .col_expr(glossary_request::Column::OpenKey, Expr::value(Option::<String>::None))
        .filter(glossary_request::Column::Id.eq(request_id))
        .filter(glossary_request::Column::Status.eq("open"))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(answered_already());
    }
    let term = match find_term(&txn, request.space_id, &request.word).await? {
        Some(existing) => update_term(&txn, actor, existing.id, explanation).await?,
        None => add_term(&txn, actor, request.space_id, &request.word, explanation).await?,
    };
    glossary_request::Entity::update_many()
        .col_expr(glossary_request::Column::TermId, Expr::value(Some(term.id)))
        .filter(glossary_request::Column::Id.eq(request_id))
        .exec(&txn)
        .await?;
    if let Some(asker) = request.asked_by.filter(|a| *a != actor) {
        let summary = format!("The word you asked about, \u{201c}{}\u{201d}, is explained now: {}", request.word, term.explanation.chars().take(300).collect::<String>());
        crate::conversations::notifications::tell(&txn, asker, "word_explained", request.space_id, &summary, "/glossary").await?;
    }
    txn.commit().await?;
    Ok(term)
}

/// A new word is waiting: the board's members (who can explain words) hear of it, once until
/// they have read it, however many more words join the queue meanwhile.
async fn tell_members_words_wait(db: &impl ConnectionTrait, board_id: Uuid, asker: Option<Uuid>) -> DomainResult<()> {
    use crate::entities::{membership, notification};
    let members = membership::Entity::find()
        .filter(membership::Column::SpaceId.eq(board_id))
        .filter(membership::Column::Role.is_in([crate::people::Role::CoChair.as_str(), crate::people::Role::Member.as_str()]))
        .all(db)
        .await?;
    let told: std::collections::HashSet<Uuid> = notification::Entity::find()
        .filter(notification::Column::Kind.eq("glossary_waiting"))
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::SpaceId.eq(board_id))
        .all(db)
        .await?
        .into_iter()
        .map(|n| n.person_id)
        .collect();
    for m in members {
        if Some(m.person_id) == asker || told.contains(&m.person_id) {
            continue;
        }
        crate::conversations::notifications::tell(db, m.person_id, "glossary_waiting", board_id, "Someone has asked what a word means. Words are waiting for an explanation.", "/glossary").await?;
    }
    Ok(())
}

/// Renders short texts of a board (a purpose, a remit) with its glossary: each term is linked at
/// its first use across all the texts, and the terms used are returned for "Words explained".
pub async fn explain(db: &impl ConnectionTrait, board_id: Uuid, texts: &[&str]) -> DomainResult<(Vec<String>, Vec<Term>)> {
    let mut waiting = terms(db, board_id).await?;
    let mut used: Vec<Term> = Vec::new();
    let mut html = Vec::with_capacity(texts.len());
    for text in texts {
        let rendered = crate::text_work::render(text, &waiting).await;
        waiting.retain(|t| !rendered.used.iter().any(|u| u.slug == t.slug));
        used.extend(rendered.used.iter().cloned());
        html.push(rendered.html.clone());
    }
    Ok((html, used))
}

/// The glossary words a plain text uses, with their explanations (for emails).
pub async fn terms_in_plain_text(db: &impl ConnectionTrait, board_id: Uuid, text: &str) -> DomainResult<Vec<(String, String)>> {
    Ok(crate::documents::render::terms_used_in(text, &terms(db, board_id).await?).into_iter().map(|t| (t.term.clone(), t.explanation.clone())).collect())
}
