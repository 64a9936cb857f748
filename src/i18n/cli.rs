//! Texts of the command-line interface in both languages.

crate::messages! {
    /// Command output and command-line error messages.
    CliText {
        PayoffAfterRange => ("must be a whole number from 0 to {0} (periods paid before the payoff)", "必须是 0 到 {0} 之间的整数（提前还款前已还期数）"),
        PayoffAfterNeeded => ("only applies with --payoff-after", "仅在使用 --payoff-after 时有效"),
        QuoteHeading => ("{0} over {1}, {2}", "{0}，分 {1}，{2}"),
        ColPeriod => ("Period", "期数"),
        ColDueDate => ("Due date", "还款日"),
        ColAmount => ("Amount", "应还金额"),
        ColPrincipal => ("Principal", "本金"),
        ColFee => ("Fee", "手续费"),
        ColInterest => ("Interest", "利息"),
        ColRemaining => ("Remaining", "剩余本金"),
        TotalFee => ("Total fee", "总手续费"),
        TotalInterest => ("Total interest", "总利息"),
        TotalRepayment => ("Total repayment", "还款总额"),
        AprLine => ("APR {0}%  EAR {1}%", "年化利率（APR）{0}%  实际年利率（EAR）{1}%"),
        NaiveLine => ("The fee rate suggests {0}% a year; the true cost is {1}× that.", "按费率粗算为年 {0}%；真实成本是它的 {1} 倍。"),
        PayoffHeading => ("Early payoff after {0} ({1}):", "已还 {0}后提前结清，提前还款规则：{1}"),
        PayoffAmount => ("Amount", "结清金额"),
        PayoffPrincipal => ("Principal", "本金"),
        PayoffPenalty => ("Penalty", "违约金/罚息"),
        BadLang => ("use zh or en", "请使用 zh 或 en"),
        EmptyDbEnv => ("FENQI_DB is set but empty: set it to the database file's path, or unset it to use the default ({0})", "FENQI_DB 已设置但为空：请设为数据库文件的路径，或取消设置以使用默认位置（{0}）"),
        ErrorPrefix => ("error", "错误"),
        BadLogLevel => ("use off, error, warn, info, debug or trace", "请使用 off、error、warn、info、debug 或 trace"),
        LogUnwritable => ("fenqi: warning: no debug log: cannot write {0}: {1}", "fenqi：警告：没有调试日志：无法写入 {0}：{1}"),
        ManWritten => ("Wrote {0} man pages: English in {1}, Chinese in {2}.", "已写入 {0} 个手册页：英文在 {1}，中文在 {2}。"),
    }
}
