//! Store tests: plans, payments, payoff quotes, due report, undo — each on a fresh database.

use chrono::NaiveDate;
use fenqi::domain::allocation::AllocationError;
use fenqi::domain::dates::parse_date;
use fenqi::domain::prepay::{PrepayError, PrepayMode};
use fenqi::domain::terms::{FeeTerms, OverdueTerms, PenaltyFrom};
use fenqi::domain::{FeeModel, Money, PayoffPolicy, PlanTerms, Rate, Remainder};
use fenqi::store::*;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    (dir, store)
}

fn draft(principal: &str, periods: u32, monthly_fee: &str, first_due: &str) -> PlanDraft {
    PlanDraft {
        name: "iPhone 15".into(),
        provider: "小米分期".into(),
        note: String::new(),
        card: None,
        auto_debit: true,
        // These tests are about what is owed and when: no automatic postings.
        auto_post: false,
        terms: PlanTerms {
            principal: m(principal),
            periods,
            fee: FeeTerms {
                model: FeeModel::MonthlyFee,
                rate: Rate::parse(monthly_fee).unwrap(),
                discount: None,
                free_periods: vec![],
                ..FeeTerms::default()
            },
            remainder: Remainder::Last,
            first_due: d(first_due),
            payoff: PayoffPolicy::default(),
            overdue: OverdueTerms::default(),
            dates: Default::default(),
        },
    }
}

fn pay(store: &mut Store, plan: PlanId, amount: Option<&str>, on: &str) -> PaymentOutcome {
    store
        .record_payment(
            plan,
            &PaymentDraft {
                amount: amount.map(m),
                on: d(on),
                channel: Channel::App,
                card: None,
                reference: String::new(),
            },
        )
        .unwrap()
}

#[test]
fn a_new_plan_is_listed_with_its_apr_and_next_due() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    let plans = store
        .list_plan_summaries(&PlanFilter::default(), d("2025-01-01"))
        .unwrap();
    assert_eq!(plans.len(), 1);
    let p = &plans[0];
    assert_eq!(p.id, id);
    assert_eq!(p.apr_percent.to_string(), "13.0342");
    assert_eq!(p.remaining, m("6432"));
    assert_eq!(p.next_due_date, Some(d("2025-01-15")));
    assert_eq!(p.next_amount, Some(m("536")));
    assert_eq!(p.status, PlanStatus::Active);
    // Within the 3 grace days it is still due; the day after them, overdue.
    let in_grace = store.plan_summary(id, d("2025-01-18")).unwrap();
    assert_eq!(in_grace.status, PlanStatus::Active);
    let late = store.plan_summary(id, d("2025-01-19")).unwrap();
    assert_eq!(late.status, PlanStatus::Overdue);
}

#[test]
fn five_months_paid_then_each_payoff_policy_quotes_the_money_rules() {
    for (policy, expected) in [
        ("waive-remaining-fees", "3500.00"),
        ("current-fee-due", "3536.00"),
        ("all-fees-due", "3752.00"),
        ("penalty:3%", "3605.00"),
        ("interest-to-date", "3536.00"),
    ] {
        let (_dir, mut store) = fresh();
        let mut plan = draft("6000", 12, "0.6%", "2025-01-15");
        plan.terms.payoff = PayoffPolicy::parse(policy).unwrap();
        let id = store.insert_plan(&plan).unwrap();
        for month in 1..=5 {
            pay(&mut store, id, None, &format!("2025-{month:02}-15"));
        }
        let quote = store.payoff_quote(id, d("2025-06-15")).unwrap();
        assert_eq!(quote.amount.to_string(), expected, "{policy}");
        let (outcome, recorded) = store
            .record_payoff(
                id,
                &PaymentDraft {
                    amount: None,
                    on: d("2025-06-15"),
                    channel: Channel::App,
                    card: None,
                    reference: String::new(),
                },
            )
            .unwrap();
        assert_eq!(recorded, quote);
        let allocated: i64 = outcome
            .allocations
            .iter()
            .map(|a| a.total().unwrap().cents())
            .sum();
        assert_eq!(allocated, quote.amount.cents(), "{policy}");
        let summary = store.plan_summary(id, d("2025-06-15")).unwrap();
        assert_eq!(summary.status, PlanStatus::PaidOff);
        assert_eq!(summary.remaining, Money::ZERO);
        assert_eq!(summary.next_due_date, None);
    }
}

