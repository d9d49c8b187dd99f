//! iCalendar (RFC 5545) files: one meeting's `.ics`, and a person's feed of their meetings.
//!
//! Times are written in UTC (`DTSTART:20270329T090000Z`), so every calendar places the meeting
//! right whatever zone it is in, across clock changes. Each meeting keeps one UID, and its
//! SEQUENCE goes up when its time or place changes, so a calendar replaces the old event.

use chrono::{DateTime, Utc};

/// One meeting, as a calendar event.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    pub id: uuid::Uuid,
    pub title: String,
    pub space_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Option<String>,
    pub join_link: Option<String>,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
    /// The meeting's page, in full (`https://coboard.example/meetings/...`).
    pub page: String,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Text values escape backslashes, semicolons, commas and line breaks (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than 75 octets (RFC 5545 3.1), never inside
/// a character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A calendar holding `events`, named `name`.
pub fn calendar(name: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Coboard//Meetings//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:meeting-{}@coboard", e.id));
        line(&mut out, &format!("DTSTAMP:{}", stamp(e.updated_at)));
        line(&mut out, &format!("LAST-MODIFIED:{}", stamp(e.updated_at)));
        line(&mut out, &format!("SEQUENCE:{}", e.sequence.max(0)));
        line(&mut out, &format!("DTSTART:{}", stamp(e.starts_at)));
        line(&mut out, &format!("DTEND:{}", stamp(e.ends_at)));
        line(&mut out, &format!("SUMMARY:{}", escape(&format!("{} ({})", e.title, e.space_name))));
        let location = match (&e.place, &e.join_link) {
            (Some(place), Some(link)) => format!("{place}, or online: {link}"),
            (Some(place), None) => place.clone(),
            (None, Some(link)) => format!("Online: {link}"),
            (None, None) => String::new(),
        };
        if !location.is_empty() {
            line(&mut out, &format!("LOCATION:{}", escape(&location)));
        }
        let mut description = format!("Agenda, papers and who is coming: {}", e.page);
        if let Some(link) = &e.join_link {
            description = format!("Join online: {link}\n{description}");
        }
        line(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        line(&mut out, &format!("URL:{}", e.page));
        line(&mut out, "STATUS:CONFIRMED");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_without_splitting_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(60));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), text);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("Room 1, Town Hall; Bring\\papers\nthanks"), "Room 1\\, Town Hall\\; Bring\\\\papers\\nthanks");
    }
}
