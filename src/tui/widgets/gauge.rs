//! A small text progress gauge for table cells: `5/12 ███░░`.

/// `paid/total` followed by a bar `width` cells wide.
pub(crate) fn progress(paid: u32, total: u32, width: usize) -> String {
    let filled = if total == 0 {
        0
    } else {
        (paid.min(total) as usize * width + total as usize / 2) / total as usize
    };
    format!(
        "{paid:>2}/{total:<3}{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::progress;

    #[test]
    fn fills_in_proportion() {
        assert_eq!(progress(5, 12, 6), " 5/12 ███░░░");
        assert_eq!(progress(0, 3, 3), " 0/3  ░░░");
        assert_eq!(progress(12, 12, 4), "12/12 ████");
        assert_eq!(progress(1, 0, 2), " 1/0  ░░");
    }
}
