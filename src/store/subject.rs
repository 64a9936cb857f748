//! What a change-log entry was about, typed (a plan, a payment, a card, a limit, a demo fill,
//! an import): stored as JSON beside the undo data, put into words only by `i18n`.

use serde::{Deserialize, Serialize};

use super::model::{CardId, ChangeId, ChangeKind, PlanId};
use crate::domain::Money;

/// A change-log entry as shown (what `undo` would revert, or reverted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeInfo {
    pub id: ChangeId,
    pub kind: ChangeKind,
    /// What the change was about (put into words by `i18n::store::change`).
    pub subject: ChangeSubject,
}

/// The subject of one change, as stored in the `subject` column of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeSubject {
    /// A plan added, edited or deleted.
    Plan(PlanRef),
    /// Money recorded on a plan: a repayment, a failed debit (what was due), a payoff.
    Payment {
        plan: PlanRef,
        #[serde(rename = "amount_cents", with = "cents")]
        amount: Money,
    },
    /// A card added or made the default.
    Card(CardRef),
    /// A card replaced by another on every plan it paid.
    CardReplace { old: CardRef, new: CardRef },
    /// A provider's credit limit set.
    Limit {
        provider: String,
        #[serde(rename = "amount_cents", with = "cents")]
        amount: Money,
    },
    /// A fill of sample data: how many plans, from which seed.
    Demo { plans: u32, seed: u64 },
    /// Automatic postings of several plans confirmed: how many, and what they came to.
    Confirm {
        postings: u32,
        #[serde(rename = "amount_cents", with = "cents")]
        amount: Money,
    },
    /// A statement reconciled: its file, and how many lines it applied.
    Reconcile { source: String, lines: u32 },
    /// An import, named after its source (the file's path).
    Import { source: String },
    /// A summary an older fenqi stored as text, in no shape it is known to have written:
    /// shown as it is.
    Text(String),
}

/// A plan as a change names it: its id, name and provider at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRef {
    pub id: PlanId,
    pub name: String,
    pub provider: String,
}

/// A card as a change names it: its id, bank and last 4 digits at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRef {
    pub id: CardId,
    pub bank: String,
    pub last4: String,
}

/// Amounts in the subject are whole cents (as every amount fenqi stores).
mod cents {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::domain::Money;

    pub(super) fn serialize<S: Serializer>(amount: &Money, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_i64(amount.cents())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Money, D::Error> {
        i64::deserialize(input).map(Money::from_cents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> PlanRef {
        PlanRef {
            id: PlanId(3),
            name: "iPhone (红)".into(),
            provider: "小米分期".into(),
        }
    }

    /// The stored form is what migration 0003 writes for the summaries older fenqi wrote.
    #[test]
    fn subjects_are_stored_as_tagged_json_with_amounts_in_cents() {
        let cases = [
            (
                ChangeSubject::Plan(plan()),
                json!({"plan": {"id": 3, "name": "iPhone (红)", "provider": "小米分期"}}),
            ),
            (
                ChangeSubject::Payment {
                    plan: plan(),
                    amount: Money::from_cents(550_000),
                },
                json!({"payment": {
                    "plan": {"id": 3, "name": "iPhone (红)", "provider": "小米分期"},
                    "amount_cents": 550000
                }}),
            ),
            (
                ChangeSubject::CardReplace {
                    old: CardRef {
                        id: CardId(1),
                        bank: "招商银行".into(),
                        last4: "8842".into(),
                    },
                    new: CardRef {
                        id: CardId(5),
                        bank: "ICBC".into(),
                        last4: "1234".into(),
                    },
                },
                json!({"card-replace": {
                    "old": {"id": 1, "bank": "招商银行", "last4": "8842"},
                    "new": {"id": 5, "bank": "ICBC", "last4": "1234"}
                }}),
            ),
            (
                ChangeSubject::Limit {
                    provider: "花呗".into(),
                    amount: Money::from_cents(2_000_000),
                },
                json!({"limit": {"provider": "花呗", "amount_cents": 2000000}}),
            ),
            (
                ChangeSubject::Demo {
                    plans: 8,
                    seed: u64::MAX,
                },
                json!({"demo": {"plans": 8, "seed": 18_446_744_073_709_551_615_u64}}),
            ),
            (
                ChangeSubject::Import {
                    source: "a.json".into(),
                },
                json!({"import": {"source": "a.json"}}),
            ),
            (ChangeSubject::Text("x".into()), json!({"text": "x"})),
        ];
        for (subject, stored) in cases {
            assert_eq!(serde_json::to_value(&subject).unwrap(), stored);
            assert_eq!(
                serde_json::from_value::<ChangeSubject>(stored).unwrap(),
                subject
            );
        }
    }
}
