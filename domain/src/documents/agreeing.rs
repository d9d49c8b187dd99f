//! Agreeing and publishing documents. People in the space give their view on the newest version
//! while it is out for comment; a co-chair records the consent decision when nobody objects and,
//! where the space asks for it, an expert by experience and a member of staff agree. Publishing
//! shows the agreed version to everyone at `/documents/{id}/published`.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    sea_query::Expr,
};
use uuid::Uuid;

use super::service::{display_name, find, find_revision};
use super::{
    Agreement, ConsentResponse, ConsentView, CoproductionCheck, Decision, DocumentKind, DocumentStatus, PublishedDocument, PublishedSummary,
    StatusChange, Voice,
};
use crate::accounts::authorize;
use crate::entities::{consent_view, decision, decision_voice, document, person, space, status_change};
use crate::people::{CurrentUser, Perspective};
use crate::permissions::Action;
use crate::{DomainError, DomainResult};

fn not_found() -> DomainError {
    DomainError::NotFound("We could not find that document.".into())
}

fn status_of(doc: &document::Model) -> DocumentStatus {
    DocumentStatus::parse(&doc.status).unwrap_or(DocumentStatus::Draft)
}

fn clean_text(raw: Option<&str>, max: usize) -> Option<String> {
    raw.map(str::trim).filter(|t| !t.is_empty()).map(|t| t.chars().take(max).collect())
}

