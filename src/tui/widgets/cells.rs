//! Counts of rows and columns as terminal cells: saturating at `u16::MAX`, never wrapping.

/// `n` rows or columns as a terminal coordinate (a count beyond the screen stays beyond it).
pub(crate) fn cells(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
