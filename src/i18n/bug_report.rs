//! Texts of `fenqi --bug-report`: its labels and what it says of the database, log and terminal.

crate::messages! {
    /// The bug report's heading, labels and states.
    BugReportText {
        Heading => ("fenqi bug report: versions, paths and terminal facts, no plan data (paste it into the issue)", "fenqi 问题报告：版本、路径和终端信息，不含任何分期数据（可贴到问题报告里）"),
        Fenqi => ("fenqi", "fenqi 版本"),
        Rustc => ("rustc", "rustc 版本"),
        Target => ("target", "目标平台"),
        Sqlite => ("SQLite", "SQLite 版本"),
        Os => ("OS", "操作系统"),
        Database => ("database", "数据库"),
        Schema => ("schema", "数据库结构"),
        Config => ("config", "配置文件"),
        DataDir => ("data dir", "数据目录"),
        Log => ("log", "调试日志"),
        Language => ("language", "语言"),
        Terminal => ("terminal", "终端"),
        Desktop => ("desktop", "桌面"),
        Unknown => ("unknown", "未知"),
        Unset => ("unset", "未设置"),
        PathState => ("{0} ({1})", "{0}（{1}）"),
        Exists => ("exists", "存在"),
        Absent => ("absent", "不存在"),
        SchemaVersion => ("{0} (this fenqi writes {1})", "{0}（本版 fenqi 写入 {1}）"),
        NoDatabase => ("no database file yet", "尚无数据库文件"),
        NotFenqi => ("not a fenqi database", "不是 fenqi 数据库"),
        Unreadable => ("cannot be read: {0}", "无法读取：{0}"),
        LogOn => ("on ({0})", "开启（{0}）"),
        LogOff => ("off (--debug or FENQI_LOG=level turns it on)", "关闭（用 --debug 或 FENQI_LOG=级别 开启）"),
        Tty => ("stdout a terminal of {0}×{1}", "标准输出是 {0}×{1} 的终端"),
        NotTty => ("stdout not a terminal", "标准输出不是终端"),
        Systemctl => ("systemctl on PATH", "PATH 中有 systemctl"),
        NoSystemctl => ("no systemctl on PATH", "PATH 中没有 systemctl"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_text_is_translated() {
        for entry in BugReportText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
