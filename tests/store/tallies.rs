//! Store tests: the trigger-kept tallies agree with a recount after every kind of change, and
//! the counts, sums and pages read from them (or from the far end) equal full reads.

use chrono::{Days, NaiveDate};
use fenqi::domain::Money;
use fenqi::domain::dates::parse_date;
use fenqi::store::*;

fn d(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
    (dir, store)
}

const TODAY: &str = "2026-11-25";

fn draft(on: &str, amount: Option<&str>) -> PaymentDraft {
    PaymentDraft {
        amount: amount.map(|a| Money::parse(a).unwrap()),
        on: d(on),
        channel: Channel::App,
        card: None,
        reference: String::new(),
    }
}

fn active_plans(store: &Store) -> Vec<PlanSummary> {
    store
        .list_plan_summaries(&PlanFilter::default(), d(TODAY))
        .unwrap()
}

#[track_caller]
fn assert_tallies(store: &Store, step: &str) {
    assert!(
        store.tallies_match().unwrap(),
        "tallies drifted after {step}"
    );
    // The status bar counts the automatic postings from the tallies; `due` lists them.
    let today = d(TODAY);
    assert_eq!(
        store.status_totals(today).unwrap().unconfirmed_count,
        store.due_report(today, 0).unwrap().unconfirmed.len() as u64,
        "postings counted and listed differ after {step}"
    );
}

#[test]
fn tallies_follow_every_kind_of_change_and_its_undo() {
    let (_dir, mut store) = fresh();
    assert_tallies(&store, "opening");
    store.fill_demo(80, 7, d(TODAY)).unwrap();
    assert_tallies(&store, "the demo fill");
    assert_eq!(store.plan_count().unwrap(), 80);

    let plans = active_plans(&store);
    let (a, b, c, e) = (plans[0].id, plans[1].id, plans[2].id, plans[3].id);
    store
        .record_payment(a, &draft(TODAY, Some("1.00")))
        .unwrap();
    assert_tallies(&store, "a partial payment");
    store.record_payment(a, &draft(TODAY, None)).unwrap();
    assert_tallies(&store, "a full payment");
    store.record_failed_debit(b, &draft(TODAY, None)).unwrap();
    assert_tallies(&store, "a failed debit");
    if store.payoff_quote(c, d(TODAY)).is_ok() {
        store.record_payoff(c, &draft(TODAY, None)).unwrap();
        assert_tallies(&store, "a payoff");
    }

    let mut edited = store.plan_draft(e).unwrap();
    edited.provider = "别的分期".into();
    edited.name = "renamed".into();
    store.update_plan(e, &edited).unwrap();
    assert_tallies(&store, "a provider change");

    let mut switched = store.plan_draft(e).unwrap();
    switched.auto_debit = !switched.auto_debit;
    store.update_plan(e, &switched).unwrap();
    assert_tallies(&store, "auto-debit switched");
    switched.auto_debit = true;
    store.update_plan(e, &switched).unwrap();
    assert_tallies(&store, "auto-debit on");
    switched.auto_post = false;
    store.update_plan(e, &switched).unwrap();
    assert_tallies(&store, "posting off");
    switched.auto_post = true;
    store.update_plan(e, &switched).unwrap();
    assert_tallies(&store, "posting on");
    let posting = active_plans(&store)
        .into_iter()
        .find(|p| p.auto_debit && p.id != e)
        .expect("the demo has auto-debit plans");
    store
        .record_failed_debit(posting.id, &draft(TODAY, None))
        .unwrap();
    assert_tallies(&store, "a failed debit on an auto-debit plan");
    store
        .record_payment(posting.id, &draft(TODAY, None))
        .unwrap();
    assert_tallies(&store, "the failed debit paid");

    let card = store
        .add_card(&CardDraft {
            bank: "交通银行".into(),
            last4: "9999".into(),
            label: String::new(),
            kind: fenqi::store::CardKind::Debit,
        })
        .unwrap();
    let old_card = store.plan_summary(e, d(TODAY)).unwrap().card_id.unwrap();
    store.replace_card(old_card, card).unwrap();
    assert_tallies(&store, "a card replacement");

    let fresh_plan = store
        .insert_plan(&PlanDraft {
            card: None,
            ..store.plan_draft(e).unwrap()
        })
        .unwrap();
    assert_tallies(&store, "a plan without a card");
    let mut longer = store.plan_draft(fresh_plan).unwrap();
    longer.terms.periods += 6;
    longer.card = Some(card);
    store.update_plan(fresh_plan, &longer).unwrap();
    assert_tallies(&store, "a schedule and card change");
    store.delete_plan(a).unwrap();
    assert_tallies(&store, "a plan deletion");

    let mut undone = 0;
    while store.undo().unwrap().is_some() {
        undone += 1;
        assert_tallies(&store, &format!("undo #{undone}"));
    }
    assert_eq!(store.plan_count().unwrap(), 0);
    assert_eq!(store.repayment_count().unwrap(), 0);
    assert_eq!(
        store.open_sum(None, NaiveDate::MAX).unwrap(),
        tallies::OpenSum::default()
    );
}

