//! Domain services on a real database (SQLite and PostgreSQL): the rules that keep bad data out.

mod common;

use chrono::NaiveDate;
use domain::DomainError;
use domain::spaces::{GroupStatus, service};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn group<'a>(name: &'a str, start: NaiveDate, end: NaiveDate) -> service::NewGroup<'a> {
    service::NewGroup { name, remit: "Make the forms shorter.", status: GroupStatus::Active, start_date: start, planned_end_date: end }
}

on_both_databases! {
    async fn groups_need_sensible_dates_names_and_a_board(app: TestApp) {
        let board = service::create_board(&app.db, service::NewBoard { name: "Board", purpose: "To decide together." }).await.unwrap();

        let err = service::create_group(&app.db, board.id, group("Forms", day(2027, 1, 1), day(2026, 12, 1))).await.unwrap_err();
        assert!(matches!(&err, DomainError::Invalid { field, .. } if field == "planned_end_date"), "{err:?}");
        assert!(err.to_string().contains("before the start date"));

        let err = service::create_group(&app.db, board.id, group("   ", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap_err();
        assert!(matches!(&err, DomainError::Invalid { field, .. } if field == "name"), "{err:?}");

        let err = service::create_group(&app.db, uuid::Uuid::now_v7(), group("Forms", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap_err();
        assert!(matches!(err, DomainError::NotFound(_)));

        // A group cannot report to another group.
        let forms = service::create_group(&app.db, board.id, group("Forms", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap();
        let err = service::create_group(&app.db, forms.id, group("Sub", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap_err();
        assert!(matches!(err, DomainError::NotFound(_)));
    }

    async fn two_groups_with_one_name_get_distinct_addresses(app: TestApp) {
        let board = service::create_board(&app.db, service::NewBoard { name: "Policy", purpose: "To decide together." }).await.unwrap();
        let first = service::create_group(&app.db, board.id, group("Policy", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap();
        let second = service::create_group(&app.db, board.id, group("Policy!", day(2026, 1, 1), day(2026, 12, 1))).await.unwrap();
        assert_eq!(board.slug, "policy");
        assert_eq!(first.slug, "policy-2");
        assert_eq!(second.slug, "policy-3");
        let (status, html) = app.get_text("/groups/policy-3").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Policy!</h1>"));
    }

    async fn vision_statements_are_records_a_board_can_rewrite(app: TestApp) {
        app.load_demo().await;
        let home = service::home_board(&app.db).await.unwrap().unwrap();
        let clear = home.vision.iter().find(|v| v.title == "Clear and simple").unwrap();
        let updated = service::update_vision_statement(&app.db, clear.id, "Clear, simple and kind", "Letters are short, plain and kind.").await.unwrap();
        assert_eq!(updated.position, clear.position, "rewording keeps the order");

        let (_, html) = app.get_text("/vision").await;
        assert!(html.contains("Clear, simple and kind"));
        assert!(html.contains("Letters are short, plain and kind."));
        assert!(!html.contains("<h2>Clear and simple</h2>"));

        let err = service::update_vision_statement(&app.db, clear.id, "", "Body").await.unwrap_err();
        assert!(matches!(&err, DomainError::Invalid { field, .. } if field == "title"));
        let added = service::add_vision_statement(&app.db, home.space.id, "Fair", "Everyone is treated fairly.").await.unwrap();
        assert_eq!(added.position, 4);
    }

    /// The migration that keys open glossary questions fills the key in for questions already
    /// waiting (one per word, as asking kept them), and leaves answered ones without a key.
    async fn open_questions_already_waiting_get_their_key(app: TestApp) {
        use sea_orm::ConnectionTrait;
        use sea_orm_migration::MigratorTrait;
        let board = service::create_board(&app.db, service::NewBoard { name: "Board", purpose: "To decide together." }).await.unwrap();
        // Back to before the key: undo it and the migrations that came after it.
        // On one connection of its own (see `server::db::connect_single`).
        let one = server::db::connect_single(&app.database_url).await.unwrap();
        let all = migrations::Migrator::migrations();
        let key = all.iter().position(|m| m.name() == "m20261125_000002_glossary_request_key").expect("the key migration");
        migrations::Migrator::down(&one, Some((all.len() - key) as u32)).await.unwrap();
        let backend = app.db.get_database_backend();
        for (word, status) in [("Brokerage ", "open"), ("Re-ablement", "open"), ("payroll", "answered")] {
            app.db
                .execute_raw(sea_orm::Statement::from_sql_and_values(
                    backend,
                    match backend {
                        sea_orm::DbBackend::Postgres => "INSERT INTO glossary_requests (id, space_id, word, times_asked, status, created_at) VALUES ($1, $2, $3, 1, $4, $5)",
                        _ => "INSERT INTO glossary_requests (id, space_id, word, times_asked, status, created_at) VALUES (?, ?, ?, 1, ?, ?)",
                    },
                    [uuid::Uuid::now_v7().into(), board.id.into(), word.into(), status.into(), chrono::Utc::now().into()],
                ))
                .await
                .unwrap();
        }
        migrations::Migrator::up(&one, None).await.unwrap();
        use sea_orm::{EntityTrait, QueryOrder};
        let rows = domain::entities::glossary_request::Entity::find().order_by_asc(domain::entities::glossary_request::Column::Id).all(&app.db).await.unwrap();
        let keys: Vec<Option<&str>> = rows.iter().map(|r| r.open_key.as_deref()).collect();
        assert_eq!(keys, vec![Some("brokerage"), Some("re-ablement"), None]);
        // And asking again counts on the question already waiting.
        let again = domain::glossary::service::ask(&app.db, None, board.id, "brokerage", None, "192.0.2.9").await.unwrap();
        assert!(matches!(again, domain::glossary::AskOutcome::Queued { request } if request.times_asked == 2));
    }
}
