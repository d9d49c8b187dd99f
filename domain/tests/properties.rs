#![cfg(feature = "db")]
//! Bad input (issue 18): property tests for the four text pipelines that take whatever people
//! type or upload. Markdown to sanitised HTML, the three-way merge, the word diff and the CSV
//! import of feedback cards.
//!
//! Every run uses the same seed and a bounded number of cases, and writes no files, so a failure
//! is the same on every machine and can be replayed. The whole file runs in a few seconds.

use chrono::NaiveDate;
use domain::documents::merge::{CLASH_END, CLASH_START, CLASH_THEIRS, CLASH_YOURS, Piece, three_way, word_diff};
use domain::documents::render::markdown_to_safe_html;
use domain::feedback::import::{MAX_BYTES, parse};
use domain::feedback::{ImportPreview, MAX_WORDS, Theme};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// Fixed seed, `cases` cases, no failure files, and a bound on shrinking so a failure in a slow
/// property still ends quickly.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, rng_seed: RngSeed::Fixed(18), failure_persistence: None, max_shrink_iters: 4096, ..ProptestConfig::default() }
}

/// A string of characters drawn mostly from `special`, with any character now and then.
fn mixed_chars(special: &'static [char], len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(prop_oneof![4 => proptest::sample::select(special), 1 => any::<char>()], len).prop_map(|c| c.into_iter().collect())
}

/// Characters that make trouble for text handling: combining marks, emoji with joiners and
/// skin tones, right-to-left text and marks, zero-width and unusual spaces, NUL and controls.
const AWKWARD: &[char] = &[
    'a', 'b', 'c', ' ', ' ', '\n', '\t', '\r', '\0', '\u{7}', '\u{301}', '\u{308}', '\u{200d}', '\u{200b}', '\u{200e}', '\u{200f}', '\u{202e}',
    '\u{2028}', '\u{a0}', '\u{3000}', '\u{feff}', '\u{fe0f}', '\u{1f468}', '\u{1f469}', '\u{1f3fd}', '\u{1f600}', 'ש', 'ל', 'ו', 'م', 'ر', 'é',
    'ß', 'İ', '中', '\u{10ffff}', '.', ',', '"',
];

// ---------------------------------------------------------------------------------------------
// Markdown to sanitised HTML
// ---------------------------------------------------------------------------------------------

/// One tag of the rendered HTML: its name in lower case and its attributes, values decoded.
#[derive(Debug)]
struct TagSeen {
    name: String,
    closing: bool,
    attrs: Vec<(String, String)>,
}

/// Decodes character references the way a browser would in one pass: numeric ones, the few names
/// a serialiser writes, and a few names used to hide `javascript:` (`&colon;`, `&Tab;`). Anything
/// else is left as it is.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1).unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let value = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            value.map(|v| char::from_u32(v).unwrap_or('\u{fffd}'))
        } else {
            match name.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "colon" => Some(':'),
                "tab" => Some('\t'),
                "newline" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if name.len() > 1 => {
                out.push(c);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads rendered HTML back: its tags and its text (outside tags, decoded). Tolerant, but it
/// reports anything a serialiser would never write: a `<` in text that does not start a tag, or
/// a tag that never ends.
fn read_back(html: &str) -> Result<(Vec<TagSeen>, String), String> {
    let chars: Vec<char> = html.chars().collect();
    let (mut tags, mut text) = (Vec::new(), String::new());
    let mut raw_text = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '<' {
            raw_text.push(chars[i]);
            i += 1;
            continue;
        }
        text.push_str(&decode_entities(&raw_text));
        raw_text.clear();
        i += 1;
        let closing = chars.get(i) == Some(&'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '-' | ':')) {
            i += 1;
        }
        if i == start || !chars[start].is_ascii_alphabetic() {
            return Err(format!("a `<` in the text that does not start a tag, at character {start}"));
        }
        let name: String = chars[start..i].iter().collect::<String>().to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            match chars.get(i) {
                None => return Err(format!("the tag <{name}> never ends")),
                Some('>') => {
                    i += 1;
                    break;
                }
                Some('/') if chars.get(i + 1) == Some(&'>') => {
                    i += 2;
                    break;
                }
                _ => {}
            }
            let from = i;
            while i < chars.len() && !(chars[i].is_whitespace() || matches!(chars[i], '=' | '>') || (chars[i] == '/' && chars.get(i + 1) == Some(&'>'))) {
                i += 1;
            }
            let attr: String = chars[from..i].iter().collect::<String>().to_ascii_lowercase();
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if chars.get(i) == Some(&'=') {
                i += 1;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                match chars.get(i) {
                    Some(&q) if q == '"' || q == '\'' => {
                        i += 1;
                        let from = i;
                        while i < chars.len() && chars[i] != q {
                            i += 1;
                        }
                        if i == chars.len() {
                            return Err(format!("the attribute {attr} of <{name}> never ends"));
                        }
                        value = chars[from..i].iter().collect();
                        i += 1;
                    }
                    _ => {
                        let from = i;
                        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '>' {
                            i += 1;
                        }
                        value = chars[from..i].iter().collect();
                    }
                }
            }
            if attr.is_empty() {
                // A stray character; step over it so the scan always moves on.
                i += 1;
                continue;
            }
            attrs.push((attr, decode_entities(&value)));
        }
        tags.push(TagSeen { name, closing, attrs });
    }
    text.push_str(&decode_entities(&raw_text));
    Ok((tags, text))
}

