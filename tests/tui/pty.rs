//! End to end in a real pseudo-terminal: start the built binary on a temp database, add a plan
//! through the form, record a payment, quit, then find both through the CLI's JSON.

use crate::common;

use common::pty::{Tui, cli_json, cooked, terminal_restored};

#[test]
fn add_a_plan_and_pay_it_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    let mut tui = Tui::start(&db, "en");
    let screen = tui.screen.clone();

    screen.wait_for("Load demo data");
    tui.send("n");
    screen.wait_for("No plans yet");
    tui.send("a");
    screen.wait_for("Esc no preset");
    tui.send("\x1b");
    screen.wait_for("Tab/↓ next");
    for key in [
        "E2E 手机",
        "\t",
        "小米分期",
        "\t",
        "6000",
        "\t",
        "\t",
        "\t",
        "0.6%",
    ] {
        tui.send(key);
    }
    screen.wait_for("APR 13.0342%");
    tui.send("\r");
    screen.wait_for("Plan #1 added.");
    tui.send("p");
    screen.wait_for("Record a repayment");
    tui.send("\r");
    screen.wait_for("Repayment of 536.00 recorded.");
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(terminal_restored(&screen.raw()));
    assert!(cooked(&tui.stty()), "{}", tui.stty());

    let plans = cli_json(&db, &["plan", "list", "--json"]);
    let plan = &plans.as_array().unwrap()[0];
    assert_eq!(plan["name"], "E2E 手机");
    assert_eq!(plan["provider"], "小米分期");
    assert_eq!(plan["principal"], "6000.00");
    assert_eq!(plan["paid_periods"], 1);
    assert_eq!(plan["apr_percent"], "13.0342");
    let history = cli_json(&db, &["history", "--json"]);
    let payment = &history.as_array().unwrap()[0];
    assert_eq!(payment["plan_id"], plan["id"]);
    assert_eq!(payment["amount"], "536.00");
    assert_eq!(payment["paid_on"], "2025-03-10");
    assert_eq!(payment["failed"], false);
}
