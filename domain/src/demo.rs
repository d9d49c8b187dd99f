//! Demo data: a Direct Payments Board as a council might run it, so a newcomer can see Coboard
//! working before entering anything of their own. `coboard demo` loads it once.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::documents::{ConsentResponse, DocumentKind, DocumentStatus, VisionRating, agreeing, service as documents, suggestions, vision};
use crate::entities::space;
use crate::people::{CurrentUser, Perspective, Role, service as people};
use crate::spaces::{GroupStatus, life, service as spaces};
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

/// Loads the demo board, its vision and its people (all or nothing), then starts its four groups
/// and adds their work through the same services people use, so every step has its history.
#[tracing::instrument(skip_all)]
pub async fn load(db: &DatabaseConnection) -> DomainResult<DemoOutcome> {
    // Its address, or the address it had before its co-chairs renamed it.
    let existing = space::Entity::find().filter(space::Column::Slug.eq(BOARD_SLUG)).one(db).await?;
    let renamed = crate::entities::space_slug::Entity::find_by_id(BOARD_SLUG.to_owned()).one(db).await?;
    if existing.is_some() || renamed.is_some() {
        return Ok(DemoOutcome::AlreadyThere);
    }
    let txn = crate::begin(db).await?;
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

    txn.commit().await?;

    let as_user = |p: &crate::people::PersonSummary| CurrentUser {
        id: p.id,
        display_name: p.display_name.clone(),
        email: String::new(),
        pronouns: p.pronouns.clone(),
        perspective: p.perspective,
        supporter: None,
    };
    let (marcia, priya, alex, june, david) = (as_user(&marcia), as_user(&priya), as_user(&alex), as_user(&june), as_user(&david));

    // Groups are started the way a co-chair starts one, so each has its history from day one.
    let groups = [
        (
            "Policy",
            "Rewrite the council's direct payments policy with the people it affects, so that it \
             is short, fair and easy to follow, and explains every complex word.",
            date(2026, 9, 1),
            date(2027, 3, 31),
            alex.id,
        ),
        (
            "Communications, paperwork, finance and audit",
            "Read every letter and form that the finance and audit teams send to people who use \
             direct payments. Cut what is not needed and rewrite the rest in plain English.",
            date(2026, 10, 1),
            date(2027, 4, 30),
            priya.id,
        ),
        (
            "Recruitment and retention of personal assistants",
            "Find out why it is hard to find and keep personal assistants, and agree practical \
             help: adverts, pay rates, training and support for people as employers.",
            date(2026, 3, 1),
            date(2026, 12, 15),
            june.id,
        ),
        (
            "Support plans",
            "Make support plans easier to write, read and change, so they show what matters to \
             the person and how their direct payment will help.",
            date(2026, 11, 1),
            date(2027, 6, 30),
            marcia.id,
        ),
    ];
    let mut group_ids = Vec::new();
    for (name, remit, start_date, planned_end_date, convenor) in groups {
        let start = life::GroupStart { name, remit, start_date: Some(start_date), planned_end_date: Some(planned_end_date), convenors: &[convenor], ..Default::default() };
        group_ids.push(life::start_group(db, &marcia, board.id, start).await?.group.id);
    }
    // The policy group has members of its own; Tom follows the paperwork group.
    people::add_member(db, group_ids[0], priya.id, Role::Member).await?;
    people::add_member(db, group_ids[0], june.id, Role::Member).await?;
    life::take_part(db, &as_user(&tom), group_ids[1], Some(crate::spaces::Participation::Follower)).await?;
    life::move_on(db, &june, group_ids[2], GroupStatus::Reporting, Some(RECRUITMENT_REPORT)).await?;
    life::change_space(
        db,
        &marcia,
        group_ids[0],
        life::SpaceChange { planned_end_date: Some(date(2027, 5, 31)), reason: Some("We want to hear from people at the spring drop-in sessions first."), ..Default::default() },
    )
    .await?;

    // Documents go through the same services as people's own work, so the demo shows a real
    // history: a guide agreed by an expert by experience and a member of staff and published,
    // and a policy out for comment with one view given.
    for (term, explanation) in GLOSSARY {
        crate::glossary::service::add_term(db, marcia.id, board.id, term, explanation).await?;
    }
    let guide = documents::create_document(db, &priya, group_ids[1], "Paying your personal assistants: a short guide", Some(DocumentKind::Paperwork), GUIDE, &["personal assistants".into(), "payroll".into()]).await?;
    let head = documents::view(db, Some(priya.id), guide).await?.revision.id;
    agreeing::change_status(db, &priya, guide, Some(DocumentStatus::OutForComment), Some("Ready for the group to read"), Some(head)).await?;
    agreeing::give_view(db, &marcia, guide, head, Some(ConsentResponse::Agree), None).await?;
    agreeing::give_view(db, &priya, guide, head, Some(ConsentResponse::Concerns), Some("The payroll section may need a phone number as well as the web page.")).await?;
    agreeing::change_status(db, &priya, guide, Some(DocumentStatus::Agreed), Some("Agreed at the group's meeting"), Some(head)).await?;
    agreeing::change_status(db, &priya, guide, Some(DocumentStatus::Published), None, Some(head)).await?;

    // The policy: three versions from three people, out for comment, with one view given, a
    // suggestion waiting, and the vision check begun.
    let policy = documents::create_document(db, &alex, group_ids[0], "Direct Payments Policy 2027", Some(DocumentKind::Policy), POLICY, &["policy".into()]).await?;
    let first = documents::view(db, Some(alex.id), policy).await?.revision.id;
    let with_left_over = POLICY.replacen("## Using your payment flexibly", &format!("{LEFT_OVER}## Using your payment flexibly"), 1);
    let second = documents::save(db, &june, policy, first, &with_left_over, Some("Said what happens if money is left over")).await?.revision_id;
    let head = documents::save(db, &priya, policy, second, &format!("{with_left_over}{WHO_TO_CALL}"), Some("Added who to call")).await?.revision_id;
    agreeing::change_status(db, &alex, policy, Some(DocumentStatus::OutForComment), Some("Full draft for comment"), Some(head)).await?;
    agreeing::give_view(db, &alex, policy, head, Some(ConsentResponse::Agree), None).await?;
    suggestions::suggest(db, &june, policy, head, None, "We look at your statements once a year.", "We look at your bank statements once a year, and tell you first.", "People worry when they are checked without warning.").await?;
    let statements = crate::entities::vision_statement::Entity::find()
        .filter(crate::entities::vision_statement::Column::SpaceId.eq(board.id))
        .all(db)
        .await?;
    if let Some(first_statement) = statements.iter().min_by_key(|s| s.position) {
        let rating = vision::Rating { statement_id: first_statement.id, rating: Some(VisionRating::Partly), comment: "Clear about checks, but it does not yet say how to complain." };
        vision::rate(db, &david, policy, head, &[rating]).await?;
    }
    // Conversations: a comment on one part of the policy with a reply and reactions, and a
    // discussion of the group's own holding what someone said at a drop-in session.
    {
        use crate::conversations::{ReactionKind, service as talk};
        let key = crate::documents::sections(&format!("{with_left_over}{WHO_TO_CALL}"))
            .into_iter()
            .find(|s| s.title == "How we check the money is spent well")
            .map(|s| s.key);
        if let Some(key) = key {
            let (thread, first) = talk::start(db, &june, talk::NewTarget::Section { document_id: policy, key }, talk::Words {
                body: "Can we say *how* we tell people before we look at their statements? A letter, a phone call, or both? @Priya Shah",
                said_by: None,
            })
            .await?;
            talk::post(db, &priya, thread, Some(first), talk::Words { body: "A letter two weeks before, and a call if someone asks for one. I will add it to the next version.", said_by: None }).await?;
            for who in [&alex, &priya] {
                talk::react(db, who, first, ReactionKind::Agree, Some(true)).await?;
            }
        }
        let (_, said) = talk::start(db, &alex, talk::NewTarget::Discussion { space_id: group_ids[0], title: "What people said at the drop-in".into() }, talk::Words {
            body: "Two people said the forms ask for the same thing three times. One said the word \"brokerage\" put them off asking for help.",
            said_by: Some("A visitor at the March drop-in"),
        })
        .await?;
        talk::react(db, &june, said, ReactionKind::Concern, Some(true)).await?;
    }
    // Meetings of the policy group: one a fortnight ago, with who came, a decision and its
    // actions (one done, one open), and the next one in a fortnight, with its agenda and papers.
    {
        use crate::meetings::{Access, Attended, Reply, actions, service as meetings};
        let london = chrono_tz::Europe::London;
        let today = crate::dates::local_day(chrono::Utc::now(), london);
        let on = |days: i64| (today + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
        let (last_day, next_day) = (on(-14), on(14));
        fn form(date: &str, minute_taker: uuid::Uuid) -> meetings::MeetingForm<'_> {
            meetings::MeetingForm {
            title: "Policy group meeting",
            date,
            start: "10:00",
            end: "12:00",
            place: "Room 2, Town Hall, High Street",
            join_link: "https://meet.example.org/policy-group",
            access: vec![Access::Bsl, Access::Captions, Access::HearingLoop, Access::StepFree, Access::Breaks, Access::EasyRead],
            papers_days: "7",
            minute_taker: Some(minute_taker),
            }
        }
        let last = meetings::plan(db, &alex, group_ids[0], form(&last_day, priya.id)).await?;
        let item = meetings::add_item(db, &alex, last, "Starting the new policy", Some(alex.id), "30").await?;
        meetings::add_paper(db, &alex, item, policy).await?;
        meetings::send_papers(db, last, chrono::Utc::now()).await?;
        meetings::record_attendance(db, &priya, last, &[(alex.id, Attended::InPerson), (priya.id, Attended::Online), (june.id, Attended::InPerson)]).await?;
        meetings::record_decision(db, &priya, last, meetings::DecisionForm { item_id: Some(item), decision: "Write the policy in plain English, one short section for each question people ask.", method: "consent", document_id: Some(policy), ..Default::default() }).await?;
        let done = actions::add(db, &priya, last, actions::NewAction { item_id: Some(item), what: "Collect the questions people ask the direct payments team most", owner: Some(june.id), due: &on(-7) }).await?;
        actions::update(db, &june, done, actions::ActionChange { done: Some("Collected 42 questions from the team's phone log and the drop-in."), ..Default::default() }).await?;
        actions::add(db, &priya, last, actions::NewAction { item_id: Some(item), what: "Write the section on how we tell people before we look at their statements", owner: Some(priya.id), due: &on(7) }).await?;

        let next = meetings::plan(db, &alex, group_ids[0], form(&next_day, priya.id)).await?;
        meetings::add_item(db, &alex, next, "Welcome, and how the meeting will run", Some(alex.id), "5").await?;
        let draft = meetings::add_item(db, &alex, next, "Direct Payments Policy 2027: the new draft", Some(alex.id), "40").await?;
        meetings::add_paper(db, &alex, draft, policy).await?;
        meetings::add_item(db, &alex, next, "What people said at the drop-in", Some(june.id), "20").await?;
        meetings::reply(db, &june, next, Some(Reply::InPerson)).await?;
        meetings::reply(db, &priya, next, Some(Reply::Online)).await?;
    }
    // You Said We Did: what people said at the March co-production event and what the board did.
    // Two cards about long forms are joined into one; it is linked to the policy, done and
    // published. Another is being worked on; one arrived through the website and waits for review.
    {
        use crate::feedback::{Theme, service as feedback};
        let card = |said: &'static str, themes: Vec<Theme>, people: &'static str, show_words: bool| feedback::NewFeedback {
            said,
            themes,
            kind: "event",
            detail: "Co-production event at the Town Hall",
            people,
            show_words,
            ..Default::default()
        };
        let forms = feedback::add(db, &priya, card("The forms are too long, and ask for the same thing three times.", vec![Theme::Paperwork], "5", true)).await?;
        let again = feedback::add(db, &priya, card("Please make the paperwork shorter.", vec![Theme::Paperwork, Theme::Finance], "3", true)).await?;
        feedback::merge(db, &priya, forms, again).await?;
        feedback::change(db, &priya, forms, feedback::ItemChange {
            said: "The forms are too long, and ask for the same thing three times.",
            themes: vec![Theme::Paperwork, Theme::Finance],
            response: "The policy group rewrote the yearly statement form with people who fill it in. It is now two pages, and asks each thing once.",
            owner: Some(priya.id),
            group: "policy",
            ..Default::default()
        })
        .await?;
        feedback::link(db, &priya, forms, &format!("document:{policy}")).await?;
        feedback::set_status(db, &priya, forms, "doing", "The policy group is rewriting the form with people who use it.", "").await?;
        feedback::set_status(db, &priya, forms, "done", "The new form is two pages and asks each thing once.", "").await?;
        feedback::publish(db, &marcia, forms, true).await?;
        // What it achieved, told for the public, with the policy and the feedback behind it.
        let outcome = crate::outcomes::service::save(db, &priya, None, crate::outcomes::service::Draft {
            title: "The yearly statement form is two pages now",
            story: "People told us the forms were too long and asked for the same thing three times. The policy group rewrote the yearly statement form with people who fill it in.\n\nIt is now two pages, and it asks each thing once.",
            links: vec![format!("document:{policy}"), format!("feedback:{forms}")],
        })
        .await?;
        crate::outcomes::service::publish(db, &marcia, outcome, true).await?;
        let pas = feedback::add(db, &june, card("It is hard to find a personal assistant who can cover when mine is ill.", vec![Theme::RecruitingPas], "4", true)).await?;
        feedback::change(db, &june, pas, feedback::ItemChange {
            said: "It is hard to find a personal assistant who can cover when mine is ill.",
            themes: vec![Theme::RecruitingPas],
            response: "The recruitment group is starting a list of PAs who can cover at short notice.",
            owner: Some(june.id),
            ..Default::default()
        })
        .await?;
        feedback::set_status(db, &june, pas, "considering", "The recruitment group will look at this at its next meeting.", "").await?;
        feedback::publish(db, &marcia, pas, true).await?;
        feedback::add(db, &priya, card("Nobody told me I could use my payment for a gym membership.", vec![Theme::Information], "1", false)).await?;
    }
    // A visitor's question about a word, waiting for someone on the board to explain it.
    crate::glossary::service::ask(db, None, board.id, "managed account", Some("/"), "demo").await?;
    Ok(DemoOutcome::Loaded)
}

