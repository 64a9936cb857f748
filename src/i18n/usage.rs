//! Texts of command-line usage errors and of clap's help headings in both languages.

crate::messages! {
    /// Usage errors (the English follows clap's own wording) and help headings.
    UsageText {
        UsageHeading => ("Usage", "用法"),
        CommandsHeading => ("Commands", "命令"),
        ArgumentsHeading => ("Arguments", "参数"),
        OptionsHeading => ("Options", "选项"),
        EnvNote => ("[env: {0}]", "[环境变量: {0}]"),
        ManName => ("NAME", "名称"),
        ManSynopsis => ("SYNOPSIS", "概述"),
        ManDescription => ("DESCRIPTION", "描述"),
        ManVersion => ("VERSION", "版本"),
        UnknownArgument => ("unexpected argument '{0}' found", "无法识别的参数 '{0}'"),
        UnknownSubcommand => ("unrecognized subcommand '{0}'", "无法识别的子命令 '{0}'"),
        ValueMissing => ("a value is required for '{0}' but none was supplied", "'{0}' 需要一个值，但没有提供"),
        InvalidValue => ("invalid value '{1}' for '{0}'", "'{0}' 的值 '{1}' 无效"),
        InvalidValueBecause => ("invalid value '{1}' for '{0}': {2}", "'{0}' 的值 '{1}' 无效：{2}"),
        PossibleValues => ("[possible values: {0}]", "[可选值: {0}]"),
        MissingArguments => ("the following required arguments were not provided: {0}", "缺少必需的参数：{0}"),
        MissingSubcommand => ("'{0}' requires a subcommand but one was not provided", "'{0}' 需要一个子命令，但没有提供"),
        Subcommands => ("[subcommands: {0}]", "[可用子命令: {0}]"),
        RepeatedArgument => ("the argument '{0}' cannot be used multiple times", "参数 '{0}' 不能重复使用"),
        ConflictingArguments => ("the argument '{0}' cannot be used with {1}", "参数 '{0}' 不能与 {1} 同时使用"),
        UnexpectedValue => ("unexpected value '{1}' for '{0}' found; no more were expected", "'{0}' 不接受多余的值 '{1}'"),
        WrongNumberOfValues => ("{1} values required for '{0}' but {2} provided", "'{0}' 需要 {1} 个值，但提供了 {2} 个"),
        NoEquals => ("equal sign is needed when assigning values to '{0}'", "给 '{0}' 赋值时需要使用等号（{0}=…）"),
        InvalidUtf8 => ("invalid UTF-8 was detected in one or more arguments", "参数中含有无效的 UTF-8 字符"),
        Unrecognised => ("{0}", "命令行参数有误：{0}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, assert_translated};

    #[test]
    fn every_text_has_both_languages_with_the_same_placeholders() {
        for text in UsageText::ALL {
            assert_translated(text, text.text(Lang::En), text.text(Lang::Zh));
        }
    }
}