/// The elements pulldown-cmark writes for the Markdown we allow (tables and strikethrough on,
/// headings moved one level down, so never `<h1>`). Raw HTML is shown as text, so no other
/// element may ever appear.
const MARKDOWN_TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "em", "strong",
    "del", "a", "img", "hr", "br",
];

/// Attributes that hold a URL a browser may follow or load.
const URL_ATTRS: &[&str] = &["href", "src", "cite", "action", "formaction", "background", "poster", "xlink:href", "data", "srcset", "lowsrc", "dynsrc", "longdesc", "ping"];

/// The scheme of a URL as a browser reads it: ASCII whitespace and controls are dropped
/// anywhere (a browser drops tabs and newlines inside, and spaces and controls around), case
/// ignored. `None` for a relative URL (no valid scheme before the first `:`).
fn scheme(url: &str) -> Option<String> {
    let squeezed: String = url.chars().filter(|c| !(c.is_ascii_whitespace() || c.is_ascii_control())).collect::<String>().to_ascii_lowercase();
    let (head, _) = squeezed.split_once(':')?;
    let valid = head.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && head.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| head.to_owned())
}

/// Everything wrong with rendered HTML, as far as a page showing it is concerned.
fn unsafe_parts(html: &str) -> Vec<String> {
    let (tags, _) = match read_back(html) {
        Ok(read) => read,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for tag in &tags {
        if !MARKDOWN_TAGS.contains(&tag.name.as_str()) {
            problems.push(format!("element <{}> is not one Markdown writes", tag.name));
        }
        if tag.closing {
            continue;
        }
        for (attr, value) in &tag.attrs {
            if attr.starts_with("on") || matches!(attr.as_str(), "style" | "srcdoc" | "formaction" | "action" | "form" | "http-equiv" | "class" | "id") {
                problems.push(format!("attribute {attr}={value:?} on <{}>", tag.name));
            }
            if let Some(s) = scheme(value).filter(|_| URL_ATTRS.contains(&attr.as_str()))
                && !matches!(s.as_str(), "http" | "https" | "mailto" | "tel")
            {
                problems.push(format!("{attr} with the scheme {s:?} on <{}>: {value:?}", tag.name));
            }
        }
        if tag.name == "a" && !tag.attrs.iter().any(|(a, v)| a == "rel" && v == "noopener noreferrer") {
            problems.push("a link without rel=\"noopener noreferrer\"".into());
        }
    }
    problems
}

/// Ways to write a URL that runs script, loads data or is harmless, as people hiding it write.
const SCHEMES: &[&str] = &[
    "javascript:",
    "JaVaScRiPt:",
    "jav&#x61;script:",
    "&#106;avascript:",
    "&#0000106;avascript:",
    "javascript&colon;",
    "java&Tab;script:",
    "java\tscript:",
    " javascript:",
    "\u{1}javascript:",
    "java\0script:",
    "vbscript:",
    "livescript:",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:text/html,",
    "file:///etc/passwd#",
    "https://example.org/?",
    "mailto:someone@example.org?",
    "/relative/",
    "#",
];

/// Raw HTML and Markdown that tries to get script onto a page.
const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<script>",
    "</script>",
    "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert(1)\">",
    "<img src=\"x\" onerror=\"alert(1)\"",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "<a href=\"jav&#x61;script:alert(1)\">x</a>",
    "<a href='javascript:alert(1)' onclick=alert(1)>",
    "<p style=\"background:url(javascript:alert(1))\">styled</p>",
    "<div onclick=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input onfocus=alert(1) autofocus>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=javascript:alert(1)>",
    "<base href=\"javascript:/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version=\"1.0\"?>",
    "\"><script>alert(1)</script>",
    "'\"><img src=x onerror=alert(1)>",
    "<a href",
    "<img",
    "<div",
    "</p>",
    "<x onmouseover=alert(1)>hover</x>",
    "<h1>big</h1>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```\n",
    "    <script>alert(1)</script>\n",
    "[x](https://example.org \"\\\"><script>alert(1)</script>\")",
    "[x](<https://example.org> 'onmouseover=alert(1)')",
    "![x\" onerror=\"alert(1)](https://example.org/i.png)",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "<https://example.org/\" onmouseover=\"alert(1)>",
    "<javascript:alert(1)>",
    "<mailto:a@example.org>",
];

/// Markdown syntax, in pieces, for building documents with odd structure.
const SYNTAX: &[&str] = &[
    "#", "##", "######", ">", "> >", "*", "-", "+", "1.", "2)", "**", "__", "*", "_", "~~", "~", "`", "``", "```\n", "~~~\n", "\n", "\n\n", "    ", "\t",
    "===", "---", "***", "[", "]", "![", "(", ")", "\\", "&", "&amp;", "&#", "&#x", "<", ">", "\"", "'", ":", "  \n", "<br>", "<p>", "</div>",
];

/// Table syntax: kept apart because a table drops cells beyond its heading's, so words in them
/// can rightly disappear.
const TABLES: &[&str] = &["|", "| a | b |\n|---|:-:|\n", "|---|\n", "| x |", "|:--|--:|\n"];

/// A link, image, autolink or reference whose URL uses one of the `SCHEMES`.
fn hidden_url() -> impl Strategy<Value = String> {
    let payload = proptest::sample::select(&["alert(1)", "alert(document.cookie)", "//%0aalert(1)", ""][..]);
    (proptest::sample::select(SCHEMES), payload, 0..7usize).prop_map(|(scheme, payload, shape)| {
        let url = format!("{scheme}{payload}");
        match shape {
            0 => format!("[click]({url})"),
            1 => format!("![picture]({url})"),
            2 => format!("[click](<{url}> \"title\")"),
            3 => format!("<{url}>"),
            4 => format!("[click][ref]\n\n[ref]: {url}\n\n"),
            5 => format!("<a href=\"{url}\">click</a>"),
            _ => format!("<img src=\"{url}\">"),
        }
    })
}

