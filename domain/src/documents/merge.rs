//! No lost edits: a three-way merge of two edits made from the same starting text, line by line
//! (a Markdown paragraph is usually one line). Where both people changed the same lines
//! differently, both versions are kept in the text between markers written in plain words, so
//! nothing anyone typed is dropped; the person is then told to choose.
//!
//! Also a word-level comparison of two versions, as a list of pieces a page can mark up with
//! `<ins>` and `<del>` (announced as insertions and deletions, not shown by colour alone).

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};

/// How long a comparison may look for the smallest set of changes. Two long texts with little in
/// common take time that grows with the product of their lengths; past this, the comparison
/// settles for a coarser (still correct) answer, so no save or comparison can stall the server.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(300);

fn deadline() -> Option<std::time::Instant> {
    // No clock in the browser build (nothing there compares texts today).
    if cfg!(target_arch = "wasm32") { None } else { Some(std::time::Instant::now() + DIFF_TIME) }
}

/// The marker lines around a clash. Plain words, so a screen reader reads them sensibly and
/// anyone can see what to do.
pub const CLASH_START: &str = "[Two people changed this part at the same time. Please keep the words you want and delete the rest, including these notes.]";
pub const CLASH_THEIRS: &str = "[This is the version that was saved first:]";
pub const CLASH_YOURS: &str = "[This is your version:]";
pub const CLASH_END: &str = "[End of the two versions.]";

/// The outcome of merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    /// How many places both versions are kept side by side for a person to choose.
    pub clashes: usize,
}

/// A change one side made: base lines `start..end` became `lines`.
#[derive(Debug, Clone)]
struct Hunk<'a> {
    start: usize,
    end: usize,
    lines: Vec<&'a str>,
}

fn hunks<'a>(base: &[&'a str], changed: &[&'a str]) -> Vec<Hunk<'a>> {
    let mut out: Vec<Hunk<'a>> = Vec::new();
    for op in similar::capture_diff_slices_deadline(Algorithm::Myers, base, changed, deadline()) {
        let (start, end, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete { old_index, old_len, new_index } => (old_index, old_index + old_len, new_index..new_index),
            DiffOp::Insert { old_index, new_index, new_len } => (old_index, old_index, new_index..new_index + new_len),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                (old_index, old_index + old_len, new_index..new_index + new_len)
            }
        };
        // A delete followed by an insert at the same place is one change.
        match out.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.lines.extend_from_slice(&changed[new]);
            }
            _ => out.push(Hunk { start, end, lines: changed[new].to_vec() }),
        }
    }
    out
}

/// The base lines `from..to` with one side's hunks (all inside that range) applied.
fn apply<'a>(base: &[&'a str], from: usize, to: usize, side: &[&Hunk<'a>]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = from;
    for hunk in side {
        out.extend_from_slice(&base[at..hunk.start]);
        out.extend_from_slice(&hunk.lines);
        at = hunk.end;
    }
    out.extend_from_slice(&base[at..to]);
    out
}

/// Merges `theirs` (saved by someone else since `base`) with `yours` (edited from `base`).
pub fn three_way(base: &str, theirs: &str, yours: &str) -> Merged {
    let base_lines: Vec<&str> = base.lines().collect();
    let their_lines: Vec<&str> = theirs.lines().collect();
    let your_lines: Vec<&str> = yours.lines().collect();
    let theirs_h = hunks(&base_lines, &their_lines);
    let yours_h = hunks(&base_lines, &your_lines);

    let mut out: Vec<&str> = Vec::new();
    let mut clashes = 0;
    let (mut at, mut t, mut y) = (0usize, 0usize, 0usize);
    while t < theirs_h.len() || y < yours_h.len() {
        // The next change from either side starts a cluster; every change touching the cluster
        // (overlapping, or at the same place) joins it.
        let start = match (theirs_h.get(t), yours_h.get(y)) {
            (Some(a), Some(b)) => a.start.min(b.start),
            (Some(a), None) => a.start,
            (None, Some(b)) => b.start,
            (None, None) => unreachable!(),
        };
        let mut end = start;
        let (mut t_end, mut y_end) = (t, y);
        loop {
            let mut grew = false;
            while let Some(h) = theirs_h.get(t_end).filter(|h| h.start <= end) {
                end = end.max(h.end);
                t_end += 1;
                grew = true;
            }
            while let Some(h) = yours_h.get(y_end).filter(|h| h.start <= end) {
                end = end.max(h.end);
                y_end += 1;
                grew = true;
            }
            if !grew {
                break;
            }
        }
        out.extend_from_slice(&base_lines[at..start]);
        let their_part: Vec<&Hunk> = theirs_h[t..t_end].iter().collect();
        let your_part: Vec<&Hunk> = yours_h[y..y_end].iter().collect();
        let their_text = apply(&base_lines, start, end, &their_part);
        let your_text = apply(&base_lines, start, end, &your_part);
        match (their_part.is_empty(), your_part.is_empty()) {
            (false, true) => out.extend(their_text),
            (true, false) => out.extend(your_text),
            _ if their_text == your_text => out.extend(their_text),
            _ => {
                clashes += 1;
                out.push(CLASH_START);
                out.push(CLASH_THEIRS);
                out.extend(their_text);
                out.push(CLASH_YOURS);
                out.extend(your_text);
                out.push(CLASH_END);
            }
        }
        at = end;
        t = t_end;
        y = y_end;
    }
    out.extend_from_slice(&base_lines[at..]);
    let mut text = out.join("\n");
    // The final newline is merged like a line: whichever side changed it wins (yours if both
    // did). Following yours alone turned three_way("a\n", "a", "a\n") into "a\n" although only
    // theirs had changed anything, so one side unchanged did not give the other side exactly.
    // And a last empty line needs a newline after it, or the join drops it: ("a", "a\n\n", "a")
    // gave "a\n", losing the empty line theirs added.
    let ends = |t: &str| t.ends_with('\n');
    let newline = if ends(yours) != ends(base) { ends(yours) } else { ends(theirs) };
    if newline || out.last() == Some(&"") {
        text.push('\n');
    }
    Merged { text, clashes }
}

