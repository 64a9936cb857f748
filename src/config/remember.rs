//! Writing one setting back into the config file (the TUI's `L`): only that key changes; the
//! rest of the file — comments, order, spacing, other keys — stays as the user wrote it
//! (`toml_edit` keeps it). The file is replaced atomically by the private file writer; a
//! symbolic link (a config kept with the user's dotfiles) is followed, not replaced.

use std::io;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use super::file::{ConfigError, document};
use super::keys::Key;
use crate::files::{WriteFileError, WriteOptions, create_private_dir, directory_of};

/// Why a setting could not be written back.
#[derive(Debug)]
pub(crate) enum RememberError {
    /// The file no longer reads as TOML (edited meanwhile): it is left alone.
    Config(ConfigError),
    /// It could not be read or written.
    Write(WriteFileError),
}

/// Sets `key` to the string `value` in the config file at `path` (created, with its directory,
/// when missing), keeping everything else in it.
pub(crate) fn remember(path: &Path, key: Key, value: &str) -> Result<(), RememberError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let io_error = |source: io::Error| {
        RememberError::Write(WriteFileError::Io {
            path: target.clone(),
            source,
        })
    };
    let text = match std::fs::read_to_string(&target) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(io_error(error)),
    };
    let mut doc = document(&text, path).map_err(RememberError::Config)?;
    set(&mut doc, key, value);
    let dir: PathBuf = directory_of(&target).to_path_buf();
    if !dir.as_os_str().is_empty() && !dir.is_dir() {
        create_private_dir(&dir).map_err(io_error)?;
    }
    let options = WriteOptions {
        force: true,
        protected: None,
    };
    crate::files::write_private_file(&target, doc.to_string().as_bytes(), options)
        .map_err(RememberError::Write)
}

/// `key = "value"` in `doc`: an existing value is replaced in place, keeping the comment after
/// it; a new key goes at the end.
fn set(doc: &mut DocumentMut, key: Key, value: &str) {
    match doc.get_mut(key.code()).and_then(Item::as_value_mut) {
        Some(old) => {
            let decor = old.decor().clone();
            *old = Value::from(value);
            *old.decor_mut() = decor;
        }
        None => {
            doc.insert(key.code(), toml_edit::value(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_only_the_key_and_keeps_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "# my settings\ntheme = \"light\"   # for the day\n\n# language\nlang = \"en\"  # was en\nmouse = false\n";
        std::fs::write(&path, text).unwrap();
        remember(&path, Key::Lang, "zh").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text.replace("lang = \"en\"", "lang = \"zh\"")
        );
    }

    #[test]
    fn a_missing_file_and_directory_are_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fenqi").join("config.toml");
        remember(&path, Key::Lang, "zh").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "lang = \"zh\"\n");
    }

    #[test]
    fn a_linked_file_is_written_through_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("dotfiles-config.toml");
        std::fs::write(&real, "mouse = false\n").unwrap();
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        remember(&link, Key::Lang, "zh").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "mouse = false\nlang = \"zh\"\n"
        );
    }

    #[test]
    fn a_broken_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \n").unwrap();
        assert!(matches!(
            remember(&path, Key::Lang, "zh"),
            Err(RememberError::Config(ConfigError::Syntax { .. }))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "lang = \n");
    }
}
