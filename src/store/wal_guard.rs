//! A `-wal` that does not belong to the database is set aside, never merged.
//!
//! SQLite applies whatever valid `-wal` it finds beside a database: its header and frames carry
//! salts and a checksum chain, but nothing ties them to the database file, so another
//! database's `-wal`, or one left by a killed session beside an older copy of the file (or
//! beside a restored `fenqi backup`), is merged into it for good. fenqi ties them together:
//!
//! - every commit fenqi makes (`Store::write`, a migration, an import) records a fresh random
//!   stamp in the database, and the stamp it replaces ([`stamp`]), in two rows of `tallies`
//!   whose names begin with a control character (no user text can);
//! - so the commits in a `-wal` carry a chain of stamps, and the first one names the stamp the
//!   database held when that `-wal` began. Before SQLite opens the database (and only when no
//!   other connection uses it) [`judge`] reads the `-wal` as SQLite would (header checksum,
//!   salts, checksum chain, commit frames; <https://www.sqlite.org/fileformat2.html#walformat>)
//!   and the stamp in the database file alone (opened `immutable`, which ignores the `-wal`):
//!   the `-wal` belongs when the file's stamp is the one its first commit replaced or one of its
//!   own (a checkpoint copied part of it in already);
//! - a copy made by `fenqi backup` (and the backup taken before a migration) gets a stamp of
//!   its own ([`restamp_copy`]), so it never matches the original's `-wal`.
//!
//! A `-wal` with committed frames but no stamp (another program's, or one left by a crash of a
//! fenqi older than this check) cannot be shown to belong and is set aside too: renamed, kept.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

/// The `tallies` row holding the stamp of the latest commit.
const STAMP: &str = "\u{1}fenqi-wal-stamp";

/// The `tallies` row holding the stamp the latest commit replaced.
const STAMP_BEFORE: &str = "\u{1}fenqi-wal-stamp-before";

/// Records a new random stamp, and the one it replaces, in the commit under way. Every commit
/// fenqi makes calls it, so every commit in a `-wal` carries the chain.
pub(crate) fn stamp(conn: &Connection) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO tallies (name, n) VALUES (?1, 0), (?2, 0) ON CONFLICT (name) DO NOTHING",
    )?
    .execute(params![STAMP, STAMP_BEFORE])?;
    conn.prepare_cached(
        "UPDATE tallies SET n = (SELECT n FROM tallies WHERE name = ?1) WHERE name = ?2",
    )?
    .execute(params![STAMP, STAMP_BEFORE])?;
    conn.prepare_cached("UPDATE tallies SET n = random() WHERE name = ?1")?
        .execute(params![STAMP])?;
    Ok(())
}

/// Gives a copy of the database (a backup, written by `VACUUM INTO`) a stamp of its own, so
/// that a `-wal` of the original is never taken for one of the copy's.
pub(crate) fn restamp_copy(path: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let has_tallies: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'tallies'",
        [],
        |r| r.get(0),
    )?;
    if has_tallies {
        stamp(&conn)?;
    }
    conn.close().map_err(|(_, e)| e)
}

/// What [`judge`] found in a `-wal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// No committed frame SQLite would apply: nothing to merge.
    Empty,
    /// Written on this very file: SQLite may merge it.
    Belongs,
    /// Written on another file (or by another program): must not be merged.
    Foreign,
}

/// Decides whether the `-wal` at `wal` belongs to the database file at `db` (see the module
/// documentation). A file fenqi cannot read on its own (a checkpoint cut short) is left to
/// SQLite.
pub(crate) fn judge(db: &Path, wal: &Path) -> io::Result<Verdict> {
    let Some(log) = read_wal(wal)? else {
        return Ok(Verdict::Empty);
    };
    if log.commits.is_empty() {
        return Ok(Verdict::Empty);
    }
    if db_page_size(db)?.is_some_and(|size| size != log.page_size) {
        return Ok(Verdict::Foreign);
    }
    let mut stamped = log
        .commits
        .iter()
        .filter_map(|c| c.stamp.map(|s| (c.before, s)));
    let Some((before, first)) = stamped.next() else {
        return Ok(Verdict::Foreign);
    };
    let Ok(in_file) = file_stamp(db) else {
        return Ok(Verdict::Belongs);
    };
    let chain = [before.unwrap_or(0), first];
    let belongs = chain.contains(&in_file) || stamped.any(|(_, stamp)| stamp == in_file);
    Ok(if belongs {
        Verdict::Belongs
    } else {
        Verdict::Foreign
    })
}

