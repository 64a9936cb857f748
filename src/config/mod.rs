//! The settings file (`config.toml`) and the settings a run uses, each with where it came from.

pub(crate) mod file;
pub(crate) mod keys;
pub(crate) mod message;
pub(crate) mod paths;
pub(crate) mod remember;
pub(crate) mod settings;

pub use file::{ConfigError, ConfigFile, FileSettings, Place};
pub use keys::{Key, Theme};
pub use settings::{Given, Settings, Source};
