//! How long document work takes on a long policy: rendering 20,000 words of Markdown to safe
//! HTML, comparing two versions word by word, and merging two edits; then three 1 MB bodies built
//! to be slow. Prints figures; asserts nothing about time. Run: `cargo bench -p domain --features db --bench documents`.

use std::time::{Duration, Instant};

use domain::documents::{merge, render};
use domain::glossary::Term;

fn policy(words: usize) -> String {
    let sentence = "You can use your direct payment to employ a personal assistant who supports you at home";
    let per_sentence = sentence.split_whitespace().count() + 1;
    let mut out = String::from("# Direct Payments Policy\n\n");
    let mut written = 0;
    let mut section = 1;
    while written < words {
        if written % 600 < per_sentence {
            out.push_str(&format!("## Part {section}: what this means for you\n\n"));
            section += 1;
        }
        if written % 300 < per_sentence {
            out.push_str("- **Care Act** duties apply.\n- See [the guidance](https://example.org/guidance).\n\n");
        }
        out.push_str(&format!("{sentence} (point {written}).\n\n"));
        written += per_sentence;
    }
    out
}

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    let mut best = Duration::MAX;
    let start = Instant::now();
    for _ in 0..runs {
        let one = Instant::now();
        std::hint::black_box(f());
        best = best.min(one.elapsed());
    }
    let mean = start.elapsed() / runs;
    println!("{label:<58} mean {:>8.2} ms   best {:>8.2} ms   ({runs} runs)", mean.as_secs_f64() * 1e3, best.as_secs_f64() * 1e3);
}

fn main() {
    let text = policy(20_000);
    let words = text.split_whitespace().count();
    println!("A policy of {words} words, {} KB of Markdown.", text.len() / 1024);
    time("render Markdown to sanitised HTML (pulldown-cmark + ammonia)", 30, || render::markdown_to_safe_html(&text));
    // The document page renders with the board's glossary: each term's first use becomes a link.
    let glossary: Vec<Term> = ["direct payment", "personal assistant", "Care Act", "support plan", "eligibility", "financial monitoring", "payroll", "personal budget", "reablement", "carer's assessment"]
        .iter()
        .map(|t| Term { id: uuid::Uuid::nil(), term: (*t).into(), slug: domain::spaces::slugify(t), explanation: "A plain explanation.".into() })
        .collect();
    time("render with a 10-word glossary linking first uses", 30, || render::markdown_to_safe_html_explained(&text, &glossary));
    time("plain-language check (reading ease, sentences, jargon)", 30, || domain::writing::check::readability(&text));
    let theirs = text.replacen("point 600)", "point 600, changed by Priya)", 1);
    let yours = text.replacen("point 19000)", "point 19000, changed by Alex)", 1);
    time("three-way merge of two edits", 30, || merge::three_way(&text, &theirs, &yours));
    time("word-by-word comparison of two versions", 10, || merge::word_diff(&theirs, &yours));

    // Bodies built to be slow (1 MB each, the request limit): every text operation must stay
    // roughly linear in the length of the text, whatever its shape.
    println!();
    let headings = "# a\n".repeat(262_144);
    let stops = format!("x{}", ". ".repeat(524_287));
    let terms = "direct payment ".repeat(69_905);
    for (label, body) in [("1 MB of repeated headings", &headings), ("1 MB of full stops", &stops), ("1 MB of one glossary term", &terms)] {
        println!("{label} ({} KB):", body.len() / 1024);
        time("  split into easy-read sections", 3, || domain::documents::sections(body));
        time("  render with the glossary", 3, || render::markdown_to_safe_html_explained(body, &glossary));
        time("  plain-language check", 3, || domain::writing::check::readability(body));
    }
    // Two long texts with nothing in common: comparing them grows with the product of their
    // lengths, so it stops looking for the smallest answer after a set time.
    let a: String = (0..60_000).map(|i| format!("line a{i}\n")).collect();
    let b: String = (0..60_000).map(|i| format!("line b{i}\n")).collect();
    println!("Two texts of {} KB with nothing in common:", a.len() / 1024);
    time("  three-way merge", 3, || merge::three_way(&a, &b, &a.replace("line a1\n", "line c1\n")));
    time("  word-by-word comparison", 3, || merge::word_diff(&a, &b));
}