/// The stamp in the database file itself, the `-wal` ignored (0 when it holds none).
fn file_stamp(db: &Path) -> rusqlite::Result<i64> {
    let conn = Connection::open_with_flags(
        immutable_uri(db),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let has_tallies: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'tallies'",
        [],
        |r| r.get(0),
    )?;
    if !has_tallies {
        return Ok(0);
    }
    let found: Option<i64> = conn
        .query_row("SELECT n FROM tallies WHERE name = ?1", [STAMP], |r| {
            r.get(0)
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    Ok(found.unwrap_or(0))
}

/// `file:PATH?immutable=1`: the database file alone, read without locks, its `-wal` ignored.
pub(crate) fn immutable_uri(path: &Path) -> String {
    format!("{}?immutable=1", file_uri(path))
}

/// `file:PATH` with every byte outside the unreserved set percent-encoded.
pub(crate) fn file_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/._~-".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// The page size the database file's header gives, if it has a header.
fn db_page_size(db: &Path) -> io::Result<Option<u32>> {
    let mut header = [0u8; 100];
    let mut file = File::open(db)?;
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..])?;
        if n == 0 {
            return Ok(None);
        }
        read += n;
    }
    if &header[..16] != b"SQLite format 3\0" {
        return Ok(None);
    }
    Ok(Some(match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u32::from(size),
    }))
}

/// One committed transaction of a `-wal`: the stamps its frames wrote, if any.
#[derive(Debug, Default, Clone, Copy)]
struct Commit {
    before: Option<i64>,
    stamp: Option<i64>,
}

/// What SQLite would apply from a `-wal`.
struct WalLog {
    page_size: u32,
    commits: Vec<Commit>,
}

/// Big- or little-endian 32-bit words, as the `-wal` header's magic number says.
fn word(big_endian: bool, bytes: &[u8]) -> u32 {
    let four = [bytes[0], bytes[1], bytes[2], bytes[3]];
    if big_endian {
        u32::from_be_bytes(four)
    } else {
        u32::from_le_bytes(four)
    }
}

/// SQLite's WAL checksum of `data` (a multiple of 8 bytes), continuing from `sum`.
fn checksum(big_endian: bool, data: &[u8], mut sum: (u32, u32)) -> (u32, u32) {
    for pair in data.chunks_exact(8) {
        sum.0 = sum
            .0
            .wrapping_add(word(big_endian, &pair[..4]))
            .wrapping_add(sum.1);
        sum.1 = sum
            .1
            .wrapping_add(word(big_endian, &pair[4..]))
            .wrapping_add(sum.0);
    }
    sum
}

/// Reads the frames SQLite's recovery would accept: a valid header, then frames whose salts
/// match it and whose checksums continue the chain; only those up to the last commit frame
/// count. `None` when there is no valid header (SQLite then ignores the file).
fn read_wal(wal: &Path) -> io::Result<Option<WalLog>> {
    let file = match File::open(wal) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut header = [0u8; 32];
    if !read_full(&mut reader, &mut header)? {
        return Ok(None);
    }
    let magic = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
    let big_endian = match magic {
        0x377f_0682 => false,
        0x377f_0683 => true,
        _ => return Ok(None),
    };
    let be = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = be(8);
    if !(512..=65_536).contains(&page_size) || !page_size.is_power_of_two() {
        return Ok(None);
    }
    let mut sum = checksum(big_endian, &header[..24], (0, 0));
    if sum != (be(24), be(28)) {
        return Ok(None);
    }
    let salts = (be(16), be(20));
    let mut commits = Vec::new();
    let mut pending = Commit::default();
    let mut frame = [0u8; 24];
    let mut page = vec![0u8; page_size as usize];
    loop {
        if !read_full(&mut reader, &mut frame)? || !read_full(&mut reader, &mut page)? {
            break;
        }
        let fbe = |at: usize| {
            u32::from_be_bytes([frame[at], frame[at + 1], frame[at + 2], frame[at + 3]])
        };
        if (fbe(8), fbe(12)) != salts {
            break;
        }
        sum = checksum(big_endian, &page, checksum(big_endian, &frame[..8], sum));
        if sum != (fbe(16), fbe(20)) {
            break;
        }
        for (name, value) in stamp_rows(&page) {
            if name == STAMP {
                pending.stamp = Some(value);
            } else {
                pending.before = Some(value);
            }
        }
        if fbe(4) != 0 {
            commits.push(pending);
            pending = Commit::default();
        }
    }
    Ok(Some(WalLog { page_size, commits }))
}

