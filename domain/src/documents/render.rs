//! Markdown to HTML a page can show: pulldown-cmark renders, then ammonia keeps only safe tags
//! and attributes. Raw HTML in the Markdown is dropped, and so is any `javascript:` link.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A document sits under the page's own `<h1>` (its title), so its headings move one level down:
/// `#` becomes `<h2>`, and the page keeps exactly one `<h1>` for screen reader users.
fn one_level_down(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // Raw HTML never gets through: it is shown as text instead.
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: one_level_down(level), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(one_level_down(level))),
        other => other,
    });
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&rendered)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::markdown_to_safe_html;

    #[test]
    fn scripts_and_javascript_links_never_reach_a_page() {
        let html = markdown_to_safe_html(
            "# Policy\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n**Clear** and *simple*.",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<img"), "raw tags never become elements: {html}");
        assert!(html.contains("<h2>Policy</h2>") && html.contains("<strong>Clear</strong>"), "headings sit under the page title: {html}");
        assert!(html.contains("&lt;script&gt;"), "raw HTML is shown as text: {html}");
    }

    #[test]
    fn ordinary_links_keep_working_safely() {
        let html = markdown_to_safe_html("[Care Act](https://www.legislation.gov.uk/ukpga/2014/23)");
        assert!(html.contains(r#"href="https://www.legislation.gov.uk/ukpga/2014/23""#) && html.contains("noopener"));
    }
}
