//! The plain-language check itself. Text comes out of the Markdown block by block (a heading or a
//! list item ends a sentence even without a full stop), then is split into sentences and words.
//! Syllables are counted with the usual vowel-group rules, which are close enough for a guide.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Jargon, LONG_SENTENCE, Readability};

/// Known jargon and plainer words, from plain English guides and the board's own list of words
/// people said they did not understand. Lower case; matched as whole words.
const JARGON: &[(&str, &str)] = &[
    ("utilise", "use"),
    ("utilised", "used"),
    ("in order to", "to"),
    ("commence", "start"),
    ("terminate", "end"),
    ("prior to", "before"),
    ("subsequently", "later"),
    ("in accordance with", "under"),
    ("facilitate", "help"),
    ("remuneration", "pay"),
    ("in receipt of", "getting"),
    ("in the event of", "if"),
    ("with regard to", "about"),
    ("notwithstanding", "even though"),
    ("aforementioned", "this"),
    ("furthermore", "also"),
    ("therefore", "so"),
    ("ascertain", "find out"),
    ("endeavour", "try"),
    ("sufficient", "enough"),
    ("additional", "more"),
    ("approximately", "about"),
    ("assistance", "help"),
    ("obtain", "get"),
    ("require", "need"),
    ("requirement", "need"),
    ("expenditure", "spending"),
    ("financial monitoring", "checking how the money is spent"),
    ("eligibility", "whether you can get it"),
    ("eligible", "able to get"),
    ("service user", "person who uses services"),
    ("stakeholders", "people involved"),
    ("going forward", "from now on"),
    ("a number of", "some"),
];

/// Past participles that do not end in "ed", for spotting passive phrases.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "paid", "made", "given", "taken", "sent", "told", "done", "seen", "known", "shown", "written", "kept", "held", "spent", "brought",
    "found", "put", "set", "built", "chosen", "met", "sold", "bought", "thought", "taught", "left", "lost", "read", "heard", "meant",
];

const BE: &[&str] = &["am", "is", "are", "was", "were", "be", "been", "being"];

/// The blocks of plain text in a Markdown document (paragraphs, headings, list items, cells).
fn blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) if !in_code => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                if !current.trim().is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            _ => {}
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// A character that belongs to a word (see `words`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'
}

/// Sentences in a block: split after `.`, `!` or `?` followed by a space; the block's end ends one too.
/// One pass: words are counted as the characters go by, never by reading the sentence again.
fn sentences(block: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    // Words finished in the current sentence, and whether the run of word characters now being
    // read holds a letter or digit (a run of only apostrophes or hyphens is not a word).
    let mut words_so_far = 0usize;
    let mut run_has_alnum = false;
    let mut chars = block.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if word_char(c) {
            run_has_alnum |= c.is_alphanumeric();
            continue;
        }
        if run_has_alnum {
            words_so_far += 1;
            run_has_alnum = false;
        }
        let next = chars.peek().map(|&(_, n)| n);
        if matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace) {
            // "e.g." and "Mr." do not end sentences: a sentence needs at least two words.
            if words_so_far >= 2 || next.is_none() {
                if words_so_far > 0 {
                    out.push(block[start..i + c.len_utf8()].trim());
                }
                start = i + c.len_utf8();
                words_so_far = 0;
            }
        }
    }
    if words_so_far > 0 || run_has_alnum {
        out.push(block[start..].trim());
    }
    out
}

