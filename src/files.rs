//! Safe file output: private permissions, temp file + fsync + rename, no silent overwrite, never
//! over the database (compared by device and inode, so a bind mount or a hard link is no way
//! round), streams (a pipe, a terminal, `/dev/stdout`) written in place, and the temporary files
//! of an interrupted write cleaned up by a later run.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteFileError {
    #[error("{0} already exists (use --force to overwrite)")]
    Exists(PathBuf),
    #[error("{0} is the database itself")]
    IsDatabase(PathBuf),
    #[error("{0} is a directory")]
    IsDirectory(PathBuf),
    #[error("{0} is not a regular file")]
    NotRegular(PathBuf),
    #[error("{0} is a symbolic link to nothing (use --force to replace the link)")]
    DanglingLink(PathBuf),
    #[error("directory {0} does not exist")]
    NoDirectory(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Options for [`write_private_file`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WriteOptions<'a> {
    /// Replace an existing file.
    pub force: bool,
    /// Files that must never be the target (the database and its -wal / -shm).
    pub protected: Option<&'a Path>,
}

/// How a target that may be written is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A new file, or (with `--force`) one replaced: temp file beside it, then rename.
    File,
    /// A pipe, a terminal, `/dev/stdout`, `/dev/null`: written in place, never replaced.
    Stream,
}

/// Creates a file readable by its owner only (0600 on Unix), failing if it exists.
pub(crate) fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a directory (and parents) readable by its owner only (0700 on Unix).
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// A path as it may be printed: control characters (an escape sequence in a hostile name),
/// bidi overrides and invisible marks become `?`.
pub(crate) fn shown(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| {
            if crate::domain::glyphs::is_control(c) || crate::domain::glyphs::is_hidden_format(c) {
                '?'
            } else {
                c
            }
        })
        .collect()
}

/// The database's own files: the database, its WAL, shared memory and rollback journal.
const SIDE_SUFFIXES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// `path` with `suffix` appended to its name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The directory a path's file is in (`.` for a bare name).
pub(crate) fn directory_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// True when both paths reach the same file (device and inode, symbolic links followed).
fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// True when `candidate` is the database at `protected` or its -wal / -shm / -journal: the
/// same file by device and inode (whatever the path: a bind mount, a hard link, a symbolic
/// link), or, for one that does not exist yet, the same name in the same directory.
fn is_protected(candidate: &Path, protected: &Path) -> bool {
    let same_directory = same_file(directory_of(candidate), directory_of(protected));
    SIDE_SUFFIXES.iter().any(|suffix| {
        let side = with_suffix(protected, suffix);
        same_file(candidate, &side)
            || (same_directory
                && candidate.file_name().is_some()
                && candidate.file_name() == side.file_name())
    })
}

/// True when `path`, or a symbolic link on the way to its file, names one of the process's
/// own descriptors (`/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`): a stream, whatever it is
/// connected to, and never a file to replace.
fn names_a_descriptor(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let text = current.as_os_str().as_bytes();
        if [
            &b"/dev/stdout"[..],
            b"/dev/stderr",
            b"/dev/fd/",
            b"/proc/self/fd/",
            b"/proc/thread-self/fd/",
        ]
        .iter()
        .any(|prefix| text.starts_with(prefix))
        {
            return true;
        }
        match fs::read_link(&current) {
            Ok(next) => current = directory_of(&current).join(next),
            Err(_) => return false,
        }
    }
    false
}

/// True when the path was written with a trailing `/` (`--out newdir/`): it means a directory.
fn ends_with_separator(path: &Path) -> bool {
    path.as_os_str().as_bytes().ends_with(b"/")
        || matches!(
            path.components().next_back(),
            Some(Component::CurDir | Component::ParentDir)
        )
}