/// Markdown built from syntax, attacks and plain words, joined by spaces and line breaks.
fn hostile_markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(XSS).prop_map(str::to_owned),
        3 => hidden_url(),
        3 => proptest::sample::select(SYNTAX).prop_map(str::to_owned),
        1 => proptest::sample::select(TABLES).prop_map(str::to_owned),
        2 => "[a-z]{1,8}",
    ];
    let joint = proptest::sample::select(&["", " ", "\n", "\n\n", "  "][..]);
    proptest::collection::vec((piece, joint), 0..40).prop_map(|parts| parts.into_iter().flat_map(|(p, j)| [p, j.to_owned()]).collect())
}

/// Markdown as people write it, with attacks mixed in, and plain words (`qx…`, found nowhere
/// else) between everything. Without tables, which may drop cells.
fn markdown_with_words() -> impl Strategy<Value = (String, Vec<String>)> {
    let piece = prop_oneof![
        2 => proptest::sample::select(XSS).prop_map(str::to_owned),
        2 => hidden_url(),
        3 => proptest::sample::select(SYNTAX).prop_map(str::to_owned),
    ];
    let word = "qx[a-z]{2,8}";
    let joint = proptest::sample::select(&[" ", "\n", "\n\n"][..]);
    proptest::collection::vec((proptest::option::of(piece), word, joint.clone(), joint), 1..30).prop_map(|parts| {
        let mut text = String::new();
        let mut words = Vec::new();
        for (piece, word, j1, j2) in parts {
            if let Some(p) = piece {
                text.push_str(&p);
                text.push_str(j1);
            }
            text.push_str(&word);
            text.push_str(j2);
            words.push(word);
        }
        (text, words)
    })
}

/// Markdown characters with anything else now and then.
fn markdown_chars() -> impl Strategy<Value = String> {
    const CHARS: &[char] = &[
        '<', '>', '/', '"', '\'', '=', '&', '#', ';', ':', '[', ']', '(', ')', '!', '*', '_', '`', '~', '|', '-', '\\', ' ', '\n', '\t', '\r', '\0',
        'a', 'j', 's', 'o', 'n', 'x', '1', '.', '\u{a0}', '\u{200b}', '\u{301}',
    ];
    mixed_chars(CHARS, 0..300)
}

/// The two rendering properties' one check: nothing unsafe in the HTML, and the same HTML again.
fn renders_safely_and_the_same_every_time(markdown: &str) -> Result<(), TestCaseError> {
    let html = markdown_to_safe_html(markdown);
    let problems = unsafe_parts(&html);
    prop_assert!(problems.is_empty(), "{problems:?}\nin {html:?}\nfrom {markdown:?}");
    prop_assert_eq!(html, markdown_to_safe_html(markdown));
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text at all renders without a panic, to HTML with nothing unsafe in it, and the same
    /// HTML every time.
    #[test]
    fn any_text_renders_to_safe_html(markdown in prop_oneof![any::<String>(), markdown_chars()]) {
        renders_safely_and_the_same_every_time(&markdown)?;
    }

    /// Markdown mixed with every usual way of slipping script, event handlers, styles, frames
    /// and `javascript:` or `data:` URLs into a page: none of it becomes an element or a URL a
    /// browser would run, and the result is the same every time.
    #[test]
    fn hostile_markdown_renders_to_safe_html(markdown in hostile_markdown()) {
        renders_safely_and_the_same_every_time(&markdown)?;
    }

    /// Whatever Markdown and attacks surround them, the plain words someone wrote are all in the
    /// page: raw HTML is shown as text, not dropped.
    #[test]
    fn plain_words_are_never_lost(case in markdown_with_words()) {
        let (markdown, words) = case;
        let html = markdown_to_safe_html(&markdown);
        let (tags, mut text) = read_back(&html).map_err(TestCaseError::fail)?;
        // Link titles and picture descriptions are text too.
        for tag in &tags {
            for (attr, value) in &tag.attrs {
                if attr == "alt" || attr == "title" {
                    text.push(' ');
                    text.push_str(value);
                }
            }
        }
        for word in &words {
            prop_assert!(text.contains(word.as_str()), "{word:?} is lost\nfrom {markdown:?}\nto {html:?}");
        }
    }
}

