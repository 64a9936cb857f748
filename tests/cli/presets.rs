//! Provider presets through the built binary: `preset list|show` in both languages and as
//! JSON, `quote --preset` and `plan add --preset` with the flags given over the preset's
//! terms, and one-line refusals. Expected figures are worked by hand in the comments.

use crate::common;

use common::{Db, s};
use serde_json::Value;

/// Runs on 2025-01-10 in `lang` and returns (exit status, stdout, stderr).
pub fn run_in(db: &Db, lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = db.run_in(lang, "2025-01-10", args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Asserts a refusal: exit 2, nothing on stdout, one line on stderr naming `flag`; returns it.
fn refused(db: &Db, args: &[&str], flag: &str) -> String {
    let (code, stdout, stderr) = run_in(db, "en", args);
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(stdout.is_empty(), "{args:?}: {stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("fenqi: error: {flag}: ")),
        "{args:?}: {stderr}"
    );
    stderr
}

fn amounts(quote: &Value, key: &str) -> Vec<String> {
    quote["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| s(&row[key]).to_string())
        .collect()
}

#[test]
fn preset_list_json_names_every_preset_with_its_counts_sources_and_terms() {
    let db = Db::new();
    let list = db.json("2025-01-10", &["preset", "list"]);
    let list = list.as_array().unwrap();
    let ids: Vec<&str> = list.iter().map(|p| s(&p["id"])).collect();
    assert_eq!(
        ids,
        [
            "huabei",
            "baitiao-order",
            "baitiao-bill",
            "xiaomi",
            "cmb-bill",
            "icbc-bill",
            "ccb-bill",
            "citic-bill",
            "cgb-bill",
            "boc-bill",
            "jiebei",
            "weilidai",
            "jintiao",
            "klarna",
            "afterpay"
        ]
    );
    for preset in list {
        assert!(!s(&preset["name_zh"]).is_empty() && !s(&preset["name_en"]).is_empty());
        let periods = preset["periods"].as_array().unwrap();
        assert!(!periods.is_empty(), "{preset}");
        for n in periods {
            let key = n.as_u64().unwrap().to_string();
            assert!(preset["rates"][&key].is_object(), "{preset}");
        }
        let sources = preset["sources"].as_array().unwrap();
        assert!(!sources.is_empty());
        for source in sources {
            assert!(s(&source["url"]).starts_with("http"));
            assert_eq!(s(&source["read_on"]).len(), 10);
            assert!(["primary", "secondary"].contains(&s(&source["kind"])));
        }
        assert!(preset["terms"].is_object());
    }
    let huabei = &list[0];
    assert_eq!(s(&huabei["name_zh"]), "花呗分期");
    assert_eq!(huabei["periods"], serde_json::json!([3, 6, 9, 12]));
    assert_eq!(s(&huabei["rates"]["12"]["total-fee"]), "8.8%");
    assert_eq!(huabei["terms"]["due-day"], 10);
    let afterpay = &list[14];
    assert_eq!(
        afterpay["terms"]["late-fee-cap"],
        serde_json::json!(["68", "25%"])
    );
    assert_eq!(s(&afterpay["terms"]["first-due"]), "start");
}

#[test]
fn preset_show_speaks_both_languages_and_json_is_one_preset() {
    let db = Db::new();
    let shown = db.json("2025-01-10", &["preset", "show", "xiaomi"]);
    assert_eq!(s(&shown["id"]), "xiaomi");
    assert_eq!(
        s(&shown["rates"]["6"]["payoff-policy"]),
        "fee-on-remaining:3.9%"
    );
    assert_eq!(shown["unsourced"][0], "due-day");

    let (code, en, _) = run_in(&db, "en", &["preset", "show", "huabei"]);
    assert_eq!(code, 0);
    assert!(en.starts_with("Huabei instalments (Ant Group) (huabei), amounts in CNY"));
    assert!(en.contains("--due-day 10"), "{en}");
    assert!(en.contains("12  --total-fee 8.8%"), "{en}");
    assert!(en.contains("No source found (fenqi's default applies): --grace-days"));
    assert!(en.contains("secondary, read 2026-12-06: https://youxi2020.com/"));
    let (code, zh, _) = run_in(&db, "zh", &["preset", "show", "huabei"]);
    assert_eq!(code, 0);
    assert!(zh.starts_with("花呗分期（huabei），金额单位 CNY"), "{zh}");
    assert!(
        zh.contains("出处：") && zh.contains("二手，2026-12-06 查阅"),
        "{zh}"
    );
    let (_, klarna, _) = run_in(&db, "en", &["preset", "show", "klarna"]);
    assert!(klarna.contains("--first-due start (period 1 due on the start date)"));
    assert!(klarna.contains("4  interest-free"), "{klarna}");

    let (_, list_zh, _) = run_in(&db, "zh", &["preset", "list"]);
    assert!(list_zh.contains("花呗分期") && list_zh.contains("3, 6, 9, 12"));

    let error = refused(&db, &["preset", "show", "alipay"], "ID");
    assert!(error.contains("no preset \"alipay\": use one of huabei, baitiao-order"));
}

#[test]
fn quote_with_a_preset_takes_its_rate_and_due_day_for_the_count_given() {
    let db = Db::new();
    // 花呗 12 periods: 8.8% of 6,000.00 = 528.00, 44.00 a period on 500.00 of principal;
    // due on the 10th of each month from the month after the start.
    let quote = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "huabei",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--start",
            "2025-01-20",
        ],
    );
    assert_eq!(s(&quote["model"]), "total-fee");
    assert_eq!(s(&quote["total_fee"]), "528.00");
    assert_eq!(amounts(&quote, "amount"), vec!["544.00"; 12]);
    let dates = amounts(&quote, "due_date");
    assert_eq!(dates[0], "2025-02-10");
    assert_eq!(dates[11], "2026-01-10");
    // The level 544.00 a month for 6,000.00: i solves 6000 = 544 × (1 − (1+i)^−12) / i;
    // 12 i = 15.8643% (bisection to 1e-12 in exact decimals, outside fenqi).
    assert_eq!(s(&quote["apr_percent"]), "15.8643");

    // A flag given overrides the preset: a total fee of 7.5% (450.00), or another model.
    let own = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "huabei",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--total-fee",
            "7.5%",
        ],
    );
    assert_eq!(s(&own["total_fee"]), "450.00");
    let monthly = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "huabei",
            "--principal",
            "6000",
            "--periods",
            "12",
            "--monthly-fee",
            "0.5%",
        ],
    );
    assert_eq!(s(&monthly["model"]), "monthly-fee");
    assert_eq!(s(&monthly["total_fee"]), "360.00");
}

