//! A JSON dump damaged anywhere (hostile text spliced in at a random place) is either still a
//! valid dump and imported whole, or refused with one line and exit status 2, writing nothing.

use crate::common::interop as interop_support;

use std::sync::OnceLock;

use interop_support::*;
use proptest::prelude::*;

/// `fenqi demo`'s JSON export, made once for all the cases (each damages its own copy).
fn demo_dump() -> &'static str {
    static DUMP: OnceLock<String> = OnceLock::new();
    DUMP.get_or_init(|| Fenqi::demo().json())
}

fn splice() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "NaN".to_string(),
            "1e400".to_string(),
            "\"2024-02-30\"".to_string(),
            "-1".to_string(),
            "\"６０００\"".to_string(),
            "null".to_string(),
            "]".to_string(),
            "{".to_string(),
            "\"\u{202E}\"".to_string(),
            "x".repeat(10_000),
        ]),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(crate::common::seed::proptest_config(24))]

    #[test]
    fn a_damaged_dump_is_imported_whole_or_not_at_all(
        at in 0.0f64..1.0,
        cut in 0usize..40,
        text in splice(),
    ) {
        let dump = demo_dump();
        let mut start = ((dump.len() as f64) * at) as usize;
        while !dump.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(dump.len());
        while !dump.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{}{}", &dump[..start], text, &dump[end..]);
        let target = Fenqi::new();
        target.ok(&["card", "list"]);
        let file = target.path("damaged.json");
        std::fs::write(&file, &damaged).unwrap();
        let out = target.run(&["import", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => {
                let plans = target.count("SELECT count(*) FROM plans");
                prop_assert!(plans > 0, "an accepted dump imported no plans");
            }
            Some(2) => {
                prop_assert_eq!(stderr.trim_end().lines().count(), 1, "{}", stderr);
                prop_assert_eq!(target.count("SELECT count(*) FROM plans"), 0);
                prop_assert_eq!(target.count("SELECT count(*) FROM installments"), 0);
                prop_assert_eq!(target.count("SELECT count(*) FROM repayments"), 0);
            }
            other => prop_assert!(false, "exit {:?}: {}", other, stderr),
        }
    }
}
