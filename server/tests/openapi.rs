//! The OpenAPI document and the API agree exactly, and no operation answers bad input with a
//! 500: a fuzz pass over every operation in the document, on SQLite and PostgreSQL, with
//! generated malformed ids, parameters and bodies (proptest), signed out and with a token.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// Routes served outside `/api/v1` but described in the document.
const OUTSIDE_API: &[(&str, &[&str])] = &[("/healthz", &["get"])];

/// Every `(path, method)` the document describes.
fn documented(doc: &serde_json::Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["get", "put", "post", "delete", "patch", "head", "options", "trace"] {
            if item.get(method).is_some() {
                out.insert((path.clone(), method.to_owned()));
            }
        }
    }
    out
}

#[test]
fn the_document_describes_exactly_the_routes_served() {
    let doc = serde_json::to_value(<server::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
    let served: BTreeSet<(String, String)> = server::api::ROUTES
        .iter()
        .map(|(p, m)| (format!("/api/v1{p}"), *m))
        .chain(OUTSIDE_API.iter().map(|(p, m)| (p.to_string(), *m)))
        .flat_map(|(p, methods)| methods.iter().map(move |m| (p.clone(), m.to_string())))
        .collect();
    let documented = documented(&doc);
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let not_served: Vec<_> = documented.difference(&served).collect();
    assert!(undocumented.is_empty(), "served but not in the OpenAPI document: {undocumented:?}");
    assert!(not_served.is_empty(), "in the OpenAPI document but not served: {not_served:?}");
    assert_eq!(doc["openapi"].as_str().map(|v| v.starts_with("3.")), Some(true));
}

/// A path parameter: an id of the wrong shape, a real-looking id nobody has, or worse.
fn path_param() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0193a5c2-7f1e-7c3b-9a41-2d8e5f6a7b8c".to_owned()),
        Just("not-an-id".to_owned()),
        Just("%FF%FE".to_owned()),
        Just("-1".to_owned()),
        Just("99999999999999999999999".to_owned()),
        "[a-zA-Z0-9]{0,12}".prop_map(|s| if s.is_empty() { "x".to_owned() } else { s }),
        Just("a".repeat(5000)),
        Just("%00".to_owned()),
    ]
}

/// A query string with wrong types, limits out of range, bad cursors and unknown names.
fn query() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("-1".to_owned()),
        Just("0".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("%FF".to_owned()),
        Just("c1.zzzz".to_owned()),
        Just("s1.-5".to_owned()),
        Just("true".to_owned()),
        Just("x".repeat(3000)),
        "[a-z0-9]{0,8}",
    ];
    let name = prop_oneof![Just("limit"), Just("cursor"), Just("q"), Just("status"), Just("space"), Just("show"), Just("colour"), Just("limit[]")];
    proptest::collection::vec((name, value), 0..4).prop_map(|pairs| {
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"))
        }
    })
}

/// A JSON value of any shape: wrong types for every field.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| serde_json::json!(f)),
        ".{0,20}".prop_map(serde_json::Value::String),
        Just(serde_json::Value::String("x".repeat(200_000))),
        Just(serde_json::json!("0193a5c2-7f1e-7c3b-9a41-2d8e5f6a7b8c")),
        Just(serde_json::json!("2027-02-30")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("title".to_owned()), Just("body".to_owned()), Just("status".to_owned()), Just("revision_id".to_owned()),
                    Just("base_revision_id".to_owned()), Just("kind".to_owned()), Just("email".to_owned()), Just("role".to_owned()),
                    Just("response".to_owned()), Just("date".to_owned()), Just("start".to_owned()), Just("end".to_owned()),
                    Just("target_type".to_owned()), Just("target_id".to_owned()), Just("said".to_owned()), Just("source".to_owned()),
                    Just("unknown_field".to_owned()), "[a-z_]{1,10}",
                ],
                inner,
                0..5,
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A request body: JSON of the wrong shape, not JSON at all, invalid UTF-8, or nothing.
#[derive(Debug, Clone)]
enum Body {
    None,
    Json(serde_json::Value),
    Bytes(Vec<u8>, &'static str),
}

fn bodies() -> impl Strategy<Value = Body> {
    prop_oneof![
        Just(Body::None),
        json_value().prop_map(Body::Json),
        Just(Body::Bytes(vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'], "application/json")),
        Just(Body::Bytes(b"{\"title\": ".to_vec(), "application/json")),
        Just(Body::Bytes(b"title=x&body=y".to_vec(), "application/x-www-form-urlencoded")),
        Just(Body::Bytes(b"[1,2,3]".to_vec(), "text/plain")),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(|b| Body::Bytes(b, "application/json")),
    ]
}

/// How many generated requests each operation gets, for each caller (signed out, with a token).
const CASES_PER_OPERATION: usize = 6;

on_both_databases! {
    async fn bad_input_to_any_operation_never_gets_a_500(app: TestApp) {
        app.load_demo().await;
        app.set_up_first_account().await;
        let token = server::cli::create_token(&app.db, "marcia@example.org", None).await.unwrap();
        let doc = serde_json::to_value(<server::api::ApiDoc as utoipa::OpenApi>::openapi()).unwrap();
        // A fixed seed for each database run, so a failure can be run again exactly.
        let mut runner = TestRunner::new_with_rng(Config::default(), proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha));
        let mut tried = 0;
        for (path, method) in documented(&doc) {
            // The live event stream stays open by design; it takes no body or id.
            if path == "/api/v1/events" {
                continue;
            }
            for case in 0..CASES_PER_OPERATION * 2 {
                let with_token = case % 2 == 1;
                let mut url = path.clone();
                while let Some(start) = url.find('{') {
                    let end = url[start..].find('}').unwrap() + start;
                    let value = path_param().new_tree(&mut runner).unwrap().current();
                    url.replace_range(start..=end, &value);
                }
                url.push_str(&query().new_tree(&mut runner).unwrap().current());
                let sent = bodies().new_tree(&mut runner).unwrap().current();
                let mut request = app.client.request(method.to_uppercase().parse().unwrap(), app.url(&url));
                if with_token {
                    request = request.bearer_auth(&token);
                }
                request = match &sent {
                    Body::None => request,
                    Body::Json(v) => request.json(v),
                    Body::Bytes(b, kind) => request.header("content-type", *kind).body(b.clone()),
                };
                // A server may answer before reading a body it has no use for and close the
                // connection; the client can then miss the answer. Once more, on a new connection.
                let again = request.try_clone().expect("bodies here are in memory");
                let response = match request.send().await {
                    Ok(r) => r,
                    Err(_) => match again.send().await {
                        Ok(r) => r,
                        Err(e) => panic!("{method} {} with {:.300} (token: {with_token}): no answer: {e}", &url[..url.len().min(200)], format!("{sent:?}")),
                    },
                };
                let status = response.status().as_u16();
                let kind = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
                let text = response.text().await.unwrap_or_default();
                assert!(status < 500, "{method} {url} with {sent:?} (token: {with_token}) answered {status}: {text}");
                if status >= 400 {
                    assert!(kind.starts_with("application/json"), "{method} {url}: an error is JSON, not {kind}: {text}");
                    let err: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{method} {url}: {text}"));
                    assert!(err["error"]["code"].is_string() && err["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{method} {url}: the error shape: {text}");
                }
                tried += 1;
            }
        }
        assert!(tried > 500, "every operation was tried ({tried} requests)");
    }
}
