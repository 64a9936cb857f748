//! Repayment history: filtered, newest first, with the card each payment used at the time.

use rusqlite::types::Value;

use super::model::*;
use super::sql::{SqlDate, date_text};
use super::window::Window;
use super::{Store, StoreResult};

impl Store {
    /// Repayments and failed debits matching `filter`, newest first.
    pub fn list_history(&self, filter: &HistoryFilter) -> StoreResult<Vec<Repayment>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(plan) = filter.plan {
            clauses.push("r.plan_id = ?");
            args.push(Value::Integer(plan.0));
        }
        if let Some(since) = filter.since {
            clauses.push("r.paid_on >= ?");
            args.push(Value::Text(date_text(since)));
        }
        if let Some(until) = filter.until {
            clauses.push("r.paid_on <= ?");
            args.push(Value::Text(date_text(until)));
        }
        if let Some(channel) = filter.channel {
            clauses.push("r.channel = ?");
            args.push(Value::Text(channel.code().to_string()));
        }
        if let Some(card) = filter.card {
            clauses.push("r.card_id = ?");
            args.push(Value::Integer(card.0));
        }
        if filter.failed_only {
            clauses.push("r.failed = 1");
        }
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            clauses.push(
                "(instr(lower(p.name), lower(?)) > 0 OR instr(lower(p.provider), lower(?)) > 0
                  OR instr(lower(r.reference), lower(?)) > 0)",
            );
            for _ in 0..3 {
                args.push(Value::Text(text.to_string()));
            }
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let window = Window::new(filter.offset, filter.limit, filter.total);
        let sql = format!(
            "SELECT r.id, r.plan_id, p.name, p.provider, r.paid_on, r.amount_cents, r.channel,
                    r.reference, r.failed, r.kind, r.period, r.source, r.retry_on,
                    c.id, c.bank, c.last4, c.label, c.is_default, c.archived, c.replaced_by, c.kind
             FROM repayments r JOIN plans p ON p.id = r.plan_id
             LEFT JOIN cards c ON c.id = r.card_id
             {where_sql}
             ORDER BY {order} LIMIT ? OFFSET ?",
            order = window.order("r.paid_on DESC, r.id DESC", "r.paid_on, r.id")
        );
        args.push(Value::Integer(window.limit));
        args.push(Value::Integer(window.offset));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let card = match r.get::<_, Option<CardId>>(13)? {
                None => None,
                Some(id) => Some(Card {
                    id,
                    bank: r.get(14)?,
                    last4: r.get(15)?,
                    label: r.get(16)?,
                    is_default: r.get(17)?,
                    archived: r.get(18)?,
                    replaced_by: r.get(19)?,
                    kind: r.get(20)?,
                }),
            };
            Ok(Repayment {
                id: r.get(0)?,
                plan_id: r.get(1)?,
                plan_name: r.get(2)?,
                provider: r.get(3)?,
                paid_on: r.get::<_, SqlDate>(4)?.0,
                amount: r.get(5)?,
                channel: r.get(6)?,
                reference: r.get(7)?,
                failed: r.get(8)?,
                kind: r.get(9)?,
                period: r.get(10)?,
                source: r.get(11)?,
                retry_on: r.get::<_, Option<SqlDate>>(12)?.map(|d| d.0),
                card,
            })
        })?;
        Ok(window.arrange(rows.collect::<Result<_, _>>()?))
    }
}
