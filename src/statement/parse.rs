//! Statement lines from the rows under a recognised header: a wallet's, a bank's or a mapped
//! CSV's columns read into typed lines.

use super::cells::{Refund, parse_amount, parse_datetime, parse_flow, refund_in};
use super::error::{CellKind, Found};
use super::format::Format;
use super::keys::KeyBase;
use super::layout::{Layout, Role};
use super::line::{CardLast4, Flow, LineKey, Outcome, StatementLine};
use super::sheet::Row;
use crate::domain::Money;

/// A line read from a row, and what its key will be built from.
pub(crate) struct ParsedLine {
    pub line: StatementLine,
    pub key: KeyBase,
}

/// Reads the rows after the header (all rows when there is none). Skipped: blank rows, and
/// rows with an empty date cell or only one filled cell (notes, separators, totals). With
/// `skip_leading_undated` (a `--map` by positions, no header row), rows before the first one
/// whose date cell is a date are skipped too (a header). Any other row whose cells are not what
/// their columns hold is [`Found::BadCell`]; more than `max_lines` lines are
/// [`Found::TooManyLines`].
pub(crate) fn parse_lines(
    rows: &[Row],
    layout: &Layout,
    header: Option<&Row>,
    skip_leading_undated: bool,
    max_lines: usize,
) -> Result<Vec<ParsedLine>, Found> {
    let reader = RowReader { layout, header };
    let mut lines = Vec::new();
    for row in rows {
        let date_cell = reader.cell(row, Role::Date);
        let filled = row.cells.iter().filter(|c| !c.is_empty()).count();
        if date_cell.is_empty() || filled < 2 {
            continue;
        }
        let Some((date, time)) = parse_datetime(date_cell) else {
            if skip_leading_undated && lines.is_empty() {
                continue;
            }
            return Err(reader.bad(row, Role::Date, CellKind::Date));
        };
        let mut line = match layout.format {
            Format::Alipay | Format::Wechat | Format::Jd => reader.wallet(row)?,
            Format::Bank { .. } => reader.bank(row)?,
            Format::Generic => reader.generic(row)?,
        };
        line.line = row.number;
        line.date = date;
        line.time = time;
        let key = match &line.order_id {
            Some(order) => KeyBase::Order(order.clone()),
            None => KeyBase::of_cells(&row.cells),
        };
        lines.push(ParsedLine { line, key });
        if lines.len() > max_lines {
            return Err(Found::TooManyLines { cap: max_lines });
        }
    }
    Ok(lines)
}

