//! iCalendar (RFC 5545) output: one all-day VEVENT per unpaid installment, with a reminder.

use chrono::NaiveDate;

/// One calendar event: an installment still to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DueEvent {
    /// Stable across exports, so calendars update the event instead of duplicating it.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11); other
/// control characters are dropped so no line can start a new property.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line to at most 75 octets per physical line, never splitting a UTF-8
/// character; continuation lines start with one space. Lines end with CRLF.
pub(crate) fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    let mut limit = 75;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if used + len > limit {
            out.push_str("\r\n ");
            used = 0;
            limit = 74;
        }
        out.push(ch);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// Renders a calendar with one VEVENT per event and a VALARM `alarm_days` before each.
pub(crate) fn render_calendar(events: &[DueEvent], alarm_days: u32, stamp: NaiveDate) -> String {
    let mut out = String::new();
    let mut line = |text: String| out.push_str(&fold_line(&text));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//fenqi//installments//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    for event in events {
        let next_day = event.date.succ_opt().unwrap_or(event.date);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape_text(&event.uid)));
        line(format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")));
        line(format!(
            "DTSTART;VALUE=DATE:{}",
            event.date.format("%Y%m%d")
        ));
        line(format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")));
        line(format!("SUMMARY:{}", escape_text(&event.summary)));
        line(format!("DESCRIPTION:{}", escape_text(&event.description)));
        line("TRANSP:TRANSPARENT".into());
        line("BEGIN:VALARM".into());
        line("ACTION:DISPLAY".into());
        line(format!("DESCRIPTION:{}", escape_text(&event.summary)));
        line(format!("TRIGGER:-P{alarm_days}D"));
        line("END:VALARM".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_neutralises_injection() {
        let text = escape_text("a,b;c\\d\nBEGIN:VEVENT\r\n");
        assert_eq!(text, "a\\,b\\;c\\\\d\\nBEGIN:VEVENT\\n");
        assert!(!text.contains('\n'));
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("SUMMARY:{}", "小米分期".repeat(20));
        let folded = fold_line(&long);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn renders_one_event_per_item_with_crlf() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
        let events = vec![DueEvent {
            uid: "fenqi-1-3@fenqi".into(),
            date,
            summary: "花呗 536.00".into(),
            description: "period 3/12".into(),
        }];
        let text = render_calendar(&events, 3, date);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1);
        assert!(text.contains("DTSTART;VALUE=DATE:20250315\r\n"));
        assert!(text.contains("TRIGGER:-P3D\r\n"));
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines.last(), Some(&""));
        assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with('\r')));
    }
}
