//! The settings file (`config.toml`) and the settings a run uses, each with where it came from.

pub mod file;
pub mod keys;
pub mod message;
pub mod paths;
pub mod remember;
pub mod settings;

pub use file::{ConfigError, ConfigFile, FileSettings, Place};
pub use keys::{Key, Theme};
pub use settings::{Given, Settings, Source};
