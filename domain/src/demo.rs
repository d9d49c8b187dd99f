//! Demo data: a Direct Payments Board as a council might run it, so a newcomer can see Coboard
//! working before entering anything of their own. `coboard demo` loads it once.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

use crate::entities::space;
use crate::people::{Perspective, Role, service as people};
use crate::spaces::{GroupStatus, service as spaces};
use crate::DomainResult;

pub const BOARD_SLUG: &str = "direct-payments-board";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded,
    AlreadyThere,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("demo dates are real dates")
}

/// Loads the demo board, its vision, its people and its four groups, all or nothing.
#[tracing::instrument(skip_all)]
pub async fn load(db: &DatabaseConnection) -> DomainResult<DemoOutcome> {
    let existing = space::Entity::find().filter(space::Column::Slug.eq(BOARD_SLUG)).one(db).await?;
    if existing.is_some() {
        return Ok(DemoOutcome::AlreadyThere);
    }
    let txn = db.begin().await?;
    let board = spaces::create_board(
        &txn,
        spaces::NewBoard {
            name: "Direct Payments Board",
            purpose: "We are people who use direct payments, family carers and council staff. \
                      We work together as equals to make direct payments easier to get, easier to \
                      manage and better at helping people live the lives they want. We check \
                      everything we do against our three vision statements.",
        },
    )
    .await?;

    for (title, body) in [
        (
            "Open and honest",
            "You get the right information from the moment you first think about a direct \
             payment, and at every step after. We tell you what we know, what we do not know yet, \
             and why decisions were made.",
        ),
        (
            "Flexible and creative",
            "You can use your direct payment in flexible and creative ways that support your \
             wellbeing and the life you want to lead, not only in the ways we are used to.",
        ),
        (
            "Clear and simple",
            "Managing a direct payment is clear and simple. Paperwork is short and plain, and it \
             helps you build skills and confidence as an employer.",
        ),
    ] {
        spaces::add_vision_statement(&txn, board.id, title, body).await?;
    }

    let marcia = people::create_person(&txn, "Marcia Okafor", Some("she/her"), Perspective::Expert).await?;
    let david = people::create_person(&txn, "David Hughes", Some("he/him"), Perspective::Staff).await?;
    let priya = people::create_person(&txn, "Priya Shah", Some("she/her"), Perspective::Staff).await?;
    let alex = people::create_person(&txn, "Alex Morgan", Some("he/him"), Perspective::Expert).await?;
    let june = people::create_person(&txn, "June Baptiste", None, Perspective::Carer).await?;
    let tom = people::create_person(&txn, "Tom Ellis", None, Perspective::Partner).await?;
    people::add_member(&txn, board.id, marcia.id, Role::CoChair).await?;
    people::add_member(&txn, board.id, david.id, Role::CoChair).await?;
    for person in [&priya, &alex, &june] {
        people::add_member(&txn, board.id, person.id, Role::Member).await?;
    }
    people::add_member(&txn, board.id, tom.id, Role::Observer).await?;

    let groups = [
        (
            "Policy",
            "Rewrite the council's direct payments policy with the people it affects, so that it \
             is short, fair and easy to follow, and explains every complex word.",
            GroupStatus::Active,
            date(2026, 9, 1),
            date(2027, 3, 31),
            &alex,
        ),
        (
            "Communications, paperwork, finance and audit",
            "Read every letter and form that the finance and audit teams send to people who use \
             direct payments. Cut what is not needed and rewrite the rest in plain English.",
            GroupStatus::Active,
            date(2026, 10, 1),
            date(2027, 4, 30),
            &priya,
        ),
        (
            "Recruitment and retention of personal assistants",
            "Find out why it is hard to find and keep personal assistants, and agree practical \
             help: adverts, pay rates, training and support for people as employers.",
            GroupStatus::Reporting,
            date(2026, 3, 1),
            date(2026, 12, 15),
            &june,
        ),
        (
            "Support plans",
            "Make support plans easier to write, read and change, so they show what matters to \
             the person and how their direct payment will help.",
            GroupStatus::Active,
            date(2026, 11, 1),
            date(2027, 6, 30),
            &marcia,
        ),
    ];
    for (name, remit, status, start_date, planned_end_date, convenor) in groups {
        let group = spaces::create_group(
            &txn,
            board.id,
            spaces::NewGroup { name, remit, status, start_date, planned_end_date },
        )
        .await?;
        people::add_member(&txn, group.id, convenor.id, Role::CoChair).await?;
    }
    txn.commit().await?;
    Ok(DemoOutcome::Loaded)
}