/// Words: runs of letters and digits (apostrophes and hyphens inside a word keep it one word).
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// Syllables in one word, by vowel groups with the common English exceptions.
pub fn syllables(word: &str) -> u32 {
    let w: String = word.to_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if w.is_empty() {
        // Numbers and other scripts count as one.
        return 1;
    }
    if w.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let chars: Vec<char> = w.chars().collect();
    let mut count = 0u32;
    let mut previous_vowel = false;
    for (i, &c) in chars.iter().enumerate() {
        // A y before a vowel sounds as a consonant ("paying", "beyond").
        let vowel = is_vowel(c) && !(c == 'y' && chars.get(i + 1).is_some_and(|&n| is_vowel(n)));
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    let n = chars.len();
    let ends = |s: &str| w.ends_with(s);
    // A silent final e ("make", "home"), but not "-le" after a consonant ("table", "simple").
    if ends("e") && !ends("ee") && !(ends("le") && n > 2 && !is_vowel(chars[n - 3])) {
        count = count.saturating_sub(1);
    }
    // "-ed" is silent except after t or d ("checked" one, "wanted" two).
    if ends("ed") && n > 2 && !matches!(chars[n - 3], 't' | 'd') && !is_vowel(chars[n - 3]) {
        count = count.saturating_sub(1);
    }
    // "-es" is silent except after s, x, z, ch, sh, ce, ge ("makes" one, "uses" two).
    if ends("es") && !(ends("ses") || ends("xes") || ends("zes") || ends("ches") || ends("shes") || ends("ces") || ends("ges")) && n > 2 && !is_vowel(chars[n - 3]) {
        count = count.saturating_sub(1);
    }
    // A silent e before "-ment" ("statement", "requirement"), but not a sounded "-le" ("settlement").
    if let Some(p) = w.find("ement")
        && p >= 2
        && !is_vowel(chars[p - 1])
        && !(chars[p - 1] == 'l' && !is_vowel(chars[p - 2]))
    {
        count = count.saturating_sub(1);
    }
    count.max(1)
}

fn passive_in(sentence: &str) -> Vec<String> {
    let ws = words(sentence);
    let mut out = Vec::new();
    for i in 0..ws.len() {
        if !BE.contains(&ws[i].to_lowercase().as_str()) {
            continue;
        }
        // Allow one adverb between: "is usually paid".
        let mut j = i + 1;
        if ws.get(j).is_some_and(|w| w.to_lowercase().ends_with("ly")) {
            j += 1;
        }
        if let Some(next) = ws.get(j) {
            let lower = next.to_lowercase();
            if (lower.ends_with("ed") && lower.len() > 3) || IRREGULAR_PARTICIPLES.contains(&lower.as_str()) {
                out.push(ws[i..=j].join(" "));
            }
        }
    }
    out
}

fn jargon_in(text: &str) -> Vec<Jargon> {
    let lower: Vec<String> = words(text).into_iter().map(str::to_lowercase).collect();
    let mut found: Vec<Jargon> = Vec::new();
    for (phrase, plainer) in JARGON {
        let parts: Vec<&str> = phrase.split(' ').collect();
        if lower.windows(parts.len()).any(|w| w.iter().zip(&parts).all(|(a, b)| a == b)) && !found.iter().any(|j| j.found == *phrase) {
            found.push(Jargon { found: (*phrase).to_owned(), plainer: (*plainer).to_owned() });
        }
    }
    found
}

/// At most this many long sentences and passive phrases are listed (all are counted), and a
/// listed sentence is cut to `LISTED_CHARS` characters: the help stays readable, and a pasted
/// megabyte without a full stop does not come back as a megabyte of "long sentence".
pub const LISTED: usize = 30;
pub const LISTED_CHARS: usize = 300;

fn cut(sentence: &str) -> String {
    match sentence.char_indices().nth(LISTED_CHARS) {
        Some((at, _)) => format!("{}\u{2026}", &sentence[..at]),
        None => sentence.to_owned(),
    }
}

/// Reads a Markdown text and reports how easy it is to read and where it could be plainer.
/// Linear in the length of the text.
pub fn readability(markdown: &str) -> Readability {
    let blocks = blocks(markdown);
    let all: Vec<&str> = blocks.iter().flat_map(|b| sentences(b)).collect();
    let mut words_total = 0u32;
    let mut syllables_total = 0u32;
    let mut longest = 0u32;
    let mut long_sentences = Vec::new();
    let mut long_total = 0u32;
    let mut passive_phrases: Vec<String> = Vec::new();
    let mut passive_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for s in &all {
        let ws = words(s);
        let n = ws.len() as u32;
        words_total += n;
        syllables_total += ws.iter().map(|w| syllables(w)).sum::<u32>();
        longest = longest.max(n);
        if n > LONG_SENTENCE {
            long_total += 1;
            if long_sentences.len() < LISTED {
                long_sentences.push(cut(s));
            }
        }
        for p in passive_in(s) {
            if passive_seen.insert(p.to_lowercase()) && passive_phrases.len() < LISTED {
                passive_phrases.push(p);
            }
        }
    }
    let sentences_total = all.len() as u32;
    let (wps, spw) = if words_total == 0 { (0.0, 0.0) } else { (words_total as f64 / sentences_total as f64, syllables_total as f64 / words_total as f64) };
    let (ease, grade) = if words_total == 0 { (100.0, 0.0) } else { (206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59) };
    Readability {
        words: words_total,
        sentences: sentences_total,
        syllables: syllables_total,
        reading_ease: (ease * 10.0).round() / 10.0,
        reading_age: ((grade + 5.0) * 10.0).round() / 10.0,
        average_sentence_words: (wps * 10.0).round() / 10.0,
        longest_sentence_words: longest,
        long_sentences,
        long_sentences_total: long_total,
        passive_phrases_total: passive_seen.len() as u32,
        passive_phrases,
        jargon: jargon_in(&all.join(" ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_match_a_dictionary_for_common_words() {
        let known = [
            ("the", 1), ("cat", 1), ("sunny", 2), ("money", 2), ("make", 1), ("makes", 1), ("uses", 2), ("table", 2), ("simple", 2),
            ("checked", 1), ("wanted", 2), ("payment", 2), ("direct", 2), ("council", 2), ("assessment", 3), ("eligibility", 6),
            ("determine", 3), ("entitlement", 4), ("personal", 3), ("assistant", 3), ("statements", 2), ("agree", 2), ("every", 3), ("paying", 2), ("beyond", 2), ("requirement", 3), ("settlement", 3), ("management", 3), ("agreement", 3),
        ];
        for (word, n) in known {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    /// The reference: counted by hand and put through the published Flesch formulas.
    #[test]
    fn figures_match_a_reference_calculation() {
        let text = "# Paying your PA\n\nThe cat sat on the mat. It was a sunny day.\n\nEligibility assessments determine entitlement.\n";
        let r = readability(text);
        // Sentences: "Paying your PA" (a heading ends one), two in the first paragraph, one after.
        assert_eq!(r.sentences, 4);
        // Words: 3 + 6 + 5 + 4.
        assert_eq!(r.words, 18);
        // Syllables: paying 2, your 1, PA 1; six ones; it, was, a, day 1 and sunny 2; 6 + 3 + 3 + 4.
        assert_eq!(r.syllables, 4 + 6 + 6 + 16);
        let (w, s, y) = (18.0_f64, 4.0_f64, 32.0_f64);
        let ease = 206.835 - 1.015 * (w / s) - 84.6 * (y / w);
        let age = 0.39 * (w / s) + 11.8 * (y / w) - 15.59 + 5.0;
        assert!((r.reading_ease - ease).abs() < 0.06, "{} vs {ease}", r.reading_ease);
        assert!((r.reading_age - age).abs() < 0.06, "{} vs {age}", r.reading_age);
        assert_eq!(r.longest_sentence_words, 6);
        assert_eq!(r.average_sentence_words, 4.5);
        assert!(r.jargon.iter().any(|j| j.found == "eligibility"));
    }

    #[test]
    fn long_sentences_passive_phrases_and_jargon_are_pointed_out() {
        let long = "We will look at your statements and your receipts and your bank account and your care diary and \
                    your timesheets and anything else we need in order to check the money.";
        let text = format!("{long}\n\nYour PA is paid by the council. The form was usually checked by Sam. Prior to the visit, we utilise a list.");
        let r = readability(&text);
        assert_eq!(r.long_sentences.len(), 1);
        assert!(r.long_sentences[0].starts_with("We will look at your statements"));
        assert_eq!(r.passive_phrases, vec!["is paid".to_owned(), "was usually checked".to_owned()]);
        let found: Vec<&str> = r.jargon.iter().map(|j| j.found.as_str()).collect();
        assert_eq!(found, vec!["utilise", "in order to", "prior to"]);
        assert!(r.summary().contains("Reading ease"));
    }

    /// A megabyte of "x. . . ." once took minutes: each full stop recounted the words of the
    /// sentence so far. Now the words are counted as the characters go by.
    #[test]
    fn a_megabyte_of_full_stops_is_read_once() {
        let body = format!("x{}", ". ".repeat(524_287));
        let r = readability(&body);
        assert_eq!((r.words, r.sentences), (1, 1));
        // And a megabyte with no full stop at all is one long sentence, listed cut short.
        let r = readability(&"word ".repeat(200_000));
        assert_eq!((r.words, r.sentences, r.long_sentences_total), (200_000, 1, 1));
        assert!(r.long_sentences[0].chars().count() <= LISTED_CHARS + 1 && r.long_sentences[0].ends_with('\u{2026}'));
    }

    #[test]
    fn only_the_first_few_long_sentences_and_passive_phrases_are_listed_but_all_are_counted() {
        let long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six.";
        let passive: String = (1..=100).map(|i| format!("It was m{}ed today. ", "e".repeat(i))).collect();
        let r = readability(&format!("{}\n\n{passive}", [long; 40].join(" ")));
        assert_eq!((r.long_sentences_total, r.long_sentences.len()), (40, LISTED));
        assert_eq!(r.passive_phrases_total, 100);
        assert_eq!(r.passive_phrases.len(), LISTED);
        // The same phrase twice, in different case, is one phrase.
        let r = readability("It was paid. It Was Paid.");
        assert_eq!(r.passive_phrases, vec!["was paid".to_owned()]);
    }

    #[test]
    fn sentences_split_as_before() {
        assert_eq!(sentences("Hello there. Mr. Smith came! Did he? Yes"), vec!["Hello there.", "Mr. Smith came!", "Did he?", "Yes"]);
        assert_eq!(sentences("One. Two words."), vec!["One. Two words."]);
        assert_eq!(sentences("... -- ''"), Vec::<&str>::new());
        assert_eq!(sentences("Café ouvert. Très bien."), vec!["Café ouvert.", "Très bien."]);
    }

    #[test]
    fn an_empty_text_is_not_an_error() {
        let r = readability("");
        assert_eq!((r.words, r.sentences), (0, 0));
        assert_eq!(r.summary(), "There is no text to check yet.");
    }
}
