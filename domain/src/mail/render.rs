//! A letter made into the two parts of an email: plain text (always; it reads well in every
//! mail program and screen reader) and a simple HTML part (headings, lists, real links, large
//! type, no images or layout tables), with the words it uses explained and a way to change how
//! often Coboard emails you.

use super::Letter;

/// The address of a letter's "change how often" page.
pub fn settings_url(site_url: &str, key: &str) -> String {
    format!("{site_url}/email-settings/{key}")
}

/// A path on the site made whole; addresses that are whole already are left alone.
pub fn whole(site_url: &str, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") { path.to_owned() } else { format!("{site_url}{path}") }
}

/// Everything in a letter that is read, for finding the glossary words it uses.
pub fn words_of(subject: &str, letter: &Letter) -> String {
    let mut all = vec![subject.to_owned(), letter.greeting.clone()];
    all.extend(letter.paragraphs.iter().cloned());
    for s in &letter.sections {
        all.push(s.heading.clone());
        all.extend(s.items.iter().map(|i| i.label.clone()));
    }
    all.push(letter.why.clone());
    all.join("\n")
}

/// The plain-text and HTML parts. `words` are the glossary words the letter uses, with their
/// explanations.
pub fn render(subject: &str, letter: &Letter, site_url: &str, words: &[(String, String)]) -> (String, String) {
    let settings = letter.settings_key.as_deref().map(|k| settings_url(site_url, k));
    (text(letter, site_url, words, settings.as_deref()), html(subject, letter, site_url, words, settings.as_deref()))
}

fn text(letter: &Letter, site_url: &str, words: &[(String, String)], settings: Option<&str>) -> String {
    let mut out = format!("{}\n\n", letter.greeting);
    for p in &letter.paragraphs {
        out.push_str(p);
        out.push_str("\n\n");
    }
    for s in &letter.sections {
        out.push_str(&format!("{}\n\n", s.heading));
        for item in &s.items {
            out.push_str(&format!("- {}\n  {}\n", item.label, whole(site_url, &item.path)));
        }
        out.push('\n');
    }
    if let Some(a) = &letter.action {
        out.push_str(&format!("{}:\n\n{}\n\n", a.label, whole(site_url, &a.path)));
    }
    if !words.is_empty() {
        out.push_str("Words explained\n\n");
        for (word, explanation) in words {
            out.push_str(&format!("- {word}: {explanation}\n"));
        }
        out.push('\n');
    }
    out.push_str(&format!("--\n{}\n", letter.why));
    if let Some(url) = settings {
        out.push_str(&format!("\nTo change how often Coboard emails you, or to stop these emails, open:\n{url}\n"));
    }
    out
}

fn html(subject: &str, letter: &Letter, site_url: &str, words: &[(String, String)], settings: Option<&str>) -> String {
    let e = escape;
    let link = |label: &str, path: &str| format!("<a href=\"{}\" style=\"color:#0b4f9c\">{}</a>", e(&whole(site_url, path)), e(label));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head>\n\
         <body style=\"margin:0;padding:1em;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5\">\n\
         <main style=\"max-width:40em\">\n<h1 style=\"font-size:1.4em\">{}</h1>\n<p>{}</p>\n",
        e(subject),
        e(subject),
        e(&letter.greeting)
    );
    for p in &letter.paragraphs {
        out.push_str(&format!("<p>{}</p>\n", e(p).replace('\n', "<br>")));
    }
    for s in &letter.sections {
        out.push_str(&format!("<h2 style=\"font-size:1.2em\">{}</h2>\n<ul>\n", e(&s.heading)));
        for item in &s.items {
            out.push_str(&format!("<li style=\"margin-bottom:0.5em\">{}</li>\n", link(&item.label, &item.path)));
        }
        out.push_str("</ul>\n");
    }
    if let Some(a) = &letter.action {
        out.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:0.6em 1em;background:#0b4f9c;color:#ffffff;text-decoration:underline;font-weight:bold\">{}</a></p>\n",
            e(&whole(site_url, &a.path)),
            e(&a.label)
        ));
    }
    if !words.is_empty() {
        out.push_str("<h2 style=\"font-size:1.2em\">Words explained</h2>\n<dl>\n");
        for (word, explanation) in words {
            out.push_str(&format!("<dt style=\"font-weight:bold\">{}</dt><dd style=\"margin:0 0 0.5em 0\">{}</dd>\n", e(word), e(explanation)));
        }
        out.push_str("</dl>\n");
    }
    out.push_str(&format!("<hr>\n<p>{}</p>\n", e(&letter.why)));
    if let Some(url) = settings {
        out.push_str(&format!("<p>{}</p>\n", link("Change how often Coboard emails you, or stop these emails", url)));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::{Link, Section};

    fn letter() -> Letter {
        Letter {
            greeting: "Hello Priya,".into(),
            paragraphs: vec!["Jo mentioned you in <Policy> & more.".into()],
            sections: vec![Section { heading: "Direct Payments Board".into(), items: vec![Link { label: "A reply".into(), path: "/threads/1".into() }] }],
            action: Some(Link { label: "Read it on Coboard".into(), path: "/threads/1#c".into() }),
            why: "You are getting this because you were mentioned.".into(),
            settings_key: Some("KEY".into()),
        }
    }

    #[test]
    fn both_parts_say_the_same_with_whole_links() {
        let words = vec![("brokerage".to_owned(), "A service that helps you manage payments.".to_owned())];
        let (text, html) = render("Jo mentioned you", &letter(), "https://coboard.example", &words);
        assert!(text.starts_with("Hello Priya,\n\nJo mentioned you in <Policy> & more."), "{text}");
        assert!(text.contains("- A reply\n  https://coboard.example/threads/1"));
        assert!(text.contains("Read it on Coboard:\n\nhttps://coboard.example/threads/1#c"));
        assert!(text.contains("- brokerage: A service"));
        assert!(text.contains("https://coboard.example/email-settings/KEY"));
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("<h1 style=\"font-size:1.4em\">Jo mentioned you</h1>"), "the subject heads the email");
        assert!(html.contains("Jo mentioned you in &lt;Policy&gt; &amp; more."), "nothing typed becomes markup");
        assert!(html.contains("<h2 style=\"font-size:1.2em\">Direct Payments Board</h2>"));
        assert!(html.contains("href=\"https://coboard.example/threads/1#c\""));
        assert!(html.contains("<dt style=\"font-weight:bold\">brokerage</dt>"));
        assert!(html.contains("href=\"https://coboard.example/email-settings/KEY\""));
    }

    #[test]
    fn without_a_key_there_is_no_settings_link() {
        let mut l = letter();
        l.settings_key = None;
        let (text, html) = render("Sign in", &l, "http://x", &[]);
        assert!(!text.contains("email-settings") && !html.contains("email-settings"));
        assert!(!text.contains("Words explained"));
    }
}
