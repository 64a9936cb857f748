//! Matching with hand-worked expectations: each score in the comments is computed from the
//! rules in the module documentation.

use chrono::NaiveDate;

use super::*;
use crate::statement::format::{Container, Format, TextEncoding};
use crate::statement::line::{Flow, LineKey, Outcome, StatementLine};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn card(s: &str) -> Option<CardLast4> {
    CardLast4::parse(s)
}

/// A line of `amount` (money out unless `flow` says otherwise).
fn line(date: &str, amount: &str, text: &str, method: &str) -> StatementLine {
    StatementLine {
        line: 0,
        key: LineKey(String::new()),
        date: d(date),
        time: None,
        amount: Money::ZERO.checked_sub(m(amount)).unwrap(),
        flow: Flow::Out,
        refunded: Money::ZERO,
        currency: None,
        text: text.to_string(),
        category: String::new(),
        method: method.to_string(),
        card_last4: CardLast4::in_text(method),
        order_id: None,
        merchant_order_id: None,
        status: String::new(),
        outcome: Outcome::Done,
        note: String::new(),
    }
}

fn statement(format: Format, mut lines: Vec<StatementLine>) -> Statement {
    for (number, l) in (2u32..).zip(lines.iter_mut()) {
        l.line = number;
        if l.key.0.is_empty() {
            l.key = LineKey(format!("k{}", number - 2));
        }
    }
    Statement {
        format,
        container: Container::Csv(TextEncoding::Utf8),
        period: None,
        lines,
    }
}

/// An installment from `"PROVIDER k/N DUE AMOUNT"`: plan 1, assumed paid by auto-debit, no
/// card, penalty or reference (struct update syntax sets the rest).
fn inst(spec: &str) -> ExpectedInstallment {
    let parts: Vec<&str> = spec.split(' ').collect();
    let (k, n) = parts[1].split_once('/').unwrap();
    ExpectedInstallment {
        plan_id: 1,
        period: k.parse().unwrap(),
        periods: n.parse().unwrap(),
        provider: parts[0].to_string(),
        card_last4: None,
        due_on: d(parts[2]),
        retry_on: None,
        amount_due: m(parts[3]),
        penalty: Money::ZERO,
        state: PaymentState::Assumed,
        reference: None,
    }
}

fn run(statement: &Statement, expected: &[ExpectedInstallment]) -> Reconciliation {
    reconcile(statement, expected, &[], &MatchOptions::default())
}

fn matched(line: usize, installment: usize, action: Action) -> Matched {
    Matched {
        line,
        installment,
        action,
        already_confirmed: false,
        with: Vec::new(),
    }
}

#[test]
fn repayments_are_confirmed_or_recorded() {
    let mut huabei = line("2024-03-10", "536.00", "花呗 花呗自动还款", "余额宝");
    huabei.flow = Flow::Neutral;
    huabei.amount = m("536.00");
    huabei.category = "信用借还".into();
    let s = statement(
        Format::Alipay,
        vec![
            huabei,
            line(
                "2024-03-14",
                "200.00",
                "京东白条 白条还款",
                "招商银行储蓄卡(1234)",
            ),
            // A purchase of the same amount on the due date says nothing about a repayment.
            line("2024-03-10", "536.00", "超市 日用品", "余额宝"),
        ],
    );
    let expected = [
        inst("蚂蚁花呗 3/12 2024-03-10 536.00"),
        ExpectedInstallment {
            plan_id: 2,
            state: PaymentState::Open,
            ..inst("京东白条 1/6 2024-03-15 200.00")
        },
    ];
    let result = run(&s, &expected);
    assert_eq!(
        result.matched,
        vec![
            matched(0, 0, Action::Confirm),
            matched(1, 1, Action::Record)
        ]
    );
    assert!(result.unexpected.is_empty() && result.duplicates.is_empty());
    assert!(result.missing.is_empty() && result.suggested_plans.is_empty());
}

#[test]
fn a_line_naming_another_lender_does_not_pay_the_plan() {
    // 花呗 named, the plan is 白条's: rejected; the repayment line is unexpected. The 白条 plan
    // is not missing from a 支付宝 statement (支付宝 shows 花呗 and 借呗).
    let s = statement(
        Format::Alipay,
        vec![line("2024-03-15", "200.00", "花呗自动还款", "余额宝")],
    );
    let expected = [ExpectedInstallment {
        plan_id: 2,
        ..inst("京东白条 1/6 2024-03-15 200.00")
    }];
    let result = run(&s, &expected);
    assert!(result.matched.is_empty());
    assert_eq!(result.unexpected, vec![Unexpected { line: 0 }]);
    assert!(result.missing.is_empty());
}