/// Reads one row's cells by role.
struct RowReader<'a> {
    layout: &'a Layout,
    header: Option<&'a Row>,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r Row, role: Role) -> &'r str {
        self.layout
            .columns
            .get(role)
            .map_or("", |index| row.cell(index))
    }

    fn text(&self, row: &Row, role: Role) -> String {
        self.cell(row, role).to_string()
    }

    fn optional(&self, row: &Row, role: Role) -> Option<String> {
        Some(self.cell(row, role))
            .filter(|c| !c.is_empty())
            .map(str::to_string)
    }

    /// The error for a cell that is not what its column holds, naming the column by its header
    /// (or `#N` by position).
    fn bad(&self, row: &Row, role: Role, kind: CellKind) -> Found {
        let index = self.layout.columns.get(role).unwrap_or(0);
        let column = self
            .header
            .map(|h| h.cell(index))
            .filter(|name| !name.is_empty())
            .map_or_else(|| format!("#{}", index + 1), str::to_string);
        Found::BadCell {
            line: row.number,
            column,
            value: row.cell(index).chars().take(40).collect(),
            kind,
        }
    }

    /// 支付宝, 微信支付 and 京东: 收/支, an amount that may note a refund, the card named in the
    /// payment method.
    fn wallet(&self, row: &Row) -> Result<StatementLine, Found> {
        let flow = parse_flow(self.cell(row, Role::Direction))
            .ok_or_else(|| self.bad(row, Role::Direction, CellKind::Direction))?;
        let amount = parse_amount(self.cell(row, Role::Amount))
            .ok_or_else(|| self.bad(row, Role::Amount, CellKind::Amount))?;
        let status = self.text(row, Role::Status);
        let refund = match amount.refund {
            Refund::None => refund_in(&status),
            refund => refund,
        };
        let method = self.text(row, Role::Method);
        Ok(StatementLine {
            card_last4: CardLast4::in_text(&method),
            amount: signed(amount.magnitude, flow),
            flow,
            refunded: refunded(amount.magnitude, refund),
            currency: amount.currency,
            text: joined(
                self.cell(row, Role::Counterparty),
                self.cell(row, Role::Description),
            ),
            category: self.text(row, Role::Category),
            method,
            order_id: self.optional(row, Role::OrderId),
            merchant_order_id: self.optional(row, Role::MerchantOrderId),
            outcome: Outcome::of_status(&status),
            status,
            note: self.text(row, Role::Note),
            ..blank_line()
        })
    }

    /// A bank card's export: one signed amount (a card statement's: positive is a charge,
    /// negative a repayment or refund) or 存入 / 支出 columns; the card from its column.
    fn bank(&self, row: &Row) -> Result<StatementLine, Found> {
        let (amount, flow) = if self.layout.columns.get(Role::Amount).is_some() {
            let amount = parse_amount(self.cell(row, Role::Amount))
                .ok_or_else(|| self.bad(row, Role::Amount, CellKind::Amount))?;
            let flow = if amount.negative { Flow::In } else { Flow::Out };
            (amount, flow)
        } else {
            self.deposit_or_withdrawal(row)?
        };
        let currency = amount
            .currency
            .or_else(|| foreign_currency(self.cell(row, Role::Currency)));
        let text = joined(
            self.cell(row, Role::Counterparty),
            self.cell(row, Role::Description),
        );
        Ok(StatementLine {
            card_last4: self.card(row, &text),
            amount: signed(amount.magnitude, flow),
            flow,
            currency,
            text,
            ..blank_line()
        })
    }

    /// The amount of a row with 存入 and 支出 columns: the one that is filled (or not zero).
    fn deposit_or_withdrawal(&self, row: &Row) -> Result<(super::cells::Amount, Flow), Found> {
        let read = |role: Role| match self.cell(row, role) {
            "" => Ok(None),
            cell => parse_amount(cell)
                .map(Some)
                .ok_or_else(|| self.bad(row, role, CellKind::Amount)),
        };
        let deposit = read(Role::AmountIn)?.filter(|a| !a.magnitude.is_zero());
        let withdrawal = read(Role::AmountOut)?.filter(|a| !a.magnitude.is_zero());
        match (deposit, withdrawal) {
            (Some(amount), None) => Ok((amount, Flow::In)),
            (None, Some(amount)) => Ok((amount, Flow::Out)),
            (Some(_), Some(_)) => Err(self.bad(row, Role::AmountOut, CellKind::Amount)),
            (None, None) => Err(self.bad(row, Role::AmountIn, CellKind::Amount)),
        }
    }

    /// A `--map`ped CSV: a negative amount is money out; a positive one is neutral (the file
    /// does not say which way it went).
    fn generic(&self, row: &Row) -> Result<StatementLine, Found> {
        let amount = parse_amount(self.cell(row, Role::Amount))
            .ok_or_else(|| self.bad(row, Role::Amount, CellKind::Amount))?;
        let flow = if amount.negative {
            Flow::Out
        } else {
            Flow::Neutral
        };
        let text = self.text(row, Role::Description);
        Ok(StatementLine {
            card_last4: self.card(row, &text),
            amount: signed(amount.magnitude, flow),
            flow,
            currency: amount.currency,
            order_id: self.optional(row, Role::OrderId),
            text,
            ..blank_line()
        })
    }

    /// The card of a row: its card column's last four digits, else a card its text names.
    fn card(&self, row: &Row, text: &str) -> Option<CardLast4> {
        match self.layout.columns.get(Role::Card) {
            Some(index) => CardLast4::from_card_cell(row.cell(index)),
            None => CardLast4::in_text(text),
        }
    }
}

/// A line with every field empty, filled in by the readers above.
fn blank_line() -> StatementLine {
    StatementLine {
        line: 0,
        key: LineKey(String::new()),
        date: chrono::NaiveDate::MIN,
        time: None,
        amount: Money::ZERO,
        flow: Flow::Neutral,
        refunded: Money::ZERO,
        currency: None,
        text: String::new(),
        category: String::new(),
        method: String::new(),
        card_last4: None,
        order_id: None,
        merchant_order_id: None,
        status: String::new(),
        outcome: Outcome::Done,
        note: String::new(),
    }
}

/// The amount with the line's sign: negative for money out.
fn signed(magnitude: Money, flow: Flow) -> Money {
    match flow {
        Flow::Out => Money::ZERO.checked_sub(magnitude).unwrap_or(Money::ZERO),
        Flow::In | Flow::Neutral => magnitude,
    }
}

/// How much of `magnitude` was refunded.
fn refunded(magnitude: Money, refund: Refund) -> Money {
    match refund {
        Refund::None => Money::ZERO,
        Refund::Part(part) => part.min(magnitude),
        Refund::Full => magnitude,
    }
}

/// A currency column's value when it names a currency other than CNY.
fn foreign_currency(cell: &str) -> Option<String> {
    match cell.trim() {
        "" | "CNY" | "RMB" | "人民币" | "人民币元" => None,
        other => Some(other.to_string()),
    }
}

/// Counterparty and description joined by a space (either may be empty; equal ones once).
fn joined(counterparty: &str, description: &str) -> String {
    match (counterparty.is_empty(), description.is_empty()) {
        (true, _) => description.to_string(),
        (false, true) => counterparty.to_string(),
        _ if counterparty == description => counterparty.to_string(),
        _ => format!("{counterparty} {description}"),
    }
}