/// Decides, before anything is written, whether and how `path` may be written: never the
/// database, a directory or a device other than a stream; an existing file or a symbolic link
/// (even to nothing) only with `force`; a missing directory is named.
pub(crate) fn check_target(
    path: &Path,
    options: WriteOptions<'_>,
) -> Result<Target, WriteFileError> {
    let io_error = |source| WriteFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(db) = options.protected
        && is_protected(path, db)
    {
        return Err(WriteFileError::IsDatabase(path.to_path_buf()));
    }
    if ends_with_separator(path) {
        return Err(if path.is_dir() {
            WriteFileError::IsDirectory(path.to_path_buf())
        } else {
            WriteFileError::NoDirectory(path.to_path_buf())
        });
    }
    let link = match fs::symlink_metadata(path) {
        Ok(link) => link,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dir = directory_of(path);
            return match fs::metadata(dir) {
                Ok(meta) if meta.is_dir() => Ok(Target::File),
                _ => Err(WriteFileError::NoDirectory(dir.to_path_buf())),
            };
        }
        Err(e) => return Err(io_error(e)),
    };
    if names_a_descriptor(path) {
        return Ok(Target::Stream);
    }
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) if link.file_type().is_symlink() && options.force => return Ok(Target::File),
        Err(_) if link.file_type().is_symlink() => {
            return Err(WriteFileError::DanglingLink(path.to_path_buf()));
        }
        Err(e) => return Err(io_error(e)),
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        Err(WriteFileError::IsDirectory(path.to_path_buf()))
    } else if kind.is_fifo() || kind.is_char_device() {
        Ok(Target::Stream)
    } else if !kind.is_file() {
        Err(WriteFileError::NotRegular(path.to_path_buf()))
    } else if options.force {
        Ok(Target::File)
    } else {
        Err(WriteFileError::Exists(path.to_path_buf()))
    }
}

/// Writes `bytes` to `path` atomically: a 0600 temp file beside it, fsync, rename, fsync of the
/// directory. Refuses an existing file unless `force`, and never writes over the database.
pub(crate) fn write_private_file(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions<'_>,
) -> Result<(), WriteFileError> {
    write_private_with(path, options, |file, _| file.write_all(bytes))
}

/// The end of every temporary file fenqi writes: `.NAME.PID.fenqi.tmp`.
const TEMP_SUFFIX: &str = ".fenqi.tmp";

/// At most this many bytes of the target's name go into its temporary file's name, so that a
/// long name (250 characters) still leaves room for the rest within the 255-byte limit.
const TEMP_NAME_BYTES: usize = 200;

/// `.NAME.PID.fenqi.tmp` in `dir`, NAME cut to [`TEMP_NAME_BYTES`] on a character boundary.
fn temp_path(dir: &Path, file_name: &str) -> PathBuf {
    let mut cut = file_name.len().min(TEMP_NAME_BYTES);
    while !file_name.is_char_boundary(cut) {
        cut -= 1;
    }
    dir.join(format!(
        ".{}.{}{TEMP_SUFFIX}",
        &file_name[..cut],
        std::process::id()
    ))
}

