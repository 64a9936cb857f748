//! Normalises typed numbers (full-width digits, thousands separators, currency signs) to plain ASCII.

/// Why a piece of text is not a plain decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberTextError {
    Empty,
    NotANumber,
}

/// Maps a full-width character (`０`–`９`, `．`, `，`, `－`, `％`) to its ASCII twin.
pub(crate) fn to_halfwidth(ch: char) -> char {
    match ch {
        '\u{FF10}'..='\u{FF19}' => {
            char::from_u32(u32::from(ch) - 0xFF10 + u32::from(b'0')).unwrap_or(ch)
        }
        '．' | '。' => '.',
        '，' => ',',
        '－' => '-',
        '＋' => '+',
        '％' => '%',
        _ => ch,
    }
}

/// Turns `¥6,000.50`, `６０００` or ` 12 ` into `6000.50`, `6000`, `12`.
///
/// Accepts an optional leading sign, ASCII or full-width digits, at most one decimal point and
/// thousands separators in the integer part (groups of three: `6,000`, not `60,00` or `0,6`);
/// strips the given prefix symbols. Everything else (exponents, `NaN`, `inf`, letters, other
/// scripts' digits, misplaced separators) is `NotANumber`.
pub(crate) fn normalize_number(text: &str, prefixes: &[char]) -> Result<String, NumberTextError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(NumberTextError::Empty);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut chars = trimmed.chars().map(to_halfwidth).peekable();
    if let Some(&sign) = chars.peek()
        && (sign == '-' || sign == '+')
    {
        if sign == '-' {
            out.push('-');
        }
        chars.next();
    }
    if let Some(&first) = chars.peek()
        && prefixes.contains(&first)
    {
        chars.next();
    }
    let mut seen_digit = false;
    let mut seen_point = false;
    // Digits since the start or the last separator, and whether a separator was seen: a
    // separator must follow 1–3 digits (the first group) or exactly 3 (every later group), and
    // the last group before the point or the end must have exactly 3.
    let mut group_digits = 0usize;
    let mut grouped = false;
    let group_complete = |grouped: bool, digits: usize| !grouped || digits == 3;
    for ch in chars {
        match ch {
            '0'..='9' => {
                out.push(ch);
                seen_digit = true;
                group_digits += 1;
            }
            ',' if !seen_point
                && group_digits > 0
                && (group_digits == 3 || (!grouped && group_digits < 3)) =>
            {
                grouped = true;
                group_digits = 0;
            }
            '.' if !seen_point && group_complete(grouped, group_digits) => {
                if !seen_digit {
                    out.push('0');
                }
                out.push('.');
                seen_point = true;
            }
            _ => return Err(NumberTextError::NotANumber),
        }
    }
    let integer_part_complete = seen_point || group_complete(grouped, group_digits);
    if !seen_digit || !integer_part_complete || out.ends_with('.') {
        return Err(NumberTextError::NotANumber);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes() {
        assert_eq!(normalize_number("１２３", &[]).unwrap(), "123");
        assert_eq!(normalize_number("¥1,234.5", &['¥']).unwrap(), "1234.5");
        assert_eq!(normalize_number("-.5", &[]).unwrap(), "-0.5");
        assert_eq!(normalize_number("+7", &[]).unwrap(), "7");
        assert_eq!(normalize_number("1,234,567.89", &[]).unwrap(), "1234567.89");
        assert_eq!(normalize_number("12,345", &[]).unwrap(), "12345");
        assert_eq!(normalize_number("０，００１", &[]).unwrap(), "0001");
    }

    #[test]
    fn rejects_misplaced_thousands_separators() {
        // A decimal comma ("0,6" meaning 0.6) must not silently become 6, nor "12,34" 1234.
        for bad in [
            "0,6", "12,34", "1,0000", "1,000,0", "1234,567", "1,23.5", "1,2345.6",
        ] {
            assert_eq!(
                normalize_number(bad, &[]),
                Err(NumberTextError::NotANumber),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects() {
        for bad in [
            "", " ", "abc", "1e3", "NaN", "inf", "1.", "1..2", "1,", ",1", "1,,2", "١٢٣", "1.2.3",
            "--1", "¥", "1 2",
        ] {
            assert!(normalize_number(bad, &['¥']).is_err(), "{bad:?}");
        }
    }
}
