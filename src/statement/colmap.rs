//! `--map date=COL,amount=COL,text=COL[,ref=COL][,card=COL]`: which columns of any CSV hold
//! what, by header name or 1-based position.

use super::layout::{Columns, Role, header_key};
use super::sheet::Row;

/// A column named in `--map`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// 1-based position.
    Position(usize),
    /// Header name (compared without white space; full-width brackets count as ASCII).
    Name(String),
}

/// The parsed `--map`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub date: ColumnRef,
    pub amount: ColumnRef,
    pub text: ColumnRef,
    pub reference: Option<ColumnRef>,
    pub card: Option<ColumnRef>,
}

/// Why a `--map` value is not a column map.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// A part that is not `KEY=COL`, or a key other than date, amount, text, ref, card.
    #[error("unknown part {0}")]
    UnknownPart(String),
    #[error("{0} given twice")]
    Repeated(&'static str),
    #[error("{0} is missing")]
    Missing(&'static str),
    /// `KEY=` with no column, or position 0.
    #[error("{0} names no column")]
    NoColumn(&'static str),
}

const KEYS: [&str; 5] = ["date", "amount", "text", "ref", "card"];

impl ColumnMap {
    /// Parses `date=交易日期,amount=4,text=摘要[,ref=流水号][,card=卡号]`.
    pub fn parse(spec: &str) -> Result<ColumnMap, MapError> {
        let mut found: [Option<ColumnRef>; 5] = Default::default();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| MapError::UnknownPart(part.to_string()))?;
            let slot = KEYS
                .iter()
                .position(|k| *k == key.trim())
                .ok_or_else(|| MapError::UnknownPart(part.to_string()))?;
            if found[slot].is_some() {
                return Err(MapError::Repeated(KEYS[slot]));
            }
            let column = column.trim();
            let reference = if column.is_empty() {
                return Err(MapError::NoColumn(KEYS[slot]));
            } else if column.bytes().all(|b| b.is_ascii_digit()) {
                match column.parse::<usize>() {
                    Ok(position) if position > 0 => ColumnRef::Position(position),
                    _ => return Err(MapError::NoColumn(KEYS[slot])),
                }
            } else {
                ColumnRef::Name(column.to_string())
            };
            found[slot] = Some(reference);
        }
        let [date, amount, text, reference, card] = found;
        Ok(ColumnMap {
            date: date.ok_or(MapError::Missing("date"))?,
            amount: amount.ok_or(MapError::Missing("amount"))?,
            text: text.ok_or(MapError::Missing("text"))?,
            reference,
            card,
        })
    }

    fn entries(&self) -> Vec<(Role, &ColumnRef)> {
        let mut entries = vec![
            (Role::Date, &self.date),
            (Role::Amount, &self.amount),
            (Role::Description, &self.text),
        ];
        entries.extend(self.reference.iter().map(|r| (Role::OrderId, r)));
        entries.extend(self.card.iter().map(|r| (Role::Card, r)));
        entries
    }

    /// The header row (when the map names columns by name) and the columns. `Err` carries the
    /// first column the file lacks.
    pub(crate) fn locate(
        &self,
        rows: &[Row],
        scan: usize,
    ) -> Result<(Option<usize>, Columns), String> {
        let entries = self.entries();
        let names: Vec<(Role, String)> = entries
            .iter()
            .filter_map(|(role, r)| match r {
                ColumnRef::Name(name) => Some((*role, header_key(name))),
                ColumnRef::Position(_) => None,
            })
            .collect();
        let header = if names.is_empty() {
            None
        } else {
            let found = rows.iter().take(scan).position(|row| {
                let keys: Vec<String> = row.cells.iter().map(|c| header_key(c)).collect();
                names.iter().all(|(_, name)| keys.contains(name))
            });
            match found {
                Some(index) => Some(index),
                None => return Err(missing_name(&entries, rows, scan)),
            }
        };
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut columns = Columns::default();
        for (role, reference) in entries {
            let index = match reference {
                ColumnRef::Position(position) if *position <= width => position - 1,
                ColumnRef::Position(position) => return Err(position.to_string()),
                ColumnRef::Name(name) => {
                    let key = header_key(name);
                    let header_row = header.and_then(|h| rows.get(h));
                    header_row
                        .and_then(|row| row.cells.iter().position(|c| header_key(c) == key))
                        .ok_or_else(|| name.clone())?
                }
            };
            columns.set(role, index);
        }
        Ok((header, columns))
    }
}

/// The first named column no scanned row has (or, when each is on some row but no row has
/// them all, the first named column).
fn missing_name(entries: &[(Role, &ColumnRef)], rows: &[Row], scan: usize) -> String {
    let named: Vec<&String> = entries
        .iter()
        .filter_map(|(_, r)| match r {
            ColumnRef::Name(name) => Some(name),
            ColumnRef::Position(_) => None,
        })
        .collect();
    let on_some_row = |name: &String| {
        let key = header_key(name);
        rows.iter()
            .take(scan)
            .any(|row| row.cells.iter().any(|c| header_key(c) == key))
    };
    named
        .iter()
        .find(|name| !on_some_row(name))
        .or(named.first())
        .map(|name| name.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_positions() {
        assert_eq!(
            ColumnMap::parse("date=交易日期, amount=4,text=摘要,card=卡号"),
            Ok(ColumnMap {
                date: ColumnRef::Name("交易日期".into()),
                amount: ColumnRef::Position(4),
                text: ColumnRef::Name("摘要".into()),
                reference: None,
                card: Some(ColumnRef::Name("卡号".into())),
            })
        );
    }

    #[test]
    fn refuses_what_is_not_a_map() {
        assert_eq!(
            ColumnMap::parse("date=1,amount=2"),
            Err(MapError::Missing("text"))
        );
        assert_eq!(
            ColumnMap::parse("date=1,date=2,amount=3,text=4"),
            Err(MapError::Repeated("date"))
        );
        assert_eq!(
            ColumnMap::parse("date=1,amount=2,text=3,memo=4"),
            Err(MapError::UnknownPart("memo=4".into()))
        );
        assert_eq!(
            ColumnMap::parse("date=0,amount=2,text=3"),
            Err(MapError::NoColumn("date"))
        );
        assert_eq!(
            ColumnMap::parse("date=,amount=2,text=3"),
            Err(MapError::NoColumn("date"))
        );
        assert_eq!(
            ColumnMap::parse("date"),
            Err(MapError::UnknownPart("date".into()))
        );
    }

    #[test]
    fn locates_columns_by_name_or_position() {
        let row = |cells: &[&str]| Row {
            number: 1,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        };
        let rows = vec![
            row(&["某银行流水"]),
            row(&["日期", "说明", "发生额"]),
            row(&["2024-03-10", "还款", "-5.00"]),
        ];
        let map = ColumnMap::parse("date=日期,amount=3,text=说明").unwrap();
        let (header, columns) = map.locate(&rows, 10).unwrap();
        assert_eq!(header, Some(1));
        assert_eq!(columns.get(Role::Date), Some(0));
        assert_eq!(columns.get(Role::Amount), Some(2));
        assert_eq!(columns.get(Role::Description), Some(1));
        let missing = ColumnMap::parse("date=日期,amount=金额,text=说明").unwrap();
        assert_eq!(missing.locate(&rows, 10), Err("金额".to_string()));
        let beyond = ColumnMap::parse("date=1,amount=9,text=2").unwrap();
        assert_eq!(beyond.locate(&rows, 10), Err("9".to_string()));
    }
}