async fn perspective_of(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<(String, Perspective)> {
    let p = person::Entity::find_by_id(id).one(db).await?;
    Ok(p.map(|p| (p.display_name, Perspective::parse(&p.perspective).unwrap_or(Perspective::Other)))
        .unwrap_or_else(|| ("Someone".into(), Perspective::Other)))
}

async fn views_on(db: &impl ConnectionTrait, revision_id: Uuid) -> DomainResult<Vec<ConsentView>> {
    let rows = consent_view::Entity::find()
        .filter(consent_view::Column::RevisionId.eq(revision_id))
        .order_by_asc(consent_view::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let (name, perspective) = perspective_of(db, row.person_id).await?;
        let given_by = match row.supporter_id {
            Some(s) => Some(display_name(db, s).await?),
            None => None,
        };
        out.push(ConsentView {
            person_id: row.person_id,
            name,
            perspective,
            response: ConsentResponse::parse(&row.response).unwrap_or(ConsentResponse::Object),
            reason: row.reason,
            given_by,
            updated_at: row.updated_at,
        });
    }
    Ok(out)
}

fn check(required: bool, views: &[ConsentView]) -> CoproductionCheck {
    let agreeing = |p: Perspective| views.iter().filter(|v| v.response.consents() && v.perspective == p).count() as u32;
    CoproductionCheck { required, experts_agreeing: agreeing(Perspective::Expert), staff_agreeing: agreeing(Perspective::Staff) }
}

/// Why the newest version cannot be recorded as agreed yet, in plain sentences.
fn not_yet(status: DocumentStatus, views: &[ConsentView], check: &CoproductionCheck) -> Vec<String> {
    let mut reasons = Vec::new();
    if status != DocumentStatus::OutForComment {
        reasons.push("A document is agreed after it has been out for comment. Send it out for comment first.".to_owned());
    }
    if !views.iter().any(|v| v.response.consents()) {
        reasons.push("Nobody has said they agree to this version yet.".to_owned());
    }
    for v in views.iter().filter(|v| v.response == ConsentResponse::Object) {
        let why = v.reason.as_deref().map(|r| format!(" They said: \"{r}\"")).unwrap_or_default();
        reasons.push(format!("{} does not agree yet.{why} Talk it through, change the text, or ask whether they can agree with concerns.", v.name));
    }
    if check.required && !check.met() {
        reasons.push(check.explanation());
    }
    reasons
}

/// Where agreeing the newest version stands, for people in the space.
pub async fn agreement(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Agreement> {
    agreement_in(db, &super::service::DocumentContext::load(db, viewer, id).await?).await
}

/// [`agreement`] for a document page that has its context already.
pub async fn agreement_in(db: &impl ConnectionTrait, ctx: &super::service::DocumentContext) -> DomainResult<Agreement> {
    let (doc, id) = (&ctx.document, ctx.id());
    let space = crate::memo::space(db, doc.space_id).await?.ok_or(DomainError::Internal)?;
    let head = find_revision(db, id, doc.current_revision_id).await?;
    let views = views_on(db, head.id).await?;
    let earlier_views = consent_view::Entity::find()
        .filter(consent_view::Column::DocumentId.eq(id))
        .filter(consent_view::Column::RevisionId.ne(head.id))
        .all(db)
        .await?
        .into_iter()
        .map(|v| v.person_id)
        .filter(|p| !views.iter().any(|v| v.person_id == *p))
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u32;
    let status = status_of(&doc);
    let check = check(space.require_coproduction, &views);
    let mut not_yet = not_yet(status, &views, &check);
    if space.require_vision_check {
        let vision = super::vision::vision_check_in(db, ctx).await?;
        let missing = vision.missing();
        if !missing.is_empty() {
            let list = missing.iter().map(|t| format!("\u{201c}{t}\u{201d}")).collect::<Vec<_>>().join(", ");
            not_yet.push(format!("The vision check is not complete: nobody has checked it against {list} yet."));
        }
    }
    Ok(Agreement { status, revision_id: head.id, revision_number: head.number, not_yet, views, earlier_views, check })
}

/// Records (or changes) the actor's view on the version they read. If the text has changed
/// since, nothing is recorded and they are asked to read the changes first: people agree to
/// exact words.
#[tracing::instrument(skip_all)]
pub async fn give_view(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: Uuid,
    revision_id: Uuid,
    response: Option<ConsentResponse>,
    reason: Option<&str>,
) -> DomainResult<()> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::Contribute).await?;
    let response = response.ok_or_else(|| DomainError::invalid("response", "Please choose whether you agree."))?;
    let reason = clean_text(reason, 2000);
    if response != ConsentResponse::Agree && reason.is_none() {
        let message = match response {
            ConsentResponse::Concerns => "Please say what your concerns are, so the group can think about them.",
            _ => "Please say why you do not agree yet, so the group can change the text or talk it through.",
        };
        return Err(DomainError::invalid("reason", message));
    }
    if status_of(&doc) != DocumentStatus::OutForComment {
        return Err(DomainError::Conflict(format!(
            "Views are given while a document is out for comment. This one is {} now, so your view was not recorded.",
            status_of(&doc).label().to_lowercase()
        )));
    }
    if doc.current_revision_id != revision_id {
        let head = find_revision(db, id, doc.current_revision_id).await?;
        return Err(DomainError::Conflict(format!(
            "The text has changed since you read it: version {} is the newest now. Please read the changes, then give your view again.",
            head.number
        )));
    }
    let now = chrono::Utc::now();
    let existing = consent_view::Entity::find()
        .filter(consent_view::Column::RevisionId.eq(revision_id))
        .filter(consent_view::Column::PersonId.eq(actor.id))
        .one(db)
        .await?;
    match existing {
        Some(row) => {
            let mut row: consent_view::ActiveModel = row.into();
            row.response = Set(response.as_str().to_owned());
            row.reason = Set(reason);
            row.supporter_id = Set(actor.supporter.as_ref().map(|s| s.id));
            row.updated_at = Set(now);
            row.update(db).await?;
        }
        None => {
            consent_view::ActiveModel {
                id: Set(Uuid::now_v7()),
                document_id: Set(id),
                revision_id: Set(revision_id),
                person_id: Set(actor.id),
                supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
                response: Set(response.as_str().to_owned()),
                reason: Set(reason),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            // The same person pressing twice at once: the unique index keeps one.
            .map_err(|_| DomainError::Conflict("Your view was being saved twice at once. Please check it below and save again if needed.".into()))?;
        }
    }
    Ok(())
}

/// Moves a document to `to`, if that is a step it can take and the actor may take it. Moving to
/// *agreed* records the consent decision with everyone's views as they stand.
#[tracing::instrument(skip_all)]
///
/// `seen` is the version the person was looking at, when known: if the text has changed since,
/// nothing moves, so nobody agrees to or publishes words they have not read.
pub async fn change_status(
    db: &DatabaseConnection,
    actor: &CurrentUser,
    id: Uuid,
    to: Option<DocumentStatus>,
    note: Option<&str>,
    seen: Option<Uuid>,
) -> DomainResult<DocumentStatus> {
    let doc = find(db, id).await?;
    authorize(db, Some(actor.id), doc.space_id, Action::ViewSpace).await.map_err(|_| not_found())?;
    if seen.is_some_and(|seen| seen != doc.current_revision_id) {
        let head = find_revision(db, id, doc.current_revision_id).await?;
        return Err(DomainError::Conflict(format!(
            "Someone saved a new version (version {}) since you loaded this page, so nothing was changed. Please read the changes, then choose again.",
            head.number
        )));
    }
    let from = status_of(&doc);
    let to = to.ok_or_else(|| DomainError::invalid("status", "Please choose where the document should go next."))?;
    if !from.next_steps().contains(&to) {
        let options = from.next_steps().iter().map(|s| s.label().to_lowercase()).collect::<Vec<_>>().join(" or ");
        return Err(DomainError::Conflict(format!(
            "This document is {} now, so it cannot go to {} from here. From here it can go to {options}.",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        )));
    }
    authorize(db, Some(actor.id), doc.space_id, from.step_needs(to)).await.map_err(|_| {
        DomainError::Forbidden(match from.step_needs(to) {
            Action::Decide => "Only co-chairs and convenors record decisions, publish and withdraw. Please ask one of them.".to_owned(),
            _ => "Only members can move a document in or out of comment.".to_owned(),
        })
    })?;
    let note = clean_text(note, 1000);
    let txn = crate::begin(db).await?;
    let now = chrono::Utc::now();
    let mut published: Option<Option<Uuid>> = None;
    match to {
        DocumentStatus::Agreed => {
            let state = agreement(&txn, Some(actor.id), id).await?;
            if !state.not_yet.is_empty() {
                return Err(DomainError::Conflict(format!("It cannot be recorded as agreed yet. {}", state.not_yet.join(" "))));
            }
            let vision = super::vision::vision_check(&txn, Some(actor.id), id).await?;
            let decision_id = Uuid::now_v7();
            decision::ActiveModel {
                id: Set(decision_id),
                document_id: Set(id),
                revision_id: Set(state.revision_id),
                recorded_by: Set(actor.id),
                supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
                note: Set(note.clone()),
                coproduction_required: Set(state.check.required),
                vision_summary: Set((!vision.statements.is_empty()).then(|| vision.summary())),
                created_at: Set(now),
            }
            .insert(&txn)
            .await?;
            for v in state.views {
                decision_voice::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    decision_id: Set(decision_id),
                    person_id: Set(v.person_id),
                    display_name: Set(v.name.chars().take(100).collect()),
                    perspective: Set(v.perspective.as_str().to_owned()),
                    response: Set(v.response.as_str().to_owned()),
                    reason: Set(v.reason),
                }
                .insert(&txn)
                .await?;
            }
        }
        DocumentStatus::Published => {
            // The version agreed is the one published; an edit after agreeing sends a document
            // back to draft, so it is also the newest.
            let agreed = decision::Entity::find()
                .filter(decision::Column::DocumentId.eq(id))
                .order_by_desc(decision::Column::CreatedAt)
                .one(&txn)
                .await?
                .ok_or_else(|| DomainError::Conflict("There is no record of this document being agreed, so it cannot be published.".into()))?;
            let space = space::Entity::find_by_id(doc.space_id).one(&txn).await?.ok_or(DomainError::Internal)?;
            // The rules are checked again here: a space may have turned one on after agreeing.
            if space.require_vision_check {
                let vision = super::vision::vision_check(&txn, Some(actor.id), id).await?;
                let missing = vision.missing();
                if !missing.is_empty() {
                    return Err(DomainError::Conflict(format!(
                        "It cannot be published yet. This space asks for a complete vision check, and nobody has checked it against {} yet.",
                        missing.iter().map(|t| format!("\u{201c}{t}\u{201d}")).collect::<Vec<_>>().join(", ")
                    )));
                }
            }
            if space.require_easy_read {
                let agreed_text = find_revision(&txn, id, agreed.revision_id).await?.body;
                let easy = super::easy_read::for_text(&txn, id, &agreed_text, true, super::easy_read::Parts::AsWritten).await?;
                if let Some(reason) = super::easy_read::not_ready(&easy) {
                    return Err(DomainError::Conflict(format!("It cannot be published yet. {reason}")));
                }
            }
            published = Some(Some(agreed.revision_id));
        }
        DocumentStatus::Withdrawn => published = Some(None),
        DocumentStatus::Draft | DocumentStatus::OutForComment => {}
    }
    let mut update = document::Entity::update_many()
        .col_expr(document::Column::Status, Expr::value(to.as_str()))
        .col_expr(document::Column::UpdatedAt, Expr::value(now))
        .filter(document::Column::Id.eq(id))
        .filter(document::Column::Status.eq(from.as_str()))
        .filter(document::Column::CurrentRevisionId.eq(doc.current_revision_id));
    if let Some(revision) = published {
        update = update.col_expr(document::Column::PublishedRevisionId, Expr::value(revision));
    }
    // Someone saved or moved it at the same moment: stop, so nobody agrees to words they did not see.
    if update.exec(&txn).await?.rows_affected != 1 {
        txn.rollback().await?;
        return Err(DomainError::Conflict(
            "Someone changed this document at the same moment, so nothing was changed. Please look at it again and then choose.".into(),
        ));
    }
    record_change(&txn, id, from, to, doc.current_revision_id, actor, note).await?;
    crate::search::index::document(&txn, id).await?;
    txn.commit().await?;
    Ok(to)
}

