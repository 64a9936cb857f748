//! What a statement line says about installments: a repayment or a purchase on credit, the
//! period ("k/N期") and the providers it names.

use crate::domain::Money;
use crate::domain::numtext::to_halfwidth;
use crate::statement::line::{Flow, Outcome, StatementLine};
use crate::statement::provider::Provider;

/// Words that make a line a repayment (with a period marker or a provider's name).
const REPAYMENT_WORDS: &[&str] = &[
    "还款",
    "代扣",
    "扣款",
    "分期",
    "借还",
    "月供",
    "repayment",
    "installment",
    "instalment",
];

/// Words that say a line repays rather than buys (a 花呗 repayment names 花呗 too).
const REPAYING_WORDS: &[&str] = &["还款", "借还", "代扣"];

/// A period marker in a line's text: `3/12期`, `第3/12期`, `第3期`, `共12期`, `分12期`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PeriodMarker {
    /// k: which period.
    pub period: Option<u32>,
    /// N: of how many.
    pub of: Option<u32>,
}

impl PeriodMarker {
    /// The marker in `text`, `None` when it has none.
    pub fn find(text: &str) -> Option<PeriodMarker> {
        let chars: Vec<char> = text
            .chars()
            .map(to_halfwidth)
            .map(|c| if c == '／' { '/' } else { c })
            .collect();
        let mut marker = PeriodMarker::default();
        let mut i = 0;
        while i < chars.len() {
            let Some((number, end)) = number_at(&chars, i) else {
                i += 1;
                continue;
            };
            let before = i.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(end).copied();
            if after == Some('/')
                && before != Some('/')
                && let Some((of, of_end)) = number_at(&chars, end + 1)
                && chars.get(of_end) != Some(&'/')
                && (chars.get(of_end) == Some(&'期') || before == Some('第') || has(&chars, "分期"))
            {
                marker.period = marker.period.or(Some(number));
                marker.of = marker.of.or(Some(of));
                i = of_end;
                continue;
            }
            if after == Some('期') {
                match before {
                    Some('第') => marker.period = marker.period.or(Some(number)),
                    Some('共' | '分') => marker.of = marker.of.or(Some(number)),
                    _ => {}
                }
            }
            i = end;
        }
        (marker != PeriodMarker::default()).then_some(marker)
    }
}

/// A number of 1–3 digits starting at `start` and not continuing a longer one: its value and
/// where it ends.
fn number_at(chars: &[char], start: usize) -> Option<(u32, usize)> {
    if start > 0 && chars[start - 1].is_ascii_digit() {
        return None;
    }
    let len = chars[start..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if !(1..=3).contains(&len) {
        return None;
    }
    let text: String = chars[start..start + len].iter().collect();
    Some((text.parse().ok()?, start + len))
}

fn has(chars: &[char], word: &str) -> bool {
    let word: Vec<char> = word.chars().collect();
    chars.windows(word.len()).any(|w| w == word.as_slice())
}

/// A purchase paid on credit (花呗, 白条, an installment method) that a plan may track.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CreditPurchase {
    /// The lender the payment method names.
    pub provider: Option<Provider>,
    /// The period count the line names (`分12期`).
    pub periods: Option<u32>,
    /// What was bought, less refunds.
    pub net: Money,
}

/// Everything matching needs to know about one line, worked out once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEvidence {
    /// The amount without sign, in fen.
    pub cents: i64,
    /// The line repays something: a repayment word, a period marker or a lender's name, money
    /// out or neutral, done, in CNY, and no purchase on credit.
    pub repayment: bool,
    /// The providers its text, category and note name.
    pub providers: Vec<Provider>,
    pub marker: Option<PeriodMarker>,
    pub purchase: Option<CreditPurchase>,
}

impl LineEvidence {
    pub fn of(line: &StatementLine) -> LineEvidence {
        let said = format!("{} {} {}", line.text, line.category, line.note);
        let providers = Provider::named_in(&said);
        let marker = PeriodMarker::find(&format!("{} {}", line.text, line.note));
        let repaying = REPAYING_WORDS.iter().any(|w| said.contains(w));
        let settled = line.outcome == Outcome::Done && line.currency.is_none();
        let purchase = (settled && line.flow == Flow::Out && !repaying)
            .then(|| credit_purchase(line, marker))
            .flatten();
        let worded = REPAYMENT_WORDS
            .iter()
            .any(|w| said.to_lowercase().contains(w));
        let repayment = settled
            && line.flow != Flow::In
            && purchase.is_none()
            && (worded || marker.is_some() || !providers.is_empty());
        LineEvidence {
            cents: line.magnitude().cents(),
            repayment,
            providers,
            marker,
            purchase,
        }
    }
}

/// The purchase on credit a line is, when its payment method is 花呗, 白条 or an installment
/// method and not everything was refunded.
fn credit_purchase(line: &StatementLine, marker: Option<PeriodMarker>) -> Option<CreditPurchase> {
    let lenders = Provider::named_in(&line.method);
    let provider = lenders
        .iter()
        .copied()
        .find(|p| !p.is_bank())
        .or_else(|| lenders.first().copied());
    let on_credit = lenders
        .iter()
        .any(|p| matches!(p, Provider::Huabei | Provider::Baitiao))
        || line.method.contains("分期");
    let net = line.magnitude().saturating_sub(line.refunded);
    (on_credit && net.is_positive()).then_some(CreditPurchase {
        provider,
        periods: marker.and_then(|m| m.of),
        net,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(period: Option<u32>, of: Option<u32>) -> Option<PeriodMarker> {
        Some(PeriodMarker { period, of })
    }

    #[test]
    fn period_markers() {
        assert_eq!(
            PeriodMarker::find("账单分期 3/12期 本金"),
            marker(Some(3), Some(12))
        );
        assert_eq!(PeriodMarker::find("第3/12期"), marker(Some(3), Some(12)));
        assert_eq!(
            PeriodMarker::find("分期还款(３／６)"),
            marker(Some(3), Some(6))
        );
        assert_eq!(PeriodMarker::find("第2期 共6期"), marker(Some(2), Some(6)));
        assert_eq!(PeriodMarker::find("花呗分12期"), marker(None, Some(12)));
        assert_eq!(PeriodMarker::find("2024/03/10 还款"), None);
        assert_eq!(PeriodMarker::find("3/12 午餐"), None);
        assert_eq!(PeriodMarker::find("订单 1234/56期"), None);
        assert_eq!(PeriodMarker::find("12期免息"), None);
    }
}