proptest! {
    #![proptest_config(config(12))]

    /// Very deep nesting in a long document (quotes in quotes, lists in lists, emphasis in
    /// emphasis, brackets, raw tags) renders on a thread with the usual 2 MB stack, keeps its
    /// words, and nests quotes and lists no deeper than 32: the sanitiser takes time growing with
    /// the square of that depth, so without the limit 20,000 nested list items took a minute.
    #[test]
    fn deep_nesting_renders_quickly(
        nest in proptest::sample::select(&[("> ", ""), ("- ", ""), ("1. ", ""), ("> - ", ""), ("* > ", ""), ("[", "](x)"), ("*_", "_*"), ("~~**", "**~~"), ("<div>", "</div>"), ("![", "]"), ("`", "`"), ("<", "")][..]),
        depth in 1_000..50_000usize,
    ) {
        let (open, close) = nest;
        let markdown = format!("{}deep words{}", open.repeat(depth), close.repeat(depth));
        let started = std::time::Instant::now();
        let html = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || markdown_to_safe_html(&markdown))
            .unwrap()
            .join()
            .map_err(|_| TestCaseError::fail(format!("rendering {depth} of {open:?} panicked")))?;
        let took = started.elapsed();
        let problems = unsafe_parts(&html);
        prop_assert!(problems.is_empty(), "{problems:?}");
        let (tags, text) = read_back(&html).map_err(TestCaseError::fail)?;
        prop_assert!(text.contains("deep words"), "{open:?} x {depth}: the words are lost");
        let (mut open_blocks, mut deepest) = (0usize, 0usize);
        for tag in tags.iter().filter(|t| matches!(t.name.as_str(), "blockquote" | "ul" | "ol" | "li")) {
            if tag.closing {
                open_blocks = open_blocks.saturating_sub(1);
            } else {
                open_blocks += 1;
                deepest = deepest.max(open_blocks);
            }
        }
        prop_assert!(deepest <= 32, "{open:?} x {depth}: quotes and lists {deepest} deep (took {took:?})");
    }
}

/// The checker itself sees what it must, so a property passing means something.
#[test]
fn the_html_checker_sees_unsafe_html() {
    for bad in [
        "<p>a</p><script>alert(1)</script>",
        "<p onclick=\"alert(1)\">a</p>",
        "<p><a href=\"jav&#x61;script:alert(1)\" rel=\"noopener noreferrer\">a</a></p>",
        "<p><a href=\" JAVA&Tab;SCRIPT:alert(1)\" rel=\"noopener noreferrer\">a</a></p>",
        "<img src=\"data:image/svg+xml,x\">",
        "<p><a href=\"https://example.org\">no rel</a></p>",
        "<h1>two h1s</h1>",
        "<p style=\"color:red\">a</p>",
        "<p>a < b</p>",
        "<p title=\"never ends>",
    ] {
        assert!(!unsafe_parts(bad).is_empty(), "{bad}");
    }
    let good = "<h2>T</h2><p title=\"<script>\">a &lt;script&gt; <a href=\"https://example.org/?a=1&amp;b=javascript:\" rel=\"noopener noreferrer\">x</a> <a href=\"java%20script:x\" rel=\"noopener noreferrer\">y</a><img src=\"/i.png\" alt=\"x\"></p>";
    assert_eq!(unsafe_parts(good), Vec::<String>::new());
    assert_eq!(read_back(good).unwrap().1, "Ta <script> x y");
}

// ---------------------------------------------------------------------------------------------
// Three-way merge
// ---------------------------------------------------------------------------------------------

/// A text as the merge receives it: lines from a small set (so edits collide and repeat), one
/// kind of line ending (`\n`, as `check_body` and the live editor give it), a final newline or
/// not.
fn lines_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        4 => proptest::sample::select(&["a", "b", "c", "", "d e", "# Heading", "- item", "Paragraph one.", "Paragraph two."][..]).prop_map(str::to_owned),
        1 => "[a-z \u{e9}\u{301}\u{1f600}]{0,6}",
    ];
    (proptest::collection::vec(line, 0..10), any::<bool>()).prop_map(|(lines, newline)| text_of(&lines, newline))
}

fn text_of(lines: &[String], newline: bool) -> String {
    let mut text = lines.join("\n");
    if newline && !lines.is_empty() {
        text.push('\n');
    }
    text
}

/// An edit: (what, where, which new line).
type Edit = (u8, usize, String);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec((0u8..3, any::<usize>(), proptest::sample::select(&["a", "b", "x", "", "new line", "Paragraph one."][..]).prop_map(str::to_owned)), 0..5)
}

fn apply_edits(base: &str, edits: &[Edit], newline: bool) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    for (what, at, line) in edits {
        let at = at % (lines.len() + 1);
        match what {
            0 if at < lines.len() => lines[at] = line.clone(),
            1 if at < lines.len() => {
                lines.remove(at);
            }
            _ => lines.insert(at, line.clone()),
        }
    }
    text_of(&lines, newline)
}

/// A base text and two edits of it, as two people make them.
fn three_texts() -> impl Strategy<Value = (String, String, String)> {
    (lines_text(), edits(), any::<bool>(), edits(), any::<bool>()).prop_map(|(base, te, tn, ye, yn)| {
        let theirs = apply_edits(&base, &te, tn);
        let yours = apply_edits(&base, &ye, yn);
        (base, theirs, yours)
    })
}

const MARKERS: [&str; 4] = [CLASH_START, CLASH_THEIRS, CLASH_YOURS, CLASH_END];