pub(crate) async fn record_change(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: DocumentStatus,
    to: DocumentStatus,
    revision_id: Uuid,
    actor: &CurrentUser,
    note: Option<String>,
) -> DomainResult<()> {
    status_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        document_id: Set(id),
        from_status: Set(from.as_str().to_owned()),
        to_status: Set(to.as_str().to_owned()),
        revision_id: Set(revision_id),
        person_id: Set(actor.id),
        supporter_id: Set(actor.supporter.as_ref().map(|s| s.id)),
        note: Set(note),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    super::follows::tell_of_move(db, id, to, actor.id).await
}

/// The consent decisions made on a document, newest first.
pub async fn decisions(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Vec<Decision>> {
    decisions_in(db, &super::service::DocumentContext::load(db, viewer, id).await?).await
}

/// [`decisions`] for a document page that has its context already.
pub async fn decisions_in(db: &impl ConnectionTrait, ctx: &super::service::DocumentContext) -> DomainResult<Vec<Decision>> {
    let id = ctx.id();
    let rows = decision::Entity::find().filter(decision::Column::DocumentId.eq(id)).order_by_desc(decision::Column::CreatedAt).all(db).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // Every decision's voices, names and version numbers in three queries, however many there are.
    let mut voices_of: std::collections::HashMap<Uuid, Vec<Voice>> = std::collections::HashMap::new();
    for v in decision_voice::Entity::find()
        .filter(decision_voice::Column::DecisionId.is_in(rows.iter().map(|d| d.id).collect::<Vec<_>>()))
        .order_by_asc(decision_voice::Column::DisplayName)
        .all(db)
        .await?
    {
        voices_of.entry(v.decision_id).or_default().push(Voice {
            name: v.display_name,
            perspective: Perspective::parse(&v.perspective).unwrap_or(Perspective::Other),
            response: ConsentResponse::parse(&v.response).unwrap_or(ConsentResponse::Object),
            reason: v.reason,
        });
    }
    let names = crate::people::service::display_names(db, rows.iter().flat_map(|d| [Some(d.recorded_by), d.supporter_id]).flatten().collect()).await?;
    let numbers = super::service::revision_numbers(db, rows.iter().map(|d| d.revision_id).collect()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for d in rows {
        let voices = voices_of.remove(&d.id).unwrap_or_default();
        let recorded_by = super::service::credit_from(&names, d.recorded_by, d.supporter_id);
        out.push(Decision {
            id: d.id,
            revision_number: numbers.get(&d.revision_id).copied().unwrap_or(0),
            recorded_by,
            note: d.note,
            coproduction_required: d.coproduction_required,
            vision_summary: d.vision_summary,
            voices,
            created_at: d.created_at,
        });
    }
    Ok(out)
}

/// Every status change, newest first.
pub async fn status_history(db: &impl ConnectionTrait, viewer: Option<Uuid>, id: Uuid) -> DomainResult<Vec<StatusChange>> {
    status_history_in(db, &super::service::DocumentContext::load(db, viewer, id).await?).await
}

/// [`status_history`] for a document page that has its context already.
pub async fn status_history_in(db: &impl ConnectionTrait, ctx: &super::service::DocumentContext) -> DomainResult<Vec<StatusChange>> {
    let id = ctx.id();
    let rows =
        status_change::Entity::find().filter(status_change::Column::DocumentId.eq(id)).order_by_desc(status_change::Column::CreatedAt).all(db).await?;
    let names = crate::people::service::display_names(db, rows.iter().flat_map(|c| [Some(c.person_id), c.supporter_id]).flatten().collect()).await?;
    let numbers = super::service::revision_numbers(db, rows.iter().map(|c| c.revision_id).collect()).await?;
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let by = super::service::credit_from(&names, c.person_id, c.supporter_id);
        out.push(StatusChange {
            from: DocumentStatus::parse(&c.from_status).unwrap_or(DocumentStatus::Draft),
            to: DocumentStatus::parse(&c.to_status).unwrap_or(DocumentStatus::Draft),
            revision_number: numbers.get(&c.revision_id).copied().unwrap_or(0),
            by,
            note: c.note,
            created_at: c.created_at,
        });
    }
    Ok(out)
}

/// "5 people agreed: 2 experts by experience, 2 members of staff and 1 family carer." Counts,
/// not names: the public sees that the work was done together, not who said what.
fn agreed_by(voices: &[decision_voice::Model]) -> Option<String> {
    let agreeing: Vec<Perspective> = voices
        .iter()
        .filter(|v| ConsentResponse::parse(&v.response).is_some_and(ConsentResponse::consents))
        .map(|v| Perspective::parse(&v.perspective).unwrap_or(Perspective::Other))
        .collect();
    if agreeing.is_empty() {
        return None;
    }
    let parts: Vec<String> = Perspective::ALL
        .into_iter()
        .filter_map(|p| {
            let n = agreeing.iter().filter(|a| **a == p).count();
            (n > 0).then(|| p.counted(n))
        })
        .collect();
    let list = crate::and_list(&parts);
    let n = agreeing.len();
    Some(format!("{n} {} agreed: {list}.", if n == 1 { "person" } else { "people" }))
}

/// The published version of a document, for anyone. Not found when nothing is published.
pub async fn published(db: &impl ConnectionTrait, id: Uuid) -> DomainResult<PublishedDocument> {
    published_version(db, id, None).await
}

/// Every version that was ever the published one, with when it was last published, newest
/// first; the one published now first of all. Empty while nothing is published (a withdrawn
/// document's earlier versions are withdrawn with it).
///
/// A move to *published* shows the newest decision's version at that moment, so each move is
/// matched with the decision made before it.
pub(crate) async fn published_history(db: &impl ConnectionTrait, doc: &document::Model, decisions: &[decision::Model]) -> DomainResult<Vec<(Uuid, super::PublishedVersion)>> {
    let Some(now) = doc.published_revision_id else { return Ok(Vec::new()) };
    let moves = status_change::Entity::find()
        .filter(status_change::Column::DocumentId.eq(doc.id))
        .filter(status_change::Column::ToStatus.eq(DocumentStatus::Published.as_str()))
        .order_by_desc(status_change::Column::CreatedAt)
        .all(db)
        .await?;
    let mut seen: Vec<(Uuid, chrono::DateTime<chrono::Utc>)> = Vec::new();
    for m in &moves {
        let shown = decisions.iter().filter(|d| d.created_at <= m.created_at).max_by_key(|d| d.created_at).map(|d| d.revision_id);
        if let Some(r) = shown
            && !seen.iter().any(|(s, _)| *s == r)
        {
            seen.push((r, m.created_at));
        }
    }
    // The one published now leads, even if the record of its move is missing.
    let at = seen.iter().find(|(r, _)| *r == now).map(|(_, at)| *at).unwrap_or(doc.updated_at);
    seen.retain(|(r, _)| *r != now);
    seen.insert(0, (now, at));
    let ids: Vec<Uuid> = seen.iter().map(|(r, _)| *r).collect();
    let numbers: std::collections::HashMap<Uuid, i32> = crate::entities::revision::Entity::find()
        .filter(crate::entities::revision::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.number))
        .collect();
    Ok(seen.into_iter().filter_map(|(r, at)| Some((r, super::PublishedVersion { number: *numbers.get(&r)?, published_at: at }))).collect())
}

