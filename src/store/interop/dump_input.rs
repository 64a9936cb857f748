//! The bytes of a dump as `import` reads them: streamed (never the whole file in memory), a
//! UTF-8 byte order mark skipped, and refused as soon as the file, or one value in it, grows
//! past what any fenqi dump holds: `/dev/zero`, an endless stream or a 500 MB name stops within
//! the first bytes past the limit instead of being read whole.

use std::cell::Cell;
use std::io::{self, Read};

/// The most a dump may hold: fenqi's own dump of 100,000 plans is about 180 MB.
pub const MAX_DUMP_BYTES: u64 = 2 << 30;
/// The most one value (a string, a number, a name of a field) may hold: fenqi's longest is a
/// list of fee-free periods, under 2 KiB.
pub const MAX_VALUE_BYTES: u64 = 64 << 10;

/// The UTF-8 byte order mark some editors put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why reading a dump stopped before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oversize {
    /// The file goes on past [`MAX_DUMP_BYTES`].
    File,
    /// A value on this line (from 1) goes on past [`MAX_VALUE_BYTES`].
    Value { line: u64 },
}

/// Where the scan is in the JSON text.
#[derive(Debug, Default)]
struct Scan {
    total: u64,
    line: u64,
    in_string: bool,
    escaped: bool,
    /// Bytes of the current string, or of the current bare token (a number, `true`, junk).
    run: u64,
}

impl Scan {
    /// Follows `bytes`; the first limit they pass, if any.
    fn follow(&mut self, bytes: &[u8]) -> Option<Oversize> {
        self.total += bytes.len() as u64;
        if self.total > MAX_DUMP_BYTES {
            return Some(Oversize::File);
        }
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
            }
            if self.in_string {
                self.run += 1;
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    self.run = 0;
                }
            } else {
                match b {
                    b'"' => {
                        self.in_string = true;
                        self.run = 0;
                    }
                    b' ' | b'\t' | b'\r' | b'\n' | b',' | b':' | b'[' | b']' | b'{' | b'}' => {
                        self.run = 0;
                    }
                    _ => self.run += 1,
                }
            }
            if self.run > MAX_VALUE_BYTES {
                return Some(Oversize::Value {
                    line: self.line + 1,
                });
            }
        }
        None
    }
}

/// A dump's bytes, checked against the limits as they are read; `refused` says which limit
/// stopped it (the reader itself only returns an I/O error).
pub(super) struct DumpInput<'r, R> {
    inner: io::Chain<io::Cursor<Vec<u8>>, R>,
    scan: Scan,
    refused: &'r Cell<Option<Oversize>>,
}

impl<'r, R: Read> DumpInput<'r, R> {
    /// Reads the first bytes of `inner` to skip a byte order mark.
    pub(super) fn new(mut inner: R, refused: &'r Cell<Option<Oversize>>) -> io::Result<Self> {
        let mut first = Vec::with_capacity(BOM.len());
        (&mut inner)
            .take(BOM.len() as u64)
            .read_to_end(&mut first)?;
        if first == BOM {
            first.clear();
        }
        Ok(DumpInput {
            inner: io::Cursor::new(first).chain(inner),
            scan: Scan::default(),
            refused,
        })
    }
}

impl<R: Read> Read for DumpInput<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.refused.get().is_some() {
            return Err(io::Error::other("over the limit"));
        }
        let n = self.inner.read(buf)?;
        if let Some(over) = self.scan.follow(&buf[..n]) {
            self.refused.set(Some(over));
            return Err(io::Error::other("over the limit"));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> (io::Result<Vec<u8>>, Option<Oversize>) {
        let refused = Cell::new(None);
        let mut input = DumpInput::new(bytes, &refused).unwrap();
        let mut out = Vec::new();
        let result = input.read_to_end(&mut out).map(|_| out);
        (result, refused.get())
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_nothing_else() {
        assert_eq!(read_all(b"\xEF\xBB\xBF{}").0.unwrap(), b"{}");
        assert_eq!(read_all(b"{}").0.unwrap(), b"{}");
        assert_eq!(read_all(b"\xEF\xBB").0.unwrap(), b"\xEF\xBB");
        assert_eq!(read_all(b"").0.unwrap(), b"");
    }

    #[test]
    fn a_value_past_the_limit_is_refused_with_its_line() {
        let long = |len: u64, quoted: bool| {
            let mut text = b"{\"a\":\n".to_vec();
            if quoted {
                text.push(b'"');
            }
            text.extend(std::iter::repeat_n(b'7', usize::try_from(len).unwrap()));
            if quoted {
                text.push(b'"');
            }
            text.push(b'}');
            text
        };
        for quoted in [true, false] {
            let (read, refused) = read_all(&long(MAX_VALUE_BYTES - 1, quoted));
            assert!(read.is_ok() && refused.is_none(), "{quoted}");
            let (read, refused) = read_all(&long(MAX_VALUE_BYTES + 1, quoted));
            assert!(read.is_err(), "{quoted}");
            assert_eq!(refused, Some(Oversize::Value { line: 2 }), "{quoted}");
        }
        // Escaped quotes do not end a string; many short values are no long one.
        let mut escaped = b"[\"".to_vec();
        escaped.extend(std::iter::repeat_n(b"\\\"".as_slice(), 40_000).flatten());
        escaped.extend(b"\"]");
        assert_eq!(read_all(&escaped).1, Some(Oversize::Value { line: 1 }));
        let many: Vec<u8> = std::iter::repeat_n(b"\"abc\",1234,".as_slice(), 100_000)
            .flatten()
            .copied()
            .collect();
        assert_eq!(read_all(&many).1, None);
    }

    #[test]
    fn the_file_stops_at_its_limit() {
        let mut scan = Scan {
            total: MAX_DUMP_BYTES - 10,
            ..Scan::default()
        };
        assert_eq!(scan.follow(&[b' '; 10]), None);
        assert_eq!(scan.follow(b" "), Some(Oversize::File));
    }
}
