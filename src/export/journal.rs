//! Plain-text accounting output (ledger / hledger and beancount) from plans, repayments and dues.

use chrono::NaiveDate;

use crate::domain::Money;
use crate::domain::money::Overflow;

/// The commodity every amount is written in.
pub(crate) const CURRENCY: &str = "CNY";

/// A plan as the books see it: a liability opened on the purchase date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BookPlan {
    pub id: i64,
    pub name: String,
    pub provider: String,
    pub opened_on: NaiveDate,
    pub principal: Money,
}

/// A repayment split into its parts, paid from an account (a card or a channel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BookPayment {
    pub plan_id: i64,
    pub plan_name: String,
    pub paid_on: NaiveDate,
    pub from_account: String,
    pub principal: Money,
    pub fee: Money,
    pub penalty: Money,
    pub reference: String,
    /// An automatic posting not yet confirmed: counted as paid on its due date, tagged
    /// `fenqi-unconfirmed`.
    pub unconfirmed: bool,
}

/// An installment still to pay: principal and fee still owed, on its due date, with the
/// penalty and late fees an overdue one owes so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BookDue {
    pub plan_id: i64,
    pub plan_name: String,
    pub period: u32,
    pub periods: u32,
    pub due_on: NaiveDate,
    pub from_account: String,
    pub principal: Money,
    pub fee: Money,
    pub penalty: Money,
}

/// Everything written to the books.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Books {
    pub plans: Vec<BookPlan>,
    pub payments: Vec<BookPayment>,
    pub dues: Vec<BookDue>,
}

/// The liability account of a plan (ASCII, valid in ledger, hledger and beancount).
pub(crate) fn liability_account(plan_id: i64) -> String {
    format!("Liabilities:Fenqi:Plan{plan_id}")
}

pub(crate) const PURCHASES: &str = "Expenses:Fenqi:Purchases";
pub(crate) const FEES: &str = "Expenses:Fenqi:Fees";
pub(crate) const PENALTIES: &str = "Expenses:Fenqi:Penalties";

/// An asset account name from free text: `Assets:Fenqi:` + ASCII letters, digits and dashes,
/// starting with a capital letter as beancount requires.
pub(crate) fn asset_account(label: &str) -> String {
    let cleaned: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let trimmed = cleaned.trim_matches('-');
    let mut collapsed = String::new();
    for c in trimmed.chars() {
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }
    let mut name = String::from("Assets:Fenqi:");
    match collapsed.chars().next() {
        Some(first) if first.is_ascii_alphabetic() => {
            name.push(first.to_ascii_uppercase());
            name.push_str(&collapsed[1..]);
        }
        Some(_) => {
            name.push('A');
            name.push_str(&collapsed);
        }
        None => name.push_str("Unknown"),
    }
    name
}

/// One line of free text: control characters become spaces, quotes and backslashes escaped for
/// beancount strings; ledger payees also lose `;` so nothing turns into a comment or directive.
fn narration(text: &str, quoted: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            c if c.is_control() => out.push(' '),
            '"' if quoted => out.push_str("\\\""),
            '\\' if quoted => out.push_str("\\\\"),
            ';' | '|' if !quoted => out.push(','),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// The accounts the books use, sorted, each once.
fn accounts(books: &Books) -> Vec<String> {
    let mut accounts: Vec<String> = books
        .plans
        .iter()
        .map(|p| liability_account(p.id))
        .chain(books.payments.iter().map(|p| p.from_account.clone()))
        .chain(books.dues.iter().map(|d| d.from_account.clone()))
        .chain([PURCHASES, FEES, PENALTIES].map(String::from))
        .collect();
    accounts.sort();
    accounts.dedup();
    accounts
}

/// The date the books open every account on: the earliest date they mention.
fn opening_date(books: &Books) -> Option<NaiveDate> {
    books
        .plans
        .iter()
        .map(|p| p.opened_on)
        .chain(books.payments.iter().map(|p| p.paid_on))
        .chain(books.dues.iter().map(|d| d.due_on))
        .min()
}

/// A posting line: account, two spaces, amount.
fn posting(account: &str, amount: Money, negative: bool) -> String {
    let sign = if negative { "-" } else { "" };
    format!("    {account}  {sign}{amount} {CURRENCY}\n")
}

/// Postings of a repayment: principal off the liability, fee and penalty to expenses.
fn payment_postings(
    plan_id: i64,
    from: &str,
    principal: Money,
    fee: Money,
    penalty: Money,
) -> Result<String, Overflow> {
    let mut out = String::new();
    if !principal.is_zero() {
        out.push_str(&posting(&liability_account(plan_id), principal, false));
    }
    if !fee.is_zero() {
        out.push_str(&posting(FEES, fee, false));
    }
    if !penalty.is_zero() {
        out.push_str(&posting(PENALTIES, penalty, false));
    }
    let total = Money::try_sum([principal, fee, penalty])?;
    out.push_str(&posting(from, total, true));
    Ok(out)
}

/// The beancount tag of an automatic posting not yet confirmed.
const UNCONFIRMED_TAG: &str = " #fenqi-unconfirmed";

/// The ledger / hledger tag (a comment line) of an automatic posting not yet confirmed.
const UNCONFIRMED_COMMENT: &str = "    ; fenqi-unconfirmed: auto-debit\n";

/// Journal syntax differences between the two tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// ledger and hledger: `account` directives, `!` for pending, `;` comments.
    Ledger,
    /// beancount: `open` directives, quoted narrations, `!` flag plus `#fenqi-scheduled` tag.
    Beancount,
}