/// A version that is or was the published one (`number`; the one published now if `None`),
/// for anyone, with how it was agreed and the list of earlier published versions.
pub async fn published_version(db: &impl ConnectionTrait, id: Uuid, number: Option<i32>) -> DomainResult<PublishedDocument> {
    let gone = || DomainError::NotFound("There is no published document here. It may have been withdrawn.".into());
    let doc = document::Entity::find_by_id(id).one(db).await?.ok_or_else(gone)?;
    let decisions = decision::Entity::find().filter(decision::Column::DocumentId.eq(id)).order_by_desc(decision::Column::CreatedAt).all(db).await?;
    let history = published_history(db, &doc, &decisions).await?;
    let (latest, _) = history.first().ok_or_else(gone)?;
    let latest_number = history[0].1.number;
    let (revision_id, published_at) = match number {
        None => (*latest, history[0].1.published_at),
        Some(n) => history
            .iter()
            .find(|(_, v)| v.number == n)
            .map(|(r, v)| (*r, v.published_at))
            .ok_or_else(|| DomainError::NotFound(format!("Version {n} of this document was never published. The published versions are listed on its page.")))?,
    };
    let earlier = history.iter().skip(1).map(|(_, v)| v.clone()).collect();
    let rev = find_revision(db, id, revision_id).await?;
    let space = crate::memo::space(db, doc.space_id).await?.ok_or(DomainError::Internal)?;
    let decision = decisions.into_iter().find(|d| d.revision_id == revision_id);
    let voices = match &decision {
        Some(d) => decision_voice::Entity::find().filter(decision_voice::Column::DecisionId.eq(d.id)).all(db).await?,
        None => Vec::new(),
    };
    let terms = crate::glossary::service::terms(db, space.parent_id.unwrap_or(space.id)).await?;
    let rendered = crate::text_work::render(&rev.body, &terms).await;
    let (body_html, explained) = (rendered.html.clone(), rendered.used.clone());
    Ok(PublishedDocument {
        id,
        title: doc.title,
        kind: DocumentKind::parse(&doc.kind).unwrap_or(DocumentKind::Other),
        space_name: space.name,
        revision_number: rev.number,
        agreed_at: decision.as_ref().map(|d| d.created_at),
        published_at,
        agreed_by: agreed_by(&voices),
        vision_summary: decision.as_ref().and_then(|d| d.vision_summary.clone()),
        body_html,
        explained,
        body_markdown: rev.body,
        latest_number,
        earlier,
    })
}