proptest! {
    #![proptest_config(config(256))]

    /// Nothing changed on either side: the text comes back exactly, with no clash.
    #[test]
    fn merging_no_changes_gives_the_base(base in lines_text()) {
        let merged = three_way(&base, &base, &base);
        prop_assert_eq!(merged.text, base);
        prop_assert_eq!(merged.clashes, 0);
    }

    /// Only one person changed the text: the result is exactly their text, whichever side, with
    /// no clash.
    #[test]
    fn one_side_unchanged_gives_the_other_exactly(texts in three_texts()) {
        let (base, edited, _) = texts;
        let merged = three_way(&base, &base, &edited);
        prop_assert_eq!((merged.text.as_str(), merged.clashes), (edited.as_str(), 0), "only yours changed, from {:?}", base);
        let merged = three_way(&base, &edited, &base);
        prop_assert_eq!((merged.text.as_str(), merged.clashes), (edited.as_str(), 0), "only theirs changed, from {:?}", base);
    }

    /// Both people made the same change: it appears once, with no clash.
    #[test]
    fn the_same_change_on_both_sides_is_taken_once(texts in three_texts()) {
        let (base, edited, _) = texts;
        let merged = three_way(&base, &edited, &edited);
        prop_assert_eq!((merged.text.as_str(), merged.clashes), (edited.as_str(), 0), "from {:?}", base);
    }

    /// The clash count is the number of places shown side by side: each clash is exactly one
    /// START, THEIRS, YOURS, END run of marker lines, in that order, and without a clash there
    /// are no markers at all. (The texts here never contain the markers themselves.)
    #[test]
    fn clashes_are_counted_and_marked(texts in three_texts()) {
        let (base, theirs, yours) = texts;
        let merged = three_way(&base, &theirs, &yours);
        let markers: Vec<&str> = merged.text.lines().filter(|l| MARKERS.contains(l)).collect();
        prop_assert_eq!(markers.len(), 4 * merged.clashes, "{:?}", merged.text);
        for run in markers.chunks(4) {
            prop_assert_eq!(run, &MARKERS[..]);
        }
        prop_assert_eq!(merged.clashes, three_way(&base, &yours, &theirs).clashes, "who saved first does not change the clashes");
    }

    /// No lost edits: every line either person added is in the result.
    #[test]
    fn nothing_either_person_added_is_lost(texts in three_texts()) {
        let (base, theirs, yours) = texts;
        let merged = three_way(&base, &theirs, &yours);
        let base_lines: Vec<&str> = base.lines().collect();
        let out: Vec<&str> = merged.text.lines().collect();
        for line in theirs.lines().chain(yours.lines()).filter(|l| !base_lines.contains(l)) {
            prop_assert!(out.contains(&line), "lost {line:?}\nbase {base:?}\ntheirs {theirs:?}\nyours {yours:?}\nmerged {:?}", merged.text);
        }
    }

    /// Changes to parts of the text apart from each other (at least one untouched line between
    /// them) are both kept, exactly, with no clash.
    #[test]
    fn changes_apart_merge_cleanly(n in 1..12usize, split in any::<usize>(), te in edits(), ye in edits()) {
        let base: Vec<String> = (0..n).map(|i| format!("base line {i}")).collect();
        let keep = split % n;
        // Each side's new lines are its own, so the two never look alike.
        let tag = |edits: Vec<Edit>, who: &str| -> Vec<Edit> { edits.into_iter().enumerate().map(|(i, (w, at, _))| (w, at, format!("{who} line {i}"))).collect() };
        let head = apply_edits(&base[..keep].join("\n"), &tag(te, "theirs"), false);
        let tail = apply_edits(&base[keep + 1..].join("\n"), &tag(ye, "yours"), false);
        let join = |head: &str, tail: &str| -> String {
            let parts: Vec<&str> = [head, base[keep].as_str(), tail].into_iter().filter(|p| !p.is_empty()).collect();
            parts.join("\n") + "\n"
        };
        let (base_text, theirs, yours) = (join(&base[..keep].join("\n"), &base[keep + 1..].join("\n")), join(&head, &base[keep + 1..].join("\n")), join(&base[..keep].join("\n"), &tail));
        let merged = three_way(&base_text, &theirs, &yours);
        prop_assert_eq!(merged.text, join(&head, &tail));
        prop_assert_eq!(merged.clashes, 0);
    }

    /// Any texts at all (any line endings, unicode, the markers themselves) merge without a panic,
    /// and every line of the result comes from one of the three texts or is a marker: nothing is
    /// made up.
    #[test]
    fn any_texts_merge_without_inventing_lines(
        base in mixed_chars(AWKWARD, 0..120),
        theirs in prop_oneof![mixed_chars(AWKWARD, 0..120), any::<String>()],
        yours in prop_oneof![mixed_chars(AWKWARD, 0..120), Just(format!("a\n{CLASH_START}\nb\n"))],
    ) {
        let merged = three_way(&base, &theirs, &yours);
        // Split on \n alone: the merge joins with \n, so a line that ends in a lone \r stays one.
        let body = merged.text.strip_suffix('\n').unwrap_or(&merged.text);
        for line in body.split('\n').filter(|_| !merged.text.is_empty()) {
            prop_assert!(
                MARKERS.contains(&line) || base.lines().chain(theirs.lines()).chain(yours.lines()).any(|l| l == line),
                "{line:?} came from nowhere: {:?}", merged.text
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Word diff
// ---------------------------------------------------------------------------------------------

/// The two texts a comparison shows: the old from what stayed and what was removed, the new from
/// what stayed and what was added.
fn rebuild(pieces: &[Piece]) -> (String, String) {
    let (mut old, mut new) = (String::new(), String::new());
    for piece in pieces {
        match piece {
            Piece::Same(t) => {
                old.push_str(t);
                new.push_str(t);
            }
            Piece::Removed(t) => old.push_str(t),
            Piece::Added(t) => new.push_str(t),
        }
    }
    (old, new)
}

fn check_pieces(old: &str, new: &str) -> Result<(), TestCaseError> {
    let pieces = word_diff(old, new);
    let (o, n) = rebuild(&pieces);
    prop_assert_eq!(o.as_str(), old, "the old text is rebuilt exactly");
    prop_assert_eq!(n.as_str(), new, "the new text is rebuilt exactly");
    for pair in pieces.windows(2) {
        prop_assert!(std::mem::discriminant(&pair[0]) != std::mem::discriminant(&pair[1]), "neighbours of the same kind are joined: {pieces:?}");
    }
    for piece in &pieces {
        let (Piece::Same(t) | Piece::Added(t) | Piece::Removed(t)) = piece;
        prop_assert!(!t.is_empty(), "no empty pieces: {pieces:?}");
    }
    Ok(())
}

fn wordy_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(&["the", "money", "is", "spent", "We", "check", "cafe\u{301}", "\u{1f468}\u{200d}\u{1f469}\u{1f3fd}", "שלום", "مرحبا", "a\0b", "."][..]).prop_map(str::to_owned),
            1 => mixed_chars(AWKWARD, 0..6),
        ],
        0..30,
    )
    .prop_flat_map(|words| {
        let n = words.len();
        (Just(words), proptest::collection::vec(proptest::sample::select(&[" ", "  ", "\n", "\t", "\u{a0}", "\u{3000}", "\n\n", ""][..]), n))
    })
    .prop_map(|(words, gaps)| words.into_iter().zip(gaps).flat_map(|(w, g)| [w, g.to_owned()]).collect())
}

proptest! {
    #![proptest_config(config(256))]

    /// For any two texts the pieces rebuild both exactly (no whitespace is lost or changed),
    /// neighbouring pieces of one kind are joined, and no piece is empty.
    #[test]
    fn word_diff_rebuilds_both_texts(old in prop_oneof![wordy_text(), any::<String>(), mixed_chars(AWKWARD, 0..200)], new in prop_oneof![wordy_text(), any::<String>(), mixed_chars(AWKWARD, 0..200)]) {
        check_pieces(&old, &new)?;
    }

    /// A text compared with an edit of itself rebuilds both too (the usual case: mostly the same).
    #[test]
    fn word_diff_of_an_edit_rebuilds_both(old in wordy_text(), at in any::<usize>(), cut in 0..10usize, insert in wordy_text()) {
        let chars: Vec<char> = old.chars().collect();
        let at = at % (chars.len() + 1);
        let end = (at + cut).min(chars.len());
        let new: String = chars[..at].iter().collect::<String>() + &insert + &chars[end..].iter().collect::<String>();
        check_pieces(&old, &new)?;
    }

    /// A text compared with itself has no changes: one piece the same, or none for no text.
    #[test]
    fn word_diff_of_a_text_with_itself_has_no_changes(text in prop_oneof![wordy_text(), any::<String>()]) {
        let pieces = word_diff(&text, &text);
        let expected = if text.is_empty() { vec![] } else { vec![Piece::Same(text.clone())] };
        prop_assert_eq!(pieces, expected);
    }

    /// From nothing, everything is added; to nothing, everything is removed.
    #[test]
    fn word_diff_from_or_to_nothing(text in prop_oneof![wordy_text(), any::<String>()].prop_filter("some text", |t| !t.is_empty())) {
        prop_assert_eq!(word_diff("", &text), vec![Piece::Added(text.clone())]);
        prop_assert_eq!(word_diff(&text, ""), vec![Piece::Removed(text.clone())]);
    }
}

proptest! {
    #![proptest_config(config(4))]

    /// Long texts (tens of thousands of words, unicode) with scattered edits are compared
    /// without a panic, still rebuilding both exactly when the time limit cuts the search short.
    #[test]
    fn word_diff_of_long_texts_rebuilds_both(seed in any::<u64>(), words in 10_000..30_000usize) {
        let vocabulary = ["the", "money", "is", "spent", "cafe\u{301}", "\u{1f600}", "שלום", "\0", "policy", "support", "plan", "\n"];
        let mut state = seed | 1;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let old: Vec<&str> = (0..words).map(|_| vocabulary[next(vocabulary.len())]).collect();
        let new: Vec<&str> = old.iter().map(|w| if next(20) == 0 { vocabulary[next(vocabulary.len())] } else { w }).collect();
        check_pieces(&old.join(" "), &new.join(" "))?;
    }
}

// ---------------------------------------------------------------------------------------------
// CSV import of feedback cards
// ---------------------------------------------------------------------------------------------

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 20).unwrap()
}