#[test]
fn presets_reproduce_their_published_rules() {
    let db = Db::new();
    // 微粒贷: 5,000.00 borrowed 1 May over 5 months at 0.05% a day, equal principal: interest
    // 5000 × 31 days, 4000 × 30, 3000 × 31, 2000 × 31, 1000 × 30, each × 0.0005.
    let weilidai = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "weilidai",
            "--principal",
            "5000",
            "--periods",
            "5",
            "--start",
            "2024-05-01",
        ],
    );
    assert_eq!(
        amounts(&weilidai, "fee"),
        ["77.50", "60.00", "46.50", "31.00", "15.00"]
    );
    // 招商: statement day 5 + 18 days; 500.00 × 0.66% = 3.30 a period, raised to the 5.00
    // minimum: 60.00 over 12 periods.
    let cmb = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "cmb-bill",
            "--principal",
            "500",
            "--periods",
            "12",
            "--statement-day",
            "5",
            "--start",
            "2025-01-10",
        ],
    );
    assert_eq!(amounts(&cmb, "fee"), vec!["5.00"; 12]);
    assert_eq!(s(&cmb["total_fee"]), "60.00");
    assert_eq!(amounts(&cmb, "due_date")[0], "2025-02-23");
    // Klarna: four quarters, the first on the start date, then every 14 days; no cost.
    let klarna = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "klarna",
            "--principal",
            "400",
            "--periods",
            "4",
            "--start",
            "2025-03-01",
        ],
    );
    assert_eq!(
        amounts(&klarna, "due_date"),
        ["2025-03-01", "2025-03-15", "2025-03-29", "2025-04-12"]
    );
    assert_eq!(amounts(&klarna, "amount"), vec!["100.00"; 4]);
    assert_eq!(s(&klarna["apr_percent"]), "0.0000");
    // 工商: the whole 7.2% (432.00 on 6,000.00) with period 1.
    let icbc = db.json(
        "2025-01-10",
        &[
            "quote",
            "--preset",
            "icbc-bill",
            "--principal",
            "6000",
            "--periods",
            "12",
        ],
    );
    assert_eq!(amounts(&icbc, "fee")[0], "432.00");
    assert_eq!(amounts(&icbc, "fee")[1], "0.00");
}

