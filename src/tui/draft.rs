//! A half-typed form saved when a signal ends the TUI, and offered back on the next start.
//!
//! The draft is a small JSON file beside the database (`<db>.draft.json`, 0600, written
//! atomically). It holds which form was open and the text of each field; the only card number
//! a form can hold is the last four digits, and nothing longer is kept from that field; a full
//! card number typed into any other field is masked to its last four digits, as everywhere.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::privacy::mask_card_numbers;
use crate::files::{WriteFileError, WriteOptions, write_private_file};

/// The draft file format; a file with another version is ignored.
const FORMAT: u32 = 1;

/// Which form the draft belongs to, and what it was opened on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "kebab-case")]
pub enum DraftForm {
    /// The plan form; `editing` is the plan being edited (none when adding).
    Plan { editing: Option<i64> },
    /// The repayment form, or the failed-debit form.
    Payment { plan: i64, failed: bool },
    /// The early-payoff form.
    Payoff { plan: i64 },
    /// The add-card form.
    Card,
    /// The edit-card form of a card.
    CardEdit { card: i64 },
    /// The replace-card form for a lost card.
    Replace { old_card: i64 },
}

/// A form's field values (in the form's order) and the focused field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDraft {
    pub format: u32,
    #[serde(flatten)]
    pub form: DraftForm,
    pub fields: Vec<String>,
    pub focus: usize,
}

impl FormDraft {
    pub(crate) fn new(form: DraftForm, fields: Vec<String>, focus: usize) -> FormDraft {
        FormDraft {
            format: FORMAT,
            form,
            fields,
            focus,
        }
    }
}

/// `<db>.draft.json`, beside the database.
pub(crate) fn draft_path(db: &Path) -> PathBuf {
    let mut name = OsString::from(db.as_os_str());
    name.push(".draft.json");
    PathBuf::from(name)
}

/// Writes the draft for the database at `db`, replacing an older one; card numbers typed into
/// any field are masked first.
pub(crate) fn save(db: &Path, draft: &FormDraft) -> Result<(), WriteFileError> {
    let path = draft_path(db);
    let masked = FormDraft {
        fields: draft
            .fields
            .iter()
            .map(|field| mask_card_numbers(field).into_owned())
            .collect(),
        ..draft.clone()
    };
    let bytes = serde_json::to_vec_pretty(&masked).map_err(|e| WriteFileError::Io {
        path: path.clone(),
        source: e.into(),
    })?;
    let options = WriteOptions {
        force: true,
        protected: Some(db),
    };
    write_private_file(&path, &bytes, options)
}

/// The saved draft, if there is a readable one of this format (anything else is ignored).
pub(crate) fn load(db: &Path) -> Option<FormDraft> {
    let bytes = std::fs::read(draft_path(db)).ok()?;
    let draft: FormDraft = serde_json::from_slice(&bytes).ok()?;
    (draft.format == FORMAT).then_some(draft)
}

/// Removes the saved draft (answered, restored or unreadable).
pub(crate) fn discard(db: &Path) {
    let _ = std::fs::remove_file(draft_path(db));
}

/// Keeps at most the last four characters of what was typed as a card's last four digits, so
/// a full card number typed there by mistake never reaches the disk.
pub(crate) fn last_four_only(text: &str) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(4)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_privately_and_loads_back() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fenqi.db");
        assert_eq!(load(&db), None);
        let draft = FormDraft::new(
            DraftForm::Payment {
                plan: 3,
                failed: false,
            },
            vec!["536.00".into(), "2025-03-10".into(), "app".into()],
            2,
        );
        save(&db, &draft).unwrap();
        assert_eq!(
            draft_path(&db),
            dir.path().join("fenqi.db.draft.json"),
            "beside the database"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(draft_path(&db)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(load(&db), Some(draft.clone()));
        let replaced = FormDraft::new(DraftForm::Card, vec!["招商银行".into()], 0);
        save(&db, &replaced).unwrap();
        assert_eq!(load(&db), Some(replaced));
        discard(&db);
        assert_eq!(load(&db), None);
    }

    #[test]
    fn card_numbers_typed_into_any_field_are_masked_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fenqi.db");
        let draft = FormDraft::new(
            DraftForm::Plan { editing: None },
            vec![
                "No 7 4111111111111111".into(),
                "花呗 6222 0212 3456 7890 123".into(),
                "6000".into(),
            ],
            0,
        );
        save(&db, &draft).unwrap();
        let text = std::fs::read_to_string(draft_path(&db)).unwrap();
        assert!(!text.contains("4111111111111111"), "{text}");
        assert!(!text.contains("6222 0212"), "{text}");
        let loaded = load(&db).unwrap();
        assert_eq!(
            loaded.fields,
            [
                "No 7 ************1111",
                "花呗 **** **** **** ***0 123",
                "6000"
            ]
        );
    }

    #[test]
    fn ignores_garbage_and_other_formats() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fenqi.db");
        std::fs::write(draft_path(&db), b"{not json").unwrap();
        assert_eq!(load(&db), None);
        std::fs::write(
            draft_path(&db),
            br#"{"format": 99, "form": "card", "fields": [], "focus": 0}"#,
        )
        .unwrap();
        assert_eq!(load(&db), None);
    }

    #[test]
    fn keeps_only_four_characters_of_a_card_number() {
        assert_eq!(last_four_only("6225880112345678"), "5678");
        assert_eq!(last_four_only("１２３"), "１２３");
        assert_eq!(last_four_only(""), "");
    }
}