/// One piece of a word-by-word comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "text")]
pub enum Piece {
    Same(String),
    Added(String),
    Removed(String),
}

/// Compares two versions word by word. Neighbouring pieces of the same kind are joined, so a
/// screen reader hears "deleted: the old sentence" once rather than word by word.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let mut config = similar::TextDiff::configure();
    config.algorithm(Algorithm::Patience);
    if let Some(deadline) = deadline() {
        config.deadline(deadline);
    }
    let diff = config.diff_words(old, new);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_owned();
        let piece = match change.tag() {
            similar::ChangeTag::Equal => Piece::Same(text),
            similar::ChangeTag::Insert => Piece::Added(text),
            similar::ChangeTag::Delete => Piece::Removed(text),
        };
        match (pieces.last_mut(), piece) {
            (Some(Piece::Same(a)), Piece::Same(b)) | (Some(Piece::Added(a)), Piece::Added(b)) | (Some(Piece::Removed(a)), Piece::Removed(b)) => a.push_str(&b),
            (_, piece) => pieces.push(piece),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two long texts with nothing in common once took minutes to compare. Now the comparison
    /// stops refining after a set time, and the answers are still complete and correct.
    #[test]
    fn long_texts_with_nothing_in_common_are_compared_and_merged_without_losing_a_line() {
        let a: String = (0..40_000).map(|i| format!("line a{i}\n")).collect();
        let b: String = (0..40_000).map(|i| format!("line b{i}\n")).collect();
        let pieces = word_diff(&a, &b);
        let (mut old, mut new) = (String::new(), String::new());
        for p in &pieces {
            match p {
                Piece::Same(t) => { old.push_str(t); new.push_str(t); }
                Piece::Removed(t) => old.push_str(t),
                Piece::Added(t) => new.push_str(t),
            }
        }
        assert_eq!((old == a, new == b), (true, true), "the pieces rebuild both texts");
        let yours = a.replace("line a7\n", "line c7\n");
        let merged = three_way(&a, &b, &yours);
        let kept: std::collections::HashSet<&str> = merged.text.lines().collect();
        for line in b.lines().chain(["line c7"]) {
            assert!(kept.contains(line), "{line} is kept");
        }
    }

    const BASE: &str = "# Direct payments policy\n\nYou can get a direct payment.\n\nWe check how the money is spent.\n\nAsk us for help.\n";

    #[test]
    fn edits_to_different_paragraphs_both_stay() {
        let theirs = BASE.replace("You can get a direct payment.", "You can ask for a direct payment.");
        let yours = BASE.replace("Ask us for help.", "Ask us for help at any time.");
        let merged = three_way(BASE, &theirs, &yours);
        assert_eq!(merged.clashes, 0);
        assert!(merged.text.contains("You can ask for a direct payment.") && merged.text.contains("Ask us for help at any time."));
        assert!(merged.text.ends_with('\n'));
    }

    #[test]
    fn the_same_edit_on_both_sides_appears_once() {
        let both = BASE.replace("We check", "Once a year we check");
        let merged = three_way(BASE, &both, &both);
        assert_eq!(merged, Merged { text: both.clone(), clashes: 0 });
    }

    #[test]
    fn a_true_clash_keeps_both_texts_between_plain_markers() {
        let theirs = BASE.replace("We check how the money is spent.", "We look at your bank statements every three months.");
        let yours = BASE.replace("We check how the money is spent.", "We check the money once a year.");
        let merged = three_way(BASE, &theirs, &yours);
        assert_eq!(merged.clashes, 1);
        let text = &merged.text;
        let order = [CLASH_START, CLASH_THEIRS, "every three months", CLASH_YOURS, "once a year", CLASH_END];
        let positions: Vec<usize> = order.iter().map(|needle| text.find(needle).unwrap_or_else(|| panic!("{needle} in {text}"))).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert!(text.contains("You can get a direct payment.") && text.contains("Ask us for help."), "the rest is untouched");
    }

    #[test]
    fn deleting_a_paragraph_someone_else_edited_keeps_their_words() {
        let theirs = BASE.replace("Ask us for help.", "Ask us for help, or ask your advocate.");
        let yours = BASE.replace("\nAsk us for help.\n", "\n");
        let merged = three_way(BASE, &theirs, &yours);
        assert_eq!(merged.clashes, 1);
        assert!(merged.text.contains("or ask your advocate."));
    }

    #[test]
    fn one_side_unchanged_gives_the_other_side_exactly() {
        let edited = BASE.replace("help", "support").replace("# Direct", "# Our direct");
        assert_eq!(three_way(BASE, BASE, &edited).text, edited);
        assert_eq!(three_way(BASE, &edited, BASE).text, edited);
        assert_eq!(three_way("", "", "New text\n").text, "New text\n");
    }

    #[test]
    fn additions_at_the_same_place_clash_unless_identical() {
        let theirs = format!("{BASE}\nA new paragraph about payroll.\n");
        let yours = format!("{BASE}\nA new paragraph about training.\n");
        let merged = three_way(BASE, &theirs, &yours);
        assert_eq!(merged.clashes, 1);
        assert!(merged.text.contains("payroll") && merged.text.contains("training"));
    }

    /// A small deterministic generator, so a failure can be replayed.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, below: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % below
        }
    }

    fn random_edit(rng: &mut Lcg, base: &[String], who: &str, round: usize) -> Vec<String> {
        let mut lines = base.to_vec();
        for edit in 0..1 + rng.next(3) {
            let at = rng.next(lines.len() + 1);
            match rng.next(3) {
                0 if at < lines.len() => lines[at] = format!("{who} rewrote line {at} in round {round}.{edit}"),
                1 if at < lines.len() => {
                    lines.remove(at);
                }
                _ => lines.insert(at, format!("{who} added a line in round {round}.{edit}")),
            }
        }
        lines
    }

    #[test]
    fn nothing_either_person_typed_is_ever_lost() {
        let mut rng = Lcg(20261123);
        for round in 0..500 {
            let base: Vec<String> = (0..rng.next(8)).map(|i| format!("Paragraph {i} of the policy.")).collect();
            let theirs = random_edit(&mut rng, &base, "Priya", round);
            let yours = random_edit(&mut rng, &base, "Alex", round);
            let merged = three_way(&base.join("\n"), &theirs.join("\n"), &yours.join("\n"));
            let out: Vec<&str> = merged.text.lines().collect();
            for line in theirs.iter().chain(yours.iter()).filter(|l| !base.contains(l)) {
                assert!(out.contains(&line.as_str()), "round {round}: lost {line:?}\nbase {base:?}\ntheirs {theirs:?}\nyours {yours:?}\nmerged {out:?}");
            }
            if merged.clashes == 0 {
                assert!(!merged.text.contains(CLASH_START));
            }
        }
    }

    #[test]
    fn word_diff_marks_what_was_added_and_removed() {
        let pieces = word_diff("We check how the money is spent.", "We check how your money is used.");
        assert!(pieces.contains(&Piece::Removed("the".into())));
        assert!(pieces.contains(&Piece::Added("your".into())));
        let rebuilt_new: String = pieces.iter().filter_map(|p| match p { Piece::Same(t) | Piece::Added(t) => Some(t.as_str()), _ => None }).collect();
        let rebuilt_old: String = pieces.iter().filter_map(|p| match p { Piece::Same(t) | Piece::Removed(t) => Some(t.as_str()), _ => None }).collect();
        assert_eq!(rebuilt_new, "We check how your money is used.");
        assert_eq!(rebuilt_old, "We check how the money is spent.");
    }
}