#[test]
fn two_identical_lines_are_a_double_debit() {
    let s = statement(
        Format::Alipay,
        vec![
            line("2024-03-10", "536.00", "花呗自动还款", "余额宝"),
            line("2024-03-10", "536.00", "花呗自动还款", "余额宝"),
        ],
    );
    let expected = [inst("花呗 3/12 2024-03-10 536.00")];
    let result = run(&s, &expected);
    assert_eq!(result.matched, vec![matched(0, 0, Action::Confirm)]);
    assert_eq!(
        result.duplicates,
        vec![Duplicate {
            line: 1,
            installment: 0,
            matched_line: 0
        }]
    );
    assert!(result.unexpected.is_empty());
}

#[test]
fn a_second_reading_matches_the_line_recorded_the_first_time() {
    // Line 1's key is the reference of the confirmed payment: +1000 keeps it matched, and the
    // identical line 0 is the duplicate.
    let s = statement(
        Format::Alipay,
        vec![
            line("2024-03-10", "536.00", "花呗自动还款", "余额宝"),
            line("2024-03-10", "536.00", "花呗自动还款", "余额宝"),
        ],
    );
    let mut confirmed = ExpectedInstallment {
        state: PaymentState::Confirmed,
        ..inst("花呗 3/12 2024-03-10 536.00")
    };
    confirmed.reference = Some("k1".into());
    let result = run(&s, &[confirmed]);
    assert_eq!(
        result.matched,
        vec![Matched {
            line: 1,
            installment: 0,
            action: Action::Confirm,
            already_confirmed: true,
            with: Vec::new(),
        }]
    );
    assert_eq!(
        result.duplicates,
        vec![Duplicate {
            line: 0,
            installment: 0,
            matched_line: 1
        }]
    );
}

#[test]
fn missing_installments_are_due_inside_the_statement_on_what_it_covers() {
    let mut s = statement(
        Format::Alipay,
        vec![line("2024-03-02", "88.00", "花呗自动还款", "余额宝")],
    );
    s.period = Some((d("2024-03-01"), d("2024-03-31")));
    let expected = [
        inst("花呗 3/12 2024-03-10 536.00"),
        inst("花呗 4/12 2024-04-10 536.00"),
        ExpectedInstallment {
            plan_id: 3,
            state: PaymentState::Recorded,
            ..inst("花呗 1/3 2024-03-20 100.00")
        },
        ExpectedInstallment {
            plan_id: 4,
            state: PaymentState::Confirmed,
            ..inst("花呗 2/3 2024-03-25 100.00")
        },
        ExpectedInstallment {
            plan_id: 5,
            state: PaymentState::Failed,
            ..inst("花呗 2/6 2024-03-05 50.00")
        },
        ExpectedInstallment {
            plan_id: 6,
            ..inst("小米分期 1/6 2024-03-05 50.00")
        },
    ];
    let result = run(&s, &expected);
    // Due 10 Mar (assumed) and 5 Mar (failed) are missing; 10 Apr is outside the statement,
    // recorded and confirmed ones are paid, 小米分期 is not in 支付宝.
    assert_eq!(
        result.missing,
        vec![Missing { installment: 4 }, Missing { installment: 0 }]
    );
    assert_eq!(result.unexpected, vec![Unexpected { line: 0 }]);
}

#[test]
fn a_bank_statement_covers_its_own_cards() {
    let mut charge = line("2024-03-01", "20.00", "账单分期 手续费", "");
    charge.card_last4 = card("1234");
    let s = statement(
        Format::Bank {
            issuer: Some(Provider::Cmb),
        },
        vec![charge],
    );
    let mut ours = inst("招商银行信用卡 3/12 2024-03-01 1036.00");
    ours.card_last4 = card("1234");
    let mut other_card = ours.clone();
    other_card.card_last4 = card("5678");
    let no_card = ExpectedInstallment {
        plan_id: 2,
        ..inst("招商银行 1/3 2024-03-01 300.00")
    };
    let huabei = ExpectedInstallment {
        plan_id: 3,
        ..inst("花呗 1/3 2024-03-01 300.00")
    };
    let expected = [ours, other_card, no_card, huabei];
    let result = run(&s, &expected);
    // Card 1234 is the statement's; 5678 is not; no card: the issuer (招商) decides.
    assert_eq!(
        result.missing,
        vec![Missing { installment: 0 }, Missing { installment: 2 }]
    );
    let with_card = reconcile(
        &s,
        &expected,
        &[],
        &MatchOptions {
            cards: vec![card("5678").unwrap()],
        },
    );
    assert_eq!(
        with_card.missing,
        vec![
            Missing { installment: 0 },
            Missing { installment: 1 },
            Missing { installment: 2 }
        ]
    );
}

