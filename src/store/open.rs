//! Opening the database safely: the file checked before SQLite reads it, fenqi processes
//! taking turns while one creates, migrates or checks it (a `flock` on the file), a `-wal`
//! that does not belong set aside (see `wal_guard`), and read commands that work on read-only
//! media and never change what they read (a backup stays byte for byte as it was).

use std::fs::{self, File};
use std::io::Read;
use std::os::fd::AsRawFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::wal_guard::{self, Verdict};
use super::{APPLICATION_ID, BUSY_TIMEOUT, OpenNotice, Store, StoreError, StoreResult, migrations};

impl Store {
    /// Opens (creating if needed) the database at `path`, refusing anything that is not a fenqi
    /// database or was written by a newer fenqi, setting aside a `-wal` that does not belong to
    /// it, and migrating an older one after a backup.
    pub fn open(path: &Path) -> StoreResult<Store> {
        prepare_file(path)?;
        let lock = DbLock::acquire(path)?;
        let mut notices = Vec::new();
        if lock.as_ref().is_some_and(|l| l.exclusive && !in_use(l)) {
            notices.extend(set_aside_foreign_wal(path)?);
        }
        if fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            check_header(path)?;
        }
        let side_files = [side_file(path, "-wal"), side_file(path, "-shm")];
        let existed = side_files.clone().map(|f| f.exists());
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Until the file is known to be ours, closing must not checkpoint a WAL into it.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        let found = match inspect(&conn, path).map_err(|e| read_only_disk(e, path)) {
            Ok(found) => found,
            Err(refusal) => {
                drop(conn);
                // Take away the (empty) -wal / -shm that reading a WAL-mode file created.
                for (file, existed) in side_files.iter().zip(existed) {
                    if !existed {
                        let _ = fs::remove_file(file);
                    }
                }
                return Err(refusal);
            }
        };
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
        make_private(path);
        configure(&conn)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            _lock: lock,
            notices,
            expected: Vec::new(),
            memos: Default::default(),
        };
        migrations::migrate(&mut store.conn, path, found)?;
        if let Some(lock) = &mut store._lock {
            lock.share();
        }
        tracing::info!(
            found_schema = found,
            schema = migrations::LATEST,
            read_only = false,
            "database opened"
        );
        Ok(store)
    }

    /// Opens the database for a command that only reads it (`plan list`, `due`, `history`,
    /// `check`, `export`, `backup`…). A database this user may write opens as usual; one on a
    /// read-only disk or in a directory this user may not write, a file this user may not
    /// write, and a copy in rollback-journal mode (what `fenqi backup` writes) open read-only
    /// and are left exactly as they were: no switch to WAL, no `-wal` merged into them. A file
    /// that does not exist yet is created as by [`Store::open`].
    pub(crate) fn open_to_read(path: &Path) -> StoreResult<Store> {
        let Ok(meta) = fs::metadata(path) else {
            return Store::open(path);
        };
        if !meta.is_file() || meta.len() == 0 {
            return Store::open(path);
        }
        let rollback_journal = journal_mode_byte(path).is_some_and(|mode| mode == 1);
        if may_write(path) && may_write(directory_of(path)) && !rollback_journal {
            return Store::open(path);
        }
        check_header(path)?;
        let lock = DbLock::acquire(path)?;
        let alone = lock.as_ref().is_some_and(|l| l.exclusive && !in_use(l));
        let (conn, notices) = open_read_only(path, alone)?;
        let found = inspect(&conn, path)?;
        if found < migrations::LATEST {
            drop(conn);
            drop(lock);
            return if may_write(path) && may_write(directory_of(path)) {
                Store::open(path)
            } else {
                Err(StoreError::NeedsUpgrade(path.to_path_buf()))
            };
        }
        make_private(path);
        tracing::info!(schema = found, read_only = true, "database opened");
        keep_statements(&conn)?;
        let mut lock = lock;
        if let Some(lock) = &mut lock {
            lock.share();
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            _lock: lock,
            notices,
            expected: Vec::new(),
            memos: Default::default(),
        })
    }
}

/// SQLite's "cannot open" for a WAL-mode file whose directory cannot be written (a read-only
/// disk, a directory of another user) is the read-only error every write gives there.
fn read_only_disk(error: StoreError, path: &Path) -> StoreError {
    match &error {
        StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(ErrorCode::CannotOpen)
                && !may_write(directory_of(path)) =>
        {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                None,
            ))
        }
        _ => error,
    }
}