/// Every published document, newest first: what the public can read. Lists titles only, so no
/// document is rendered for it. Three statements however many there are (the documents, their
/// spaces, their moves to published): it was two a document, 2,000 for a board of 1,000.
pub async fn list_published(db: &impl ConnectionTrait) -> DomainResult<Vec<PublishedSummary>> {
    use std::collections::{BTreeSet, HashMap};
    let docs = document::Entity::find().filter(document::Column::PublishedRevisionId.is_not_null()).all(db).await?;
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let space_ids: BTreeSet<Uuid> = docs.iter().map(|d| d.space_id).collect();
    let names: HashMap<Uuid, String> =
        space::Entity::find().filter(space::Column::Id.is_in(space_ids)).all(db).await?.into_iter().map(|s| (s.id, s.name)).collect();
    // The newest move to published of each; a document with none (made published by an import,
    // say) counts from its last change, as before.
    let mut when: HashMap<Uuid, chrono::DateTime<chrono::Utc>> = HashMap::new();
    // In slices well under the bound values either database takes in one statement.
    for ids in docs.iter().map(|d| d.id).collect::<Vec<_>>().chunks(10_000) {
        let moves = status_change::Entity::find()
            .filter(status_change::Column::DocumentId.is_in(ids.to_vec()))
            .filter(status_change::Column::ToStatus.eq(DocumentStatus::Published.as_str()))
            .all(db)
            .await?;
        for m in moves {
            let at = when.entry(m.document_id).or_insert(m.created_at);
            *at = (*at).max(m.created_at);
        }
    }
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        out.push(PublishedSummary {
            published_at: when.get(&d.id).copied().unwrap_or(d.updated_at),
            space_name: names.get(&d.space_id).cloned().unwrap_or_default(),
            id: d.id,
            kind: DocumentKind::parse(&d.kind).unwrap_or(DocumentKind::Other),
            title: d.title,
        });
    }
    out.sort_by(|a, b| b.published_at.cmp(&a.published_at));
    Ok(out)
}
