//! Bytes to text: detects UTF-8 (with or without its byte-order mark), UTF-16 (with its
//! byte-order mark) and GBK/GB18030, and refuses what is none of them.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::error::Found;
use super::format::TextEncoding;

/// The text of a statement file and the encoding it was in.
///
/// Order: a byte-order mark decides (UTF-8, UTF-16 LE or BE, decoded strictly); else bytes that
/// are valid UTF-8 are UTF-8; else GB18030 (a superset of GBK and GB2312), decoded strictly. A
/// NUL byte outside UTF-16, an undecodable byte sequence, or text with more than a few control
/// characters (beyond tab, line breaks and form feed) is [`Found::NotText`].
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), Found> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|_| Found::NotText)?;
        (text.to_string(), TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (strict(UTF_16LE, rest)?, TextEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (strict(UTF_16BE, rest)?, TextEncoding::Utf16Be)
    } else if bytes.contains(&0) {
        return Err(Found::NotText);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), TextEncoding::Utf8)
    } else {
        (strict(GB18030, bytes)?, TextEncoding::Gb18030)
    };
    if looks_binary(&text) {
        return Err(Found::NotText);
    }
    Ok((text, encoding))
}

/// `bytes` decoded without replacement characters, or [`Found::NotText`].
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, Found> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or(Found::NotText)
}

/// True when decoded text holds more control characters than a text file would: NUL, escapes
/// and the like beyond tab, line breaks and form feed, more than 8 and more than 1 in 100.
fn looks_binary(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    controls > 8 && controls * 100 > chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        let text = "交易时间,金额\n";
        assert_eq!(
            decode(text.as_bytes()),
            Ok((text.to_string(), TextEncoding::Utf8))
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(
            decode(&with_bom),
            Ok((text.to_string(), TextEncoding::Utf8Bom))
        );
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gbk), Ok((text.to_string(), TextEncoding::Gb18030)));
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le), Ok((text.to_string(), TextEncoding::Utf16Le)));
        assert_eq!(decode(&be), Ok((text.to_string(), TextEncoding::Utf16Be)));
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00junk"), Err(Found::NotText));
        assert_eq!(decode(b"\xFF\xFE\x41"), Err(Found::NotText));
        assert_eq!(decode(b"\xEF\xBB\xBF\xFF\xFF"), Err(Found::NotText));
        // 0x81 0x20 is no GB18030 sequence.
        assert_eq!(decode(b"abc\x81\x20def"), Err(Found::NotText));
        let escapes = "\x1b[31m".repeat(20);
        assert_eq!(decode(escapes.as_bytes()), Err(Found::NotText));
    }
}