#[test]
fn a_late_period_owes_its_penalty_from_due_or_grace_end() {
    for (from, expected) in [(PenaltyFrom::Due, "2.50"), (PenaltyFrom::GraceEnd, "1.75")] {
        let (_dir, mut store) = fresh();
        let mut plan = draft("1000", 2, "0%", "2025-03-15");
        plan.terms.fee = FeeTerms::interest_free();
        plan.terms.overdue.from = from;
        let id = store.insert_plan(&plan).unwrap();
        let report = store.due_report(d("2025-03-25"), 30).unwrap();
        assert_eq!(report.overdue.len(), 1);
        assert_eq!(report.overdue[0].amount, m("500"));
        assert_eq!(report.overdue[0].days, -10);
        assert_eq!(report.overdue[0].penalty.to_string(), expected);
        assert_eq!(
            store.amount_due_next(id, d("2025-03-25")).unwrap(),
            Money::from_cents(50_000 + m(expected).cents())
        );
        let outcome = pay(&mut store, id, None, "2025-03-25");
        assert_eq!(outcome.allocations[0].penalty.to_string(), expected);
        assert_eq!(outcome.allocations[0].principal, m("500"));
        let detail = store.plan_detail(id, d("2025-03-25")).unwrap();
        assert_eq!(detail.schedule[0].status, InstallmentStatus::Paid);
        assert_eq!(detail.schedule[0].penalty, Money::ZERO);
    }
}

#[test]
fn a_partial_payment_pays_the_oldest_period_first() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    let outcome = pay(&mut store, id, Some("600"), "2025-01-15");
    assert_eq!(outcome.allocations.len(), 2);
    assert_eq!(outcome.allocations[0].period, 1);
    assert_eq!(outcome.allocations[0].fee, m("36"));
    assert_eq!(outcome.allocations[0].principal, m("500"));
    assert_eq!(outcome.allocations[1].period, 2);
    assert_eq!(outcome.allocations[1].fee, m("36"));
    assert_eq!(outcome.allocations[1].principal, m("28"));
    let detail = store.plan_detail(id, d("2025-01-15")).unwrap();
    assert_eq!(detail.schedule[0].status, InstallmentStatus::Paid);
    assert_eq!(detail.schedule[1].status, InstallmentStatus::PartlyPaid);
    assert_eq!(detail.schedule[1].paid, m("64"));
    assert_eq!(detail.summary.paid_periods, 1);
    assert_eq!(detail.summary.next_amount, Some(m("472")));
}

