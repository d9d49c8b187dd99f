//! Reading feedback cards from an event's CSV: every good row is kept for review, every bad row is
//! reported with its line and what is wrong, in plain words.
//!
//! The heading row names the columns, in any order and any case. Only "what was said" is needed:
//!
//! | column | also accepted as | what it holds |
//! | --- | --- | --- |
//! | `said` | what was said, feedback, you said, comment | the words on the card |
//! | `themes` | theme | one or more themes, separated by `;` or `/` |
//! | `date` | said on, when | the day it was said (31/03/2027 or 2027-03-31) |
//! | `people` | how many, count | how many people said it (a pinboard of cards) |
//! | `name` | contact name | who said it, if they gave a name |
//! | `email` | contact email | their email, if they gave one |
//! | `may_ask` | may we ask, consent, contact later | yes/no: may we ask them later |
//! | `show_words` | show words, public words | yes/no: may their words be shown |

use chrono::NaiveDate;

use super::service::parse_people;
use super::{BadRow, ImportPreview, ImportRow, MAX_WORDS, Theme};

/// The largest file we read, in bytes: thousands of cards, inside the server's 1 MB body limit.
pub const MAX_BYTES: usize = 900 * 1024;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Said,
    Themes,
    Date,
    People,
    Name,
    Email,
    MayAsk,
    ShowWords,
}

fn column(heading: &str) -> Option<Column> {
    let h = heading.trim().trim_start_matches('\u{feff}').to_lowercase().replace(['_', '-'], " ");
    Some(match h.as_str() {
        "said" | "what was said" | "feedback" | "you said" | "comment" | "comments" | "words" => Column::Said,
        "themes" | "theme" | "topic" | "topics" => Column::Themes,
        "date" | "said on" | "when" | "day" => Column::Date,
        "people" | "how many" | "count" | "number of people" => Column::People,
        "name" | "contact name" => Column::Name,
        "email" | "contact email" | "email address" => Column::Email,
        "may ask" | "may we ask" | "consent" | "contact later" | "ask later" => Column::MayAsk,
        "show words" | "public words" | "show my words" => Column::ShowWords,
        _ => return None,
    })
}

fn yes_no(raw: &str) -> Option<bool> {
    match raw.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" => Some(false),
        "yes" | "y" | "true" | "1" => Some(true),
        _ => None,
    }
}

