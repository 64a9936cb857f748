//! Scenario 8: a user types full card numbers into every free-text field and into bad flags;
//! afterwards no file fenqi wrote (database, -wal, -shm, backups) and no line it printed holds
//! one, and everything it created is private (0600 files, 0700 directories), even under umask 000.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::common::{command_via, plan_add_args};

/// `prefix` followed by its Luhn check digit.
fn with_check_digit(prefix: &str) -> String {
    let digits: Vec<u32> = prefix.chars().map(|c| c.to_digit(10).unwrap()).collect();
    for check in 0..10 {
        let mut all = digits.clone();
        all.push(check);
        if fenqi::domain::privacy::luhn_valid(&all) {
            return format!("{prefix}{check}");
        }
    }
    unreachable!()
}

/// Digits of any script as ASCII; everything else kept.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            _ => c,
        })
        .collect()
}

/// Card numbers found in `bytes`: runs of 13–19 digits (single spaces or dashes allowed) that
/// pass the Luhn check, plus any of the `typed` numbers' digits anywhere.
fn card_numbers_in(bytes: &[u8], typed: &[String]) -> Vec<String> {
    let text = ascii_digits(&String::from_utf8_lossy(bytes));
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = Vec::new();
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits.push(chars[j].to_digit(10).unwrap());
                j += 1;
            } else if (chars[j] == ' ' || chars[j] == '-')
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
            {
                j += 1;
            } else {
                break;
            }
        }
        if (13..=19).contains(&digits.len()) && fenqi::domain::privacy::luhn_valid(&digits) {
            found.push(chars[i..j].iter().collect());
        }
        i = j;
    }
    let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    for number in typed {
        let digits: String = ascii_digits(number)
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if compact.contains(&digits) {
            found.push(format!("typed {number}"));
        }
    }
    found
}

fn fenqi(db: &Path, args: &[&str]) -> Output {
    let mut sh = Command::new("sh");
    sh.args(["-c", "umask 000; exec \"$@\"", "sh"]);
    command_via(sh, db, "2025-02-01", args).output().unwrap()
}

#[test]
fn no_card_number_is_written_or_printed_and_every_file_is_private() {
    let visa = with_check_digit("411111111111111");
    let unionpay = with_check_digit("622588012345678901");
    let spaced = {
        let n = with_check_digit("523456789012345");
        format!("{} {} {} {}", &n[..4], &n[4..8], &n[8..12], &n[12..])
    };
    let fullwidth: String = with_check_digit("601111112222333")
        .chars()
        .map(|c| char::from_u32(0xFF10 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    let dashed = {
        let n = with_check_digit("378282246310");
        format!("{}-{}-{}", &n[..4], &n[4..10], &n[10..])
    };
    let typed = vec![
        visa.clone(),
        unionpay.clone(),
        spaced.clone(),
        fullwidth.clone(),
        dashed.clone(),
    ];
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("data").join("fenqi").join("fenqi.db");
    // Hold a connection open so the WAL stays (and is scanned too).
    let mut outputs: Vec<Output> = Vec::new();
    outputs.push(fenqi(
        &db,
        &[
            "card",
            "add",
            "--bank",
            &format!("招商 {visa}"),
            "--last4",
            &spaced,
            "--label",
            &format!("主卡 {dashed}"),
        ],
    ));
    let keep = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = keep
        .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
        .unwrap();
    let steps: Vec<Vec<String>> = vec![
        plan_add_args(
            &format!("iPhone {unionpay}"),
            &format!("银行 {fullwidth}"),
            "2025-01-15",
        )
        .into_iter()
        .chain(["--card", "1"])
        .map(String::from)
        .collect(),
        vec!["pay", "1", "--ref", &visa]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["pay", "1", "--failed", "--ref", &format!("扣款 {spaced}")]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["plan", "edit", "1", "--name", &format!("改名 {dashed}")]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["limit", "set", "--provider", &unionpay, "--amount", "5000"]
            .into_iter()
            .map(String::from)
            .collect(),
        // Card numbers where they do not belong: every one must be refused without echoing it.
        vec!["pay", &visa].into_iter().map(String::from).collect(),
        vec!["pay", "1", "--amount", &visa]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["pay", "1", "--card", &spaced]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["pay", "1", "--on", &unionpay]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["pay", "1", "--channel", &fullwidth]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["card", "add", "--bank", "X", "--last4", &format!("{visa}0")]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["card", "replace", &visa, "1"]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["due", "--days", &dashed]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["history", "--since", &visa]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["plan", "show", &unionpay]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["quote", "--principal", &visa, "--periods", "12"]
            .into_iter()
            .map(String::from)
            .collect(),
        vec![visa.clone()],
        vec!["pay".into(), "1".into(), format!("--{visa}")],
        vec!["pay".into(), "1".into(), "extra".into(), spaced.clone()],
        vec!["plan", "list"].into_iter().map(String::from).collect(),
        vec!["plan", "show", "1"]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["history", "--json"]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["card", "list", "--json"]
            .into_iter()
            .map(String::from)
            .collect(),
        vec!["limit", "list"]
            .into_iter()
            .map(String::from)
            .collect(),
    ];
    let mut refused = 0;
    for step in &steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        let out = fenqi(&db, &args);
        if !out.status.success() {
            refused += 1;
            let text = String::from_utf8_lossy(&out.stderr);
            assert_eq!(text.lines().count(), 1, "{args:?}: {text}");
        }
        outputs.push(out);
    }
    assert!(refused >= 12, "only {refused} refusals");
    let mut printed = 0;
    for out in &outputs {
        printed += out.stdout.len() + out.stderr.len();
        for stream in [&out.stdout, &out.stderr] {
            let found = card_numbers_in(stream, &typed);
            assert!(
                found.is_empty(),
                "printed {found:?} in {}",
                String::from_utf8_lossy(stream)
            );
        }
    }
    // Every file and directory fenqi created under the data directory.
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![home.path().join("data")];
    while let Some(dir) = stack.pop() {
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{}", dir.display());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", path.display());
            let content = std::fs::read(&path).unwrap();
            let found = card_numbers_in(&content, &typed);
            assert!(found.is_empty(), "{} holds {found:?}", path.display());
            files += 1;
            bytes += content.len();
        }
    }
    assert!(
        files >= 2,
        "the WAL should be there while a connection is open"
    );
    drop(keep);
    println!(
        "privacy: 5 card numbers typed into {} commands ({refused} refused); 0 found in {files} \
         files ({bytes} bytes) and {printed} bytes of output; files 0600, directories 0700 under umask 000",
        steps.len() + 1
    );
}

/// An existing database that someone made world-readable is made private again when opened.
#[test]
fn an_existing_database_is_made_private_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fenqi.db");
    assert!(fenqi(&db, &["plan", "list"]).status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(fenqi(&db, &["plan", "list"]).status.success());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
