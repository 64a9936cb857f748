//! A plan's note (`plan add/edit --note`), a card's kind, `card edit` and `card delete`, and
//! what `card replace` says must be set up again (issue 15 items 15 and 16, CLI side).

use crate::common::{Db, plan_add_args};

fn s(v: &serde_json::Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn a_plan_keeps_a_note_shown_searched_and_edited() {
    let db = Db::new();
    let mut args = plan_add_args("iPhone 15", "小米分期", "2025-01-15");
    args.extend([
        "--note",
        "客服 400-100-5678，绑定手机 138****1234",
        "--json",
    ]);
    let id = db.json("2025-01-01", &args[..args.len() - 1])["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let show = db.json("2025-01-01", &["plan", "show", &id]);
    assert_eq!(s(&show["note"]), "客服 400-100-5678，绑定手机 138****1234");
    let text = db.ok("2025-01-01", &["plan", "show", &id]);
    assert!(text.contains("Note"), "{text}");
    assert!(text.contains("400-100-5678"), "{text}");
    let found = db.json("2025-01-01", &["plan", "list", "--search", "400-100"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    db.ok("2025-01-01", &["plan", "edit", &id, "--note", ""]);
    let show = db.json("2025-01-01", &["plan", "show", &id]);
    assert_eq!(s(&show["note"]), "");
    // A note too long is refused naming the flag, nothing written.
    let before = db.dump(false);
    let long = "x".repeat(501);
    let out = db.run_on("2025-01-01", &["plan", "edit", &id, "--note", &long]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--note"));
    assert_eq!(db.dump(false), before);
}

#[test]
fn cards_have_a_kind_and_are_edited_and_deleted() {
    let db = Db::new();
    let card = |args: &[&str]| {
        db.json("2025-01-01", &[&["card", "add"], args].concat())["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let debit = card(&["--bank", "招商银行", "--last4", "1234"]);
    let credit = card(&["--bank", "招行", "--last4", "9999", "--kind", "credit"]);
    let list = db.json("2025-01-01", &["card", "list"]);
    assert_eq!(s(&list[0]["kind"]), "debit");
    assert_eq!(s(&list[1]["kind"]), "credit");
    // Fix a typo: the bank's name and the last four digits (a whole number is cut).
    let out = db.ok(
        "2025-01-01",
        &[
            "card",
            "edit",
            &credit,
            "--bank",
            "招商银行",
            "--last4",
            "6225880112349998",
        ],
    );
    assert!(out.contains("····9998"), "{out}");
    let list = db.json("2025-01-01", &["card", "list"]);
    assert_eq!(s(&list[1]["bank"]), "招商银行");
    assert_eq!(s(&list[1]["last4"]), "9998");
    assert_eq!(s(&list[1]["kind"]), "credit");
    // A bad kind names the flag.
    let out = db.run_on(
        "2025-01-01",
        &["card", "edit", &credit, "--kind", "prepaid"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--kind"));
    // A card a plan refers to cannot be deleted; one nothing refers to can, and undo brings
    // it back.
    let mut args = plan_add_args("iPhone 15", "小米分期", "2025-01-15");
    args.extend(["--card", &debit]);
    db.ok("2025-01-01", &args);
    let out = db.run_on("2025-01-01", &["card", "delete", &debit]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in use"));
    db.ok("2025-01-01", &["card", "delete", &credit]);
    assert_eq!(
        db.json("2025-01-01", &["card", "list"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    db.ok("2025-01-01", &["undo"]);
    assert_eq!(
        db.json("2025-01-01", &["card", "list"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn card_replace_names_the_auto_debits_to_set_up_again() {
    let db = Db::new();
    let old = db.json(
        "2025-01-01",
        &["card", "add", "--bank", "A", "--last4", "1111"],
    )["id"]
        .to_string();
    let new = db.json(
        "2025-01-01",
        &["card", "add", "--bank", "B", "--last4", "2222"],
    )["id"]
        .to_string();
    for (name, provider, auto) in [
        ("Phone", "小米分期", true),
        ("Tablet", "花呗", true),
        ("Chair", "京东白条", false),
    ] {
        let mut args = plan_add_args(name, provider, "2025-01-15");
        args.extend(["--card", &old]);
        if auto {
            args.push("--auto-debit");
        }
        db.ok("2025-01-01", &args);
    }
    let out = db.ok("2025-01-01", &["card", "replace", &old, &new]);
    assert!(
        out.contains(&format!(
            "Set up the auto-debit again with card #{new} at: 小米分期, 花呗"
        )),
        "{out}"
    );
    assert!(!out.contains("京东白条"), "{out}");
    let plans = db.json("2025-01-01", &["plan", "list"]);
    let flagged: Vec<&str> = plans
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["debit_setup_card_id"].is_null())
        .map(|p| s(&p["provider"]))
        .collect();
    assert_eq!(flagged.len(), 2, "{plans}");
}