/// Renders the books. Plans open as liabilities against purchases; repayments are cleared
/// transactions (automatic postings not yet confirmed too, as fenqi counts them paid, tagged
/// `fenqi-unconfirmed`); installments still to pay are pending (`!`) transactions on their due
/// dates, tagged `fenqi-scheduled` in beancount, so `--cleared` / `flag = '*'` gives today's
/// balances.
/// [`Overflow`] when a transaction's total is beyond what fenqi computes exactly.
pub(crate) fn render(books: &Books, dialect: Dialect) -> Result<String, Overflow> {
    let mut out = String::new();
    match dialect {
        Dialect::Ledger => {
            out.push_str(
                "; fenqi export: plans as liabilities, repayments cleared, dues pending (!)\n\n",
            );
            out.push_str(&format!("commodity {CURRENCY}\n"));
            for account in accounts(books) {
                out.push_str(&format!("account {account}\n"));
            }
        }
        Dialect::Beancount => {
            out.push_str("; fenqi export: plans as liabilities, repayments '*', dues '!' tagged #fenqi-scheduled\n\n");
            out.push_str(&format!("option \"operating_currency\" \"{CURRENCY}\"\n\n"));
            if let Some(open_on) = opening_date(books) {
                for account in accounts(books) {
                    out.push_str(&format!("{open_on} open {account} {CURRENCY}\n"));
                }
            }
        }
    }
    out.push('\n');
    let header = |date: NaiveDate, flag: char, text: &str, tag: &str| match dialect {
        Dialect::Ledger => format!("{date} {flag} {}\n", narration(text, false)),
        Dialect::Beancount => format!("{date} {flag} \"{}\"{tag}\n", narration(text, true)),
    };
    for plan in &books.plans {
        let title = format!("{} {}", plan.provider, plan.name);
        out.push_str(&header(plan.opened_on, '*', &title, ""));
        out.push_str(&posting(PURCHASES, plan.principal, false));
        out.push_str(&posting(&liability_account(plan.id), plan.principal, true));
        out.push('\n');
    }
    for payment in &books.payments {
        let mut title = payment.plan_name.clone();
        if !payment.reference.is_empty() {
            title = format!("{title} ({})", payment.reference);
        }
        let tag = if payment.unconfirmed {
            UNCONFIRMED_TAG
        } else {
            ""
        };
        out.push_str(&header(payment.paid_on, '*', &title, tag));
        if payment.unconfirmed && dialect == Dialect::Ledger {
            out.push_str(UNCONFIRMED_COMMENT);
        }
        out.push_str(&payment_postings(
            payment.plan_id,
            &payment.from_account,
            payment.principal,
            payment.fee,
            payment.penalty,
        )?);
        out.push('\n');
    }
    for due in &books.dues {
        let title = format!("{} {}/{}", due.plan_name, due.period, due.periods);
        out.push_str(&header(due.due_on, '!', &title, " #fenqi-scheduled"));
        out.push_str(&payment_postings(
            due.plan_id,
            &due.from_account,
            due.principal,
            due.fee,
            due.penalty,
        )?);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_accounts_are_valid_names() {
        assert_eq!(asset_account("CMB 1234"), "Assets:Fenqi:CMB-1234");
        assert_eq!(asset_account("招商银行 1234"), "Assets:Fenqi:A1234");
        assert_eq!(asset_account("bank-app"), "Assets:Fenqi:Bank-app");
        assert_eq!(asset_account("招商"), "Assets:Fenqi:Unknown");
    }

    #[test]
    fn narration_cannot_start_a_directive() {
        assert_eq!(
            narration("x\ninclude /etc/passwd", false),
            "x include /etc/passwd"
        );
        assert_eq!(narration("a\"b\\", true), "a\\\"b\\\\");
        assert_eq!(narration("a; comment", false), "a, comment");
    }
}