/// A read-only connection: SQLite's own read-only mode, or, where it cannot open the file
/// that way (a WAL-mode file on a read-only disk, where its `-shm` cannot be made), the file
/// alone as an immutable one. When no other connection has the database (`alone`), a `-wal`
/// beside it is judged first, as when opening for writing: one that does not belong is set
/// aside, or, where it cannot be (a read-only disk), ignored; one that belongs but cannot be
/// read with the file is named in a notice.
fn open_read_only(path: &Path, alone: bool) -> StoreResult<(Connection, Vec<OpenNotice>)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let wal = side_file(path, "-wal");
    let writable_dir = may_write(directory_of(path));
    let verdict = match wal.exists() && alone {
        true => wal_guard::judge(path, &wal).unwrap_or(Verdict::Belongs),
        false => Verdict::Empty,
    };
    let mut notices = Vec::new();
    let ignore_wal = verdict == Verdict::Foreign && !writable_dir;
    if verdict == Verdict::Foreign && writable_dir {
        notices.extend(set_aside_foreign_wal(path)?);
    } else if ignore_wal {
        notices.push(OpenNotice::WalIgnored {
            db: path.to_path_buf(),
            wal: wal.clone(),
        });
    }
    if !ignore_wal && (writable_dir || side_file(path, "-shm").exists()) {
        let uri = format!("{}?mode=ro", wal_guard::file_uri(path));
        if let Ok(conn) = Connection::open_with_flags(&uri, flags) {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            if conn
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                    r.get::<_, i64>(0)
                })
                .is_ok()
            {
                return Ok((conn, notices));
            }
        }
    }
    let conn = Connection::open_with_flags(wal_guard::immutable_uri(path), flags)?;
    if verdict == Verdict::Belongs {
        notices.push(OpenNotice::WalUnread { wal });
    }
    Ok((conn, notices))
}

/// The file's journal mode byte (header offset 18): 1 rollback journal, 2 WAL.
fn journal_mode_byte(path: &Path) -> Option<u8> {
    let mut header = [0u8; 20];
    File::open(path).ok()?.read_exact(&mut header).ok()?;
    (&header[..16] == b"SQLite format 3\0").then_some(header[18])
}

/// True when this process may write `path` (permissions, and a disk mounted writable).
fn may_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: a valid NUL-terminated path; access only reads the file's metadata.
    unsafe { libc::access(name.as_ptr(), libc::W_OK) == 0 }
}

/// The directory a database file is in (`.` for a bare name).
fn directory_of(path: &Path) -> &Path {
    crate::files::directory_of(path)
}

/// A `flock` on the database file, held for as long as the store lives: exclusive while one
/// process creates, checks or migrates it, shared afterwards. fenqi processes thus take turns
/// on a database that does not exist yet, and only a process that is alone with the file
/// judges a `-wal` beside it. (SQLite's own locks are `fcntl` locks: on Linux the two kinds
/// do not interact. The descriptor stays open until the connection is closed, since closing a
/// descriptor of the file would drop SQLite's locks.)
pub(crate) struct DbLock {
    file: File,
    exclusive: bool,
}

