//! Texts of provider presets: their names, `preset list|show`, and why a preset cannot be used.

use super::{Lang, fill};
use crate::domain::presets::{FileProblem, Preset, PresetError, PresetFileError};
use crate::domain::terms_input::TermField;

crate::messages! {
    /// Preset output and refusals.
    PresetText {
        UnknownPreset => ("no preset {0}: use one of {1}", "没有预设 {0}：可用的有 {1}"),
        NoRateFor => ("{0} has no rate for {1} periods: use one of {2}", "{0} 没有 {1} 期的费率：可选 {2}"),
        Needs => ("the preset {0} needs it: give your own", "预设 {0} 需要它：请填写您自己的"),
        ProviderNeeded => ("must not be empty: give --provider, or --preset to use the preset's name", "不能为空：请给出 --provider，或用 --preset 采用预设的名称"),
        FileBroken => ("the preset file is broken at {0}: {1}", "预设文件有误（{0}）：{1}"),
        ProblemMissing => ("missing", "缺失"),
        ProblemWrongType => ("wrong kind of value", "值的类型不对"),
        ProblemUnknownKey => ("not a terms flag nor a preset key", "既不是条款参数也不是预设的键"),
        ProblemBadValue => ("a value it does not take", "不接受这个值"),
        ProblemDuplicate => ("given twice", "重复出现"),
        ProblemSyntax => ("not TOML: {0}", "不是 TOML：{0}"),
        ColId => ("ID", "编号"),
        ColName => ("Name", "名称"),
        ColPeriods => ("Periods", "期数"),
        ColCurrency => ("Currency", "币种"),
        ColTerms => ("Terms", "条款"),
        ShowHeading => ("{0} ({1}), amounts in {2}", "{0}（{1}），金额单位 {2}"),
        TermsHeading => ("Terms of every period count:", "各期数通用的条款："),
        RatesHeading => ("By period count:", "按期数："),
        InterestFree => ("interest-free", "免息"),
        FirstDueAtStart => ("period 1 due on the start date", "第 1 期在开始当天到期"),
        NeedsLine => ("You give: {0}", "需要您提供：{0}"),
        UnsourcedLine => ("No source found (fenqi's default applies): {0}", "未找到出处（使用 fenqi 的默认值）：{0}"),
        CaveatsHeading => ("Caveats:", "注意事项："),
        SourcesHeading => ("Sources:", "出处："),
        SourceLine => ("{0}, read {1}: {2}", "{0}，{1} 查阅：{2}"),
        SourcePrimary => ("primary", "一手"),
        SourceSecondary => ("secondary", "二手"),
        SourceBacks => ("backs: {0}", "支持：{0}"),
        StartingPoint => ("Rates change: a preset is a starting point; your own contract wins, and every flag you give overrides it.", "费率会变：预设只是起点，以您自己的合同为准；您给出的每个参数都会覆盖预设。"),
        PickerTitle => ("Provider: start from a preset?", "服务商：从预设开始？"),
        PickerFilter => ("Filter: ", "筛选："),
        PickerNone => ("No preset: enter the terms yourself", "不用预设：自己填写条款"),
        PickerNoMatch => ("No preset matches; Esc or Enter for none.", "没有匹配的预设；按 Esc 或 Enter 不用预设。"),
        FormTitlePreset => ("{0} · ◆ from the preset {1}", "{0} · ◆ 来自预设 {1}"),
        FormKeys => ("Ctrl-P preset  Ctrl-O compare", "Ctrl-P 预设  Ctrl-O 比较"),
        MissingInForm => ("◆ {0} is not in this form: the due dates follow the first due date", "◆ 表单中没有 {0}：还款日按首期还款日推算"),
        AlsoFromPreset => ("◆ also: {0}", "◆ 另有：{0}"),
        OffersTitle => ("{0} from {1} on every preset, cheapest first", "{0}（{1} 起）在各预设上的比较，按成本从低到高"),
        OffersNone => ("No preset quotes this amount.", "没有预设能为这个金额报价。"),
        OffersSkipped => ("Not compared: {0}", "未比较：{0}"),
        OffersSkippedNeeds => ("Not compared, they need {0}: {1}", "需要 {0}，未比较：{1}"),
        ListHint => ("`fenqi preset show ID` shows a preset's terms and sources; `--preset ID` uses it in quote and plan add.", "`fenqi preset show 编号` 查看预设的条款和出处；在 quote 和 plan add 中用 `--preset 编号` 使用它。"),
    }
}

/// A preset's name in `lang`.
pub(crate) fn preset_name(lang: Lang, preset: &Preset) -> &str {
    match lang {
        Lang::Zh => &preset.name_zh,
        Lang::En => &preset.name_en,
    }
}

/// Period counts as a list: `3, 6, 9, 12`.
pub(crate) fn counts(periods: &[u32]) -> String {
    periods
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why `preset` cannot be used as typed, without the field's name (`--periods`, the needed
/// field), and which field that is.
pub(crate) fn preset_error(
    lang: Lang,
    preset: &Preset,
    error: &PresetError,
) -> (TermField, String) {
    let name = preset_name(lang, preset);
    match error {
        PresetError::NoRateFor { periods, offered } => (
            TermField::Periods,
            fill(
                PresetText::NoRateFor.text(lang),
                &[&name, periods, &counts(offered)],
            ),
        ),
        PresetError::Needs(field) => (*field, fill(PresetText::Needs.text(lang), &[&preset.id])),
    }
}

/// No preset has this id: the ids there are.
pub(crate) fn unknown_preset(lang: Lang, id: &str, presets: &[Preset]) -> String {
    let ids: Vec<&str> = presets.iter().map(|p| p.id.as_str()).collect();
    fill(
        PresetText::UnknownPreset.text(lang),
        &[
            &format!("\"{}\"", crate::text::one_line(id)),
            &ids.join(", "),
        ],
    )
}

/// Why the preset file cannot be read.
pub(crate) fn file_error(lang: Lang, error: &PresetFileError) -> String {
    let problem = match &error.problem {
        FileProblem::Syntax(message) => {
            return fill(
                PresetText::FileBroken.text(lang),
                &[
                    &place(error),
                    &fill(PresetText::ProblemSyntax.text(lang), &[message]),
                ],
            );
        }
        FileProblem::Missing => PresetText::ProblemMissing,
        FileProblem::WrongType => PresetText::ProblemWrongType,
        FileProblem::UnknownKey => PresetText::ProblemUnknownKey,
        FileProblem::BadValue => PresetText::ProblemBadValue,
        FileProblem::Duplicate => PresetText::ProblemDuplicate,
    };
    fill(
        PresetText::FileBroken.text(lang),
        &[&place(error), &problem.text(lang)],
    )
}

/// `preset.key`, or whichever of them is known.
fn place(error: &PresetFileError) -> String {
    [error.preset.as_str(), error.key.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_translated() {
        for entry in PresetText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
