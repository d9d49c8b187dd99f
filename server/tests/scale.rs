//! At scale (issue 18): the generator (`coboard seed`) makes a board every page reads as it
//! reads real work, on SQLite and PostgreSQL; long lists come in pages.

mod common;

use common::TestApp;
use domain::entities::{comment, document, feedback_item, person, revision, search_entry, thread};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// The document page with its comments, signed in: the budget of `budgets.rs` for a document
/// page, which holds however many threads and comments there are.
const DOCUMENT_SIGNED_IN: u64 = 29;

async fn count<E>(app: &TestApp) -> u64
where
    E: EntityTrait,
    E::Model: Sync,
{
    E::find().count(&app.db).await.unwrap()
}

on_both_databases! {
    async fn a_generated_board_reads_like_real_work(app: TestApp) {
        let marcia = app.set_up_first_account().await;
        let size = domain::seed::Size { feedback: 180, documents: 180, ..domain::seed::Size::SMALL };
        let mut lines = Vec::new();
        let seeded = domain::seed::seed(&app.db, size, |l| lines.push(l)).await.unwrap();
        assert!(lines.iter().any(|l| l.contains("180 You Said We Did items")), "{lines:?}");

        // What was asked for is there (Marcia, made at set-up, is one more person).
        assert_eq!(count::<person::Entity>(&app).await, size.people as u64 + 1);
        assert_eq!(count::<document::Entity>(&app).await, size.documents as u64);
        assert_eq!(count::<revision::Entity>(&app).await, (size.documents * size.versions) as u64);
        assert_eq!(count::<comment::Entity>(&app).await, size.comments as u64);
        assert_eq!(count::<feedback_item::Entity>(&app).await, size.feedback as u64);
        assert_eq!(seeded.comments, size.comments);
        let long = revision::Entity::find_by_id(seeded.long_policy_last).one(&app.db).await.unwrap().unwrap();
        let words = long.body.split_whitespace().count();
        assert!(words >= size.long_policy_words, "the long policy has {words} words");

        // The busiest document shows its comments, within the document page's query budget.
        let on_busy: Vec<_> = thread::Entity::find().filter(thread::Column::TargetId.eq(seeded.busy_document)).all(&app.db).await.unwrap();
        let ids: Vec<_> = on_busy.iter().map(|t| t.id).collect();
        let said = comment::Entity::find().filter(comment::Column::ThreadId.is_in(ids)).order_by_asc(comment::Column::CreatedAt).all(&app.db).await.unwrap();
        assert_eq!(said.len(), size.busy_document_comments);
        let (status, html) = app.get_as(&format!("/documents/{}", seeded.busy_document), &marcia).await;
        assert_eq!(status, 200, "{html}");
        let first_words: String = said[0].body.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        assert!(html.contains(&first_words), "the first comment ({first_words}) is on the page");
        let (_, queries) = app.queries_for(&format!("/documents/{}", seeded.busy_document), Some(&marcia)).await;
        assert!(queries <= DOCUMENT_SIGNED_IN, "the page with {} comments sent {queries} statements", said.len());

        // Versions of the long policy compare; the public reads the published one.
        let (status, html) = app.get_as(&format!("/documents/{}/compare?from=1&to={}", seeded.long_policy, size.versions), &marcia).await;
        assert_eq!(status, 200, "{html}");
        assert!(html.contains("<ins") && html.contains("<del"), "the comparison shows words added and taken out");
        let (status, _) = app.get_text(&format!("/documents/{}/published", seeded.long_policy)).await;
        assert_eq!(status, 200);

        // Search finds generated comments for a co-chair of the board, as it finds real ones.
        assert!(search_entry::Entity::find().count(&app.db).await.unwrap() as usize >= seeded.search_rows);
        let (status, _) = app.get_as("/search?q=timesheet", &marcia).await;
        assert_eq!(status, 200);
        // Ranking differs between the databases, so look past the first page for a comment.
        let marcia_id = person::Entity::find().filter(person::Column::Email.eq("marcia@example.org")).one(&app.db).await.unwrap().unwrap().id;
        let found = domain::search::query::search(&app.db, Some(marcia_id), "timesheet", 0, 2_000).await.unwrap();
        assert!(found.items.iter().any(|f| f.url.contains("#comment-")), "a comment is found");
        let outside = domain::search::query::search(&app.db, None, "timesheet", 0, 2_000).await.unwrap();
        assert!(!outside.items.is_empty() && outside.items.iter().all(|f| f.public), "signed out, only published work is found");

        // The public list comes in pages of 50, newest first; a page past the end is the last.
        let published = feedback_item::Entity::find().filter(feedback_item::Column::PublishedAt.is_not_null()).count(&app.db).await.unwrap() as usize;
        assert!(published > 100, "{published} published");
        let pages = published.div_ceil(50);
        let (status, first) = app.get_text("/you-said-we-did").await;
        assert_eq!(status, 200);
        assert_eq!(first.matches("class=\"feedback-item\"").count(), 50);
        assert!(first.contains(&format!("{published} things people told us")));
        assert!(first.contains(&format!("Page 1 of {pages}")));
        assert!(first.contains("href=\"/you-said-we-did?page=2\" rel=\"next\""), "an Older link");
        let (status, last) = app.get_text(&format!("/you-said-we-did?page={pages}")).await;
        assert_eq!(status, 200);
        assert_eq!(last.matches("class=\"feedback-item\"").count(), published - (pages - 1) * 50);
        assert!(!last.contains("rel=\"next\""));
        let (_, beyond) = app.get_text("/you-said-we-did?page=999").await;
        assert!(beyond.contains(&format!("Page {pages} of {pages}")));
        let (_, odd) = app.get_text("/you-said-we-did?page=-3%00").await;
        assert!(odd.contains(&format!("Page 1 of {pages}")));
        // A filter keeps to its pages.
        let done_count = feedback_item::Entity::find().filter(feedback_item::Column::PublishedAt.is_not_null()).filter(feedback_item::Column::Status.eq("done")).count(&app.db).await.unwrap() as usize;
        assert!(done_count > 50, "{done_count} done: enough for a second page");
        let (_, done) = app.get_text("/you-said-we-did?status=done").await;
        assert!(done.contains(&format!("{done_count} things people told us")));
        assert!(done.contains("status=done&amp;page=2\" rel=\"next\"") || done.contains("status=done&page=2\" rel=\"next\""), "the Older link keeps the filter");
        assert!(!done.contains("href=\"/you-said-we-did?page=2\""), "no page link drops the filter");

        // The members' review list of everything, published or not, comes in pages too.
        let all_items = size.feedback;
        let review_pages = all_items.div_ceil(50);
        let (status, review) = app.get_as("/feedback", &marcia).await;
        assert_eq!(status, 200, "{review}");
        assert_eq!(review.matches("class=\"feedback-item\"").count(), 50);
        assert!(review.contains(&format!("{all_items} items")) && review.contains(&format!("Page 1 of {review_pages}")), "{review}");
        assert!(review.contains("href=\"/feedback?page=2\" rel=\"next\""), "an Older link");
        let (_, last) = app.get_as(&format!("/feedback?page={review_pages}"), &marcia).await;
        assert_eq!(last.matches("class=\"feedback-item\"").count(), all_items - (review_pages - 1) * 50);
        let unpublished = all_items - published;
        let (_, not_yet) = app.get_as("/feedback?published=no", &marcia).await;
        assert!(not_yet.contains(&format!("{unpublished} items")), "{unpublished} not published yet");
        assert!(!not_yet.contains("href=\"/feedback?page=2\""), "no page link drops the filter");

        // Published documents come in pages of 50 too, for three statements however many there
        // are (it was two a document).
        let published_docs = document::Entity::find().filter(document::Column::PublishedRevisionId.is_not_null()).count(&app.db).await.unwrap() as usize;
        assert!(published_docs > 50, "{published_docs} published documents: enough for a second page");
        let doc_pages = published_docs.div_ceil(50);
        let (_, queries) = app.queries_for("/published?page=2", None).await;
        assert!(queries <= 3, "the list of {published_docs} published documents sent {queries} statements");
        let (status, first) = app.get_text("/published").await;
        assert_eq!(status, 200);
        assert_eq!(first.matches("<li><a href=\"/documents/").count(), 50);
        assert!(first.contains(&format!("{published_docs} published. Page 1 of {doc_pages}, newest first: 1 to 50.")), "{first}");
        assert!(first.contains("href=\"/published?page=2\" rel=\"next\""), "an Older link");
        let (_, last) = app.get_text(&format!("/published?page={doc_pages}")).await;
        assert_eq!(last.matches("<li><a href=\"/documents/").count(), published_docs - (doc_pages - 1) * 50);
        assert!(last.contains(&format!("<title>Published documents (page {doc_pages} of {doc_pages})")), "the title says which page");
        let (_, beyond) = app.get_text("/published?page=999").await;
        assert!(beyond.contains(&format!("Page {doc_pages} of {doc_pages}")));

        // Twice on one database is refused, and changes nothing.
        let again = domain::seed::seed(&app.db, size, |_| {}).await.unwrap_err().to_string();
        assert!(again.contains("Nothing was changed"), "{again}");
        assert_eq!(count::<document::Entity>(&app).await, size.documents as u64);
    }
}
