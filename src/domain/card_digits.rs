//! A card's last four digits from what was typed: four digits, or a whole card number cut to
//! its last four (fenqi never keeps more).

use super::numtext::to_halfwidth;

/// What was typed is neither four digits nor a whole card number (13 to 19 digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotLast4;

/// The last four digits of `text`, and whether they were cut from a whole card number.
/// Full-width digits count; spaces and dashes between the digits of a whole number are allowed.
pub(crate) fn last4_of(text: &str) -> Result<(String, bool), NotLast4> {
    let ascii: String = text.trim().chars().map(to_halfwidth).collect();
    if ascii
        .chars()
        .any(|c| !(c.is_ascii_digit() || c == ' ' || c == '-'))
    {
        return Err(NotLast4);
    }
    let digits: String = ascii.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        4 if ascii.len() == 4 => Ok((digits, false)),
        13..=19 => Ok((digits[digits.len() - 4..].to_string(), true)),
        _ => Err(NotLast4),
    }
}

/// How many digits `text` holds (full-width ones too).
pub(crate) fn digit_count(text: &str) -> usize {
    text.chars()
        .map(to_halfwidth)
        .filter(char::is_ascii_digit)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_digits_or_a_whole_number_cut_to_its_last_four() {
        assert_eq!(last4_of("1234"), Ok(("1234".into(), false)));
        assert_eq!(last4_of(" １２３４ "), Ok(("1234".into(), false)));
        assert_eq!(last4_of("6225880112345678"), Ok(("5678".into(), true)));
        assert_eq!(last4_of("6225 8801 1234 5678"), Ok(("5678".into(), true)));
        assert_eq!(last4_of("6225-8801-1234-5678"), Ok(("5678".into(), true)));
        for bad in ["123", "12345", "12 34", "12a4", "", "62258801123456781234"] {
            assert_eq!(last4_of(bad), Err(NotLast4), "{bad}");
        }
        assert_eq!(digit_count("6225 ８８０１"), 8);
    }
}
