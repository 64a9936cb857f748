//! Where fenqi's files are: the config file (`FENQI_CONFIG`, else `config.toml` in the
//! platform's config directory) and the default database (`fenqi.db` in its data directory),
//! both from the `directories` crate.

use std::path::PathBuf;

use directories::ProjectDirs;

/// The environment variable naming the config file instead of the default one.
pub(crate) const CONFIG_ENV: &str = "FENQI_CONFIG";

/// The config file's name in the config directory.
pub(crate) const CONFIG_NAME: &str = "config.toml";

/// fenqi's directories on this platform, when the home directory is known.
fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "fenqi")
}

/// `fenqi.db` in the platform's data directory (e.g. `~/.local/share/fenqi/fenqi.db`).
pub(crate) fn default_db_path() -> PathBuf {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("fenqi.db"))
        .unwrap_or_else(|| PathBuf::from("fenqi.db"))
}

/// The config file: `FENQI_CONFIG` when set and not empty, else `config.toml` in the platform's
/// config directory (e.g. `~/.config/fenqi/config.toml`); none when neither is known.
pub(crate) fn config_file() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => project_dirs().map(|dirs| dirs.config_dir().join(CONFIG_NAME)),
    }
}

/// The home directory, for a `~/` at the start of a path in the config file.
pub(crate) fn home_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf())
}