/// The promises `parse` makes for any text: rows or a problem with the whole file (never both,
/// never neither), every message plain words ending in a full stop, every reported line after
/// the heading and in order, and every good row within the rules.
fn check_preview(p: &ImportPreview) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.problem.is_some(), p.good.is_empty() && p.bad.is_empty(), "rows or a problem: {:?}", p);
    let messages = p.problem.iter().cloned().chain(p.bad.iter().map(|b| b.problem.clone()));
    for message in messages {
        prop_assert!(message.ends_with('.') && message.chars().next().is_some_and(char::is_uppercase), "a plain sentence: {message:?}");
        // What the file itself said is quoted between “ and ”; the rest is ours.
        let ours = match (message.find('\u{201c}'), message.rfind('\u{201d}')) {
            (Some(open), Some(close)) if open < close => format!("{}{}", &message[..open], &message[close..]),
            _ => message.clone(),
        };
        prop_assert!(!ours.contains("rror") && !ours.contains("::") && !ours.contains('{') && !ours.contains("\\"), "no programmer's words: {message:?}");
    }
    for bad in &p.bad {
        prop_assert!(bad.line >= 2, "rows come after the heading: {bad:?}");
        let prefix = format!("Line {}: ", bad.line);
        prop_assert!(bad.problem.starts_with(&prefix), "{bad:?}");
    }
    prop_assert!(p.good.windows(2).all(|w| w[0].line < w[1].line) && p.bad.windows(2).all(|w| w[0].line < w[1].line), "in file order");
    for row in &p.good {
        prop_assert!(row.line >= 2);
        prop_assert!(!row.said.is_empty() && row.said.trim() == row.said && row.said.chars().count() <= MAX_WORDS, "{row:?}");
        prop_assert!((1..=100_000).contains(&row.people) && row.said_on <= today(), "{row:?}");
        prop_assert!(!row.may_ask || row.contact_email.is_some(), "asking later needs an email: {row:?}");
        prop_assert!(row.contact_name.as_ref().is_none_or(|n| !n.is_empty() && n.chars().count() <= 200), "{row:?}");
    }
    Ok(())
}