#[test]
fn quote_with_a_preset_refuses_a_count_it_lacks_a_missing_need_and_an_unknown_id() {
    let db = Db::new();
    let base = ["quote", "--principal", "6000", "--periods"];
    let error = refused(
        &db,
        &[&base[..], &["24", "--preset", "huabei"]].concat(),
        "--periods",
    );
    assert!(
        error.contains(
            "Huabei instalments (Ant Group) has no rate for 24 periods: use one of 3, 6, 9, 12"
        ),
        "{error}"
    );
    let error = refused(
        &db,
        &[&base[..], &["12", "--preset", "cmb-bill"]].concat(),
        "--statement-day",
    );
    assert!(error.contains("the preset cmb-bill needs it"), "{error}");
    let error = refused(
        &db,
        &[&base[..], &["12", "--preset", "ant"]].concat(),
        "--preset",
    );
    assert!(
        error.contains("no preset \"ant\": use one of huabei,"),
        "{error}"
    );
    assert!(error.trim_end().ends_with("klarna, afterpay"), "{error}");
    // A bad value over a preset is still the flag's own error.
    refused(
        &db,
        &[&base[..], &["12", "--preset", "huabei", "--due-day", "32"]].concat(),
        "--due-day",
    );
}

#[test]
fn plan_add_with_a_preset_names_the_provider_in_the_language_used() {
    let db = Db::new();
    let add = |lang: &str, extra: &[&str]| {
        let mut args = vec![
            "plan",
            "add",
            "--name",
            "Phone",
            "--preset",
            "xiaomi",
            "--principal",
            "3000",
            "--periods",
            "6",
            "--json",
        ];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run_in(&db, lang, &args);
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str::<Value>(&stdout).unwrap()["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let en = add("en", &[]);
    let zh = add("zh", &[]);
    let own = add("en", &["--provider", "我的小米"]);
    let show = |id: &str| db.json("2025-01-10", &["plan", "show", id]);
    let plan = show(&en);
    assert_eq!(
        s(&plan["provider"]),
        "Xiaomi instalments (Mi Finance / 天星金融)"
    );
    // 3.9% of 3,000.00 = 117.00 spread over 6 periods: 19.50 each.
    let fees: Vec<&str> = plan["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| s(&row["fee"]))
        .collect();
    assert_eq!(fees, vec!["19.50"; 6]);
    assert_eq!(s(&show(&zh)["provider"]), "小米分期");
    assert_eq!(s(&show(&own)["provider"]), "我的小米");
    let payoff = db.json("2025-01-10", &["payoff", &en]);
    assert!(
        s(&payoff["policy"]).starts_with("fee-on-remaining:3.9"),
        "{payoff}"
    );

    let before = db.dump(false);
    refused(
        &db,
        &[
            "plan",
            "add",
            "--name",
            "X",
            "--principal",
            "3000",
            "--periods",
            "6",
        ],
        "--provider",
    );
    refused(
        &db,
        &[
            "plan",
            "add",
            "--name",
            "X",
            "--preset",
            "xiaomi",
            "--principal",
            "3000",
            "--periods",
            "9",
        ],
        "--periods",
    );
    assert_eq!(db.dump(false), before, "nothing written");
}
