//! Rules on cards and credit limits that `card replace` and `limit set` keep and an import
//! must too: no card replaced by itself or by a chain of replacements that comes back round,
//! no limit above what `limit set` takes.

use rusqlite::Connection;

use super::inconsistency::Inconsistency;
use crate::domain::money::MAX_MONEY_CENTS;
use crate::store::StoreResult;
use crate::store::model::CardId;

/// Cards whose replacements never end at a card in use: walked back from the cards that
/// replace none (or a missing one), every card reached ends somewhere; the others replace
/// themselves or go round in a circle (SQLite indexes `replaced_by` for the walk itself).
const LOOPING_CARDS: &str = "WITH RECURSIVE ends(id) AS (
        SELECT id FROM cards
        WHERE replaced_by IS NULL OR replaced_by NOT IN (SELECT id FROM cards)
        UNION
        SELECT c.id FROM ends e JOIN cards c ON c.replaced_by = e.id)
    SELECT id, replaced_by = id FROM cards WHERE id NOT IN ends ORDER BY id";

/// Every card replaced by itself or caught in a circle of replacements, then every provider
/// whose limit is above what `limit set` takes.
pub(crate) fn card_and_limit_problems(conn: &Connection) -> StoreResult<Vec<Inconsistency>> {
    let mut found: Vec<Inconsistency> = conn
        .prepare(LOOPING_CARDS)?
        .query_map([], |r| {
            let id = CardId(r.get(0)?);
            Ok(if r.get::<_, bool>(1)? {
                Inconsistency::CardReplacesItself(id)
            } else {
                Inconsistency::CardReplacementLoop(id)
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut limits = conn
        .prepare("SELECT provider FROM credit_limits WHERE limit_cents > ?1 ORDER BY provider")?;
    let over = limits.query_map([MAX_MONEY_CENTS], |r| {
        Ok(Inconsistency::LimitAboveCap {
            provider: r.get(0)?,
        })
    })?;
    for problem in over {
        found.push(problem?);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_replaced_by_itself_or_in_a_circle_and_a_limit_over_the_cap_are_found() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE cards (id INTEGER PRIMARY KEY, replaced_by INTEGER);
             CREATE TABLE credit_limits (provider TEXT PRIMARY KEY, limit_cents INTEGER);
             INSERT INTO cards VALUES (1, 2), (2, NULL), (3, 3), (4, 5), (5, 6), (6, 4),
                 (7, 4), (8, 99);",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO credit_limits VALUES ('a', ?1), ('b', ?2)",
            [MAX_MONEY_CENTS, MAX_MONEY_CENTS + 1],
        )
        .unwrap();
        use Inconsistency::*;
        assert_eq!(
            card_and_limit_problems(&conn).unwrap(),
            vec![
                CardReplacesItself(CardId(3)),
                CardReplacementLoop(CardId(4)),
                CardReplacementLoop(CardId(5)),
                CardReplacementLoop(CardId(6)),
                CardReplacementLoop(CardId(7)),
                LimitAboveCap {
                    provider: "b".into()
                },
            ]
        );
    }
}