/// Reads the text of a CSV file. `today` is the board's day: the date a row without one gets,
/// and the last date a row may have.
pub fn parse(text: &str, today: NaiveDate) -> ImportPreview {
    let mut preview = ImportPreview::default();
    if text.len() > MAX_BYTES {
        preview.problem = Some(format!("This file is {} KB; we can read files of up to {} KB. Please split it into smaller files.", text.len() / 1024, MAX_BYTES / 1024));
        return preview;
    }
    if text.trim().is_empty() {
        preview.problem = Some("There is nothing in this file. Please choose the CSV file with the feedback cards, or paste its text.".into());
        return preview;
    }
    // Browsers send a text box's lines ending \r\n, and spreadsheets save them so; the csv
    // crate counts lines by \n alone only when they end that way. A lone \r (old Mac files, and
    // Excel for Mac's "CSV (Macintosh)") ends a record for the csv crate but is not counted as
    // a line, so every row of such a file was reported as line 1 or 2: it becomes \n too.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(text.as_bytes());
    let mut records = reader.records();
    let heading = match records.next() {
        Some(Ok(h)) => h,
        _ => {
            preview.problem = Some("We could not read the first line of this file as headings. Please check it is a CSV file.".into());
            return preview;
        }
    };
    let columns: Vec<Option<Column>> = heading.iter().map(column).collect();
    let Some(said_at) = columns.iter().position(|c| *c == Some(Column::Said)) else {
        preview.problem = Some(
            "We could not find the column with what people said. Please make the first line of the file the headings, with one called \u{201c}said\u{201d} (or \u{201c}what was said\u{201d} or \u{201c}feedback\u{201d}).".into(),
        );
        return preview;
    };
    let find = |c: Column| columns.iter().position(|x| *x == Some(c));
    let (themes_at, date_at, people_at, name_at, email_at, ask_at, show_at) =
        (find(Column::Themes), find(Column::Date), find(Column::People), find(Column::Name), find(Column::Email), find(Column::MayAsk), find(Column::ShowWords));
    for record in records {
        let (line, record) = match record {
            Ok(r) => (r.position().map(|p| p.line() as usize).unwrap_or(0), r),
            Err(err) => {
                let line = err.position().map(|p| p.line() as usize).unwrap_or(0);
                let problem = match err.kind() {
                    csv::ErrorKind::Utf8 { .. } => "this line has characters we cannot read. Please save the file as \u{201c}CSV UTF-8\u{201d} and try again.".to_owned(),
                    _ => "we could not read this line. Please check its quotation marks.".to_owned(),
                };
                preview.bad.push(BadRow { line, problem: format!("Line {line}: {problem}") });
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or("").trim();
        let bad = |problem: String| BadRow { line, problem: format!("Line {line}: {problem}") };
        if record.len() > heading.len() {
            preview.bad.push(bad(format!(
                "this line has {} values but there are {} headings. A comma in the words may need quotation marks around them.",
                record.len(),
                heading.len()
            )));
            continue;
        }
        let said = get(Some(said_at));
        if said.is_empty() {
            preview.bad.push(bad("what was said is empty.".into()));
            continue;
        }
        if said.chars().count() > MAX_WORDS {
            preview.bad.push(bad(format!("what was said is {} characters long; we can keep up to {MAX_WORDS}.", said.chars().count())));
            continue;
        }
        let mut themes = Vec::new();
        let mut unknown = None;
        for t in get(themes_at).split([';', '/', '|']).map(str::trim).filter(|t| !t.is_empty()) {
            match Theme::from_words(t) {
                Some(theme) if !themes.contains(&theme) => themes.push(theme),
                Some(_) => {}
                None => unknown = Some(t.to_owned()),
            }
        }
        if let Some(t) = unknown {
            let known = Theme::ALL.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
            preview.bad.push(bad(format!("we do not know the theme \u{201c}{}\u{201d}. The themes are: {known}.", t.chars().take(60).collect::<String>())));
            continue;
        }
        let said_on = match crate::dates::parse_date("date", get(date_at)) {
            Ok(Some(d)) if d > today => {
                preview.bad.push(bad(format!("the date {} has not happened yet.", crate::dates::long_date(d))));
                continue;
            }
            Ok(Some(d)) => d,
            Ok(None) => today,
            Err(_) => {
                preview.bad.push(bad(format!("\u{201c}{}\u{201d} is not a date we can read. Please write it as day/month/year, for example 14/03/2027.", get(date_at).chars().take(40).collect::<String>())));
                continue;
            }
        };
        let people = match parse_people(get(people_at)) {
            Ok(n) => n,
            Err(_) => {
                preview.bad.push(bad(format!("\u{201c}{}\u{201d} is not a number of people. Please give a whole number from 1 upwards.", get(people_at).chars().take(40).collect::<String>())));
                continue;
            }
        };
        let email = match get(email_at) {
            "" => None,
            raw => match crate::accounts::parse_email(raw) {
                Ok(e) => Some(e),
                Err(_) => {
                    preview.bad.push(bad(format!("\u{201c}{}\u{201d} is not an email address.", raw.chars().take(60).collect::<String>())));
                    continue;
                }
            },
        };
        let (Some(may_ask), Some(show_words)) = (yes_no(get(ask_at)), yes_no(get(show_at))) else {
            preview.bad.push(bad("please write yes or no in the columns that ask for it.".into()));
            continue;
        };
        if may_ask && email.is_none() {
            preview.bad.push(bad("it says we may ask them later, but there is no email address to ask them at.".into()));
            continue;
        }
        let name = Some(get(name_at)).filter(|n| !n.is_empty()).map(|n| n.chars().take(200).collect());
        preview.good.push(ImportRow { line, said: said.replace("\r\n", "\n"), themes, said_on, people, contact_name: name, contact_email: email, may_ask, show_words });
    }
    if preview.good.is_empty() && preview.bad.is_empty() {
        preview.problem = Some("This file has headings but no feedback under them.".into());
    }
    preview
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 20).unwrap()
    }

    #[test]
    fn good_rows_are_kept_and_bad_ones_reported_by_line() {
        let text = "What was said,Theme,Date,How many,Email,May we ask\n\
                    \"The forms are too long, and repeat themselves\",Paperwork,14/03/2027,5,,no\n\
                    ,Finance,14/03/2027,1,,\n\
                    \"Say \"\"thank you\"\" more\nplease\",Information,2027-03-14,,a@example.org,yes\n\
                    Payroll is confusing,Weather,14/03/2027,1,,\n\
                    Too many visits,,31/02/2027,1,,\n\
                    PAs are hard to find,PAs,,two,,\n\
                    Ask me,,,,,yes\n\
                    One,two,three,4,,no,extra\n";
        let p = parse(text, today());
        assert_eq!(p.problem, None);
        assert_eq!(p.good.len(), 2, "{:?}", p.bad);
        assert_eq!(p.good[0].said, "The forms are too long, and repeat themselves");
        assert_eq!(p.good[0].people, 5);
        assert_eq!(p.good[1].said, "Say \"thank you\" more\nplease");
        assert!(p.good[1].may_ask);
        let lines: Vec<usize> = p.bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![3, 6, 7, 8, 9, 10]);
        assert!(p.bad[0].problem.contains("empty"));
        assert!(p.bad[1].problem.contains("Weather"));
        assert!(p.bad[2].problem.contains("31/02/2027"));
        assert!(p.bad[3].problem.contains("two"));
        assert!(p.bad[4].problem.contains("no email"));
        assert!(p.bad[5].problem.contains("7 values"));
    }

    #[test]
    fn lines_count_the_same_with_windows_line_ends() {
        let p = parse("said,themes\r\nForms are long,Paperwork\r\n,Finance\r\nPAs,PAs\r\n", today());
        assert_eq!(p.good.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(p.bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn a_file_without_the_words_column_says_so() {
        assert!(parse("name,email\nJo,jo@example.org\n", today()).problem.unwrap().contains("said"));
        assert!(parse("   ", today()).problem.is_some());
    }
}