#[test]
fn overpayment_is_refused_and_nothing_is_written() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("1000", 2, "0%", "2025-01-15"))
        .unwrap();
    let err = store
        .record_payment(
            id,
            &PaymentDraft {
                amount: Some(m("1000.01")),
                on: d("2025-01-10"),
                channel: Channel::App,
                card: None,
                reference: String::new(),
            },
        )
        .unwrap_err();
    assert!(err.is_input());
    assert!(
        store
            .list_history(&HistoryFilter::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_failed_debit_flags_the_period_and_moves_no_money() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    let outcome = store
        .record_failed_debit(
            id,
            &PaymentDraft {
                amount: None,
                on: d("2025-01-15"),
                channel: Channel::AutoDebit,
                card: None,
                reference: String::new(),
            },
        )
        .unwrap();
    assert_eq!(outcome.amount, m("536"));
    assert_eq!(outcome.flagged_period, Some(1));
    let detail = store.plan_detail(id, d("2025-01-15")).unwrap();
    assert_eq!(detail.schedule[0].status, InstallmentStatus::DebitFailed);
    assert_eq!(detail.summary.status, PlanStatus::DebitFailed);
    assert_eq!(detail.summary.remaining, m("6432"));
    assert!(detail.repayments[0].failed);
    pay(&mut store, id, None, "2025-01-16");
    let detail = store.plan_detail(id, d("2025-01-16")).unwrap();
    assert_eq!(detail.schedule[0].status, InstallmentStatus::Paid);
}

#[test]
fn undo_reverts_payments_edits_and_deletes_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    let mut store = Store::open(&path).unwrap();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    pay(&mut store, id, None, "2025-01-15");
    let mut edited = store.plan_draft(id).unwrap();
    edited.name = "Renamed".into();
    store.update_plan(id, &edited).unwrap();
    store.delete_plan(id).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::PlanDelete);
    assert_eq!(
        store.plan_summary(id, d("2025-01-20")).unwrap().name,
        "Renamed"
    );
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::PlanEdit);
    let s = store.plan_summary(id, d("2025-01-20")).unwrap();
    assert_eq!(s.name, "iPhone 15");
    assert_eq!(s.paid_periods, 1);
    assert_eq!(
        store.list_history(&HistoryFilter::default()).unwrap().len(),
        1
    );
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::Pay);
    assert_eq!(
        store
            .plan_summary(id, d("2025-01-20"))
            .unwrap()
            .paid_periods,
        0
    );
    assert!(
        store
            .list_history(&HistoryFilter::default())
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::PlanAdd);
    assert!(matches!(
        store.plan_summary(id, d("2025-01-20")),
        Err(StoreError::PlanNotFound(_))
    ));
    assert!(store.undo().unwrap().is_none());
}

