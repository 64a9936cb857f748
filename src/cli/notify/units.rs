//! What `notify install` writes or prints: the systemd user service and timer, the crontab line
//! with the variables a desktop notification needs from cron, and the time of day they run at.

use std::fmt;

/// A time of day, `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TimeOfDay {
    /// `H:MM` or `HH:MM` (ASCII digits), 00:00 to 23:59.
    pub(crate) fn parse(text: &str) -> Option<TimeOfDay> {
        let (hour, minute) = text.trim().split_once(':')?;
        let number = |part: &str, max: u8| {
            let ok = (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| part.parse::<u8>().ok())
                .flatten()
                .filter(|n| *n <= max)
        };
        if minute.len() != 2 {
            return None;
        }
        Some(TimeOfDay {
            hour: number(hour, 23)?,
            minute: number(minute, 59)?,
        })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// The command the timer or cron runs: the program, then its arguments (`--db PATH --lang zh
/// notify --days 3`).
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub program: String,
    pub args: Vec<String>,
}

/// The service unit: runs the job once; exit status 1 (a reminder was due) is no failure.
pub(crate) fn service_unit(description: &str, job: &Job) -> String {
    let command: Vec<String> = std::iter::once(&job.program)
        .chain(&job.args)
        .map(|word| systemd_word(word))
        .collect();
    format!(
        "# Written by `fenqi notify install` (`--force` writes it again).\n\
         [Unit]\n\
         Description={}\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={}\n\
         # 1 means a reminder was shown (as with `fenqi due --check`), not a failure.\n\
         SuccessExitStatus=1\n",
        systemd_text(description),
        command.join(" ")
    )
}

/// The timer unit: every day at `at`, and at the next start when the machine was off then.
pub(crate) fn timer_unit(description: &str, at: TimeOfDay) -> String {
    format!(
        "# Written by `fenqi notify install` (`--force` writes it again).\n\
         [Unit]\n\
         Description={}\n\
         \n\
         [Timer]\n\
         OnCalendar=*-*-* {at}:00\n\
         Persistent=true\n\
         \n\
         [Install]\n\
         WantedBy=timers.target\n",
        systemd_text(description)
    )
}

/// The crontab line: at `at` every day, with `env` (name, value) set for the job.
pub(crate) fn cron_line(at: TimeOfDay, env: &[(&str, String)], job: &Job) -> String {
    let mut words: Vec<String> = env
        .iter()
        .map(|(name, value)| format!("{name}={}", sh_word(value)))
        .collect();
    words.push(sh_word(&job.program));
    words.extend(job.args.iter().map(|arg| sh_word(arg)));
    // cron turns an unescaped % into a new line.
    let command = words.join(" ").replace('%', "\\%");
    format!("{} {} * * * {command}", at.minute, at.hour)
}

/// True for characters that need no quoting in a shell or a systemd command line.
fn plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "/._+:,@=-".contains(c)
}

/// `word` as one word of a POSIX shell command line (single quotes where needed).
fn sh_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `word` as one word of a systemd `ExecStart=` (double quotes with C escapes where needed;
/// `%` and `$` doubled, as systemd expands them).
fn systemd_word(word: &str) -> String {
    let escaped = word.replace('%', "%%").replace('$', "$$");
    if !word.is_empty() && word.chars().all(plain) {
        return escaped;
    }
    let mut out = String::from("\"");
    for c in escaped.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c) & 0xff)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A description for a unit file: one line, `%` doubled.
fn systemd_text(text: &str) -> String {
    crate::text::one_line(text).replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> Job {
        Job {
            program: "/opt/my apps/fenqi".to_string(),
            args: ["--db", "/home/a/100%.db", "notify", "--days", "3"]
                .map(String::from)
                .to_vec(),
        }
    }

    #[test]
    fn times_of_day() {
        let at = |h, m| Some(TimeOfDay { hour: h, minute: m });
        assert_eq!(TimeOfDay::parse("08:30"), at(8, 30));
        assert_eq!(TimeOfDay::parse("8:05"), at(8, 5));
        assert_eq!(TimeOfDay::parse("23:59"), at(23, 59));
        assert_eq!(TimeOfDay::parse("00:00"), at(0, 0));
        for bad in [
            "24:00",
            "12:60",
            "12",
            "12:5",
            "",
            ":",
            "1:2:3",
            "-1:00",
            "+8:00",
            "０８:００",
            "8:5 ",
            "08:0a",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
        assert_eq!(TimeOfDay { hour: 7, minute: 5 }.to_string(), "07:05");
    }

    #[test]
    fn service_quotes_what_systemd_would_split_or_expand() {
        let unit = service_unit("fenqi: 100% reminders", &job());
        assert!(
            unit.contains("Description=fenqi: 100%% reminders\n"),
            "{unit}"
        );
        assert!(
            unit.contains(
                "ExecStart=\"/opt/my apps/fenqi\" --db \"/home/a/100%%.db\" notify --days 3\n"
            ),
            "{unit}"
        );
        assert!(unit.contains("SuccessExitStatus=1\n"));
        assert_eq!(systemd_word("a\"b\\$x"), "\"a\\\"b\\\\$$x\"");
    }

    #[test]
    fn timer_runs_daily_at_the_time() {
        let unit = timer_unit("every day", TimeOfDay { hour: 7, minute: 5 });
        assert!(unit.contains("OnCalendar=*-*-* 07:05:00\n"), "{unit}");
        assert!(unit.contains("Persistent=true\n"));
        assert!(unit.contains("WantedBy=timers.target\n"));
    }

    #[test]
    fn cron_line_sets_the_variables_and_escapes_percent() {
        let env = [
            (
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=/run/user/1000/bus".to_string(),
            ),
            ("DISPLAY", ":0".to_string()),
        ];
        let line = cron_line(TimeOfDay { hour: 8, minute: 0 }, &env, &job());
        assert_eq!(
            line,
            "0 8 * * * DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus DISPLAY=:0 \
             '/opt/my apps/fenqi' --db '/home/a/100\\%.db' notify --days 3"
        );
        assert_eq!(sh_word("it's"), "'it'\\''s'");
    }
}
