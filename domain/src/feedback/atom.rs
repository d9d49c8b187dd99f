//! An Atom 1.0 feed (RFC 4287) of published items, for council websites and feed readers.

use chrono::{DateTime, SecondsFormat, Utc};

use super::FeedbackSummary;

/// Text made safe for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub(crate) fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The feed. `site` is the site's address without a trailing slash; entry ids are tag-free
/// stable URLs of each item's page.
pub fn feed(site: &str, board_name: &str, items: &[FeedbackSummary]) -> String {
    let updated = items.iter().map(|i| i.last_update_at).max().unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    x.push_str(&format!("  <title>{}</title>\n", escape(&format!("You Said We Did: {board_name}"))));
    x.push_str("  <subtitle>What people told the board, what it did, and how that turned out.</subtitle>\n");
    x.push_str(&format!("  <id>{}/you-said-we-did</id>\n", escape(site)));
    x.push_str(&format!("  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}/you-said-we-did/feed.atom\"/>\n", escape(site)));
    x.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}/you-said-we-did\"/>\n", escape(site)));
    x.push_str(&format!("  <updated>{}</updated>\n", time(updated)));
    x.push_str(&format!("  <author><name>{}</name></author>\n", escape(board_name)));
    for i in items {
        let url = format!("{site}{}", i.link);
        let mut summary = format!("You said: {}", i.said);
        summary.push_str(&format!("\n\nWhere it stands: {}.", i.status.label()));
        if let Some(r) = &i.response {
            summary.push_str(&format!("\n\nWe did: {r}"));
        }
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", escape(&title(&i.said))));
        x.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        x.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&url)));
        x.push_str(&format!("    <updated>{}</updated>\n", time(i.last_update_at)));
        for t in &i.themes {
            x.push_str(&format!("    <category term=\"{}\" label=\"{}\"/>\n", t.as_str(), escape(t.label())));
        }
        x.push_str(&format!("    <summary type=\"text\">{}</summary>\n", escape(&summary)));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// A short title: the first sentence, or the first 100 characters.
pub(crate) fn title(said: &str) -> String {
    let first = said.split_terminator(['.', '\n']).next().unwrap_or(said).trim();
    let t: String = first.chars().take(100).collect();
    if first.chars().count() > 100 { format!("{t}\u{2026}") } else { t }
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(super::escape("a < b & \"c\" 'd'\u{1}"), "a &lt; b &amp; &quot;c&quot; &apos;d&apos;");
        assert_eq!(super::title("The forms are long. They repeat."), "The forms are long");
    }
}