#[test]
fn counts_and_sums_read_from_tallies_equal_full_reads() {
    let (_dir, mut store) = fresh();
    store.fill_demo(300, 11, d(TODAY)).unwrap();
    let today = d(TODAY);
    let until = today.checked_add_days(Days::new(30)).unwrap();
    let all_due = store
        .list_due_items(today, until, None, 0, u32::MAX, None)
        .unwrap();
    assert!(all_due.len() > 100);
    assert_eq!(
        store.count_due_items(today, until, None).unwrap(),
        all_due.len() as u64
    );
    let filtered = store
        .list_due_items(today, until, Some("花呗"), 0, u32::MAX, None)
        .unwrap();
    assert_eq!(
        store.count_due_items(today, until, Some("花呗")).unwrap(),
        filtered.len() as u64
    );

    let report = store.due_report(today, 30).unwrap();
    let status = store.status_totals(today).unwrap();
    let sum = |items: &[DueItem], f: fn(&DueItem) -> Money| {
        Money::from_cents(items.iter().map(|i| f(i).cents()).sum())
    };
    assert_eq!(status.due_30_days, sum(&report.upcoming, |i| i.amount));
    assert_eq!(status.overdue_count, report.overdue.len() as u64);
    assert_eq!(status.overdue_amount, sum(&report.overdue, |i| i.amount));
    assert_eq!(status.overdue_penalty, sum(&report.overdue, |i| i.penalty));
    assert_eq!(
        status.next_due_date,
        report.upcoming.first().map(|i| i.due_date)
    );
    let week = today.checked_add_days(Days::new(7)).unwrap();
    let in_week: Vec<DueItem> = all_due
        .iter()
        .filter(|i| i.due_date <= week)
        .cloned()
        .collect();
    assert_eq!(
        status.due_7_days,
        sum(&in_week, |i| if i.days >= 0 {
            i.amount
        } else {
            Money::ZERO
        })
    );
    let mut needs = store.card_needs(today, week).unwrap();
    needs.sort_by_key(|(card, _)| *card);
    let mut expected: Vec<(Option<CardId>, Money)> = Vec::new();
    for item in &in_week {
        let cents = item.amount.cents() + item.penalty.cents();
        match expected.iter_mut().find(|(card, _)| *card == item.card_id) {
            Some((_, total)) => *total = Money::from_cents(total.cents() + cents),
            None => expected.push((item.card_id, Money::from_cents(cents))),
        }
    }
    expected.sort_by_key(|(card, _)| *card);
    assert_eq!(needs, expected);

    let history = store.list_history(&HistoryFilter::default()).unwrap();
    assert_eq!(
        store.count_history_matching(None).unwrap(),
        history.len() as u64
    );
    let all_plans = PlanFilter {
        include_finished: true,
        ..PlanFilter::default()
    };
    assert_eq!(store.count_plans(&all_plans).unwrap(), 300);
}

