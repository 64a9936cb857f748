//! The CLI's error type: bad input (exit 2, nothing written) versus everything else (exit 1);
//! under a `--check` flag every error is 2, since 1 there means "found something".

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
    /// Any error of a command run with `--check`, whose exit status 1 reports a finding: exit
    /// status 2, so that a script can tell "something is due" from "could not tell".
    UnderCheck(Box<CliError>),
}

impl CliError {
    /// Bad input in the named field (`--periods`, `PLAN`, …).
    pub(crate) fn input(field: impl Into<String>, message: impl Into<String>) -> CliError {
        CliError::Input {
            field: field.into(),
            message: message.into(),
        }
    }

    /// This error as one of a `--check` run: exit status 2 (a finding stays a finding).
    pub(crate) fn under_check(self) -> CliError {
        match self {
            CliError::CheckFailed | CliError::UnderCheck(_) => self,
            error => CliError::UnderCheck(Box::new(error)),
        }
    }

    /// The process exit status for this error.
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Input { .. } | CliError::UnderCheck(_) => 2,
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
            CliError::UnderCheck(error) => error.fmt(f),
        }
    }
}

impl<E: Into<anyhow::Error>> From<E> for CliError {
    fn from(error: E) -> Self {
        CliError::Other(error.into())
    }
}

/// The result of a command.
pub(crate) type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_check_every_error_exits_2_and_a_finding_stays_1() {
        let other = CliError::Other(anyhow::anyhow!("cannot open"));
        assert_eq!(other.exit_code(), 1);
        let checked = other.under_check();
        assert_eq!(checked.exit_code(), 2);
        assert_eq!(checked.to_string(), "cannot open");
        assert_eq!(
            CliError::input("--days", "bad").under_check().exit_code(),
            2
        );
        assert_eq!(CliError::CheckFailed.under_check().exit_code(), 1);
    }
}