/// The words people on the board said they met most and understood least, in their own plain words.
const GLOSSARY: &[(&str, &str)] = &[
    ("direct payment", "Money from the council that you use to arrange your own care and support, instead of the council arranging it for you."),
    ("personal assistant", "Someone you employ with your direct payment to help you with day-to-day things. Often called a PA."),
    ("support plan", "A written plan of what matters to you, the help you need, and how your direct payment will be used for it."),
    ("eligibility", "Whether you can get help from the council. It depends on your needs and how they affect your life."),
    ("financial monitoring", "The council checking, usually once a year, that direct payment money is spent on what your support plan says."),
    ("Care Act", "The law from 2014 that says what councils must do for adults who need care and support, and for carers."),
    ("payroll", "Working out your PA's pay, tax and National Insurance each time you pay them. A payroll service can do it for you."),
];

const GUIDE: &str = "# Paying your personal assistants\n\n\
This guide is for you if you use your direct payment to employ personal assistants (PAs).\n\n\
## When to pay\n\n\
Pay your PAs on the same day each month. Most people choose the last working day.\n\n\
## Payroll\n\n\
A payroll service works out tax and National Insurance for you. The council pays for it from \
your direct payment. Ask us if you would like one.\n\n\
## If something goes wrong\n\n\
Call the direct payments team. We will help you put it right. You will not be in trouble for \
asking.\n";

const RECRUITMENT_REPORT: &str = "People told us three things make it hard to keep a personal assistant:\n\n\
- the hourly rate is lower than supermarkets pay\n\
- there is no one to cover when a PA is ill\n\
- new employers do not know where to get help with payroll\n\n\
We suggest the board raises the rate, starts a list of PAs who can cover, and sends every new \
employer our short guide to paying PAs.";

/// June's edit to the policy: what happens to money left over, before the section on using it flexibly.
const LEFT_OVER: &str = "## If money is left over\n\n\
If money builds up in your account, we talk with you first. We do not take it back without asking why.\n\n";

/// Priya's edit, after June's: who to call, at the end.
const WHO_TO_CALL: &str = "\n## Who to call\n\n\
Call the direct payments team on weekdays from 9am to 5pm. You can also ask a support organisation to call for you.\n";

const POLICY: &str = "# Direct Payments Policy 2027\n\n\
## What a direct payment is\n\n\
A direct payment is money from the council that you use to arrange your own care and support.\n\n\
## How we check the money is spent well\n\n\
We look at your statements once a year. We only ask for what we need.\n\n\
## Using your payment flexibly\n\n\
You can use your payment in any way that meets the needs in your support plan.\n";
