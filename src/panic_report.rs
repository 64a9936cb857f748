//! The panic message fenqi prints instead of Rust's: where it happened, card numbers masked.

use std::panic::PanicHookInfo;

use crate::domain::privacy::mask_card_numbers;
use crate::i18n::Lang;

crate::messages! {
    /// The one line printed when fenqi hits a bug.
    PanicText {
        InternalError => ("fenqi: internal error (a bug) at {0}: {1}. The change in progress was not saved; please report this.", "fenqi：内部错误（程序缺陷），位置 {0}：{1}。正在进行的修改未保存；请报告此问题。"),
    }
}

/// Installs the hook; a terminal-restoring hook installed later (the TUI's) runs before it.
pub(crate) fn install() {
    std::panic::set_hook(Box::new(|info| {
        tracing::error!(place = place(info), "panic");
        eprintln!("{}", report(Lang::from_env(), info));
    }));
}

/// The panic's message and place, with any card number masked.
fn report(lang: Lang, info: &PanicHookInfo<'_>) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_default();
    line(lang, &place(info), &message)
}

/// `file:line` of the panic (the debug log gets only this, never the message).
fn place(info: &PanicHookInfo<'_>) -> String {
    info.location()
        .map(|l| format!("{}:{}", l.file(), l.line()))
        .unwrap_or_default()
}

/// One line: newlines and control characters flattened, card numbers masked.
pub(crate) fn line(lang: Lang, place: &str, message: &str) -> String {
    let flat: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = crate::i18n::fill(PanicText::InternalError.text(lang), &[&place, &flat]);
    mask_card_numbers(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_message_never_shows_a_card_number() {
        let text = line(
            Lang::En,
            "src/x.rs:1",
            "bad name \"Visa 4111 1111 1111 1111\"\nsecond line",
        );
        assert!(!crate::domain::privacy::contains_card_number(&text));
        assert!(text.contains("**** **** **** 1111"));
        assert!(text.contains("src/x.rs:1"));
        assert!(!text.contains('\n'));
    }
}
