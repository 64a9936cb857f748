//! Card numbers never stored or shown: finds 13–19 digit card numbers in free text and masks all
//! but their last four digits.

use std::borrow::Cow;

/// The value of a digit in any script a user may type one in: ASCII, full-width, Arabic-Indic
/// and Extended Arabic-Indic (Persian).
fn digit_value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '\u{FF10}'..='\u{FF19}' => Some(ch as u32 - 0xFF10),
        '\u{0660}'..='\u{0669}' => Some(ch as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(ch as u32 - 0x06F0),
        _ => None,
    }
}

/// A character people put between the groups of a card number.
fn is_separator(ch: char) -> bool {
    matches!(
        ch,
        ' ' | '-'
            | '.'
            | '/'
            | '_'
            | '\u{3000}'
            | '\u{FF0D}'
            | '\u{00A0}'
            | '\u{FF0E}'
            | '\u{FF0F}'
    )
}

/// How many separator characters may stand between two groups of digits (`4111 - 1111`).
const MAX_SEPARATORS: usize = 3;

/// `text` with every digit (in any script a user may type one in) written as `#`: for the debug
/// log, which must hold no amount and no card number whatever a message quotes.
pub(crate) fn hide_digits(text: &str) -> String {
    text.chars()
        .map(|c| if digit_value(c).is_some() { '#' } else { c })
        .collect()
}

/// True when `digits` pass the Luhn check that every payment card number satisfies.
pub fn luhn_valid(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

/// Each run of digits (up to [`MAX_SEPARATORS`] separators allowed between digits) as
/// `(start, end)` char indexes.
fn digit_runs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if digit_value(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < chars.len() && digit_value(chars[end]).is_some() {
                end += 1;
                continue;
            }
            let separators = chars[end..]
                .iter()
                .take(MAX_SEPARATORS + 1)
                .take_while(|&&c| is_separator(c))
                .count();
            let next = end + separators;
            if (1..=MAX_SEPARATORS).contains(&separators)
                && next < chars.len()
                && digit_value(chars[next]).is_some()
            {
                end = next + 1;
            } else {
                break;
            }
        }
        runs.push((start, end));
        i = end;
    }
    runs
}

/// True when the digits start the way payment cards do: 3 (Amex, JCB, Diners), 4 (Visa),
/// 5 (Mastercard), 6 (UnionPay, Discover) or 2221–2720 (Mastercard). Bank references such as
/// `20250203000200` (a date and a sequence) are left alone even when they pass the Luhn check.
fn has_card_prefix(digits: &[u32]) -> bool {
    let prefix4 = digits.iter().take(4).fold(0, |acc, d| acc * 10 + d);
    matches!(digits.first(), Some(3..=6)) || (2221..=2720).contains(&prefix4)
}

/// True when the digits hold 13–19 digits with a card prefix that pass the Luhn check, or 16–19
/// digits starting 62 (UnionPay, whose older cards do not all pass the Luhn check).
fn is_card_digits(digits: &[u32]) -> bool {
    let unionpay = digits.starts_with(&[6, 2]) && (16..=19).contains(&digits.len());
    unionpay || (13..=19).contains(&digits.len()) && has_card_prefix(digits) && luhn_valid(digits)
}

/// The maximal runs of digits inside a run (its groups), as `(start, end)` char indexes.
fn groups(chars: &[char], (start, end): (usize, usize)) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = start;
    while i < end {
        if digit_value(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let from = i;
        while i < end && digit_value(chars[i]).is_some() {
            i += 1;
        }
        found.push((from, i));
    }
    found
}

/// True when group lengths are written the way card numbers are: one solid block, blocks of
/// four with a shorter or equal last one (4-4-4-4, 4-4-4-4-3), or Amex's 4-6-5.
fn card_shaped(lengths: &[usize]) -> bool {
    match lengths {
        [_] => true,
        [4, 6, 5] => true,
        [init @ .., last] => init.iter().all(|&n| n == 4) && (1..=4).contains(last),
        [] => false,
    }
}

/// The card numbers in `text` as `(start, end)` char indexes. A whole run of digits (with
/// separators) is one when its digits are; otherwise the leftmost, longest card-shaped stretch
/// of its groups is, so that a number right after a date or another number
/// (`2025-06-01 6222 0212 3456 7890 123`, `No 7 4111111111111111`) is still found.
fn card_numbers(chars: &[char]) -> Vec<(usize, usize)> {
    let digits_of = |from: usize, to: usize| -> Vec<u32> {
        chars[from..to]
            .iter()
            .filter_map(|&c| digit_value(c))
            .collect()
    };
    let mut found = Vec::new();
    for run in digit_runs(chars) {
        if is_card_digits(&digits_of(run.0, run.1)) {
            found.push(run);
            continue;
        }
        let groups = groups(chars, run);
        let mut first = 0;
        while first < groups.len() {
            let hit = (first..groups.len()).rev().find(|&last| {
                let lengths: Vec<usize> = groups[first..=last].iter().map(|g| g.1 - g.0).collect();
                lengths.iter().sum::<usize>() <= 19
                    && card_shaped(&lengths)
                    && is_card_digits(&digits_of(groups[first].0, groups[last].1))
            });
            match hit {
                Some(last) => {
                    found.push((groups[first].0, groups[last].1));
                    first = last + 1;
                }
                None => first += 1,
            }
        }
    }
    found
}