/// Like [`write_private_file`], but `fill` produces the content: it gets the empty 0600 temp
/// file (to stream into) and its path (for writers that open it themselves, like SQLite's
/// `VACUUM INTO`). The temp file is removed if `fill` fails; the target is untouched then.
/// A stream target gets the temp file's content copied into it, in place.
pub(crate) fn write_private_with(
    path: &Path,
    options: WriteOptions<'_>,
    fill: impl FnOnce(&mut File, &Path) -> io::Result<()>,
) -> Result<(), WriteFileError> {
    let io_error = |source| WriteFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let target = check_target(path, options)?;
    let dir = match target {
        Target::File => directory_of(path).to_path_buf(),
        Target::Stream => std::env::temp_dir(),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = temp_path(&dir, &file_name);
    let _ = fs::remove_file(&temp);
    let result = (|| {
        let mut file = create_private(&temp)?;
        fill(&mut file, &temp)?;
        file.flush()?;
        match target {
            Target::File => {
                file.sync_all()?;
                drop(file);
                fs::rename(&temp, path)?;
                if let Ok(dir_handle) = File::open(&dir) {
                    let _ = dir_handle.sync_all();
                }
            }
            Target::Stream => {
                drop(file);
                let mut out = OpenOptions::new().append(true).open(path)?;
                io::copy(&mut File::open(&temp)?, &mut out)?;
                out.flush()?;
                let _ = fs::remove_file(&temp);
            }
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io_error)
}

/// How long a temporary file must have gone unmodified before it counts as abandoned.
const ABANDONED_AFTER: Duration = Duration::from_secs(60);

/// The process id in a fenqi temporary file's name (`.NAME.PID.fenqi.tmp`), if it is one.
fn temp_owner(name: &str) -> Option<i32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (_, pid) = rest.rsplit_once('.')?;
    pid.parse().ok().filter(|pid: &i32| *pid > 0)
}

/// True when a process with this id exists (ours, or another user's).
fn process_alive(pid: i32) -> bool {
    // SAFETY: signal 0 sends nothing; kill only reports whether the process exists.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Removes the temporary files an interrupted fenqi left in `dir` (a backup or export killed
/// before its rename: full copies of the debts): only regular files named
/// `.NAME.PID.fenqi.tmp`, owned by this user, unmodified for [`ABANDONED_AFTER`], whose
/// process is gone. Returns what it removed; anything it cannot read or remove is left alone.
pub(crate) fn remove_abandoned_temps(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let own_pid = std::process::id() as i32;
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let idle = meta
            .modified()
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|idle| idle >= ABANDONED_AFTER);
        if meta.file_type().is_file()
            && meta.uid() == me
            && idle
            && pid != own_pid
            && !process_alive(pid)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.path());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_private_and_refuses_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_private_file(&path, b"one", WriteOptions::default()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let again = write_private_file(&path, b"two", WriteOptions::default());
        assert!(matches!(again, Err(WriteFileError::Exists(_))));
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let forced = WriteOptions {
            force: true,
            protected: None,
        };
        write_private_file(&path, b"two", forced).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn never_writes_over_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fenqi.db");
        fs::write(&db, b"db").unwrap();
        let options = WriteOptions {
            force: true,
            protected: Some(&db),
        };
        for target in ["fenqi.db", "fenqi.db-wal", "./fenqi.db"] {
            let path = dir.path().join(target);
            let result = write_private_file(&path, b"x", options);
            assert!(
                matches!(result, Err(WriteFileError::IsDatabase(_))),
                "{target}"
            );
        }
        assert_eq!(fs::read(&db).unwrap(), b"db");
    }

    #[test]
    fn temporary_files_carry_their_writer_and_fit_any_name() {
        let dir = Path::new("/d");
        let long = "长".repeat(83);
        for name in ["fenqi.json", long.as_str(), "a.b.c"] {
            let temp = temp_path(dir, name);
            let file = temp.file_name().unwrap().to_str().unwrap();
            assert!(file.len() <= 255, "{file}");
            assert_eq!(temp_owner(file), Some(std::process::id() as i32));
        }
        for other in [
            ".x.12.tmp",
            "x.12.fenqi.tmp",
            ".x.fenqi.tmp",
            ".x.-3.fenqi.tmp",
        ] {
            assert_eq!(temp_owner(other), None, "{other}");
        }
    }

    #[test]
    fn a_broken_link_needs_force_and_a_fifo_is_a_stream() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(dir.path().join("missing/x"), &link).unwrap();
        let mut options = WriteOptions::default();
        assert!(matches!(
            check_target(&link, options),
            Err(WriteFileError::DanglingLink(_))
        ));
        options.force = true;
        assert_eq!(check_target(&link, options).unwrap(), Target::File);
        let fifo = dir.path().join("fifo");
        let name = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo creates a node and touches nothing else.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert_eq!(
            check_target(&fifo, WriteOptions::default()).unwrap(),
            Target::Stream
        );
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let options = WriteOptions {
            force: true,
            protected: None,
        };
        let result = write_private_file(dir.path(), b"x", options);
        assert!(matches!(result, Err(WriteFileError::IsDirectory(_))));
    }
}
