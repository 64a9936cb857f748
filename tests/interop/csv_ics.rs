//! `export --format csv` re-read by the csv crate, and `--format ics` parsed by the icalendar
//! crate, both checked against the database itself.

use crate::common::interop as interop_support;

use std::collections::HashSet;

use icalendar::Component;
use interop_support::*;

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// What a spreadsheet-safe cell holds for stored text.
fn safe(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn check_plans_csv(f: &Fenqi, text: &str) {
    let (header, rows) = read_csv(text);
    assert_eq!(header[..3], ["id", "name", "provider"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let stored = f.rows(
        "SELECT id, name, provider, principal_cents, periods, remaining_cents,
                remaining_principal_cents, next_due_on, status
         FROM plans ORDER BY id",
    );
    assert_eq!(rows.len(), stored.len());
    for (row, s) in rows.iter().zip(&stored) {
        assert_eq!(row[col("id")], s[0]);
        assert_eq!(row[col("name")], safe(&s[1]));
        assert_eq!(row[col("provider")], safe(&s[2]));
        assert_eq!(row[col("principal")], money(&s[3]));
        assert_eq!(row[col("periods")], s[4]);
        assert_eq!(row[col("remaining")], money(&s[5]));
        assert_eq!(row[col("remaining_principal")], money(&s[6]));
        assert_eq!(row[col("next_due_date")], s[7]);
        if s[8] != "active" {
            assert_eq!(row[col("status")], s[8]);
        }
    }
}

fn check_installments_csv(f: &Fenqi, text: &str) {
    let (header, rows) = read_csv(text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let stored = f.rows(
        "SELECT i.plan_id, i.period, i.due_on, i.principal_cents, i.fee_cents,
                i.principal_cents + i.fee_cents, i.paid_principal_cents + i.paid_fee_cents, p.name
         FROM installments i JOIN plans p ON p.id = i.plan_id ORDER BY i.plan_id, i.period",
    );
    assert_eq!(rows.len(), stored.len());
    for (row, s) in rows.iter().zip(&stored) {
        assert_eq!(row[col("plan_id")], s[0]);
        assert_eq!(row[col("period")], s[1]);
        assert_eq!(row[col("due_date")], s[2]);
        assert_eq!(row[col("principal")], money(&s[3]));
        assert_eq!(row[col("fee")], money(&s[4]));
        assert_eq!(row[col("amount")], money(&s[5]));
        assert_eq!(row[col("paid")], money(&s[6]));
        assert_eq!(row[col("plan_name")], safe(&s[7]));
    }
}

fn check_repayments_csv(f: &Fenqi, text: &str) {
    let (header, rows) = read_csv(text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let stored = f.rows(
        "SELECT r.id, r.plan_id, r.paid_on, r.amount_cents, r.channel, r.reference,
                CASE r.failed WHEN 1 THEN 'true' ELSE 'false' END,
                coalesce((SELECT sum(principal_cents) FROM allocations
                          WHERE repayment_id = r.id), 0)
         FROM repayments r ORDER BY r.id",
    );
    assert_eq!(rows.len(), stored.len());
    assert!(
        stored.iter().any(|s| s[6] == "true"),
        "the demo should hold a failed debit"
    );
    for (row, s) in rows.iter().zip(&stored) {
        assert_eq!(row[col("id")], s[0]);
        assert_eq!(row[col("plan_id")], s[1]);
        assert_eq!(row[col("paid_on")], s[2]);
        assert_eq!(row[col("amount")], money(&s[3]));
        assert_eq!(row[col("channel")], s[4]);
        assert_eq!(row[col("reference")], safe(&s[5]));
        assert_eq!(row[col("failed")], s[6]);
        assert_eq!(row[col("principal")], money(&s[7]));
    }
}

#[test]
fn csv_files_reread_by_the_csv_crate_equal_the_stored_data() {
    let f = Fenqi::demo();
    let base = f.path("fenqi.csv");
    f.ok(&["export", "--format", "csv", "--out", base.to_str().unwrap()]);
    let read = |name: &str| std::fs::read_to_string(f.path(name)).unwrap();
    for name in [
        "fenqi-plans.csv",
        "fenqi-installments.csv",
        "fenqi-repayments.csv",
    ] {
        assert_eq!(mode(&f.path(name)), 0o600, "{name}");
    }
    check_plans_csv(&f, &read("fenqi-plans.csv"));
    check_installments_csv(&f, &read("fenqi-installments.csv"));
    check_repayments_csv(&f, &read("fenqi-repayments.csv"));

    let one = f.path("just-plans.csv");
    f.ok(&[
        "export",
        "--format",
        "csv",
        "--what",
        "plans",
        "--out",
        one.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read_to_string(&one).unwrap(),
        read("fenqi-plans.csv")
    );

    let stderr = f.fails(
        &["export", "--format", "csv", "--out", base.to_str().unwrap()],
        2,
    );
    assert!(
        stderr.contains("fenqi-plans.csv already exists"),
        "{stderr}"
    );

    let stdout = f.ok(&["export", "--format", "csv"]);
    let sections: Vec<&str> = stdout.split("\r\n\r\n").collect();
    assert_eq!(sections.len(), 3, "{stdout}");
    assert_eq!(format!("{}\r\n", sections[0]), read("fenqi-plans.csv"));
    assert_eq!(
        format!("{}\r\n", sections[1]),
        read("fenqi-installments.csv")
    );
    assert_eq!(sections[2], read("fenqi-repayments.csv"));

    let dir = f.path("csv-dir");
    std::fs::create_dir(&dir).unwrap();
    f.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(dir.join("repayments.csv")).unwrap(),
        read("fenqi-repayments.csv")
    );
}

/// The open installments of active plans: (uid, due date YYYYMMDD, plan name, unpaid cents).
fn open_installments(f: &Fenqi) -> Vec<(String, String, String, i64)> {
    let conn = f.sql();
    let mut stmt = conn
        .prepare(
            "SELECT i.plan_id, i.period, replace(i.due_on, '-', ''), p.name,
                    i.principal_cents + i.fee_cents - i.paid_principal_cents - i.paid_fee_cents
             FROM installments i JOIN plans p ON p.id = i.plan_id
             WHERE p.status = 'active' AND i.state NOT IN ('paid', 'waived')
             ORDER BY i.plan_id, i.period",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            format!(
                "fenqi-{}-{}@fenqi",
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?
            ),
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Parses with the icalendar crate and checks it against the database.
fn check_calendar(f: &Fenqi, text: &str, alarm: &str) {
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    let expected = open_installments(f);
    assert!(!expected.is_empty());
    assert_eq!(events.len(), expected.len());
    let uids: HashSet<&str> = events.iter().map(|e| e.get_uid().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs must be unique");
    for (event, (uid, due, name, unpaid)) in events.iter().zip(&expected) {
        assert_eq!(event.get_uid(), Some(uid.as_str()));
        let start = event.property_value("DTSTART").unwrap();
        assert_eq!(start, due);
        let summary = event.get_summary().unwrap();
        assert!(summary.contains(&cents_text(*unpaid)), "{summary}");
        let flat_name: String = name
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .filter(|c| *c != '\r')
            .collect();
        let flat_summary: String = summary.replace(['\n', '\r'], " ");
        assert!(
            flat_summary.contains(flat_name.trim_end()) || name.contains('\n'),
            "{summary} / {name}"
        );
    }
    assert_eq!(
        text.matches(&format!("TRIGGER:-P{alarm}D\r\n")).count(),
        events.len()
    );
    assert_eq!(text.matches("\r\nBEGIN:VEVENT\r\n").count(), events.len());
}

#[test]
fn ics_has_one_event_per_unpaid_installment_and_stable_uids() {
    let f = Fenqi::demo();
    let text = f.ok(&["export", "--format", "ics"]);
    check_calendar(&f, &text, "3");
    assert_eq!(f.ok(&["export", "--format", "ics"]), text, "not stable");
    let five = f.ok(&["export", "--format", "ics", "--alarm-days", "5"]);
    check_calendar(&f, &five, "5");
    let zh = f.ok(&["export", "--format", "ics", "--lang", "zh"]);
    assert!(zh.contains("应还"));
}

#[test]
fn hostile_text_is_inert_in_csv_and_ics() {
    let f = hostile_demo();
    let stdout = f.ok(&["export", "--format", "csv", "--what", "plans"]);
    check_plans_csv(&f, &stdout);
    let (header, rows) = read_csv(&stdout);
    for row in &rows {
        assert_eq!(row.len(), header.len());
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
    let installments = f.ok(&["export", "--format", "csv", "--what", "installments"]);
    check_installments_csv(&f, &installments);
    let repayments = f.ok(&["export", "--format", "csv", "--what", "repayments"]);
    check_repayments_csv(&f, &repayments);
    let (_, rows) = read_csv(&repayments);
    assert!(rows.iter().flatten().any(|c| c.starts_with("'+\n")));
    assert!(rows.iter().flatten().any(|c| c.contains("'=cmd|")));

    let text = f.ok(&["export", "--format", "ics"]);
    check_calendar(&f, &text, "3");
    assert!(
        !text.contains("\nSUMMARY:fake"),
        "a smuggled property reached a line start"
    );
}