#[test]
fn a_late_repayment_may_include_the_penalty_until_after_the_retry() {
    let mut failed = ExpectedInstallment {
        state: PaymentState::Failed,
        ..inst("花呗 2/6 2024-03-10 300.00")
    };
    failed.penalty = m("4.50");
    failed.retry_on = Some(d("2024-03-20"));
    // 304.50 = 300.00 + 4.50 on 3 Apr = retry + 14 days: the last day of the window.
    let s = statement(
        Format::Alipay,
        vec![
            line("2024-04-03", "304.51", "花呗还款", ""),
            line("2024-04-03", "304.50", "花呗还款", ""),
            line("2024-04-04", "300.00", "花呗还款", ""),
        ],
    );
    let result = run(&s, std::slice::from_ref(&failed));
    assert_eq!(result.matched, vec![matched(1, 0, Action::Record)]);
    assert_eq!(
        result.unexpected,
        vec![Unexpected { line: 0 }, Unexpected { line: 2 }]
    );
}

#[test]
fn period_markers_tell_equal_installments_apart() {
    let s = statement(
        Format::Bank {
            issuer: Some(Provider::Cmb),
        },
        vec![
            line("2024-03-18", "100.00", "分期 第1/6期", ""),
            line("2024-03-18", "100.00", "账单分期 3/12期", ""),
        ],
    );
    let expected = [
        ExpectedInstallment {
            plan_id: 5,
            ..inst("招商银行 3/12 2024-03-18 100.00")
        },
        ExpectedInstallment {
            plan_id: 6,
            ..inst("招商银行 1/6 2024-03-18 100.00")
        },
    ];
    let result = run(&s, &expected);
    assert_eq!(
        result.matched,
        vec![
            matched(0, 1, Action::Confirm),
            matched(1, 0, Action::Confirm)
        ]
    );
}

#[test]
fn a_periods_principal_and_fee_lines_pay_it_together() {
    // 招商's 账单分期 bills period 3 as two lines: 1,000.00 本金 and 36.00 手续费. Neither alone
    // is what was due (1,036.00); together, with the same day, card and 第3/12期, they are.
    let mut principal = line("2024-03-01", "1000.00", "账单分期 第3/12期 本金", "");
    let mut fee = line("2024-03-01", "36.00", "账单分期 第3/12期 手续费", "");
    let mut other_period = line("2024-03-01", "36.00", "账单分期 第4/12期 手续费", "");
    for l in [&mut principal, &mut fee, &mut other_period] {
        l.card_last4 = card("1234");
    }
    let s = statement(
        Format::Bank {
            issuer: Some(Provider::Cmb),
        },
        vec![principal, other_period, fee],
    );
    let expected = [ExpectedInstallment {
        card_last4: card("1234"),
        ..inst("招商银行 3/12 2024-03-01 1036.00")
    }];
    let result = run(&s, &expected);
    assert_eq!(
        result.matched,
        vec![Matched {
            with: vec![2],
            ..matched(0, 0, Action::Confirm)
        }]
    );
    assert_eq!(result.unexpected, vec![Unexpected { line: 1 }]);
    assert!(result.missing.is_empty());
}

#[test]
fn a_line_left_out_takes_its_installment_from_a_line_that_can_move() {
    // X: 花呗 due 10 Mar, card 1234; Y: 花呗 due 16 Mar, no card.
    // Line 0 (10 Mar, card 1234): X = 40 + 30 card + 30 provider − 0 = 100; Y = 40 + 30 − 6 = 64.
    // Line 1 (3 Mar): X = 40 + 30 − 7 = 63; Y's window starts 9 Mar, so only X.
    // Best first gives line 0 → X and leaves line 1 out; line 0 moves to Y.
    let mut x = ExpectedInstallment {
        plan_id: 7,
        ..inst("花呗 2/3 2024-03-10 100.00")
    };
    x.card_last4 = card("1234");
    let y = ExpectedInstallment {
        plan_id: 8,
        ..inst("花呗 5/6 2024-03-16 100.00")
    };
    let s = statement(
        Format::Alipay,
        vec![
            line("2024-03-10", "100.00", "花呗还款", "招商银行储蓄卡(1234)"),
            line("2024-03-03", "100.00", "花呗还款", ""),
        ],
    );
    let result = run(&s, &[x, y]);
    assert_eq!(
        result.matched,
        vec![
            matched(0, 1, Action::Confirm),
            matched(1, 0, Action::Confirm)
        ]
    );
    assert!(result.duplicates.is_empty());
}

