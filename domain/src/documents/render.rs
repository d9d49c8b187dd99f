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
    markdown_to_safe_html_explained(markdown, &[]).0
}

/// Where the earliest whole-word use of any of `terms` (or its plural) starts in `text`, which
/// term, and how long the match is. `text` is compared in ASCII lower case, so byte offsets hold.
fn first_use(text: &str, terms: &[(usize, String)]) -> Option<(usize, usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let boundary = |i: usize| lower[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let mut best: Option<(usize, usize, usize)> = None;
    for (index, term) in terms {
        let mut from = 0;
        while let Some(found) = lower[from..].find(term.as_str()) {
            let start = from + found;
            let mut end = start + term.len();
            if lower[end..].starts_with('s') {
                end += 1;
            }
            let ends_word = lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if boundary(start) && ends_word {
                // The earliest wins; at the same place, the longer term ("direct payment" over "payment").
                if best.is_none_or(|(s, _, len)| start < s || (start == s && end - start > len)) {
                    best = Some((start, *index, end - start));
                }
                break;
            }
            from = start + term.len().max(1);
        }
    }
    best
}

/// The glossary terms a plain text uses (whole words, plurals too), in the glossary's order: for
/// texts that cannot carry links, such as emails, which add the explanations below instead.
pub fn terms_used_in(text: &str, terms: &[crate::glossary::Term]) -> Vec<crate::glossary::Term> {
    terms.iter().filter(|t| first_use(text, &[(0, t.term.to_ascii_lowercase())]).is_some()).cloned().collect()
}

/// Renders like `markdown_to_safe_html`, and links the first use of each glossary term to its
/// explanation below the text (`#term-{slug}`): a plain link, so it works by keyboard and screen
/// reader, never on hover only. Returns the HTML and the terms used, in order of first use.
pub fn markdown_to_safe_html_explained(markdown: &str, terms: &[crate::glossary::Term]) -> (String, Vec<crate::glossary::Term>) {
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
    let waiting: Vec<(usize, String)> = terms.iter().enumerate().map(|(i, t)| (i, t.term.to_ascii_lowercase())).filter(|(_, t)| !t.is_empty()).collect();
    let mut used: Vec<crate::glossary::Term> = Vec::new();
    // Not inside links (a link in a link is not allowed) or headings (they stay short and plain).
    let mut depth = 0usize;
    let mut events: Vec<Event> = Vec::new();
    for event in parser {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                events.push(event);
            }
            Event::Text(text) if depth == 0 && !waiting.is_empty() => {
                let mut rest: &str = &text;
                while let Some((start, index, len)) = first_use(rest, &waiting) {
                    let term = &terms[index];
                    if used.iter().any(|u| u.slug == term.slug) {
                        // Explained already: left as words, so "payment" inside a later
                        // "direct payment" is not linked on its own.
                        events.push(Event::Text(rest[..start + len].to_owned().into()));
                    } else {
                        events.push(Event::Text(rest[..start].to_owned().into()));
                        events.push(Event::InlineHtml(format!("<a href=\"#term-{}\">", term.slug).into()));
                        events.push(Event::Text(rest[start..start + len].to_owned().into()));
                        events.push(Event::InlineHtml("</a>".into()));
                        used.push(term.clone());
                    }
                    rest = &rest[start + len..];
                }
                events.push(Event::Text(rest.to_owned().into()));
            }
            other => events.push(other),
        }
    }
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, events.into_iter());
    let clean = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&rendered)
        .to_string();
    (clean, used)
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
    fn the_first_use_of_each_glossary_term_links_to_its_explanation() {
        let term = |t: &str, slug: &str| crate::glossary::Term { id: uuid::Uuid::nil(), term: t.into(), slug: slug.into(), explanation: "…".into() };
        let terms = [term("payment", "payment"), term("direct payment", "direct-payment"), term("support plan", "support-plan"), term("PA", "pa")];
        let (html, used) = super::markdown_to_safe_html_explained(
            "# Direct payments\n\nYour Direct Payments pay for your PA. A direct payment is money. [support plan](https://example.org) and your support plans.\n\n<b>PA</b>",
            &terms,
        );
        assert!(html.contains(r##"Your <a href="#term-direct-payment" rel="noopener noreferrer">Direct Payments</a> pay for your <a href="#term-pa" rel="noopener noreferrer">PA</a>."##), "{html}");
        assert_eq!(html.matches("#term-direct-payment").count(), 1, "only the first use: {html}");
        assert!(html.contains("<h2>Direct payments</h2>"), "headings stay plain: {html}");
        assert!(html.contains(r##"your <a href="#term-support-plan" rel="noopener noreferrer">support plans</a>."##), "not inside another link: {html}");
        assert!(html.contains("&lt;b&gt;"), "raw HTML is still only text: {html}");
        let slugs: Vec<&str> = used.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, vec!["direct-payment", "pa", "support-plan"]);
    }

    #[test]
    fn ordinary_links_keep_working_safely() {
        let html = markdown_to_safe_html("[Care Act](https://www.legislation.gov.uk/ukpga/2014/23)");
        assert!(html.contains(r#"href="https://www.legislation.gov.uk/ukpga/2014/23""#) && html.contains("noopener"));
    }
}
