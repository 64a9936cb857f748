//! Texts of `fenqi notify`: the reminder, why no desktop notification went out, the timer.

crate::messages! {
    /// The reminder's summary and lines, the fallback, `notify test` and `notify install`.
    NotifyText {
        Summary => ("fenqi: {0}", "fenqi：{0}"),
        OverdueCount => ("{0} overdue", "{0} 笔逾期"),
        DueCount => ("{0} due within {1}", "{1}内 {0} 笔到期"),
        UnconfirmedCount => ("{0} to confirm", "{0}待确认"),
        Separator => (", ", "，"),
        ItemLine => ("{0} · {1} · {2} ({3}), period {4}: {5}", "{0} · {1} · {2}（{3}）第 {4} 期：{5}"),
        UnconfirmedLine => ("{0} · auto-debit to confirm · {1} ({2}), period {3}: {4}", "{0} · 自动扣款待确认 · {1}（{2}）第 {3} 期：{4}"),
        More => ("… and {0} more (see fenqi due)", "……另有 {0} 项（见 fenqi due）"),
        NoBus => ("no desktop notification: no session bus at {0}", "未发出桌面通知：{0} 处没有会话总线"),
        NoBusAddress => ("no desktop notification: no session bus (DBUS_SESSION_BUS_ADDRESS is not usable)", "未发出桌面通知：没有会话总线（DBUS_SESSION_BUS_ADDRESS 不可用）"),
        NoServer => ("no desktop notification: nothing on the session bus shows notifications", "未发出桌面通知：会话总线上没有显示通知的服务"),
        Refused => ("no desktop notification: the notification service answered {0}", "未发出桌面通知：通知服务回复 {0}"),
        TimedOut => ("no desktop notification: the session bus did not answer in time", "未发出桌面通知：会话总线未及时响应"),
        PrintedInstead => ("fenqi: {0}; the reminder is printed instead", "fenqi：{0}；提醒改为打印在此"),
        TestSummary => ("fenqi: test notification", "fenqi：测试通知"),
        TestBody => ("Desktop notifications work: fenqi notify will remind you here.", "桌面通知可用：fenqi notify 会在这里提醒你。"),
        TestSent => ("Sent a test notification.", "已发送测试通知。"),
        BadAt => ("use HH:MM, from 00:00 to 23:59", "请使用 HH:MM 格式，00:00 到 23:59"),
        NoConfigDir => ("cannot tell the user's configuration directory: set HOME or XDG_CONFIG_HOME", "无法确定用户配置目录：请设置 HOME 或 XDG_CONFIG_HOME"),
        NoProgram => ("cannot tell where the fenqi program is: {0}", "无法确定 fenqi 程序的位置：{0}"),
        Unchanged => ("{0} is already installed as it is", "{0} 已安装，内容相同"),
        ServiceDescription => ("fenqi: remind of installments overdue, to confirm or due soon", "fenqi：提醒逾期、待确认或即将到期的分期"),
        TimerDescription => ("Run fenqi notify every day at {0}", "每天 {0} 运行 fenqi notify"),
        EnableSystemd => ("To turn the daily reminder on ({0} every day):", "开启每日提醒（每天 {0}）："),
        EnableCron => ("systemctl is not on PATH, so no systemd timer was written. Add this line with `crontab -e` ({0} every day):", "PATH 中没有 systemctl，所以没有写 systemd 定时器。用 `crontab -e` 加入这一行（每天 {0}）："),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_text_is_translated() {
        for entry in NotifyText::ALL {
            super::super::assert_translated(entry, entry.text(Lang::En), entry.text(Lang::Zh));
        }
    }
}
