//! Texts of the settings: errors in the config file or a `FENQI_…` variable and `config show`
//! (put together by `config::message`).

crate::messages! {
    /// Settings messages.
    ConfigText {
        UnknownKey => ("unknown key \"{0}\": use {1}", "未知的设置项 \"{0}\"：可用的有 {1}"),
        BadValue => ("{0}: {1} is not {2}", "{0}：{1} 无效，应为 {2}"),
        NotToml => ("line {0} is not valid TOML: {1}", "第 {0} 行不是有效的 TOML：{1}"),
        NotText => ("not UTF-8 text", "不是 UTF-8 文本"),
        Unreadable => ("cannot read it: {0}", "无法读取：{0}"),
        LangValues => ("zh or en", "zh 或 en"),
        DbValues => ("a file path", "文件路径"),
        ThemeValues => ("dark, light or mono", "dark、light 或 mono"),
        MouseValues => ("true or false", "true 或 false"),
        DaysValues => ("a whole number from {0} to {1}", "{0} 到 {1} 之间的整数"),
        NoConfigFile => ("no config file: the home directory is unknown (set FENQI_CONFIG to a file)", "没有配置文件：无法确定主目录（请把 FENQI_CONFIG 设为一个文件）"),
        FileLine => ("Config file: {0}", "配置文件：{0}"),
        FileMissing => ("{0} (not there: the defaults apply)", "{0}（不存在：使用默认值）"),
        ColSetting => ("Setting", "设置项"),
        ColValue => ("Value", "值"),
        ColFrom => ("From", "来源"),
        FromFlag => ("flag {0}", "命令行参数 {0}"),
        FromEnv => ("environment {0}", "环境变量 {0}"),
        FromFile => ("config file", "配置文件"),
        FromDefault => ("default", "默认"),
        FromLocale => ("default (the locale: LC_ALL, LC_MESSAGES, LANG)", "默认（系统语言环境：LC_ALL、LC_MESSAGES、LANG）"),
        FromNoColor => ("default (NO_COLOR is set)", "默认（已设置 NO_COLOR）"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_text_is_translated() {
        for entry in ConfigText::ALL {
            crate::i18n::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
