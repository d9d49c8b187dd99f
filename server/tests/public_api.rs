//! Signed out, the API shows exactly the published material: every read operation in the
//! OpenAPI document is called without a token, with every id we know in every path parameter,
//! and no answer may hold anything unpublished (a draft, a newer draft of a published document,
//! a comment, a meeting, an action, an unpublished You Said We Did item or outcome). The same
//! walk with a member's token finds the unpublished things, so the check can fail.

mod common;

use domain::people::{Perspective, Role};
use reqwest::Method;

/// A word found only in unpublished things.
const SECRET: &str = "zebracrossing";

/// Every way to call `path` with the values given for its parameters.
fn fill(path: &str, values: &dyn Fn(&str) -> Vec<String>) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c).expect("a closed parameter");
        let (before, name) = (&rest[..open], &rest[open + 1..close]);
        out = out.iter().flat_map(|start| values(name).into_iter().map(move |v| format!("{start}{before}{v}"))).collect();
        rest = &rest[close + 1..];
    }
    out.into_iter().map(|p| format!("{p}{rest}")).collect()
}

on_both_databases! {
    async fn signed_out_every_read_holds_only_published_material(app: TestApp) {
        app.load_demo().await;
        let (priya, _) = app.person_with_token("Priya", Perspective::Staff, None).await; // a board co-chair
        let (alex, alex_id) = app.person_with_token("Alex", Perspective::Expert, Some(Role::Member)).await;
        let policy = domain::spaces::service::space_by_slug(&app.db, "policy").await.unwrap().space.id;
        let board = domain::spaces::service::home_board(&app.db).await.unwrap().unwrap().space.id;
        let public_doc = domain::documents::agreeing::list_published(&app.db).await.unwrap()[0].id.to_string();
        let ok = |(status, body): (u16, serde_json::Value)| {
            assert!(status < 300, "{status}: {body}");
            body
        };
        let id_of = |v: &serde_json::Value| v.as_str().unwrap_or_else(|| panic!("an id: {v}")).to_owned();

        // Unpublished things, each holding the secret word.
        let draft = ok(app.call(Method::POST, &format!("/api/v1/spaces/{policy}/documents"), Some(serde_json::json!({"title": format!("The {SECRET} draft"), "kind": "policy", "body": format!("Nobody outside sees {SECRET}.\n")})), Some(&alex)).await);
        let draft_id = id_of(&draft["id"]);
        let suggestion = ok(app.call(Method::POST, &format!("/api/v1/documents/{draft_id}/suggestions"), Some(serde_json::json!({"revision_id": draft["revision"]["id"], "words": "Nobody", "proposed": "No one", "reason": SECRET})), Some(&alex)).await);
        // A newer draft of the published guide: the public keeps reading the published words.
        let guide = ok(app.call(Method::GET, &format!("/api/v1/documents/{public_doc}"), None, Some(&priya)).await);
        let newer = format!("{}\n\nA {SECRET} paragraph.\n", guide["body_markdown"].as_str().or(guide["body"].as_str()).unwrap_or(""));
        let newer = ok(app.call(Method::POST, &format!("/api/v1/documents/{public_doc}/revisions"), Some(serde_json::json!({"base_revision_id": guide["revision"]["id"], "body": newer})), Some(&priya)).await);
        let newer_number = newer["number"].as_i64().unwrap();
        let thread = ok(app.call(Method::POST, "/api/v1/threads", Some(serde_json::json!({"target_type": "discussion", "target_id": policy, "title": format!("About {SECRET}"), "body": format!("A comment on {SECRET}.")})), Some(&alex)).await);
        let thread_id = id_of(&thread["id"]);
        let comments = ok(app.call(Method::GET, &format!("/api/v1/threads/{thread_id}/comments"), None, Some(&alex)).await);
        let comment_id = id_of(&comments["items"][0]["id"]);
        let feedback = ok(app.call(Method::POST, "/api/v1/feedback", Some(serde_json::json!({"said": format!("The {SECRET} form is long"), "source": "event"})), Some(&priya)).await);
        let feedback_id = id_of(&feedback["summary"]["id"]);
        let outcome = ok(app.call(Method::POST, "/api/v1/outcomes", Some(serde_json::json!({"title": format!("The {SECRET} outcome"), "story": "Not yet told.", "links": []})), Some(&priya)).await);
        let outcome_id = id_of(&outcome["id"]);
        let day = (chrono::Utc::now().with_timezone(&chrono_tz::Europe::London).date_naive() + chrono::Duration::days(9)).format("%Y-%m-%d").to_string();
        let meeting = ok(app.call(Method::POST, &format!("/api/v1/spaces/{policy}/meetings"), Some(serde_json::json!({"title": format!("The {SECRET} meeting"), "date": day, "start": "10:00", "end": "11:00", "place": "Hall"})), Some(&priya)).await);
        let meeting_id = id_of(&meeting["id"]);
        let items = ok(app.call(Method::POST, &format!("/api/v1/meetings/{meeting_id}/agenda"), Some(serde_json::json!({"title": format!("{SECRET} item"), "papers": [draft_id]})), Some(&priya)).await);
        let item_id = id_of(&items[0]["id"]);
        let action = ok(app.call(Method::POST, "/api/v1/actions", Some(serde_json::json!({"meeting_id": meeting_id, "what": format!("Write the {SECRET} letter"), "owner_id": alex_id, "due_on": day})), Some(&priya)).await);
        let action_id = id_of(&action["id"]);
        let private = [draft_id.clone(), id_of(&draft["revision"]["id"]), id_of(&newer["revision_id"]), id_of(&suggestion["id"]), thread_id, comment_id, feedback_id, outcome_id, meeting_id, item_id, action_id];

        // Every id we know, public and private, for every `{id}`.
        let (_, published_feedback) = app.call(Method::GET, "/api/v1/feedback", None, None).await;
        let (_, published_outcomes) = app.call(Method::GET, "/api/v1/outcomes", None, None).await;
        let (_, glossary) = app.call(Method::GET, &format!("/api/v1/spaces/{board}/glossary"), None, None).await;
        let mut ids: Vec<String> = vec![board.to_string(), policy.to_string(), public_doc.clone(), alex_id.to_string()];
        ids.extend(published_feedback["items"].as_array().into_iter().flatten().filter_map(|i| i["id"].as_str().map(str::to_owned)));
        ids.extend(published_outcomes["items"].as_array().into_iter().flatten().filter_map(|i| i["id"].as_str().map(str::to_owned)));
        ids.extend(glossary["items"].as_array().into_iter().flatten().take(2).filter_map(|i| i["id"].as_str().map(str::to_owned)));
        ids.extend(private.iter().cloned());
        let values = |name: &str| -> Vec<String> {
            match name {
                "rev" | "number" => vec!["1".into(), "2".into(), newer_number.to_string()],
                "kind" => vec!["agree".into()],
                "key" => vec!["intro".into()],
                _ => ids.clone(),
            }
        };
        let queries = |path: &str| -> Vec<String> {
            let mut q = vec![String::new()];
            match path {
                "/api/v1/search" => q = vec![format!("?q={SECRET}"), "?q=payments".into()],
                "/api/v1/threads" => q = ids.iter().flat_map(|id| ["discussion", "document"].map(|t| format!("?target_type={t}&target_id={id}"))).collect(),
                "/api/v1/documents/{id}/diff" => q = vec!["?from=1&to=2".into(), format!("?from=1&to={newer_number}")],
                "/api/v1/feedback" => q.push("?published=false".into()),
                "/api/v1/actions" => q.extend([format!("?space_id={policy}"), "?status=all".into()]),
                _ => {}
            }
            q
        };

        let (_, doc) = app.get_json("/api/v1/openapi.json").await;
        let mut reads: Vec<String> = doc["paths"].as_object().unwrap().iter().filter(|(_, item)| item.get("get").is_some()).map(|(p, _)| p.clone()).collect();
        // The live event stream stays open; signed out it is refused (tests/conversations.rs).
        reads.retain(|p| p != "/api/v1/events");
        let private: &[String] = &private;
        let walk = |token: Option<String>| {
            let (reads, app) = (reads.clone(), &app);
            let (values, queries) = (&values, &queries);
            async move {
                let mut found = Vec::new();
                let mut calls = 0;
                for path in &reads {
                    for filled in fill(path, values) {
                        for q in queries(path) {
                            let mut request = app.client.get(app.url(&format!("{filled}{q}")));
                            if let Some(t) = &token {
                                request = request.bearer_auth(t);
                            }
                            let response = request.send().await.unwrap();
                            let status = response.status().as_u16();
                            assert!(status < 500, "GET {filled}{q}: {status}");
                            let mut body = response.text().await.unwrap_or_default().to_lowercase();
                            if path == "/api/v1/search" {
                                // The answer repeats what was asked: only the results count.
                                body = serde_json::from_str::<serde_json::Value>(&body).map(|v| v["items"].to_string()).unwrap_or(body);
                            }
                            calls += 1;
                            if status < 300 && (body.contains(SECRET) || private.iter().any(|id| body.contains(id.as_str()))) {
                                found.push(format!("GET {filled}{q}"));
                            }
                        }
                    }
                }
                (found, calls)
            }
        };
        let (leaks, calls) = walk(None).await;
        assert!(calls > 200, "the walk made {calls} calls");
        assert!(leaks.is_empty(), "signed out, these answers hold unpublished material: {leaks:#?}");

        // The published material is there for everyone.
        let (_, listed) = app.call(Method::GET, "/api/v1/published", None, None).await;
        assert!(listed.to_string().contains(&public_doc));
        let (status, published) = app.call(Method::GET, &format!("/api/v1/documents/{public_doc}"), None, None).await;
        assert_eq!(status, 200, "a published document's own address answers the public");
        assert!(!published.to_string().to_lowercase().contains(SECRET), "with the published words, not the newer draft");

        // A member of the group finds the unpublished things by the same walk.
        let (seen, _) = walk(Some(alex)).await;
        for must in ["/api/v1/search?q=", &format!("/api/v1/documents/{draft_id}"), "/api/v1/threads/"] {
            assert!(seen.iter().any(|s| s.contains(must)), "a member reads {must}: {seen:#?}");
        }
    }
}
