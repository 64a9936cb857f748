//! `fenqi compare` through the built binary: offers ranked by APR with their figures worked by
//! hand, presets with and without period counts, custom terms, both languages, and one-line
//! refusals naming the flag.

use crate::common;

use super::presets::run_in;
use common::{Db, s};
use serde_json::Value;

fn compare(db: &Db, offers: &[&str]) -> Vec<Value> {
    let mut args = vec!["compare", "--principal", "6000", "--start", "2025-01-10"];
    for offer in offers {
        args.extend(["--offer", offer]);
    }
    db.json("2025-01-10", &args).as_array().unwrap().clone()
}

/// The monthly rate `apr_percent / 1200` is the root of `−P + Σ due / (1+i)^k` to the
/// four decimals shown: the present value changes sign within half a unit of the last one.
/// Plain floating point, independent of fenqi's exact solver.
fn assert_is_irr(principal: f64, dues: &[f64], apr_percent: &str) {
    let apr: f64 = apr_percent.parse().unwrap();
    let npv = |percent: f64| {
        let i = percent / 1200.0;
        dues.iter()
            .enumerate()
            .map(|(k, due)| due / (1.0 + i).powi(k as i32 + 1))
            .sum::<f64>()
            - principal
    };
    assert!(npv(apr - 0.00005) > 0.0, "{apr_percent} too high");
    assert!(npv(apr + 0.00005) < 0.0, "{apr_percent} too low");
}

