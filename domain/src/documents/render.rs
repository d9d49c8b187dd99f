//! Markdown to HTML a page can show: pulldown-cmark renders, then ammonia keeps only safe tags
//! and attributes. Raw HTML in the Markdown is dropped, and so is any `javascript:` link.

use aho_corasick::{AhoCorasick, MatchKind};
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

/// How deeply quotes and lists may nest (a list in a list counts two: the list and its item).
/// Far more than any real document uses.
const MAX_NESTING: usize = 32;

pub fn markdown_to_safe_html(markdown: &str) -> String {
    markdown_to_safe_html_explained(markdown, &[]).0
}

/// Finds whole-word uses of glossary terms (and their plurals, ASCII case ignored) in one pass
/// over a text, whatever the number of terms: an Aho-Corasick automaton reports every place any
/// term matches, and the earliest whole-word match wins, the longer at the same place ("direct
/// payment" over "direct").
struct TermFinder {
    automaton: Option<AhoCorasick>,
    /// The index in the caller's list of each pattern given to the automaton.
    index: Vec<usize>,
}

impl TermFinder {
    fn new<'a>(terms: impl IntoIterator<Item = (usize, &'a str)>) -> Self {
        let (index, patterns): (Vec<usize>, Vec<&str>) = terms.into_iter().filter(|(_, t)| !t.is_empty()).unzip();
        let automaton = (!patterns.is_empty())
            .then(|| AhoCorasick::builder().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(&patterns).ok())
            .flatten();
        Self { automaton, index }
    }

    /// Whole-word uses in `text`, left to right and never overlapping: (start, term index, length).
    fn uses(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let Some(automaton) = &self.automaton else { return Vec::new() };
        let bytes = text.as_bytes();
        let is_word_at = |i: usize| text[i..].chars().next().is_some_and(char::is_alphanumeric);
        let starts_word = |i: usize| text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let mut found: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(text)
            .filter_map(|m| {
                let mut end = m.end();
                if bytes.get(end).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
                    end += 1;
                }
                (starts_word(m.start()) && !is_word_at(end)).then(|| (m.start(), self.index[m.pattern().as_usize()], end - m.start()))
            })
            .collect();
        // Earliest first; at the same place, the longest first.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)));
        let mut taken = Vec::with_capacity(found.len());
        let mut free_from = 0;
        for use_ in found {
            if use_.0 >= free_from {
                free_from = use_.0 + use_.2;
                taken.push(use_);
            }
        }
        taken
    }
}

/// The glossary terms a plain text uses (whole words, plurals too), in the glossary's order: for
/// texts that cannot carry links, such as emails, which add the explanations below instead.
pub fn terms_used_in(text: &str, terms: &[crate::glossary::Term]) -> Vec<crate::glossary::Term> {
    let finder = TermFinder::new(terms.iter().enumerate().map(|(i, t)| (i, t.term.as_str())));
    let mut used = vec![false; terms.len()];
    for (_, index, _) in finder.uses(text) {
        used[index] = true;
    }
    terms.iter().zip(used).filter(|(_, u)| *u).map(|(t, _)| t.clone()).collect()
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
    let finder = TermFinder::new(terms.iter().enumerate().map(|(i, t)| (i, t.term.as_str())));
    let mut explained = vec![false; terms.len()];
    let mut used: Vec<crate::glossary::Term> = Vec::new();
    // Not inside links (a link in a link is not allowed) or headings (they stay short and plain).
    let mut depth = 0usize;
    // Quotes and lists nested deeper than MAX_NESTING lose their extra levels (the words stay):
    // the sanitiser's HTML parser takes time growing with the square of the nesting depth, so
    // 10,000 nested list items ("- - - …", 20 KB) took over a second and a 1 MB document of them
    // would have held a thread for many minutes. `kept` counts the levels kept; `containers` says,
    // for each one open, whether it was kept, so its end goes the same way.
    let (mut kept, mut containers) = (0usize, Vec::<bool>::new());
    let mut events: Vec<Event> = Vec::new();
    for event in parser {
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                let keep = kept < MAX_NESTING;
                containers.push(keep);
                if !keep {
                    continue;
                }
                kept += 1;
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => match containers.pop() {
                Some(false) => continue,
                Some(true) => kept -= 1,
                None => {}
            },
            _ => {}
        }
        match event {
            Event::Start(Tag::Link { .. } | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => {
                depth += 1;
                events.push(event);
            }
            Event::End(TagEnd::Link | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image) => {
                depth = depth.saturating_sub(1);
                events.push(event);
            }
            Event::Text(text) if depth == 0 && !terms.is_empty() => {
                let mut done = 0;
                for (start, index, len) in finder.uses(&text) {
                    if explained[index] {
                        // Explained already: left as words, so "payment" inside a later
                        // "direct payment" is not linked on its own.
                        continue;
                    }
                    explained[index] = true;
                    let term = &terms[index];
                    events.push(Event::Text(text[done..start].to_owned().into()));
                    events.push(Event::InlineHtml(format!("<a href=\"#term-{}\">", term.slug).into()));
                    events.push(Event::Text(text[start..start + len].to_owned().into()));
                    events.push(Event::InlineHtml("</a>".into()));
                    used.push(term.clone());
                    done = start + len;
                }
                events.push(Event::Text(text[done..].to_owned().into()));
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

    /// A megabyte of one glossary term once rescanned the rest of the text, in lower case, for
    /// every term at every use. Now one pass finds them all; only the first use is linked.
    #[test]
    fn a_megabyte_of_glossary_words_is_linked_in_one_pass() {
        let term = |t: &str, slug: &str| crate::glossary::Term { id: uuid::Uuid::nil(), term: t.into(), slug: slug.into(), explanation: "…".into() };
        let terms = [term("payment", "payment"), term("direct payment", "direct-payment")];
        let body = "direct payment payments ".repeat(43_690);
        let (html, used) = super::markdown_to_safe_html_explained(&body, &terms);
        assert_eq!(html.matches("#term-direct-payment").count(), 1);
        assert_eq!(html.matches("#term-payment\"").count(), 1, "the plural on its own is the first use of payment");
        assert_eq!(used.len(), 2);
    }

    #[test]
    fn terms_are_found_only_as_whole_words() {
        let term = |t: &str, slug: &str| crate::glossary::Term { id: uuid::Uuid::nil(), term: t.into(), slug: slug.into(), explanation: "…".into() };
        let terms = [term("PA", "pa"), term("direct", "direct"), term("direct payment", "direct-payment")];
        let used = super::terms_used_in("Spa days and paying; a direct paymentx.", &terms);
        let slugs: Vec<&str> = used.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs, vec!["direct"], "\"direct paymentx\" is not a use of \"direct payment\", but \"direct\" still is");
        let (html, _) = super::markdown_to_safe_html_explained("Your PAs and pas.", &terms);
        assert!(html.contains(r##"<a href="#term-pa" rel="noopener noreferrer">PAs</a> and pas."##), "{html}");
    }

    #[test]
    fn ordinary_links_keep_working_safely() {
        let html = markdown_to_safe_html("[Care Act](https://www.legislation.gov.uk/ukpga/2014/23)");
        assert!(html.contains(r#"href="https://www.legislation.gov.uk/ukpga/2014/23""#) && html.contains("noopener"));
    }
}