/// True when `text` holds something that looks like a full card number.
pub fn contains_card_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    !card_numbers(&chars).is_empty()
}

/// Replaces every digit of a card number but the last four with `*`, keeping its separators:
/// `6225 8801 2345 6783` → `**** **** **** 6783`. Text without one is returned as is.
pub(crate) fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let mut chars: Vec<char> = text.chars().collect();
    let numbers = card_numbers(&chars);
    if numbers.is_empty() {
        return Cow::Borrowed(text);
    }
    for (start, end) in numbers {
        let total = chars[start..end]
            .iter()
            .filter(|&&c| digit_value(c).is_some())
            .count();
        let mut seen = 0;
        for ch in &mut chars[start..end] {
            if digit_value(*ch).is_some() {
                seen += 1;
                if seen <= total - 4 {
                    *ch = '*';
                }
            }
        }
    }
    Cow::Owned(chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hide_digits_leaves_no_digit_of_any_script() {
        assert_eq!(
            hide_digits("pay 1,234.56 on plan #7 with ４１１１ and ٣"),
            "pay #,###.## on plan ## with #### and #"
        );
    }

    #[test]
    fn card_numbers_in_any_digits_are_masked_to_their_last_four() {
        assert_eq!(
            mask_card_numbers("招行 6225 8801 2345 6783 备用"),
            "招行 **** **** **** 6783 备用"
        );
        assert_eq!(mask_card_numbers("4111111111111111"), "************1111");
        assert_eq!(
            mask_card_numbers("ref 4111-1111-1111-1111."),
            "ref ****-****-****-1111."
        );
        assert_eq!(
            mask_card_numbers("４１１１１１１１１１１１１１１１"),
            "************１１１１"
        );
        assert_eq!(mask_card_numbers("٤١١١١١١١١١١١١١١١"), "************١١١١");
        for (text, masked) in [
            ("4111.1111.1111.1111", "****.****.****.1111"),
            ("4111/1111/1111/1111", "****/****/****/1111"),
            ("4111_1111_1111_1111", "****_****_****_1111"),
            ("4111  1111  1111  1111", "****  ****  ****  1111"),
            ("4111 - 1111 - 1111 - 1111", "**** - **** - **** - 1111"),
            // UnionPay numbers are masked even when they fail the Luhn check.
            ("卡 6222 0200 0000 5678", "卡 **** **** **** 5678"),
            ("B 6222020000009999", "B ************9999"),
        ] {
            assert_eq!(mask_card_numbers(text), masked, "{text}");
        }
    }

    #[test]
    fn a_number_right_after_a_date_or_another_number_is_masked() {
        for (text, masked) in [
            (
                "2025-06-01 6222 0212 3456 7890 123",
                "2025-06-01 **** **** **** ***0 123",
            ),
            (
                "20250601 6222021234567890123",
                "20250601 ***************0123",
            ),
            ("No 7 4111111111111111", "No 7 ************1111"),
            ("7 4111 1111 1111 1111 x", "7 **** **** **** 1111 x"),
            ("12 3782 822463 10005", "12 **** ****** *0005"),
        ] {
            assert_eq!(mask_card_numbers(text), masked, "{text}");
            assert!(contains_card_number(text), "{text}");
        }
    }

    #[test]
    fn other_numbers_are_kept() {
        for text in [
            "4111111111111112",            // fails Luhn
            "411111111111",                // 12 digits
            "41111111111111111111",        // 20 digits
            "2025-01-15",                  // a date
            "iPhone 15 Pro 256GB",         // a product
            "4111    1111 1111 1111",      // four spaces split it into runs too short
            "622202000000567",             // 15 digits starting 62, failing Luhn
            "订单 202501151234567890123",  // a long order reference
            "FQ20250203000200",            // a bank reference that passes Luhn
            "536.00 536.00 536.00 536.00", // amounts: not written like a card number
            "2025-03-10 536.00 12 3",      // a date and amounts
        ] {
            assert_eq!(mask_card_numbers(text), text, "{text}");
            assert!(!contains_card_number(text), "{text}");
        }
        assert!(contains_card_number("x 378282246310005 y"));
    }

    #[test]
    fn luhn_matches_known_numbers() {
        let digits = |s: &str| s.chars().filter_map(digit_value).collect::<Vec<_>>();
        assert!(luhn_valid(&digits("79927398713")));
        assert!(!luhn_valid(&digits("79927398710")));
        assert!(luhn_valid(&digits("6011111111111117")));
    }
}