#[test]
fn another_card_lowers_the_score_but_does_not_forbid() {
    // One installment on card 1234; a line from card 9999 still pays it (paid from another
    // card), but a line from card 1234 the same day is preferred: 40+30+30 against 40−30+30.
    let mut x = ExpectedInstallment {
        plan_id: 7,
        ..inst("花呗 2/3 2024-03-10 100.00")
    };
    x.card_last4 = card("1234");
    let s = statement(
        Format::Alipay,
        vec![
            line("2024-03-10", "100.00", "花呗还款", "储蓄卡(9999)"),
            line("2024-03-10", "100.00", "花呗还款", "储蓄卡(1234)"),
        ],
    );
    let result = run(&s, std::slice::from_ref(&x));
    assert_eq!(result.matched, vec![matched(1, 0, Action::Confirm)]);
    let alone = statement(
        Format::Alipay,
        vec![line("2024-03-10", "100.00", "花呗还款", "储蓄卡(9999)")],
    );
    assert_eq!(
        run(&alone, &[x]).matched,
        vec![matched(0, 0, Action::Confirm)]
    );
}

#[test]
fn income_refunds_and_failed_lines_are_not_repayments() {
    let mut refund = line("2024-03-10", "536.00", "花呗 退款", "");
    refund.flow = Flow::In;
    refund.amount = m("536.00");
    let mut failed = line("2024-03-10", "536.00", "花呗自动还款", "");
    failed.outcome = Outcome::Failed;
    let mut foreign = line("2024-03-10", "536.00", "Klarna repayment", "");
    foreign.currency = Some("USD".into());
    let s = statement(Format::Alipay, vec![refund, failed, foreign]);
    let expected = [inst("花呗 3/12 2024-03-10 536.00")];
    let result = run(&s, &expected);
    assert!(result.matched.is_empty() && result.unexpected.is_empty());
    assert_eq!(result.missing, vec![Missing { installment: 0 }]);
}

#[test]
fn purchases_on_credit_no_plan_covers_are_suggested() {
    let mut iphone = line("2024-03-05", "6000.00", "Apple Store iPhone 15", "花呗分期");
    iphone.note = "分12期".into();
    let covered = line("2024-03-05", "3000.00", "小米之家 电视", "花呗");
    let mut jd = line("2024-03-06", "131.77", "京东商城 耳机", "京东白条");
    jd.refunded = m("89.84");
    let mut all_back = line("2024-03-07", "99.00", "京东商城 退货", "京东白条");
    all_back.refunded = m("99.00");
    let cash = line("2024-03-08", "5000.00", "电脑", "余额宝");
    let s = statement(Format::Alipay, vec![iphone, covered, jd, all_back, cash]);
    let plans = [KnownPlan {
        plan_id: 9,
        provider: "蚂蚁花呗".into(),
        principal: m("3000.00"),
        start: d("2024-03-06"),
    }];
    let result = reconcile(&s, &[], &plans, &MatchOptions::default());
    assert_eq!(
        result.suggested_plans,
        vec![
            SuggestedPlan {
                line: 0,
                provider: Some(Provider::Huabei),
                periods: Some(12),
                principal: m("6000.00")
            },
            // 131.77 − 89.84 = 41.93.
            SuggestedPlan {
                line: 2,
                provider: Some(Provider::Baitiao),
                periods: None,
                principal: m("41.93")
            },
        ]
    );
    assert!(result.unexpected.is_empty());
}