#[test]
fn card_replace_moves_plans_keeps_history_and_undoes() {
    let (_dir, mut store) = fresh();
    let old = store
        .add_card(&CardDraft {
            bank: "招商银行".into(),
            last4: "1234".into(),
            label: "工资卡".into(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    let new = store
        .add_card(&CardDraft {
            bank: "招商银行".into(),
            last4: "5678".into(),
            label: String::new(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    let mut plan = draft("6000", 12, "0.6%", "2025-01-15");
    plan.card = Some(old);
    let a = store.insert_plan(&plan).unwrap();
    let b = store.insert_plan(&plan).unwrap();
    pay(&mut store, a, None, "2025-01-15");
    assert_eq!(store.replace_card(old, new).unwrap().moved, 2);
    for id in [a, b] {
        assert_eq!(
            store.plan_summary(id, d("2025-01-20")).unwrap().card_id,
            Some(new)
        );
    }
    let history = store.list_history(&HistoryFilter::default()).unwrap();
    assert_eq!(history[0].card.as_ref().unwrap().id, old);
    let cards = store.list_cards(true).unwrap();
    let old_card = cards.iter().find(|c| c.id == old).unwrap();
    assert!(old_card.archived);
    assert_eq!(old_card.replaced_by, Some(new));
    assert!(cards.iter().find(|c| c.id == new).unwrap().is_default);
    store.undo().unwrap();
    assert_eq!(
        store.plan_summary(b, d("2025-01-20")).unwrap().card_id,
        Some(old)
    );
    let cards = store.list_cards(true).unwrap();
    assert!(!cards.iter().find(|c| c.id == old).unwrap().archived);
    assert!(cards.iter().find(|c| c.id == old).unwrap().is_default);
}

#[test]
fn status_totals_and_month_totals_for_the_panes() {
    let (_dir, mut store) = fresh();
    let card = store
        .add_card(&CardDraft {
            bank: "招商银行".into(),
            last4: "1234".into(),
            label: String::new(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    let mut first = draft("6000", 12, "0.6%", "2025-01-15");
    first.card = Some(card);
    store.insert_plan(&first).unwrap();
    let mut second = draft("1200", 3, "0%", "2025-02-05");
    second.terms.fee = FeeTerms::interest_free();
    second.provider = "花呗".into();
    store.insert_plan(&second).unwrap();
    let totals = store.status_totals(d("2025-02-01")).unwrap();
    assert_eq!(totals.overdue_count, 1);
    assert_eq!(totals.overdue_amount, m("536"));
    // 536 × 0.05% × 17 days = 4.556 → 4.56
    assert_eq!(totals.overdue_penalty, m("4.56"));
    assert_eq!(totals.due_7_days, m("400"));
    assert_eq!(totals.due_30_days, m("936"));
    assert_eq!(totals.next_due_date, Some(d("2025-02-05")));
    let by_provider = store
        .month_totals(d("2025-02-01"), MonthGrouping::Provider)
        .unwrap();
    assert_eq!(by_provider[0].month, d("2025-02-01"));
    assert_eq!(by_provider[0].group, "小米分期");
    assert_eq!(by_provider[0].amount, m("536"));
    assert_eq!(by_provider[1].group, "花呗");
    assert_eq!(by_provider[1].amount, m("400"));
    // 11 months of 小米分期 from February, 3 of 花呗.
    assert_eq!(by_provider.len(), 11 + 3);
    let by_card = store
        .month_totals(d("2025-02-01"), MonthGrouping::Card)
        .unwrap();
    assert_eq!(by_card[0].group, "");
    assert_eq!(by_card[1].group, "招商银行 ····1234");
    let page = store
        .list_plan_summaries(
            &PlanFilter {
                limit: Some(1),
                offset: 1,
                ..PlanFilter::default()
            },
            d("2025-02-01"),
        )
        .unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].provider, "花呗");
    assert_eq!(store.count_plans(&PlanFilter::default()).unwrap(), 2);
    let found = store
        .list_plan_summaries(
            &PlanFilter {
                text: Some("花".into()),
                ..PlanFilter::default()
            },
            d("2025-02-01"),
        )
        .unwrap();
    assert_eq!(found.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Penalty after partial payments, what may be paid on a date, repayments in date order.

/// An interest-free plan with the default overdue terms (3 grace days, 0.05% a day from due).
fn interest_free(principal: &str, periods: u32, first_due: &str) -> PlanDraft {
    let mut plan = draft(principal, periods, "0%", first_due);
    plan.terms.fee = FeeTerms::interest_free();
    plan
}

/// (period, penalty, fee, principal) of each allocation, as text.
fn split(outcome: &PaymentOutcome) -> Vec<(u32, String, String, String)> {
    outcome
        .allocations
        .iter()
        .map(|a| {
            (
                a.period,
                a.penalty.to_string(),
                a.fee.to_string(),
                a.principal.to_string(),
            )
        })
        .collect()
}

fn row(period: u32, penalty: &str, fee: &str, principal: &str) -> (u32, String, String, String) {
    (period, penalty.into(), fee.into(), principal.into())
}

/// Every view of what a plan's oldest overdue period owes on `on` agrees on `penalty` (with
/// `unpaid` principal and fee): the due report, the TUI's upcoming pane and status bar, the
/// card totals, the plan's schedule, the payoff quote and the default payment.
fn assert_every_view_owes(store: &Store, id: PlanId, on: &str, unpaid: &str, penalty: &str) {
    let on = d(on);
    let total = Money::from_cents(m(unpaid).cents() + m(penalty).cents());
    let report = store.due_report(on, 30).unwrap();
    let item = &report.overdue[0];
    assert_eq!(
        (item.amount, item.penalty),
        (m(unpaid), m(penalty)),
        "due report"
    );
    let page = store.list_due_items(on, on, None, 0, 10, None).unwrap();
    assert_eq!(page[0].penalty, m(penalty), "upcoming pane");
    let status = store.status_totals(on).unwrap();
    assert_eq!(status.overdue_penalty, m(penalty), "status bar");
    let needs = store.card_needs(on, on).unwrap();
    assert_eq!(needs, vec![(None, total)], "card needs");
    let detail = store.plan_detail(id, on).unwrap();
    assert_eq!(detail.schedule[0].penalty, m(penalty), "plan show");
    assert_eq!(detail.schedule[0].unpaid, m(unpaid), "plan show");
    assert_eq!(
        store.amount_due_next(id, on).unwrap(),
        total,
        "default payment"
    );
    let quote = store.payoff_quote(id, on).unwrap();
    assert_eq!(quote.penalty, m(penalty), "payoff quote");
}

#[test]
fn penalty_after_a_partial_payment_accrues_on_what_stayed_unpaid() {
    // QA's case: 1,000.00 due 2026-06-01, 600.00 paid on 2026-09-01 (92 days late).
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&interest_free("1000", 1, "2026-06-01"))
        .unwrap();
    // On 09-01 the payment owes 1,000.00 × 0.05% × 92 = 46.00 first, then 554.00 principal.
    let first = pay(&mut store, id, Some("600"), "2026-09-01");
    assert_eq!(split(&first), vec![row(1, "46.00", "0.00", "554.00")]);
    // By 11-25 (177 days late): 554 × 92 + 446 × 177 = 129,910.00 × 0.05% = 64.955 → 64.96
    // in all, 46.00 of it paid: 18.96 owed (= 446.00 × 0.05% × 85 = 18.955 → 18.96).
    assert_every_view_owes(&store, id, "2026-11-25", "446.00", "18.96");
    let last = pay(&mut store, id, None, "2026-11-25");
    assert_eq!(last.amount, m("464.96"));
    assert_eq!(split(&last), vec![row(1, "18.96", "0.00", "446.00")]);
    let summary = store.plan_summary(id, d("2026-11-25")).unwrap();
    assert_eq!(summary.status, PlanStatus::Completed);
    assert_eq!(summary.remaining, Money::ZERO);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn penalty_from_grace_end_after_a_partial_payment() {
    let (_dir, mut store) = fresh();
    let mut plan = interest_free("1000", 1, "2026-06-01");
    plan.terms.overdue.from = PenaltyFrom::GraceEnd;
    let id = store.insert_plan(&plan).unwrap();
    // 1,000.00 × 0.05% × 89 = 44.50, then 555.50 principal.
    let first = pay(&mut store, id, Some("600"), "2026-09-01");
    assert_eq!(split(&first), vec![row(1, "44.50", "0.00", "555.50")]);
    // 555.50 × 89 + 444.50 × 174 = 126,782.50 × 0.05% = 63.39125 → 63.39; less 44.50 paid.
    assert_every_view_owes(&store, id, "2026-11-25", "444.50", "18.89");
}

#[test]
fn two_partial_payments_each_stop_the_penalty_on_what_they_paid() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    // 01-20, 5 days late: 536 × 5 × 0.05% = 1.34 penalty, the 36.00 fee, 162.66 principal.
    let first = pay(&mut store, id, Some("200"), "2025-01-20");
    assert_eq!(split(&first), vec![row(1, "1.34", "36.00", "162.66")]);
    // 02-10, 26 days late: 198.66 × 5 + 337.34 × 26 = 9,764.14 × 0.05% = 4.88207 → 4.88,
    // less 1.34 paid = 3.54; the rest of the 100.00 is principal.
    let second = pay(&mut store, id, Some("100"), "2025-02-10");
    assert_eq!(split(&second), vec![row(1, "3.54", "0.00", "96.46")]);
    // 03-01, 45 days late: 198.66 × 5 + 96.46 × 26 + 240.88 × 45 = 14,340.86 × 0.05%
    // = 7.17043 → 7.17, less 4.88 paid = 2.29 (charging today's 240.88 for all 45 days would
    // give 5.42 − 4.88 = 0.54).
    assert_every_view_owes_first_of_two(&store, id);
}

/// On 2025-03-01 period 1 owes 240.88 and 2.29 penalty; period 2 (536.00, 14 days late)
/// 536 × 14 × 0.05% = 3.752 → 3.75.
fn assert_every_view_owes_first_of_two(store: &Store, id: PlanId) {
    let on = d("2025-03-01");
    let report = store.due_report(on, 0).unwrap();
    let owed: Vec<(u32, Money, Money)> = report
        .overdue
        .iter()
        .map(|i| (i.period, i.amount, i.penalty))
        .collect();
    assert_eq!(
        owed,
        vec![(1, m("240.88"), m("2.29")), (2, m("536.00"), m("3.75"))]
    );
    let detail = store.plan_detail(id, on).unwrap();
    assert_eq!(detail.schedule[0].penalty, m("2.29"));
    assert_eq!(detail.schedule[1].penalty, m("3.75"));
    assert_eq!(store.amount_due_next(id, on).unwrap(), m("243.17"));
    let quote = store.payoff_quote(id, on).unwrap();
    assert_eq!(quote.penalty, m("6.04"));
    let status = store.status_totals(on).unwrap();
    assert_eq!(status.overdue_penalty, m("6.04"));
}

#[test]
fn a_payment_may_pay_what_is_due_by_its_date_and_the_next_period_only() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    let before = store.plan_detail(id, d("2025-01-10")).unwrap();
    // QA's case: nothing overdue, 1,200.00 would pay periods 2 and 3's fees ahead.
    let err = store
        .record_payment(id, &draft_on(Some("1200"), "2025-01-10"))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Allocation(AllocationError::Overpayment(most)) if most == m("536.00")
    ));
    assert_eq!(store.plan_detail(id, d("2025-01-10")).unwrap(), before);
    // 02-20: period 1 is 36 days late (536 × 0.05% × 36 = 9.648 → 9.65), period 2 is 5 days
    // late (1.34), period 3 is next: 3 × 536.00 + 9.65 + 1.34 = 1,618.99 at most.
    let err = store
        .record_payment(id, &draft_on(Some("1619.00"), "2025-02-20"))
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::Allocation(AllocationError::Overpayment(most)) if most == m("1618.99")
    ));
    let paid = pay(&mut store, id, Some("1618.99"), "2025-02-20");
    assert_eq!(
        split(&paid),
        vec![
            row(1, "9.65", "36.00", "500.00"),
            row(2, "1.34", "36.00", "500.00"),
            row(3, "0.00", "36.00", "500.00"),
        ]
    );
    let detail = store.plan_detail(id, d("2025-02-20")).unwrap();
    assert_eq!(detail.schedule[3].status, InstallmentStatus::Pending);
    assert_eq!(detail.summary.remaining, m(&(536 * 9).to_string()));
    assert!(store.check().unwrap().is_ok());
}

fn draft_on(amount: Option<&str>, on: &str) -> PaymentDraft {
    PaymentDraft {
        amount: amount.map(m),
        on: d(on),
        channel: Channel::App,
        card: None,
        reference: String::new(),
    }
}

#[test]
fn a_repayment_dated_before_the_latest_one_is_refused() {
    let (_dir, mut store) = fresh();
    let id = store
        .insert_plan(&interest_free("1000", 1, "2026-06-01"))
        .unwrap();
    pay(&mut store, id, Some("500"), "2026-11-01");
    let before = store.plan_detail(id, d("2026-11-25")).unwrap();
    let backdated = draft_on(Some("100"), "2026-09-02");
    let refused = |result: Result<(), StoreError>| {
        assert!(
            matches!(
                result,
                Err(StoreError::Allocation(AllocationError::BeforeLatestPayment(latest)))
                    if latest == d("2026-11-01")
            ),
            "{result:?}"
        );
    };
    refused(store.record_payment(id, &backdated).map(drop));
    refused(store.record_failed_debit(id, &backdated).map(drop));
    refused(store.record_payoff(id, &backdated).map(drop));
    refused(store.payoff_quote(id, d("2026-09-02")).map(drop));
    assert_eq!(store.plan_detail(id, d("2026-11-25")).unwrap(), before);
    // The same day is in order.
    pay(&mut store, id, Some("100"), "2026-11-01");
    assert!(store.check().unwrap().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Partial prepayment of an annuity plan.

/// 10,000.00 at 15% a year over 12 months from 2025-01-31 (902.58 a month), period 1 paid:
/// 9,222.42 of principal owed.
fn annuity_with_one_period_paid(store: &mut Store) -> PlanId {
    let mut plan = draft("10000", 12, "0%", "2025-01-31");
    plan.terms.fee = FeeTerms {
        model: FeeModel::Annuity,
        rate: Rate::parse("15%").unwrap(),
        discount: None,
        free_periods: vec![],
        ..FeeTerms::default()
    };
    let id = store.insert_plan(&plan).unwrap();
    pay(store, id, None, "2025-01-31");
    id
}

#[test]
fn a_partial_prepayment_reschedules_the_periods_left_and_undoes() {
    let (_dir, mut store) = fresh();
    let id = annuity_with_one_period_paid(&mut store);
    let before = store.plan_detail(id, d("2025-02-10")).unwrap();
    // Keep term: 4,222.42 over 11 periods at 1.25% a month is 413.24 a month.
    let keep = store
        .prepay_quote(id, d("2025-02-10"), m("5000"), PrepayMode::KeepTerm)
        .unwrap();
    assert_eq!(keep.schedule.len(), 11);
    assert_eq!(keep.schedule[0].amount, m("413.24"));
    assert_eq!(store.plan_detail(id, d("2025-02-10")).unwrap(), before);
    // Shorten term: 902.58 a month repays it in 5 periods (2 to 6), the last 768.44, with
    // 52.78 + 42.16 + 31.40 + 20.51 + 9.49 = 156.34 of interest.
    let (outcome, quote) = store
        .record_prepayment(
            id,
            &draft_on(Some("5000"), "2025-02-10"),
            PrepayMode::ShortenTerm,
        )
        .unwrap();
    assert_eq!(outcome.amount, m("5000"));
    assert_eq!(split(&outcome), vec![row(2, "0.00", "0.00", "5000.00")]);
    assert_eq!(quote.schedule.len(), 5);
    let after = store.plan_detail(id, d("2025-02-10")).unwrap();
    assert_eq!(after.summary.periods, 6);
    assert_eq!(after.schedule.len(), 6);
    assert_eq!(after.schedule[1].unpaid, m("902.58"));
    assert_eq!(after.schedule[5].amount, m("768.44"));
    assert_eq!(after.summary.remaining, m("4378.76"));
    assert_eq!(after.summary.remaining_principal, m("4222.42"));
    assert_eq!(
        store.amount_due_next(id, d("2025-02-10")).unwrap(),
        m("902.58")
    );
    assert!(store.check().unwrap().is_ok());
    // The period after the prepayment is charged only on what it still owes when late:
    // 902.58 × 0.05% × 10 days = 4.5129 → 4.51.
    assert_eq!(
        store.plan_detail(id, d("2025-03-10")).unwrap().schedule[1].penalty,
        m("4.51")
    );
    assert_eq!(store.undo().unwrap().unwrap().kind, ChangeKind::Payoff);
    assert_eq!(store.plan_detail(id, d("2025-02-10")).unwrap(), before);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_partial_prepayment_is_refused_off_an_annuity_or_while_something_is_due() {
    let (_dir, mut store) = fresh();
    let flat = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-15"))
        .unwrap();
    let annuity = annuity_with_one_period_paid(&mut store);
    let refused = |store: &mut Store, id: PlanId, on: &str, amount: &str| match store
        .record_prepayment(id, &draft_on(Some(amount), on), PrepayMode::KeepTerm)
    {
        Err(StoreError::Prepay(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        refused(&mut store, flat, "2025-01-10", "100"),
        PrepayError::NotAnnuity
    );
    // Period 2 was due on 02-28 and is unpaid on 03-01.
    assert_eq!(
        refused(&mut store, annuity, "2025-03-01", "100"),
        PrepayError::NotCurrent
    );
    assert_eq!(
        refused(&mut store, annuity, "2025-02-10", "9222.42"),
        PrepayError::OutOfRange
    );
    assert_eq!(
        store.list_history(&HistoryFilter::default()).unwrap().len(),
        1
    );
}

/// The postings the store keeps after reading them once follow every change: a payment through
/// the same connection and a confirmation through another one (as the CLI does beside the TUI).
#[test]
fn postings_read_once_follow_changes_here_and_elsewhere() {
    let (dir, mut store) = fresh();
    let mut plan = draft("6000", 12, "0.6%", "2025-01-31");
    plan.auto_post = true;
    let id = store.insert_plan(&plan).unwrap();
    let today = d("2025-03-15");
    // Due 01-31 and 02-28 by today: two postings of 536.00 (500.00 + 36.00).
    let totals = store.status_totals(today).unwrap();
    assert_eq!(totals.unconfirmed_count, 2);
    assert_eq!(store.due_report(today, 7).unwrap().unconfirmed.len(), 2);
    // Paying the first period by hand takes its posting's place.
    pay(&mut store, id, Some("536"), "2025-01-31");
    assert_eq!(store.status_totals(today).unwrap().unconfirmed_count, 1);
    // Another connection paying the second: read again, none left.
    let mut other = Store::open(&dir.path().join("fenqi.db")).unwrap();
    pay(&mut other, id, Some("536"), "2025-02-28");
    assert_eq!(store.status_totals(today).unwrap().unconfirmed_count, 0);
    assert!(store.due_report(today, 7).unwrap().unconfirmed.is_empty());
    // Another day, another list: 03-31 is posted by 04-01.
    assert_eq!(
        store
            .status_totals(d("2025-04-01"))
            .unwrap()
            .unconfirmed_count,
        1
    );
}

/// The periods past due, read once for the status bar and the cards' week, follow a payment
/// here and one through another connection.
#[test]
fn past_due_periods_read_once_follow_changes_here_and_elsewhere() {
    let (dir, mut store) = fresh();
    let id = store
        .insert_plan(&draft("6000", 12, "0.6%", "2025-01-31"))
        .unwrap();
    // No grace: 01-31 and 02-28 are overdue on 03-15, 536.00 each (500.00 + 36.00), with the
    // default 0.05% a day: 536.00 × 0.05% × 43 days = 11.52 and × 15 days = 4.02.
    let today = d("2025-03-15");
    let week = d("2025-03-22");
    assert_eq!(store.status_totals(today).unwrap().overdue_count, 2);
    assert_eq!(store.card_needs(today, week).unwrap()[0].1, m("1087.54"));
    // The penalty is paid first: 11.52 + 536.00 settles the first period.
    pay(&mut store, id, Some("547.52"), "2025-03-15");
    assert_eq!(store.status_totals(today).unwrap().overdue_count, 1);
    assert_eq!(store.card_needs(today, week).unwrap()[0].1, m("540.02"));
    let mut other = Store::open(&dir.path().join("fenqi.db")).unwrap();
    pay(&mut other, id, Some("540.02"), "2025-03-15");
    assert_eq!(store.status_totals(today).unwrap().overdue_count, 0);
    assert!(store.card_needs(today, week).unwrap().is_empty());
}