impl DbLock {
    /// Takes the exclusive lock if no other fenqi has the file, else waits (up to the busy
    /// timeout) for a shared one. `None` where the file system has no `flock`.
    fn acquire(path: &Path) -> StoreResult<Option<DbLock>> {
        let Ok(file) = File::open(path) else {
            return Ok(None);
        };
        let fd = file.as_raw_fd();
        // SAFETY: flock on a descriptor this function owns; no memory is involved.
        if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(Some(DbLock {
                file,
                exclusive: true,
            }));
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Ok(None);
        }
        let started = Instant::now();
        // SAFETY: as above.
        while unsafe { libc::flock(fd, libc::LOCK_SH | libc::LOCK_NB) } != 0 {
            if started.elapsed() > BUSY_TIMEOUT {
                return Err(StoreError::Locked(path.to_path_buf()));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(Some(DbLock {
            file,
            exclusive: false,
        }))
    }

    /// Lets other fenqi processes in (as readers and writers of the database; SQLite's own
    /// locks order their transactions).
    fn share(&mut self) {
        if self.exclusive {
            // SAFETY: flock on the descriptor this lock owns.
            unsafe { libc::flock(self.file.as_raw_fd(), libc::LOCK_SH) };
            self.exclusive = false;
        }
    }
}

/// True when some process (this one included) has the database open through SQLite: every
/// connection to a WAL-mode database holds an `fcntl` lock on the file (SHARED at least) from
/// its first read until it closes, which is how SQLite itself tells whether it is the last
/// connection. Asked of the kernel on the descriptor `lock` already holds, as an
/// open-file-description query that sees this process's own locks too, and that opens and
/// closes no descriptor (which would drop this process's own SQLite locks). (Not read from
/// `/proc/locks`: a reader of it that needs several `read` calls, as any does, skips entries
/// whenever a lock elsewhere comes or goes between them.) Where it cannot be asked, the
/// answer is yes.
fn in_use(lock: &DbLock) -> bool {
    #[cfg(target_os = "linux")]
    {
        // F_WRLCK, F_UNLCK and SEEK_SET are small constants: they fit the struct's `short`s.
        #[allow(clippy::cast_possible_truncation)]
        let (write, unlocked, from_start) = (
            libc::F_WRLCK as libc::c_short,
            libc::F_UNLCK as libc::c_short,
            libc::SEEK_SET as libc::c_short,
        );
        // SAFETY: an all-zero `flock` struct is a valid value.
        let mut probe: libc::flock = unsafe { std::mem::zeroed() };
        probe.l_type = write;
        probe.l_whence = from_start;
        // l_start 0, l_len 0: the whole file; l_pid must be 0 for an OFD query.
        // SAFETY: fcntl on the descriptor `lock` owns, with a valid `flock` struct.
        let asked = unsafe { libc::fcntl(lock.file.as_raw_fd(), libc::F_OFD_GETLK, &mut probe) };
        asked != 0 || probe.l_type != unlocked
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = lock;
        true
    }
}

/// Renames a `-wal` that does not belong to the database (and drops its `-shm`, an index of
/// it), so that SQLite never merges it; returns what was done.
fn set_aside_foreign_wal(path: &Path) -> StoreResult<Option<OpenNotice>> {
    let wal = side_file(path, "-wal");
    if !wal.exists() || !matches!(wal_guard::judge(path, &wal), Ok(Verdict::Foreign)) {
        return Ok(None);
    }
    let kept = wal_guard::set_aside_path(&wal);
    if let Err(source) = fs::rename(&wal, &kept) {
        return Err(StoreError::WalStuck { wal, source });
    }
    let _ = fs::remove_file(side_file(path, "-shm"));
    if let Ok(dir) = File::open(directory_of(path)) {
        let _ = dir.sync_all();
    }
    Ok(Some(OpenNotice::WalSetAside {
        db: path.to_path_buf(),
        wal,
        kept,
    }))
}

/// Creates the parent directory (0700) and an empty file (0600) when missing; another process
/// creating it at the same moment is fine.
fn prepare_file(path: &Path) -> StoreResult<()> {
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        crate::files::create_private_dir(parent).map_err(open_error)?;
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => Err(StoreError::NotAFile(path.to_path_buf())),
        Ok(_) => Err(StoreError::NotFenqi(path.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match crate::files::create_private(path) {
                Ok(_) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                Err(e) => Err(open_error(e)),
            }
        }
        Err(e) => Err(open_error(e)),
    }
}

/// Makes a fenqi database and its -wal / -shm owner-only again if someone widened them: the
/// group and other bits go, the owner's stay as they are (a file its owner made read-only
/// stays read-only, so writes are refused as read-only). Best effort: on a read-only disk the
/// open goes on (and writes will say why they fail).
fn make_private(path: &Path) {
    for file in [
        path.to_path_buf(),
        side_file(path, "-wal"),
        side_file(path, "-shm"),
    ] {
        if let Some(mode) = fs::metadata(&file)
            .ok()
            .map(|m| m.permissions().mode() & 0o7777)
            .filter(|mode| mode & 0o077 != 0)
        {
            let _ = fs::set_permissions(&file, fs::Permissions::from_mode(owner_only(mode)));
        }
    }
}

/// `mode` without its group and other bits.
fn owner_only(mode: u32) -> u32 {
    mode & !0o077
}

/// `fenqi.db-wal`, `fenqi.db-shm`: SQLite's files beside the database.
pub(crate) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads the 100-byte SQLite header: refuses other file types and files shorter than the
/// database the header describes. With a non-empty `-wal` beside it the length says nothing
/// (a checkpoint cut short by a full disk leaves the newest pages only in the WAL), so SQLite
/// itself judges the file.
fn check_header(path: &Path) -> StoreResult<()> {
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let mut file = fs::File::open(path).map_err(open_error)?;
    let len = file.metadata().map_err(open_error)?.len();
    let wal_holds_pages = fs::metadata(side_file(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..]).map_err(open_error)?;
        if n == 0 {
            break;
        }
        read += n;
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(StoreError::NotFenqi(path.to_path_buf()));
    }
    let raw_page = u16::from_be_bytes([header[16], header[17]]);
    let page_size: u64 = if raw_page == 1 {
        65_536
    } else {
        u64::from(raw_page)
    };
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_count = u64::from(be32(28));
    let size_valid = be32(24) == be32(92);
    let short = (size_valid && page_count * page_size > len) || len % page_size != 0;
    if page_size < 512 || (short && !wal_holds_pages) {
        return Err(StoreError::Damaged(path.to_path_buf()));
    }
    Ok(())
}

