//! Normalises typed numbers (full-width digits, thousands separators, currency signs) to plain ASCII.

/// Why a piece of text is not a plain decimal number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberTextError {
    Empty,
    NotANumber,
}

/// Maps a full-width character (`０`–`９`, `．`, `，`, `－`, `％`) to its ASCII twin.
pub fn to_halfwidth(ch: char) -> char {
    match ch {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (ch as u32 - 0xFF10) as u8),
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
/// thousands separators in the integer part; strips the given prefix symbols. Everything else
/// (exponents, `NaN`, `inf`, letters, other scripts' digits) is `NotANumber`.
pub fn normalize_number(text: &str, prefixes: &[char]) -> Result<String, NumberTextError> {
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
    let mut last_was_comma = false;
    for ch in chars {
        match ch {
            '0'..='9' => {
                out.push(ch);
                seen_digit = true;
                last_was_comma = false;
            }
            ',' if !seen_point && seen_digit && !last_was_comma => last_was_comma = true,
            '.' if !seen_point && !last_was_comma => {
                if !seen_digit {
                    out.push('0');
                }
                out.push('.');
                seen_point = true;
            }
            _ => return Err(NumberTextError::NotANumber),
        }
    }
    if !seen_digit || last_was_comma || out.ends_with('.') {
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