#[test]
fn the_readme_comparison_ranks_a_discounted_card_before_baitiao_and_huabei() {
    let db = Db::new();
    let rows = compare(
        &db,
        &[
            "huabei:12",
            "custom:periods=12,monthly-fee=0.6%,fee-discount=80%",
            "baitiao-order:12",
        ],
    );
    let options: Vec<&str> = rows.iter().map(|r| s(&r["option"])).collect();
    assert_eq!(
        options,
        [
            "custom:periods=12,monthly-fee=0.6%,fee-discount=80%",
            "baitiao-order:12",
            "huabei:12"
        ]
    );
    // Card: 6000 × 0.6% × 0.8 = 28.80 a month, 345.60 in all; 白条: 6000 × 0.5% = 30.00 a
    // month, 360.00; 花呗: 8.8% = 528.00 spread, 44.00 a month. Principal 500.00 a month.
    let expected = [
        ("528.80", "345.60", "6345.60"),
        ("530.00", "360.00", "6360.00"),
        ("544.00", "528.00", "6528.00"),
    ];
    for (row, (per_period, fee, total)) in rows.iter().zip(expected) {
        assert_eq!(s(&row["per_period"]), per_period);
        assert_eq!(s(&row["total_fee"]), fee);
        assert_eq!(s(&row["total_repayment"]), total);
        assert_eq!(row["periods"], 12);
        assert_eq!(s(&row["first_due"]), "2025-02-10");
        let due: f64 = per_period.parse().unwrap();
        assert_is_irr(6000.0, &[due; 12], s(&row["apr_percent"]));
    }
    // The same roots in exact decimals (bisection to 1e-40, outside fenqi).
    let aprs: Vec<&str> = rows.iter().map(|r| s(&r["apr_percent"])).collect();
    assert_eq!(aprs, ["10.4672", "10.8964", "15.8643"]);
    let ears: Vec<&str> = rows.iter().map(|r| s(&r["ear_percent"])).collect();
    assert_eq!(ears, ["10.9843", "11.4574", "17.0702"]);
    let ranks: Vec<u64> = rows.iter().map(|r| r["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert_eq!(rows[1]["preset"], "baitiao-order");
    assert!(rows[0]["preset"].is_null());
}

#[test]
fn a_preset_without_counts_is_every_count_and_equal_aprs_share_a_rank() {
    let db = Db::new();
    let rows = compare(&db, &["huabei", "custom:periods=3,total-fee=2.5%"]);
    let mut periods: Vec<u64> = rows
        .iter()
        .map(|r| r["periods"].as_u64().unwrap())
        .collect();
    periods.sort_unstable();
    assert_eq!(periods, [3, 3, 6, 9, 12]);
    // huabei:3 and the custom offer are the same plan: 2.5% of 6,000.00 = 150.00, 2,050.00 a
    // month; they share rank 1 and the next is 3.
    let ranks: Vec<u64> = rows.iter().map(|r| r["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 1, 3, 4, 5]);
    assert_eq!(s(&rows[0]["option"]), "huabei:3");
    assert_eq!(s(&rows[0]["per_period"]), "2050.00");
    assert_eq!(s(&rows[1]["option"]), "custom:periods=3,total-fee=2.5%");
    let aprs: Vec<f64> = rows
        .iter()
        .map(|r| s(&r["apr_percent"]).parse().unwrap())
        .collect();
    assert!(aprs.windows(2).all(|w| w[0] <= w[1]), "{aprs:?}");
}

#[test]
fn compare_prints_a_table_in_both_languages() {
    let db = Db::new();
    let args = [
        "compare",
        "--principal",
        "6000",
        "--start",
        "2025-01-10",
        "--offer",
        "huabei:12",
        "--offer",
        "custom:periods=12,monthly-fee=0.6%",
    ];
    let (code, en, _) = run_in(&db, "en", &args);
    assert_eq!(code, 0);
    assert!(en.starts_with("6,000.00 from 2025-01-10, 2 options, cheapest first (by APR):"));
    assert!(en.contains("custom:periods=12,monthly-fee=0.6%"), "{en}");
    // The published worked example: 536.00 a month, 432.00, APR 13.0342%, EAR 13.8418%.
    assert!(en.contains("536.00") && en.contains("13.0342") && en.contains("13.8418"));
    assert!(en.contains(
        "Cheapest by true cost: custom:periods=12,monthly-fee=0.6%, APR 13.0342%, total fee 432.00."
    ));
    let (code, zh, _) = run_in(&db, "zh", &args);
    assert_eq!(code, 0);
    assert!(
        zh.contains("排名") && zh.contains("花呗分期") && zh.contains("自定义"),
        "{zh}"
    );
}

#[test]
fn bad_offers_are_one_line_naming_the_flag() {
    let db = Db::new();
    let cases: &[(&[&str], &str, &str)] = &[
        (&[], "--offer", "give at least one offer"),
        (
            &["--offer", "alipay:12"],
            "--offer",
            "no preset \"alipay\": use one of huabei,",
        ),
        (
            &["--offer", "huabei:24"],
            "--offer",
            "huabei:24: --periods: Huabei instalments (Ant Group) has no rate for 24 periods: use one of 3, 6, 9, 12",
        ),
        (
            &["--offer", "custom:monthly-fee=1%"],
            "--offer",
            "a custom offer needs periods=N",
        ),
        (
            &["--offer", "custom:periods=3,rate=1%"],
            "--offer",
            "rate is not a terms flag",
        ),
        (
            &["--offer", "huabei:0"],
            "--offer",
            "0 is not a period count",
        ),
        (
            &["--offer", "custom:periods=12,monthly-fee=x"],
            "--offer",
            "custom:periods=12,monthly-fee=x: --monthly-fee: ",
        ),
        (
            &["--offer", "cmb-bill:12"],
            "--offer",
            "cmb-bill:12: --statement-day: the preset cmb-bill needs it",
        ),
    ];
    for (offers, flag, says) in cases {
        let mut args = vec!["compare", "--principal", "6000"];
        args.extend_from_slice(offers);
        let (code, stdout, stderr) = run_in(&db, "en", &args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!("fenqi: error: {flag}: ")) && stderr.contains(says),
            "{args:?}: {stderr}"
        );
    }
    let (code, _, stderr) = run_in(
        &db,
        "en",
        &["compare", "--principal", "abc", "--offer", "huabei"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("fenqi: error: --principal: "),
        "{stderr}"
    );
    // A preset needing a field takes it after its counts.
    let rows = compare(&db, &["cmb-bill:12,statement-day=5"]);
    assert_eq!(s(&rows[0]["option"]), "cmb-bill:12,statement-day=5");
    assert_eq!(s(&rows[0]["first_due"]), "2025-02-23");
}