#[test]
fn many_identical_installments_are_not_double_debits() {
    // Twelve plans with the same 100.00 due the same day and twelve identical lines: every
    // line gets its own installment, though each kept only 8 candidates at first.
    let expected: Vec<ExpectedInstallment> = (1..=12)
        .map(|plan_id| ExpectedInstallment {
            plan_id,
            ..inst("花呗 1/3 2024-03-10 100.00")
        })
        .collect();
    let lines = (0..12)
        .map(|_| line("2024-03-10", "100.00", "花呗还款", ""))
        .collect();
    let result = run(&statement(Format::Alipay, lines), &expected);
    let pairs: Vec<(usize, usize)> = result
        .matched
        .iter()
        .map(|m| (m.line, m.installment))
        .collect();
    assert_eq!(pairs, (0..12).map(|i| (i, i)).collect::<Vec<_>>());
    assert!(result.duplicates.is_empty());
}

#[test]
fn many_lines_and_installments_match_one_to_one() {
    // 1,000 plans × 12 monthly periods of distinct amounts; one line per installment due in
    // 2024, each paid on its due date: every line matches its own installment.
    let mut expected = Vec::new();
    for plan in 0..1000i64 {
        for k in 1..=12u32 {
            let due = NaiveDate::from_ymd_opt(2024, k, 10).unwrap();
            let amount = Money::from_cents(10_000 + plan);
            expected.push(ExpectedInstallment {
                plan_id: plan,
                period: k,
                amount_due: amount,
                due_on: due,
                ..inst("花呗 1/12 2024-01-10 1")
            });
        }
    }
    let lines = expected
        .iter()
        .map(|i| {
            line(
                &i.due_on.to_string(),
                &i.amount_due.to_string(),
                &format!("花呗还款 {}/12期", i.period),
                "",
            )
        })
        .collect();
    let s = statement(Format::Alipay, lines);
    let result = run(&s, &expected);
    assert_eq!(result.matched.len(), expected.len());
    assert!(result.matched.iter().all(|m| m.line == m.installment));
    assert!(result.missing.is_empty() && result.unexpected.is_empty());
}

/// A fixture statement of tests/fixtures/statements.
fn fixture(name: &str) -> Statement {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/statements")
        .join(name);
    crate::statement::read_statement_file(&path, &Default::default()).unwrap()
}

#[test]
fn the_alipay_fixture_against_a_few_plans() {
    let s = fixture("alipay.csv");
    let expected = [
        inst("花呗 3/12 2024-03-10 536.00"),
        ExpectedInstallment {
            plan_id: 2,
            state: PaymentState::Open,
            card_last4: card("5678"),
            ..inst("招商银行信用卡 2/6 2024-03-15 536.00")
        },
        ExpectedInstallment {
            plan_id: 3,
            ..inst("借呗 1/12 2024-03-25 1000.00")
        },
    ];
    let plans = [KnownPlan {
        plan_id: 4,
        provider: "花呗".into(),
        principal: m("200.00"),
        start: d("2024-03-05"),
    }];
    let result = reconcile(&s, &expected, &plans, &MatchOptions::default());
    // Line 2 (招商银行 信用卡还款 536.00 from card 5678, 15 Mar): 40 + 30 card + 30 provider
    // records plan 2; line 4 (花呗自动还款 536.00 on the due date): 40 + 30 confirms plan 1. The
    // closed line 0 and the income line 1 are no repayments.
    assert_eq!(
        result.matched,
        vec![
            matched(2, 1, Action::Record),
            matched(4, 0, Action::Confirm)
        ]
    );
    // 借呗 due 25 Mar, inside the statement's March, shown by 支付宝, no line: missing.
    assert_eq!(result.missing, vec![Missing { installment: 2 }]);
    assert!(result.duplicates.is_empty() && result.unexpected.is_empty());
    // The iPhone on 花呗分期 (备注 分12期) has no plan; the AppleCare+ on 花呗 has plan 4.
    assert_eq!(
        result.suggested_plans,
        vec![SuggestedPlan {
            line: 5,
            provider: Some(Provider::Huabei),
            periods: Some(12),
            principal: m("6000.00")
        }]
    );
}

#[test]
fn the_boc_fixture_shows_a_double_debit() {
    let s = fixture("boc.csv");
    let result = run(&s, &[inst("京东白条 2/6 2024-03-16 200.00")]);
    assert_eq!(result.matched, vec![matched(2, 0, Action::Confirm)]);
    assert_eq!(
        result.duplicates,
        vec![Duplicate {
            line: 3,
            installment: 0,
            matched_line: 2
        }]
    );
    // 支付宝-信用卡还款 536.00 is a repayment no installment explains.
    assert_eq!(result.unexpected, vec![Unexpected { line: 1 }]);
}