/// Reads the application id, schema version and schema size without writing anything, and
/// returns the schema version to migrate from.
fn inspect(conn: &Connection, path: &Path) -> StoreResult<i64> {
    let read = || -> rusqlite::Result<(i32, i64, i64)> {
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let objects: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app, version, objects))
    };
    let (app, version, objects) = read().map_err(|e| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotFenqi(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged(path.to_path_buf()),
        _ => StoreError::Sqlite(e),
    })?;
    if app == APPLICATION_ID {
        if version > migrations::LATEST {
            return Err(StoreError::Newer {
                path: path.to_path_buf(),
                found: version,
                supported: migrations::LATEST,
            });
        }
        return Ok(version);
    }
    if app == 0 && objects == 0 {
        return Ok(0);
    }
    Err(StoreError::NotFenqi(path.to_path_buf()))
}

/// Foreign keys, WAL, synchronous=FULL, a busy timeout, and room for cached statements.
fn configure(conn: &Connection) -> StoreResult<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("journal mode {mode}")));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    keep_statements(conn)
}

/// Lets a statement be prepared once and kept: room for every statement a session uses, and
/// query plans that do not depend on the values bound. Without SQLite's planner stability
/// guarantee (QPSG), a statement whose plan looked at a bound value (any `LIMIT ?`, any
/// `column = ?`) is prepared anew each time it is taken from the cache, whose clearing of its
/// bindings expires it: the first frame prepared its ten largest statements twice. The
/// partial indexes' conditions are literals in the queries that use them, so no plan needs
/// the values.
fn keep_statements(conn: &Connection) -> StoreResult<()> {
    conn.set_prepared_statement_cache_capacity(64);
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tightening_removes_group_and_other_bits_and_never_adds_any() {
        assert_eq!(owner_only(0o644), 0o600);
        assert_eq!(owner_only(0o666), 0o600);
        assert_eq!(owner_only(0o444), 0o400);
        assert_eq!(owner_only(0o404), 0o400);
        assert_eq!(owner_only(0o000), 0o000);
        assert_eq!(owner_only(0o1755), 0o1700);
    }

    #[test]
    fn a_kept_statement_runs_again_with_new_values_without_being_prepared_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("fenqi.db")).unwrap();
        // A `LIMIT ?` and a `column = ?`: each made SQLite prepare the statement anew whenever
        // the cache handed it out with its bindings cleared.
        let sql = "SELECT count(*) FROM (SELECT 1 FROM installments WHERE plan_id = ?1 LIMIT ?2)";
        for (plan, limit) in [(1, 5), (2, 7), (3, 9)] {
            let n: i64 = store
                .conn()
                .prepare_cached(sql)
                .unwrap()
                .query_row([plan, limit], |r| r.get(0))
                .unwrap();
            assert_eq!(n, 0);
        }
        let prepared_again = store
            .conn()
            .prepare_cached(sql)
            .unwrap()
            .get_status(rusqlite::StatementStatus::RePrepare);
        assert_eq!(prepared_again, 0);
    }

    #[test]
    fn a_read_only_database_stays_read_only_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        drop(Store::open(&path).unwrap());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        // Root may open it for writing anyway; only the mode is at stake here.
        drop(Store::open(&path));
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o400);
    }

    /// A connection of another program that has committed into the `-wal` and is still open
    /// is seen every time, however often locks elsewhere come and go meanwhile (reading
    /// `/proc/locks` missed it about once in a few hundred reads then, and its `-wal` was set
    /// aside).
    #[test]
    fn a_live_connection_is_always_seen_while_other_locks_come_and_go() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi.db");
        drop(Store::open(&path).unwrap());
        let holder = Connection::open(&path).unwrap();
        holder
            .execute(
                "INSERT INTO credit_limits (provider, limit_cents) VALUES ('在用', 1)",
                [],
            )
            .unwrap();
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let others: Vec<File> = (0..64)
                    .map(|i| File::create(dir.path().join(format!("other{i}"))).unwrap())
                    .collect();
                while !stop.load(Ordering::Relaxed) {
                    for op in [libc::LOCK_SH, libc::LOCK_UN] {
                        for file in &others {
                            // SAFETY: flock on descriptors this thread owns.
                            unsafe { libc::flock(file.as_raw_fd(), op) };
                        }
                    }
                }
            });
            let lock = DbLock::acquire(&path).unwrap().unwrap();
            assert!(lock.exclusive);
            let missed = (0..20_000).filter(|_| !in_use(&lock)).count();
            stop.store(true, Ordering::Relaxed);
            assert_eq!(missed, 0, "the live connection was missed {missed} times");
        });
        drop(holder);
        let lock = DbLock::acquire(&path).unwrap().unwrap();
        assert!(!in_use(&lock), "a database no one has open is not in use");
    }
}