/// Bytes as a file may hold them: CSV punctuation, BOMs, both line endings and lone `\r`,
/// unbalanced quotes, bytes that are not UTF-8, sometimes after a heading line we understand.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let heading = proptest::sample::select(&["", "said\n", "said,themes,date,people,name,email,may_ask,show_words\r\n", "\u{feff}What was said,Theme\n", "\"said\n", "said;themes\n"][..]);
    let byte = prop_oneof![
        3 => proptest::sample::select(&b",,\"\"\r\n\n;abc 1/@.-yes"[..]),
        1 => any::<u8>(),
        1 => proptest::sample::select(&[0xef, 0xbb, 0xbf, 0xff, 0xc3, 0x80, 0xe2, 0x00][..]),
    ];
    (heading, proptest::collection::vec(byte, 0..400)).prop_map(|(h, mut bytes)| {
        let mut all = h.as_bytes().to_vec();
        all.append(&mut bytes);
        all
    })
}

/// A feedback card to write into a CSV file.
#[derive(Debug, Clone)]
struct Card {
    said: String,
    themes: Vec<Theme>,
    date: Option<NaiveDate>,
    people: Option<i32>,
    name: Option<String>,
    email: Option<String>,
    may_ask: bool,
    show_words: bool,
}

/// Line breaks as `parse` keeps them: \r\n and a lone \r both become \n.
fn one_line_ending(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Words on a card: commas, quotes, line breaks (either ending), unicode, spaces around them.
fn card_words(max: usize) -> impl Strategy<Value = String> {
    const WORDS: &[char] = &['a', 'b', 'Z', ' ', ',', '"', '\'', '\n', '\r', ';', '/', '|', '#', 'é', '\u{301}', '\u{1f600}', 'ש', '\0', '\t', '\u{a0}'];
    mixed_chars(WORDS, 1..max).prop_filter("words after trimming", |s| !one_line_ending(s).trim().is_empty())
}

fn card() -> impl Strategy<Value = Card> {
    (
        card_words(120),
        proptest::sample::subsequence(Theme::ALL.to_vec(), 0..=Theme::ALL.len()).prop_shuffle(),
        // Dates from 2000 (the first year `parse_date` accepts) to today.
        proptest::option::of((0i64..=(today() - NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()).num_days()).prop_map(|d| today() - chrono::Duration::days(d))),
        proptest::option::of(1..=100_000i32),
        proptest::option::of(card_words(40)),
        proptest::option::of("[a-zA-Z0-9._]{1,10}@[a-zA-Z]{1,8}\\.(org|UK|co\\.uk)"),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(said, themes, date, people, name, email, may_ask, show_words)| Card { may_ask: may_ask && email.is_some(), said, themes, date, people, name, email, show_words })
}

/// The columns, with the other names and spellings people use for them.
const COLUMNS: [&[&str]; 8] = [
    &["said", "What was said", "FEEDBACK", "you_said", "Comment"],
    &["themes", "Theme", "topic"],
    &["date", "Said on", "when"],
    &["people", "How many", "number-of-people"],
    &["name", "Contact name"],
    &["email", "Contact Email", "email address"],
    &["may_ask", "May we ask", "consent"],
    &["show_words", "Show words", "public words"],
];

/// How a card's field is written in column `column`.
fn field(card: &Card, column: usize, style: usize) -> String {
    let yes_no = |b: bool| {
        let words = if b { ["yes", "Y", "TRUE", "1"] } else { ["no", "n", "False", "0"] };
        words[style % 4].to_owned()
    };
    match column {
        0 => card.said.clone(),
        1 => {
            let names: Vec<String> = card
                .themes
                .iter()
                .enumerate()
                .map(|(i, t)| match (style + i) % 4 {
                    0 => t.as_str().to_owned(),
                    1 => t.label().to_owned(),
                    2 => t.label().to_uppercase(),
                    _ => t.label().split([' ', ',']).next().unwrap().to_owned(),
                })
                .collect();
            names.join(["; ", "/", " | ", ";"][style % 4])
        }
        2 => card.date.map(|d| d.format(if style.is_multiple_of(2) { "%d/%m/%Y" } else { "%Y-%m-%d" }).to_string()).unwrap_or_default(),
        3 => card.people.map(|n| n.to_string()).unwrap_or_default(),
        4 => card.name.clone().unwrap_or_default(),
        5 => card.email.clone().unwrap_or_default(),
        6 => if !card.may_ask && style.is_multiple_of(3) { String::new() } else { yes_no(card.may_ask) },
        _ => if !card.show_words && style % 3 == 1 { String::new() } else { yes_no(card.show_words) },
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// Any bytes at all, read as the server reads a pasted text (not UTF-8 replaced), with
    /// or without its BOM and line-ending clean-up: no panic, and rows or a plain problem.
    #[test]
    fn any_file_gives_rows_or_a_plain_problem(bytes in prop_oneof![file_bytes(), proptest::collection::vec(any::<u8>(), 0..200)]) {
        let text = String::from_utf8_lossy(&bytes);
        check_preview(&parse(&text, today()))?;
        let cleaned = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        check_preview(&parse(&cleaned, today()))?;
    }

    /// Any text in the card column, however odd, under a proper heading: no panic, and rows or a
    /// plain problem.
    #[test]
    fn any_text_under_a_heading_gives_rows_or_a_plain_problem(body in prop_oneof![any::<String>(), mixed_chars(AWKWARD, 0..300)]) {
        check_preview(&parse(&format!("said,themes,date,people,email,may_ask\n{body}"), today()))?;
    }

    /// A CSV file written by a spreadsheet (here the csv crate: quotes, commas and line breaks
    /// inside fields, unicode, \n or \r\n line ends, columns in any order and under any of their
    /// names, sometimes a BOM) reads back to exactly its cards, each with its line in the file.
    #[test]
    fn a_written_file_reads_back_exactly(
        cards in proptest::collection::vec(card(), 1..15),
        optional in proptest::sample::subsequence((1..8usize).collect::<Vec<_>>(), 0..=7),
        order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(),
        styles in proptest::collection::vec(0..12usize, 16),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let columns: Vec<usize> = order.into_iter().filter(|c| *c == 0 || optional.contains(c)).collect();
        // Asking later needs the email column; without it, nobody says yes to asking.
        let cards: Vec<Card> = cards
            .into_iter()
            .map(|mut c| {
                if !columns.contains(&5) {
                    c.may_ask = false;
                }
                c
            })
            .collect();
        let mut writer = csv::WriterBuilder::new()
            .terminator(if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') })
            .from_writer(if bom { "\u{feff}".as_bytes().to_vec() } else { Vec::new() });
        writer.write_record(columns.iter().map(|&c| COLUMNS[c][styles[c] % COLUMNS[c].len()])).unwrap();
        let mut lines = Vec::new();
        for (i, card) in cards.iter().enumerate() {
            writer.flush().unwrap();
            // The line a row starts on, as an editor shows it: \r\n, \n and a lone \r each end one.
            lines.push(1 + one_line_ending(&String::from_utf8_lossy(writer.get_ref())).matches('\n').count());
            writer.write_record(columns.iter().map(|&c| field(card, c, styles[(i + c) % styles.len()]))).unwrap();
        }
        let file = String::from_utf8(writer.into_inner().unwrap()).unwrap();

        let preview = parse(&file, today());
        prop_assert!(preview.problem.is_none() && preview.bad.is_empty(), "{:?}\nfrom {file:?}", preview);
        prop_assert_eq!(preview.good.len(), cards.len());
        let has = |c: usize| columns.contains(&c);
        for ((row, card), line) in preview.good.iter().zip(&cards).zip(&lines) {
            prop_assert_eq!(row.line, *line, "{:?}", file);
            let said = one_line_ending(&card.said);
            prop_assert_eq!(row.said.as_str(), said.trim(), "{:?}", file);
            prop_assert_eq!(&row.themes, &if has(1) { card.themes.clone() } else { vec![] });
            prop_assert_eq!(row.said_on, card.date.filter(|_| has(2)).unwrap_or(today()));
            prop_assert_eq!(row.people, card.people.filter(|_| has(3)).unwrap_or(1));
            let name = card.name.as_ref().filter(|_| has(4)).map(|n| one_line_ending(n).trim().to_owned()).filter(|n| !n.is_empty());
            prop_assert_eq!(&row.contact_name, &name);
            prop_assert_eq!(&row.contact_email, &card.email.as_ref().filter(|_| has(5)).map(|e| e.to_lowercase()));
            prop_assert_eq!(row.may_ask, card.may_ask && has(6));
            prop_assert_eq!(row.show_words, card.show_words && has(7));
        }
    }

    /// The length limit is in characters, not bytes: words of up to `MAX_WORDS` characters (even
    /// of four-byte ones) are kept, one more is reported on its line.
    #[test]
    fn the_length_limit_counts_characters(c in proptest::sample::select(&['a', 'é', '中', '\u{1f600}'][..]), over in 0..3usize) {
        let fits = c.to_string().repeat(MAX_WORDS);
        let too_long = c.to_string().repeat(MAX_WORDS + 1 + over);
        let p = parse(&format!("said\n{fits}\n{too_long}\n"), today());
        prop_assert_eq!(p.good.len(), 1);
        prop_assert_eq!(p.good[0].said.chars().count(), MAX_WORDS);
        prop_assert_eq!(p.bad.len(), 1);
        prop_assert_eq!(p.bad[0].line, 3);
        let expected = format!("{} characters long", MAX_WORDS + 1 + over);
        prop_assert!(p.bad[0].problem.contains(&expected), "{}", p.bad[0].problem);
    }
}

/// A file over the size limit is refused as a whole, in plain words, without being read.
#[test]
fn a_file_too_large_is_refused_plainly() {
    let text = format!("said\n{}", "a,\"b\n".repeat(MAX_BYTES / 5 + 1));
    let p = parse(&text, today());
    assert!(p.good.is_empty() && p.bad.is_empty());
    assert!(p.problem.as_deref().is_some_and(|m| m.contains("KB") && m.ends_with('.')), "{p:?}");
}
