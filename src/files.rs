//! Safe file output: private permissions, temp file + fsync + rename, no silent overwrite.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteFileError {
    #[error("{0} already exists (use --force to overwrite)")]
    Exists(PathBuf),
    #[error("{0} is the database itself")]
    IsDatabase(PathBuf),
    #[error("{0} is a directory")]
    IsDirectory(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Options for [`write_private_file`].
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions<'a> {
    /// Replace an existing file.
    pub force: bool,
    /// Files that must never be the target (the database and its -wal / -shm).
    pub protected: Option<&'a Path>,
}

/// Creates a file readable by its owner only (0600 on Unix), failing if it exists.
pub fn create_private(path: &Path) -> io::Result<File> {
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
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// True when `candidate` names the same file as `protected` or its -wal / -shm / -journal.
fn is_protected(candidate: &Path, protected: &Path) -> bool {
    let canonical = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty())?;
            Some(parent.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    let (Some(target), Some(db)) = (canonical(candidate), canonical(protected)) else {
        return false;
    };
    ["", "-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        name == target.as_os_str()
    })
}

/// Writes `bytes` to `path` atomically: a 0600 temp file beside it, fsync, rename, fsync of the
/// directory. Refuses an existing file unless `force`, and never writes over the database.
pub fn write_private_file(
    path: &Path,
    bytes: &[u8],
    options: WriteOptions<'_>,
) -> Result<(), WriteFileError> {
    write_private_with(path, options, |file, _| file.write_all(bytes))
}

/// Like [`write_private_file`], but `fill` produces the content: it gets the empty 0600 temp
/// file (to stream into) and its path (for writers that open it themselves, like SQLite's
/// `VACUUM INTO`). The temp file is removed if `fill` fails; the target is untouched then.
pub fn write_private_with(
    path: &Path,
    options: WriteOptions<'_>,
    fill: impl FnOnce(&mut File, &Path) -> io::Result<()>,
) -> Result<(), WriteFileError> {
    let io_error = |source| WriteFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(db) = options.protected
        && is_protected(path, db)
    {
        return Err(WriteFileError::IsDatabase(path.to_path_buf()));
    }
    if path.is_dir() {
        return Err(WriteFileError::IsDirectory(path.to_path_buf()));
    }
    if path.exists() && !options.force {
        return Err(WriteFileError::Exists(path.to_path_buf()));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let result = (|| {
        let mut file = create_private(&temp)?;
        fill(&mut file, &temp)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        if let Ok(dir_handle) = File::open(dir) {
            let _ = dir_handle.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io_error)
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
