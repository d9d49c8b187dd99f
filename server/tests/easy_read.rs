//! Easy-read companions on SQLite and PostgreSQL: written part by part beside the full text,
//! flagged when the full text of a part changes, and required before publishing where a space
//! asks for it.

mod common;

use domain::accounts::{NewAccount, create_account};
use domain::people::Perspective;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

on_both_databases! {
    async fn easy_read_part_by_part_and_required_before_publishing(app: TestApp) {
        app.load_demo().await;
        create_account(&app.db, NewAccount { display_name: "Priya".into(), email: "priya@example.org".into(), perspective: Some(Perspective::Staff), password: Some("purple kettle island".into()), ..Default::default() }).await.unwrap();
        let priya = common::session_from(&app.post_form("/sign-in", &[("email", "priya@example.org"), ("password", "purple kettle island")], None).await).unwrap();
        let text = "We help you.\n\n# When to pay\n\nPay on the last working day.\n\n# Payroll\n\nA payroll service works out tax.\n";
        let doc = location(&app.post_form("/documents/new/policy", &[("title", "Paying"), ("kind", "paperwork"), ("body", text)], Some(&priya)).await).split('?').next().unwrap().to_owned();
        let response = app.post_form(&format!("{doc}/rule"), &[("coproduction", "on"), ("easy_read", "on")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 303);

        let (status, html) = app.get_as(&format!("{doc}/easy-read"), &priya).await;
        assert_eq!(status, 200);
        assert!(html.contains("0 of 3 parts have an easy-read version. This space asks for an up-to-date easy-read version before publishing."), "{html}");
        assert!(html.contains(r#"<h2 id="part-when-to-pay">When to pay</h2>"#) && html.contains("There is no easy-read version of this part yet."));
        assert_eq!(app.get_text(&format!("{doc}/easy-read")).await.0, 404, "drafts are not public");

        // A picture comes from this site or over https://, which the page's security policy allows.
        let response = app.post_form(&format!("{doc}/easy-read/when-to-pay"), &[("body", "You pay your PA."), ("image_url", "http://example.org/calendar.png"), ("image_alt", "A calendar")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        assert!(response.text().await.unwrap().contains("address should start with https:// or with /."));

        // A picture needs a description.
        let response = app.post_form(&format!("{doc}/easy-read/when-to-pay"), &[("body", "You pay your PA once a month."), ("image_url", "https://example.org/calendar.png"), ("image_alt", "")], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 422);
        let html = response.text().await.unwrap();
        assert!(html.contains("Please describe the picture") && html.contains("You pay your PA once a month."));
        for (key, body) in [("start", "We are here to help."), ("when-to-pay", "You pay your PA once a month."), ("payroll", "Someone can do the sums for you.")] {
            let response = app.post_form(&format!("{doc}/easy-read/{key}"), &[("body", body), ("image_url", if key == "payroll" { "https://example.org/sums.png" } else { "" }), ("image_alt", "A calculator")], Some(&priya)).await;
            assert_eq!(response.status().as_u16(), 303, "{key}");
        }
        let (_, html) = app.get_as(&format!("{doc}/easy-read"), &priya).await;
        assert!(html.contains("3 of 3 parts have an easy-read version.") && html.contains(r#"<img src="https://example.org/sums.png" alt="A calculator">"#), "{html}");
        let (_, easy_only) = app.get_as(&format!("{doc}/easy-read?show=easy"), &priya).await;
        assert!(easy_only.contains("Someone can do the sums for you.") && !easy_only.contains("A payroll service works out tax."));

        // The full text of one part changes: that part is flagged, and publishing waits.
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &priya).await;
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", &text.replace("works out tax", "works out tax and National Insurance"))], Some(&priya)).await;
        let (_, html) = app.get_as(&format!("{doc}/easy-read"), &priya).await;
        assert!(html.contains("3 of 3 parts have an easy-read version; 1 out of date.") && html.matches("Out of date. ").count() == 1, "{html}");

        let (_, page) = app.get_as(&doc, &priya).await;
        let rev = page.split(r#"name="revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        app.post_form(&format!("{doc}/status"), &[("to", "out_for_comment"), ("revision_id", &rev)], Some(&priya)).await;
        app.post_form(&format!("{doc}/rule"), &[("easy_read", "on")], Some(&priya)).await; // co-production off: Priya alone agrees
        app.post_form(&format!("{doc}/view"), &[("revision_id", &rev), ("response", "agree")], Some(&priya)).await;
        assert_eq!(app.post_form(&format!("{doc}/status"), &[("to", "agreed"), ("revision_id", &rev)], Some(&priya)).await.status().as_u16(), 303);
        let response = app.post_form(&format!("{doc}/status"), &[("to", "published"), ("revision_id", &rev)], Some(&priya)).await;
        assert_eq!(response.status().as_u16(), 409);
        let html = response.text().await.unwrap().replace("<!>", "");
        assert!(html.contains("It cannot be published yet. This space asks for an up-to-date easy-read version before publishing. Parts whose full text changed since the easy-read version was written: Payroll."), "{html}");

        // Bringing the easy-read part up to date lets it be published.
        app.post_form(&format!("{doc}/easy-read/payroll"), &[("body", "Someone can work out the tax for you."), ("image_url", ""), ("image_alt", "")], Some(&priya)).await;
        assert_eq!(app.post_form(&format!("{doc}/status"), &[("to", "published"), ("revision_id", &rev)], Some(&priya)).await.status().as_u16(), 303);

        // The public reads the easy-read version of what was published, beside the full text.
        let (_, public) = app.get_text(&format!("{doc}/published")).await;
        assert!(public.contains(&format!(r#"<a href="{doc}/published/easy-read">Easy read version</a>"#)), "{public}");
        let response = app.get(&format!("{doc}/published/easy-read")).await;
        let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(policy.contains("img-src 'self' data: https:;"), "the pictures the form accepts can be shown: {policy}");
        let (status, easy) = app.get_text(&format!("{doc}/published/easy-read")).await;
        assert_eq!(status, 200);
        assert!(easy.contains("Someone can work out the tax for you.") && easy.contains("National Insurance") && !easy.contains("Write the easy-read version"), "{easy}");

        // And through the API.
        let token = server::cli::create_token(&app.db, "priya@example.org", None).await.unwrap();
        let id = doc.trim_start_matches("/documents/");
        let easy: serde_json::Value = app.client.get(app.url(&format!("/api/v1/documents/{id}/easy-read"))).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        assert_eq!(easy["required"], true);
        assert_eq!(easy["sections"][2]["key"], "payroll");
        assert_eq!(easy["sections"][2]["part"]["up_to_date"], true);
        let (status, public) = app.get_json(&format!("/api/v1/documents/{id}/easy-read")).await;
        assert_eq!((status, public["sections"].as_array().unwrap().len()), (200, 3), "signed out: the published version's");
        let response = app.client.put(app.url(&format!("/api/v1/documents/{id}/easy-read/no-such-part"))).bearer_auth(&token).json(&serde_json::json!({"body": "x"})).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 404);

        // A new draft rewrites Payroll, and its easy-read part is rewritten for the draft. The
        // public still reads the published words, and never the draft's easy-read text.
        let (_, edit) = app.get_as(&format!("{doc}/edit"), &priya).await;
        let base = edit.split(r#"name="base_revision_id" value=""#).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let draft = text.replace("A payroll service works out tax.", "From April a new payroll firm takes over.");
        assert_eq!(app.post_form(&format!("{doc}/edit"), &[("base_revision_id", &base), ("body", &draft)], Some(&priya)).await.status().as_u16(), 303);
        app.post_form(&format!("{doc}/easy-read/payroll"), &[("body", "A new firm does the sums from April."), ("image_url", ""), ("image_alt", "")], Some(&priya)).await;
        let (_, own) = app.get_as(&format!("{doc}/easy-read"), &priya).await;
        assert!(own.contains("A new firm does the sums from April."), "the writers see the draft's part");
        let (status, easy) = app.get_text(&format!("{doc}/published/easy-read")).await;
        assert_eq!(status, 200);
        assert!(!easy.contains("A new firm does the sums from April.") && !easy.contains("Someone can work out the tax for you."), "{easy}");
        assert!(easy.contains("National Insurance") && easy.contains("There is no easy-read version of this part yet."), "{easy}");
        let (_, public) = app.get_json(&format!("/api/v1/documents/{id}/easy-read")).await;
        assert!(public["sections"][2]["part"].is_null(), "{public}");
        assert_eq!(public["sections"][1]["part"]["up_to_date"], true, "parts written for the published words still show");
        let (_, page) = app.get_text(&format!("{doc}/published")).await;
        assert!(!page.contains(&format!(r#"<a href="{doc}/published/easy-read">Easy read version</a>"#)), "no longer offered as complete");
    }
}