#[test]
fn pages_past_the_middle_equal_the_same_rows_read_from_the_start() {
    let (_dir, mut store) = fresh();
    store.fill_demo(120, 3, d(TODAY)).unwrap();
    let today = d(TODAY);
    let until = today.checked_add_days(Days::new(30)).unwrap();

    for include_finished in [false, true] {
        let filter = PlanFilter {
            include_finished,
            ..PlanFilter::default()
        };
        let all = store.list_plan_summaries(&filter, today).unwrap();
        let total = all.len() as u64;
        for offset in [0, total / 2 + 1, total - 7, total - 1] {
            let page = store
                .list_plan_summaries(
                    &PlanFilter {
                        offset: offset as u32,
                        limit: Some(5),
                        total: Some(total),
                        ..filter.clone()
                    },
                    today,
                )
                .unwrap();
            let ids: Vec<PlanId> = page.iter().map(|p| p.id).collect();
            let expected: Vec<PlanId> = all
                .iter()
                .skip(offset as usize)
                .take(5)
                .map(|p| p.id)
                .collect();
            assert_eq!(ids, expected, "plans from {offset} of {total}");
        }
    }

    let all_due = store
        .list_due_items(today, until, None, 0, u32::MAX, None)
        .unwrap();
    let total = all_due.len() as u64;
    for offset in [total / 2 + 1, total - 3] {
        let page = store
            .list_due_items(today, until, None, offset as u32, 6, Some(total))
            .unwrap();
        let expected: Vec<DueItem> = all_due
            .iter()
            .skip(offset as usize)
            .take(6)
            .cloned()
            .collect();
        assert_eq!(page, expected, "due items from {offset} of {total}");
    }

    let history = store.list_history(&HistoryFilter::default()).unwrap();
    let total = history.len() as u64;
    for offset in [total / 2 + 1, total - 4] {
        let page = store
            .list_history(&HistoryFilter {
                offset: offset as u32,
                limit: Some(8),
                total: Some(total),
                ..HistoryFilter::default()
            })
            .unwrap();
        let ids: Vec<RepaymentId> = page.iter().map(|r| r.id).collect();
        let expected: Vec<RepaymentId> = history
            .iter()
            .skip(offset as usize)
            .take(8)
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, expected, "history from {offset} of {total}");
    }
}

#[test]
fn filtered_counts_stop_at_the_cap_and_are_exact_below_it() {
    use fenqi::store::tui_queries::MATCH_COUNT_CAP;
    let (_dir, mut store) = fresh();
    store.fill_demo(3000, 7, d("2026-11-25")).unwrap();
    let all = store.repayment_count().unwrap();
    assert!(
        all > MATCH_COUNT_CAP,
        "the demo needs more than the cap: {all}"
    );
    assert_eq!(
        store.count_history_matching(Some("FQ")).unwrap(),
        MATCH_COUNT_CAP
    );
    let one_plan = store
        .list_history(&HistoryFilter {
            limit: Some(1),
            ..HistoryFilter::default()
        })
        .unwrap()[0]
        .reference
        .clone();
    assert_eq!(store.count_history_matching(Some(&one_plan)).unwrap(), 1);
    let until = d("2027-12-31");
    let open = store.count_due_items(d(TODAY), until, None).unwrap();
    assert!(open > MATCH_COUNT_CAP, "{open}");
    assert!(store.count_due_items(d(TODAY), until, Some("a")).unwrap() <= MATCH_COUNT_CAP);
}

#[test]
fn what_is_due_before_a_day_reads_the_same_from_month_tallies_on_any_day() {
    let (_dir, mut store) = fresh();
    store.fill_demo(200, 5, d(TODAY)).unwrap();
    // The first day of a month, its last, one within it, and days months and a year later:
    // the periods due before each come from month tallies plus that month's days.
    for today in [
        "2026-11-01",
        "2026-11-25",
        "2026-11-30",
        "2026-12-01",
        "2027-02-28",
        "2027-03-01",
        "2027-11-25",
        "2028-06-15",
    ] {
        let today = d(today);
        let report = store.due_report(today, 0).unwrap();
        let status = store.status_totals(today).unwrap();
        assert_eq!(status.overdue_count, report.overdue.len() as u64, "{today}");
        assert_eq!(
            status.unconfirmed_count,
            report.unconfirmed.len() as u64,
            "{today}"
        );
        let listed = store
            .list_due_items(today, today, None, 0, u32::MAX, None)
            .unwrap();
        assert_eq!(
            store.count_due_items(today, today, None).unwrap(),
            listed.len() as u64,
            "{today}"
        );
    }
}

#[test]
fn a_month_tally_off_from_the_days_fails_the_check_and_a_recount_mends_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fenqi.db");
    let mut store = Store::open(&path).unwrap();
    store.fill_demo(40, 3, d(TODAY)).unwrap();
    assert!(store.tallies_match().unwrap());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let changed = conn
        .execute(
            "UPDATE open_by_month SET unpaid_cents = unpaid_cents + 1
             WHERE month = (SELECT min(month) FROM open_by_month)",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    assert!(!store.tallies_match().unwrap());
    // A bulk fill recounts every tally, the months included.
    store.fill_demo(1, 4, d(TODAY)).unwrap();
    assert!(store.tallies_match().unwrap());
}