/// Fills `buf`; false at the end of the file (a partial frame counts as the end).
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => return Ok(false),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// The stamp rows in a page, if it is a leaf page of an index b-tree (a `WITHOUT ROWID`
/// table such as `tallies`) holding records `(name, n)` named [`STAMP`] or [`STAMP_BEFORE`].
fn stamp_rows(page: &[u8]) -> Vec<(&'static str, i64)> {
    const INDEX_LEAF: u8 = 0x0A;
    let mut found = Vec::new();
    if page.first() != Some(&INDEX_LEAF) || page.len() < 8 {
        return found;
    }
    let cells = usize::from(u16::from_be_bytes([page[3], page[4]]));
    for cell in 0..cells {
        let at = 8 + cell * 2;
        let Some(pointer) = page.get(at..at + 2) else {
            break;
        };
        let offset = usize::from(u16::from_be_bytes([pointer[0], pointer[1]]));
        if let Some(row) = page.get(offset..).and_then(stamp_record) {
            found.push(row);
        }
    }
    found
}

/// An index cell `(payload size, record)` holding `(STAMP or STAMP_BEFORE, integer)`.
fn stamp_record(cell: &[u8]) -> Option<(&'static str, i64)> {
    let (payload_len, used) = varint(cell)?;
    let payload = cell.get(used..used + usize::try_from(payload_len).ok()?)?;
    let (header_len, mut at) = varint(payload)?;
    let header_len = usize::try_from(header_len).ok()?;
    let (text_type, n) = varint(payload.get(at..header_len)?)?;
    at += n;
    let (int_type, n) = varint(payload.get(at..header_len)?)?;
    if at + n != header_len || text_type < 13 || text_type % 2 == 0 {
        return None;
    }
    let text_len = usize::try_from((text_type - 13) / 2).ok()?;
    let text = payload.get(header_len..header_len + text_len)?;
    let name = [STAMP, STAMP_BEFORE]
        .into_iter()
        .find(|name| name.as_bytes() == text)?;
    let body = payload.get(header_len + text_len..)?;
    let value = match int_type {
        8 => 0,
        9 => 1,
        1..=6 => {
            let width = [0, 1, 2, 3, 4, 6, 8][usize::try_from(int_type).ok()?];
            let bytes = body.get(..width)?;
            let mut value: i64 = if bytes[0] & 0x80 != 0 { -1 } else { 0 };
            for &b in bytes {
                value = (value << 8) | i64::from(b);
            }
            value
        }
        _ => return None,
    };
    Some((name, value))
}

/// SQLite's variable-length integer: its value and how many bytes it took.
fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    for (i, &b) in bytes.iter().enumerate().take(9) {
        if i == 8 {
            return Some(((value << 8) | u64::from(b), 9));
        }
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// Where a `-wal` that does not belong is kept: `fenqi.db-wal.set-aside-20250601-093000`
/// (with `-2`, `-3`… if that exists).
pub(crate) fn set_aside_path(wal: &Path) -> PathBuf {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = wal.as_os_str().to_os_string();
    name.push(format!(".set-aside-{stamp}"));
    let first = PathBuf::from(&name);
    let mut candidate = first.clone();
    let mut n = 2;
    while candidate.exists() {
        let mut next = name.clone();
        next.push(format!("-{n}"));
        candidate = PathBuf::from(next);
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_decode_as_sqlite_writes_them() {
        assert_eq!(varint(&[0x05]), Some((5, 1)));
        assert_eq!(varint(&[0x81, 0x00]), Some((128, 2)));
        assert_eq!(varint(&[0x81, 0x81, 0x01]), Some((16_513, 3)));
        assert_eq!(varint(&[0xff; 9]), Some((u64::MAX, 9)));
        assert_eq!(varint(&[0x80]), None);
    }

    #[test]
    fn the_checksum_matches_a_wal_sqlite_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        let conn = Connection::open(&db).unwrap();
        let _: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        conn.execute_batch(
            "CREATE TABLE tallies (name TEXT PRIMARY KEY, n INTEGER NOT NULL) STRICT, WITHOUT ROWID;",
        )
        .unwrap();
        for _ in 0..2 {
            conn.execute_batch("BEGIN").unwrap();
            stamp(&conn).unwrap();
            conn.execute_batch("COMMIT").unwrap();
        }
        let log = read_wal(&db.with_extension("db-wal")).unwrap().unwrap();
        assert_eq!(log.page_size, 4096);
        assert_eq!(log.commits.len(), 3, "{:?}", log.commits);
        let stamped: Vec<Commit> = log
            .commits
            .iter()
            .copied()
            .filter(|c| c.stamp.is_some())
            .collect();
        assert_eq!(stamped.len(), 2);
        assert_eq!(stamped[0].before, Some(0));
        assert_eq!(stamped[1].before, stamped[0].stamp);
        let now: i64 = conn
            .query_row("SELECT n FROM tallies WHERE name = ?1", [STAMP], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(stamped[1].stamp, Some(now));
    }

    #[test]
    fn uris_escape_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            file_uri(Path::new("/a b/x?y#z%.db")),
            "file:/a%20b/x%3Fy%23z%25.db"
        );
        assert_eq!(immutable_uri(Path::new("d.db")), "file:d.db?immutable=1");
    }
}
