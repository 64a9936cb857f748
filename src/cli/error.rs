//! The CLI's error type: bad input (exit 2, nothing written) versus everything else (exit 1).

use std::fmt;

/// What went wrong in a command, and so which exit status it ends with.
#[derive(Debug)]
pub enum CliError {
    /// The user's input is not acceptable: one line naming the field, exit status 2.
    Input { field: String, message: String },
    /// A `--check` found something to report: exit status 1, output already printed.
    CheckFailed,
    /// Anything else (the database, the file system): exit status 1.
    Other(anyhow::Error),
}

impl CliError {
    /// Bad input in the named field (`--periods`, `PLAN`, …).
    pub fn input(field: impl Into<String>, message: impl Into<String>) -> CliError {
        CliError::Input {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The process exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Input { .. } => 2,
            CliError::CheckFailed | CliError::Other(_) => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input { field, message } => write!(f, "{field}: {message}"),
            CliError::CheckFailed => Ok(()),
            CliError::Other(error) => write!(f, "{error:#}"),
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for CliError {
    fn from(error: E) -> Self {
        CliError::Other(error.into())
    }
}

/// The result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
