//! Paging a long ordered list from whichever end is nearer, so the last page of 700,000 rows
//! costs what the first does (SQLite's OFFSET steps over every skipped row).

/// How to read `limit` rows at `offset` of an ordered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    /// Rows to skip in the direction read.
    pub offset: i64,
    /// Rows to read (-1: all).
    pub limit: i64,
    /// Read in reverse order from the end, then reverse the rows read.
    pub backwards: bool,
}

impl Window {
    /// The window for `limit` rows (`None`: all) from `offset`, in a list of `total` rows when
    /// known: past the middle of the list it is read backwards from the end.
    pub(crate) fn new(offset: u32, limit: Option<u32>, total: Option<u64>) -> Window {
        let forwards = Window {
            offset: i64::from(offset),
            limit: limit.map_or(-1, i64::from),
            backwards: false,
        };
        let (Some(limit), Some(total)) = (limit, total) else {
            return forwards;
        };
        let (offset, limit) = (u64::from(offset), u64::from(limit));
        if offset.saturating_mul(2) <= total || offset >= total {
            return forwards;
        }
        let end = offset.saturating_add(limit).min(total);
        Window {
            offset: (total - end) as i64,
            limit: (end - offset) as i64,
            backwards: true,
        }
    }

    /// `forwards` or `backwards`, the ORDER BY terms for this direction.
    pub(crate) fn order<'a>(&self, forwards: &'a str, backwards: &'a str) -> &'a str {
        if self.backwards { backwards } else { forwards }
    }

    /// Puts rows read backwards back in list order.
    pub(crate) fn arrange<T>(&self, mut rows: Vec<T>) -> Vec<T> {
        if self.backwards {
            rows.reverse();
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list positions a window selects, read the way it says, from a list of `total`.
    fn positions(window: Window, total: u64) -> Vec<u64> {
        let mut all: Vec<u64> = (0..total).collect();
        if window.backwards {
            all.reverse();
        }
        // A negative limit (SQLite's "no limit") reads everything.
        let limit = usize::try_from(window.limit).unwrap_or(usize::MAX);
        let read: Vec<u64> = all
            .into_iter()
            .skip(usize::try_from(window.offset).unwrap_or(0))
            .take(limit)
            .collect();
        window.arrange(read)
    }

    #[test]
    fn every_window_selects_the_same_rows_either_way() {
        for total in 0..12u64 {
            for offset in 0..14u32 {
                for limit in [None, Some(0), Some(1), Some(3), Some(20)] {
                    let window = Window::new(offset, limit, Some(total));
                    let expected = positions(Window::new(offset, limit, None), total);
                    assert_eq!(
                        positions(window, total),
                        expected,
                        "{total} {offset} {limit:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_far_half_is_read_backwards_from_the_end() {
        let last_page = Window::new(99_990, Some(10), Some(100_000));
        assert_eq!(
            (last_page.offset, last_page.limit, last_page.backwards),
            (0, 10, true)
        );
        assert!(!Window::new(10, Some(10), Some(100_000)).backwards);
        assert!(!Window::new(99_990, Some(10), None).backwards);
    }
}
