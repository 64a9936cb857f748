//! Texts of the ledger commands (plans, payments, due, history, cards, limits, undo, demo).

use super::{Lang, errors, fill, one_or_many};
use crate::store::{
    CardKind, CardRef, ChangeKind, ChangeSubject, Channel, InstallmentStatus, OpenNotice, PlanRef,
    PlanStatus, RepaymentKind, StoreError,
};

crate::messages! {
    /// Ledger command output and errors.
    StoreText {
        NotFenqi => ("{0} is not a fenqi database; it was left untouched", "{0} 不是 fenqi 数据库；未做任何改动"),
        Newer => ("{0} was written by a newer fenqi (schema {1}, this fenqi knows up to {2}); upgrade fenqi", "{0} 由更新版本的 fenqi 写入（结构版本 {1}，本程序最高支持 {2}）；请升级 fenqi"),
        Damaged => ("{0} is damaged or truncated; it was left untouched", "{0} 已损坏或被截断；未做任何改动"),
        NotAFile => ("{0} is a directory, not a database file; give the path of a file", "{0} 是目录而不是数据库文件；请指定文件路径"),
        NeedsUpgrade => ("{0} was written by an older fenqi and must be upgraded first, which needs write access to it and its directory", "{0} 由旧版本的 fenqi 写入，需要先升级，这需要对它及其所在目录有写权限"),
        Locked => ("{0} stayed locked by another fenqi that was opening it; try again", "{0} 一直被另一个正在打开它的 fenqi 锁定；请重试"),
        WalStuck => ("{0} does not belong to the database and could not be set aside ({1}); nothing was read or written", "{0} 不属于该数据库，且无法移到一旁（{1}）；未读取或写入任何内容"),
        WalSetAside => ("fenqi: {0} did not belong to {1} (it was written on another copy of it, or on another database); it was kept as {2} and not merged", "fenqi: {0} 不属于 {1}（它是在该数据库的另一份副本或另一个数据库上写入的）；已保留为 {2}，未合并"),
        WalUnread => ("fenqi: {0} could not be read on this read-only disk; the latest changes recorded in it may be missing", "fenqi: 在此只读磁盘上无法读取 {0}；其中记录的最新修改可能未包含在内"),
        WalIgnored => ("fenqi: {0} did not belong to {1} and could not be set aside on this read-only disk; it was ignored", "fenqi: {0} 不属于 {1}，且在此只读磁盘上无法移到一旁；已忽略它"),
        OpenFailed => ("cannot open {0}: {1}", "无法打开 {0}：{1}"),
        DiskFull => ("the disk is full; nothing was written (free some space and try again)", "磁盘已满；未写入任何内容（请释放空间后重试）"),
        ReadOnly => ("the database is read-only (file permissions or a read-only disk); nothing was written", "数据库是只读的（文件权限或只读磁盘）；未写入任何内容"),
        CannotOpenDb => ("cannot open the database or the files beside it (-wal, -shm): check that its directory exists and is writable", "无法打开数据库或其旁边的文件（-wal、-shm）：请检查目录是否存在且可写"),
        Busy => ("the database stayed locked for 5 seconds (another connection was writing to it); nothing was written, try again", "数据库被锁定超过 5 秒（另一个连接正在写入）；未写入任何内容，请重试"),
        DamagedInUse => ("the database file is damaged; nothing was written (restore a backup)", "数据库文件已损坏；未写入任何内容（请从备份恢复）"),
        Overflow => ("amounts too large to compute exactly: a plan's terms are beyond fenqi's limits (a plan from before they were checked, or imported); see Limits in the README", "金额过大，无法精确计算：某个计划的条款超出了 fenqi 的上限（上限检查之前添加或导入的计划）；见 README 的“上限”一节"),
        IoDiskFull => ("the disk is full", "磁盘已满"),
        IoTooLarge => ("the file would pass the size limit set for this process (ulimit -f)", "文件将超过为本进程设定的大小上限（ulimit -f）"),
        IoReadOnlyDisk => ("the disk is read-only", "磁盘是只读的"),
        IoPermission => ("permission denied", "没有权限"),
        IoNotFound => ("no such file or directory", "文件或目录不存在"),
        IoNotDirectory => ("a part of the path is not a directory", "路径中有一部分不是目录"),
        IoNameTooLong => ("the name is too long", "名称过长"),
        IoLinkLoop => ("too many levels of symbolic links (a loop)", "符号链接层数过多（循环链接）"),
        IoFailed => ("the disk reported an input/output error; nothing was written", "磁盘读写出错；未写入任何内容"),
        PlanNotFound => ("no plan #{0}; see `fenqi plan list`", "没有编号为 #{0} 的分期计划；请查看 `fenqi plan list`"),
        CardNotFound => ("no card #{0}; see `fenqi card list`", "没有编号为 #{0} 的银行卡；请查看 `fenqi card list`"),
        CardArchived => ("card #{0} is archived (it was replaced)", "银行卡 #{0} 已归档（已被替换）"),
        SameCard => ("a card cannot replace itself", "不能用同一张卡替换自己"),
        TermsLocked => ("the plan has repayments, so its amounts, periods, fees and dates can no longer change", "该计划已有还款记录，金额、期数、费用和日期不能再修改"),
        ChangedPlanGone => ("plan #{0} was deleted elsewhere (another fenqi, or an undo) since it was shown; nothing was written", "分期计划 #{0} 在显示之后已在别处被删除（另一个 fenqi 或撤销）；未写入任何内容"),
        ChangedPlanEdited => ("plan #{0} was edited elsewhere (its name, terms or card) since it was shown; nothing was written", "分期计划 #{0} 在显示之后已在别处被修改（名称、条款或银行卡）；未写入任何内容"),
        ChangedPlanPaid => ("plan #{0}'s payments changed elsewhere (a payment recorded or undone) since it was shown; nothing was written", "分期计划 #{0} 的还款在显示之后已在别处变化（记录或撤销了还款）；未写入任何内容"),
        ChangedCardGone => ("card #{0} no longer exists (an undo elsewhere) since it was shown; nothing was written", "银行卡 #{0} 在显示之后已不存在（在别处撤销）；未写入任何内容"),
        ChangedCard => ("card #{0} was changed elsewhere (replaced, archived, made default or relabelled) since it was shown; nothing was written", "银行卡 #{0} 在显示之后已在别处变化（被替换、归档、设为默认或改了标签）；未写入任何内容"),
        NothingDue => ("this plan is already fully paid", "该计划已全部还清"),
        NotAnId => ("not an id: use the number shown by the list command", "不是编号：请使用列表命令显示的数字"),
        Required => ("must not be empty", "不能为空"),
        TooLong => ("too long (at most {0} characters)", "过长（最多 {0} 个字符）"),
        Last4Format => ("use the card's last 4 digits, like 1234", "请输入银行卡后 4 位数字，如 1234"),
        CardNumberMasked => ("{0}: a full card number was masked to its last 4 digits; fenqi never stores one", "{0}：完整卡号已隐去，只保留后 4 位；fenqi 从不保存完整卡号"),
        Last4Kept => ("only the last 4 digits ({0}) are kept; fenqi never stores a full card number", "只保留后 4 位（{0}）；fenqi 从不保存完整卡号"),
        ChannelValues => ("use app, bank-app, online-banking, auto-debit or other", "请使用 app、bank-app、online-banking、auto-debit 或 other"),
        AutoDebitValues => ("use yes or no", "请使用 yes 或 no"),
        SinceAfterUntil => ("must not be after --until", "不能晚于 --until"),
        FailedNeedsNoPayoff => ("a failed debit records no money", "扣款失败不记录金额"),
        ConfirmDelete => ("Delete plan #{0} {1} with its schedule and {2}? [y/N] ", "删除分期计划 #{0} {1} 及其还款计划和 {2}？[y/N] "),
        NeedYes => ("not a terminal: pass --yes to delete without asking", "不是交互式终端：请加 --yes 直接删除"),
        NotDeleted => ("Not deleted.", "未删除。"),
        PlanAdded => ("Added plan #{0} {1}: {2} a period, APR {3}%", "已添加分期计划 #{0} {1}：每期 {2}，年化利率 {3}%"),
        PlanUpdated => ("Updated plan #{0}.", "已更新分期计划 #{0}。"),
        PlanUnchanged => ("Plan #{0} already has these values; nothing was changed.", "分期计划 #{0} 已是这些值；未做任何改动。"),
        EditNeedsAFlag => ("nothing to change: give one or more of --name, --provider, --card, --auto-debit, --principal, --periods, --monthly-fee, --total-fee, --upfront-fee, --annual-rate, --method, --remainder, --fee-discount, --fee-free-periods, --first-due, --grace-days, --penalty-daily, --penalty-from, --payoff-policy", "没有要修改的内容：请至少指定 --name、--provider、--card、--auto-debit、--principal、--periods、--monthly-fee、--total-fee、--upfront-fee、--annual-rate、--method、--remainder、--fee-discount、--fee-free-periods、--first-due、--grace-days、--penalty-daily、--penalty-from、--payoff-policy 之一"),
        PlanDeleted => ("Deleted plan #{0}.", "已删除分期计划 #{0}。"),
        NoPlans => ("No plans yet. Add one with `fenqi plan add` or try `fenqi demo`.", "还没有分期计划。可用 `fenqi plan add` 添加，或试试 `fenqi demo`。"),
        NoPlansMatch => ("No plans match (--active leaves out finished plans; --search and --provider narrow the list).", "没有符合条件的计划（--active 不列出已结清的计划；--search 和 --provider 会缩小范围）。"),
        Paid => ("Recorded {0} for plan #{1} (repayment #{2}).", "已记录分期计划 #{1} 的还款 {0}（还款记录 #{2}）。"),
        Allocation => ("  period {0}: penalty {1}, fee {2}, principal {3}", "  第 {0} 期：罚息 {1}，手续费 {2}，本金 {3}"),
        AllocationInterest => ("  period {0}: penalty {1}, interest {2}, principal {3}", "  第 {0} 期：罚息 {1}，利息 {2}，本金 {3}"),
        FailedRecorded => ("Recorded a failed debit of {0} for plan #{1}; period {2} is flagged and still unpaid.", "已记录分期计划 #{1} 扣款失败 {0}；第 {2} 期已标记，仍未还。"),
        PayoffHeading => ("Early payoff of plan #{0} on {1} ({2}):", "分期计划 #{0} 于 {1} 提前结清，提前还款规则：{2}"),
        PayoffHint => ("Run again with --yes to record it.", "加 --yes 再运行一次即可记录。"),
        PayoffRecorded => ("Recorded the payoff of plan #{0}: {1} (repayment #{2}).", "已记录分期计划 #{0} 提前结清：{1}（还款记录 #{2}）。"),
        PrepayHeading => ("Partial prepayment of plan #{0} on {1} ({2}; early repayment policy {3}):", "分期计划 #{0} 于 {1} 部分提前还款（{2}），提前还款规则：{3}"),
        PrepayKeepTerm => ("keep-term: same periods, lower payment", "keep-term：期数不变，月供减少"),
        PrepayShortenTerm => ("shorten-term: same payment, fewer periods", "shorten-term：月供不变，期数缩短"),
        PrepayAmount => ("Amount", "提前还款金额"),
        PrepayAfter => ("Then {0} a period for {1}, the last due {2}:", "此后每期 {0}，共 {1}，最后一期 {2} 到期："),
        PrepayRecorded => ("Recorded the prepayment on plan #{0}: {1} (repayment #{2}).", "已记录分期计划 #{0} 部分提前还款：{1}（还款记录 #{2}）。"),
        PrepayModeValues => ("use keep-term (same periods, lower payment) or shorten-term (same payment, fewer periods)", "请使用 keep-term（期数不变，月供减少）或 shorten-term（月供不变，期数缩短）"),
        PrepayNeedsAmount => ("needs --amount, the principal to prepay", "需要配合 --amount（提前偿还的本金）"),
        PrepayNeedsMode => ("a partial prepayment (--amount) needs --mode keep-term or shorten-term", "部分提前还款（--amount）需要指定 --mode keep-term 或 shorten-term"),
        Overdue => ("Overdue", "已逾期"),
        Upcoming => ("Due in the next {0}", "未来 {0}到期"),
        PerCard => ("Per card: hold this much by the date", "各银行卡：在日期前需存入"),
        NothingDueWindow => ("Nothing overdue and nothing due in the next {0}.", "没有逾期，未来 {0}也没有到期款项。"),
        DaysLate => ("{0} late", "逾期 {0}"),
        DaysLeft => ("in {0}", "{0}后"),
        DueToday => ("today", "今天"),
        NoCard => ("(no card)", "（未绑定银行卡）"),
        NoHistory => ("No repayments recorded.", "没有还款记录。"),
        NoCards => ("No cards yet. Add one with `fenqi card add`.", "还没有银行卡。可用 `fenqi card add` 添加。"),
        CardAdded => ("Added card #{0} {1}.", "已添加银行卡 #{0} {1}。"),
        CardReplaced => ("Moved {0} from card #{1} to card #{2}; card #{1} is archived.", "已将 {0}从银行卡 #{1} 转到 #{2}；银行卡 #{1} 已归档。"),
        CardDefaultSet => ("Card #{0} is now the default.", "银行卡 #{0} 已设为默认卡。"),
        CardEdited => ("Card #{0} is now {1}.", "银行卡 #{0} 已改为 {1}。"),
        CardDeleted => ("Deleted card #{0}.", "已删除银行卡 #{0}。"),
        SetUpDebitAgain => ("Set up the auto-debit again with card #{0} at: {1}", "请在以下平台把自动扣款改绑到银行卡 #{0}：{1}"),
        CardKindValues => ("use debit or credit", "请使用 debit（借记卡）或 credit（信用卡）"),
        CardInUse => ("card #{0} is in use (by a plan, a repayment or a replaced card): replace it instead, which archives it", "银行卡 #{0} 正在使用（有计划、还款记录或被替换的卡引用它）：请改为换卡，换卡后旧卡会归档"),
        RepaymentNotFound => ("no repayment #{0}", "没有还款记录 #{0}"),
        NotNewestRepayment => ("only the newest repayment of plan #{0} can be taken back: take back the later ones first", "只能撤回计划 #{0} 最新的一笔还款：请先撤回更晚的还款"),
        RepaymentNotAlone => ("a later change touched plan #{0} (an edit, a card replacement, an import…): undo that first (u)", "之后还有修改涉及计划 #{0}（编辑、换卡、导入等）：请先撤销那次修改（按 u）"),
        KindDebit => ("debit", "借记卡"),
        KindCredit => ("credit", "信用卡"),
        FieldNote => ("Note", "备注"),
        ListSeparator => (", ", "、"),
        LimitSet => ("Limit for {0} set to {1}.", "{0} 的额度已设为 {1}。"),
        NoLimits => ("No limits yet. Set one with `fenqi limit set`.", "还没有额度。可用 `fenqi limit set` 设置。"),
        Undone => ("Undid: {0}", "已撤销：{0}"),
        NothingToUndo => ("Nothing to undo.", "没有可撤销的操作。"),
        DemoDone => ("Added {0} and {1}.", "已添加 {0}和 {1}。"),
        Terms => ("Terms", "条款"),
        Schedule => ("Schedule", "还款计划"),
        Repayments => ("Repayments", "还款记录"),
        Yes => ("yes", "是"),
        No => ("no", "否"),
        ColId => ("ID", "编号"),
        ColName => ("Name", "名称"),
        ColProvider => ("Provider", "平台"),
        ColPrincipal => ("Principal", "本金"),
        ColPeriods => ("Periods", "期数"),
        ColPaid => ("Paid", "已还"),
        ColRemaining => ("Remaining", "待还"),
        ColNextDue => ("Next due", "下次还款"),
        ColApr => ("APR %", "年化 %"),
        ColStatus => ("Status", "状态"),
        ColPeriod => ("Period", "期数"),
        ColDueDate => ("Due date", "还款日"),
        ColAmount => ("Amount", "金额"),
        ColDays => ("When", "时间"),
        ColPenalty => ("Penalty", "罚息"),
        ColPaidOn => ("Paid on", "还清日"),
        ColDaysLate => ("Days late", "逾期天数"),
        ColPenaltyPaid => ("Penalty paid", "已付罚息"),
        ColDate => ("Date", "日期"),
        ColPlan => ("Plan", "分期计划"),
        ColChannel => ("Channel", "渠道"),
        ColCard => ("Card", "银行卡"),
        ColReference => ("Reference", "流水号"),
        ColKind => ("Kind", "类型"),
        ColBank => ("Bank", "银行"),
        ColLast4 => ("Last 4", "尾号"),
        ColLabel => ("Label", "备注"),
        ColDefault => ("Default", "默认"),
        ColArchived => ("Archived", "已归档"),
        ColLimit => ("Limit", "额度"),
        ColUsed => ("Used", "已用"),
        ColAvailable => ("Available", "可用"),
        ColTotal => ("Total", "合计"),
        ColBy => ("By", "最晚"),
        FieldCard => ("Card", "银行卡"),
        FieldAutoDebit => ("Auto-debit", "自动扣款"),
        FieldModel => ("Fee model", "费用模式"),
        FieldRate => ("Rate", "费率"),
        FieldFirstDue => ("First due", "首期还款日"),
        FieldPayoff => ("Early payoff", "提前还款"),
        FieldOverdue => ("Overdue", "逾期"),
        OverdueRule => ("{0}, {1} a day from the {2}", "{0}，每天 {1}，从{2}起算"),
        FromDue => ("due date", "还款日"),
        FromGraceEnd => ("end of grace", "宽限期结束"),
        FieldTotal => ("Total repayment", "还款总额"),
        FieldAprEar => ("APR / EAR", "年化 / 实际年利率"),
        FieldPayoffToday => ("Payoff today", "今日结清"),
        FailedMark => ("FAILED", "失败"),
        StPending => ("pending", "待还"),
        StPaid => ("paid", "已还"),
        StPartlyPaid => ("partly paid", "部分已还"),
        StDebitFailed => ("debit failed", "扣款失败"),
        StOverdue => ("overdue", "逾期"),
        StDueInGrace => ("due (grace until {0})", "待还（宽限至 {0}）"),
        StWaived => ("waived", "已减免"),
        PlActive => ("active", "还款中"),
        PlCompleted => ("completed", "已还清"),
        PlPaidOff => ("paid off early", "已提前结清"),
        ChApp => ("provider app", "平台 App"),
        ChBankApp => ("bank app", "银行 App"),
        ChOnlineBanking => ("online banking", "网上银行"),
        ChAutoDebit => ("auto-debit", "自动扣款"),
        ChOther => ("other", "其他"),
        KindRegular => ("repayment", "还款"),
        KindPayoff => ("early payoff", "提前结清"),
        KindPenalty => ("penalty", "罚息"),
        ChangePlanAdd => ("added plan {0}", "添加分期计划 {0}"),
        ChangePlanEdit => ("edited plan {0}", "修改分期计划 {0}"),
        ChangePlanDelete => ("deleted plan {0}", "删除分期计划 {0}"),
        ChangePay => ("repayment for {0}", "还款 {0}"),
        ChangeFailedDebit => ("failed debit for {0}", "扣款失败 {0}"),
        ChangePayoff => ("early payoff of {0}", "提前结清 {0}"),
        ChangeCardAdd => ("added card {0}", "添加银行卡 {0}"),
        ChangeCardReplace => ("replaced card {0}", "替换银行卡 {0}"),
        ChangeCardDefault => ("default card {0}", "默认银行卡 {0}"),
        ChangeLimitSet => ("limit {0}", "额度 {0}"),
        ChangeDemo => ("sample data {0}", "示例数据 {0}"),
        DemoSummary => ("{0} plans, seed {1}", "{0} 个计划，种子 {1}"),
        DemoSummaryOne => ("{0} plan, seed {1}", "{0} 个计划，种子 {1}"),
        ChangeImport => ("import of {0}", "导入 {0}"),
        ChangeConfirm => ("confirmation of {0}", "确认 {0}"),
        ChangeReconcile => ("reconciliation of {0}", "对账 {0}"),
        ConfirmSummary => ("{0} automatic postings, {1}", "{0} 笔自动扣款，{1}"),
        ReconcileSummary => ("{0} ({1})", "{0}（{1}）"),
        ChangeCardEdit => ("edited card {0}", "修改银行卡 {0}"),
        ChangeCardDelete => ("deleted card {0}", "删除银行卡 {0}"),
        ChangeReminderDismiss => ("dismissed the auto-debit reminder of {0}", "关闭自动扣款改绑提醒 {0}"),
    }
}

/// The localised message of a store error.
pub(crate) fn store_error(lang: Lang, error: &StoreError) -> String {
    let path = |p: &std::path::Path| crate::files::shown(p);
    match error {
        StoreError::NotFenqi(p) => fill(StoreText::NotFenqi.text(lang), &[&path(p)]),
        StoreError::Newer {
            path: p,
            found,
            supported,
        } => fill(StoreText::Newer.text(lang), &[&path(p), found, supported]),
        StoreError::Damaged(p) => fill(StoreText::Damaged.text(lang), &[&path(p)]),
        StoreError::NotAFile(p) => fill(StoreText::NotAFile.text(lang), &[&path(p)]),
        StoreError::NeedsUpgrade(p) => fill(StoreText::NeedsUpgrade.text(lang), &[&path(p)]),
        StoreError::Locked(p) => fill(StoreText::Locked.text(lang), &[&path(p)]),
        StoreError::WalStuck { wal, source } => fill(
            StoreText::WalStuck.text(lang),
            &[&path(wal), &io_reason(lang, source)],
        ),
        StoreError::Open { path: p, source } => fill(
            StoreText::OpenFailed.text(lang),
            &[&path(p), &io_reason(lang, source)],
        ),
        StoreError::Sqlite(e) => sqlite_error(lang, e),
        StoreError::Io(e) => io_reason(lang, e),
        StoreError::PlanNotFound(id) => fill(StoreText::PlanNotFound.text(lang), &[id]),
        StoreError::CardNotFound(id) => fill(StoreText::CardNotFound.text(lang), &[id]),
        StoreError::CardArchived(id) => fill(StoreText::CardArchived.text(lang), &[id]),
        StoreError::SameCard => StoreText::SameCard.text(lang).to_string(),
        StoreError::CardInUse(id) => fill(StoreText::CardInUse.text(lang), &[id]),
        StoreError::RepaymentNotFound(id) => fill(StoreText::RepaymentNotFound.text(lang), &[id]),
        StoreError::NotNewestRepayment(plan) => {
            fill(StoreText::NotNewestRepayment.text(lang), &[plan])
        }
        StoreError::RepaymentNotAlone(plan) => {
            fill(StoreText::RepaymentNotAlone.text(lang), &[plan])
        }
        StoreError::TermsLocked => StoreText::TermsLocked.text(lang).to_string(),
        StoreError::Changed(changed) => changed_since_shown(lang, changed),
        StoreError::NothingDue | StoreError::PlanClosed => {
            StoreText::NothingDue.text(lang).to_string()
        }
        StoreError::Overflow(_) => StoreText::Overflow.text(lang).to_string(),
        StoreError::Allocation(e) => errors::allocation(lang, e),
        StoreError::Payoff(e) => errors::payoff(lang, e),
        StoreError::Prepay(e) => errors::prepay(lang, e),
        StoreError::Quote(crate::domain::summary::QuoteError::Schedule(e)) => {
            errors::schedule(lang, e)
        }
        StoreError::Quote(crate::domain::summary::QuoteError::Apr(e)) => errors::apr(lang, e),
        other => other.to_string(),
    }
}

/// What opening the database did, as one line for stderr.
pub(crate) fn open_notice(lang: Lang, notice: &OpenNotice) -> String {
    let path = |p: &std::path::Path| crate::files::shown(p);
    match notice {
        OpenNotice::WalSetAside { db, wal, kept } => fill(
            StoreText::WalSetAside.text(lang),
            &[&path(wal), &path(db), &path(kept)],
        ),
        OpenNotice::WalUnread { wal } => fill(StoreText::WalUnread.text(lang), &[&path(wal)]),
        OpenNotice::WalIgnored { db, wal } => {
            fill(StoreText::WalIgnored.text(lang), &[&path(wal), &path(db)])
        }
    }
}

/// The OS's reason in `lang` for the errors a user can act on (a full disk, a read-only disk,
/// permissions, a missing directory, a name too long), else the OS's words without the
/// "(os error N)" suffix.
pub(crate) fn io_reason(lang: Lang, error: &std::io::Error) -> String {
    let text = match error.raw_os_error() {
        Some(libc::ENOSPC | libc::EDQUOT) => Some(StoreText::IoDiskFull),
        Some(libc::EFBIG) => Some(StoreText::IoTooLarge),
        Some(libc::EROFS) => Some(StoreText::IoReadOnlyDisk),
        Some(libc::EACCES | libc::EPERM) => Some(StoreText::IoPermission),
        Some(libc::ENOENT) => Some(StoreText::IoNotFound),
        Some(libc::ENOTDIR) => Some(StoreText::IoNotDirectory),
        Some(libc::ENAMETOOLONG) => Some(StoreText::IoNameTooLong),
        Some(libc::ELOOP) => Some(StoreText::IoLinkLoop),
        Some(libc::EIO) => Some(StoreText::IoFailed),
        _ => None,
    };
    if let Some(text) = text {
        return text.text(lang).to_string();
    }
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// A database error in words the user can act on: a full disk, a read-only file, a lock.
fn sqlite_error(lang: Lang, error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    let text = match error.sqlite_error_code() {
        Some(ErrorCode::DiskFull) => StoreText::DiskFull,
        Some(ErrorCode::ReadOnly) => StoreText::ReadOnly,
        Some(ErrorCode::CannotOpen) => StoreText::CannotOpenDb,
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreText::Busy,
        Some(ErrorCode::SystemIoFailure) => StoreText::IoFailed,
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => StoreText::DamagedInUse,
        _ => return format!("database: {error}"),
    };
    text.text(lang).to_string()
}

/// The localised name of a period status.
pub(crate) fn installment_status(lang: Lang, status: InstallmentStatus) -> &'static str {
    match status {
        InstallmentStatus::Pending => StoreText::StPending,
        InstallmentStatus::Paid => StoreText::StPaid,
        InstallmentStatus::PartlyPaid => StoreText::StPartlyPaid,
        InstallmentStatus::DebitFailed => StoreText::StDebitFailed,
        InstallmentStatus::Overdue => StoreText::StOverdue,
        InstallmentStatus::Waived => StoreText::StWaived,
    }
    .text(lang)
}

/// The localised name of a plan status.
pub(crate) fn plan_status(lang: Lang, status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::Active => StoreText::PlActive,
        PlanStatus::Overdue => StoreText::StOverdue,
        PlanStatus::DebitFailed => StoreText::StDebitFailed,
        PlanStatus::Completed => StoreText::PlCompleted,
        PlanStatus::PaidOff => StoreText::PlPaidOff,
    }
    .text(lang)
}

/// The localised name of a repayment channel.
pub(crate) fn channel(lang: Lang, channel: Channel) -> &'static str {
    match channel {
        Channel::App => StoreText::ChApp,
        Channel::BankApp => StoreText::ChBankApp,
        Channel::OnlineBanking => StoreText::ChOnlineBanking,
        Channel::AutoDebit => StoreText::ChAutoDebit,
        Channel::Other => StoreText::ChOther,
    }
    .text(lang)
}

/// The localised name of a repayment kind.
pub(crate) fn repayment_kind(lang: Lang, kind: RepaymentKind) -> &'static str {
    match kind {
        RepaymentKind::Regular => StoreText::KindRegular,
        RepaymentKind::Payoff => StoreText::KindPayoff,
        RepaymentKind::Penalty => StoreText::KindPenalty,
    }
    .text(lang)
}

/// A change-log entry as a localised phrase ("repayment for #3 iPhone (小米分期) 536.00").
pub fn change(lang: Lang, kind: ChangeKind, subject: &ChangeSubject) -> String {
    let template = match kind {
        ChangeKind::PlanAdd => StoreText::ChangePlanAdd,
        ChangeKind::PlanEdit => StoreText::ChangePlanEdit,
        ChangeKind::PlanDelete => StoreText::ChangePlanDelete,
        ChangeKind::Pay => StoreText::ChangePay,
        ChangeKind::FailedDebit => StoreText::ChangeFailedDebit,
        ChangeKind::Payoff => StoreText::ChangePayoff,
        ChangeKind::CardAdd => StoreText::ChangeCardAdd,
        ChangeKind::CardReplace => StoreText::ChangeCardReplace,
        ChangeKind::CardDefault => StoreText::ChangeCardDefault,
        ChangeKind::LimitSet => StoreText::ChangeLimitSet,
        ChangeKind::Demo => StoreText::ChangeDemo,
        ChangeKind::Import => StoreText::ChangeImport,
        ChangeKind::Confirm => StoreText::ChangeConfirm,
        ChangeKind::Reconcile => StoreText::ChangeReconcile,
        ChangeKind::CardEdit => StoreText::ChangeCardEdit,
        ChangeKind::CardDelete => StoreText::ChangeCardDelete,
        ChangeKind::ReminderDismiss => StoreText::ChangeReminderDismiss,
    };
    fill(template.text(lang), &[&change_subject(lang, subject)])
}

/// A card's kind in `lang`: debit / 借记卡, credit / 信用卡.
pub(crate) fn card_kind(lang: Lang, kind: CardKind) -> &'static str {
    match kind {
        CardKind::Debit => StoreText::KindDebit,
        CardKind::Credit => StoreText::KindCredit,
    }
    .text(lang)
}

/// A change's subject for `lang`: a plan as `#3 iPhone (小米分期)`, a card as
/// `#5 招商银行 ····1234`, amounts grouped like every other amount (`5,500.00`), a demo
/// fill's counts in words; a summary an older fenqi stored in no known shape as it is.
fn change_subject(lang: Lang, subject: &ChangeSubject) -> String {
    let plan = |p: &PlanRef| format!("#{} {} ({})", p.id, p.name, p.provider);
    let card = |c: &CardRef| format!("#{} {} ····{}", c.id, c.bank, c.last4);
    match subject {
        ChangeSubject::Plan(p) => plan(p),
        ChangeSubject::Payment { plan: p, amount } => format!("{} {}", plan(p), amount.grouped()),
        ChangeSubject::Card(c) => card(c),
        ChangeSubject::CardReplace { old, new } => format!("{} → {}", card(old), card(new)),
        ChangeSubject::Limit { provider, amount } => format!("{provider} {}", amount.grouped()),
        ChangeSubject::Demo { plans, seed } => {
            let text = one_or_many(
                (*plans).into(),
                StoreText::DemoSummaryOne,
                StoreText::DemoSummary,
            );
            fill(text.text(lang), &[plans, seed])
        }
        ChangeSubject::Import { source } => source.clone(),
        ChangeSubject::Confirm { postings, amount } => fill(
            StoreText::ConfirmSummary.text(lang),
            &[postings, &amount.grouped()],
        ),
        ChangeSubject::Reconcile { source, lines } => {
            let entries = super::count::count(lang, u64::from(*lines), super::count::Noun::Entry);
            fill(StoreText::ReconcileSummary.text(lang), &[source, &entries])
        }
        ChangeSubject::Text(text) => text.clone(),
    }
}

/// What changed in something a form showed, so that its write did not happen.
pub(crate) fn changed_since_shown(lang: Lang, changed: &crate::store::shown::Changed) -> String {
    use crate::store::shown::Changed;
    let (text, id) = match changed {
        Changed::PlanGone(id) => (StoreText::ChangedPlanGone, id.0),
        Changed::PlanEdited(id) => (StoreText::ChangedPlanEdited, id.0),
        Changed::PlanPaid(id) => (StoreText::ChangedPlanPaid, id.0),
        Changed::CardGone(id) => (StoreText::ChangedCardGone, id.0),
        Changed::CardEdited(id) => (StoreText::ChangedCard, id.0),
    };
    fill(text.text(lang), &[&id])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::store::{CardId, PlanId};

    fn plan(id: i64, name: &str, provider: &str) -> PlanRef {
        PlanRef {
            id: PlanId(id),
            name: name.into(),
            provider: provider.into(),
        }
    }

    #[test]
    fn change_summaries_read_in_the_language_with_grouped_amounts() {
        let demo = ChangeSubject::Demo { plans: 8, seed: 1 };
        assert_eq!(
            change(Lang::Zh, ChangeKind::Demo, &demo),
            "示例数据 8 个计划，种子 1"
        );
        assert_eq!(
            change(Lang::En, ChangeKind::Demo, &demo),
            "sample data 8 plans, seed 1"
        );
        assert_eq!(
            change(
                Lang::En,
                ChangeKind::Demo,
                &ChangeSubject::Demo { plans: 1, seed: 3 }
            ),
            "sample data 1 plan, seed 3"
        );
        let pay = ChangeSubject::Payment {
            plan: plan(3, "iPhone", "小米分期"),
            amount: Money::from_cents(550_000),
        };
        assert_eq!(
            change(Lang::En, ChangeKind::Pay, &pay),
            "repayment for #3 iPhone (小米分期) 5,500.00"
        );
        let limit = ChangeSubject::Limit {
            provider: "花呗".into(),
            amount: Money::from_cents(2_000_000),
        };
        assert_eq!(
            change(Lang::Zh, ChangeKind::LimitSet, &limit),
            "额度 花呗 20,000.00"
        );
        // Names are left alone, even when they end in a number.
        assert_eq!(
            change(
                Lang::En,
                ChangeKind::PlanAdd,
                &ChangeSubject::Plan(plan(4, "Model 3", "特斯拉金融"))
            ),
            "added plan #4 Model 3 (特斯拉金融)"
        );
        assert_eq!(
            change(
                Lang::En,
                ChangeKind::PlanAdd,
                &ChangeSubject::Text("#4 Model 3".into())
            ),
            "added plan #4 Model 3"
        );
        assert_eq!(
            change(
                Lang::En,
                ChangeKind::Import,
                &ChangeSubject::Import {
                    source: "fenqi 2024.json".into()
                }
            ),
            "import of fenqi 2024.json"
        );
        let card = |id: i64, bank: &str, last4: &str| CardRef {
            id: CardId(id),
            bank: bank.into(),
            last4: last4.into(),
        };
        assert_eq!(
            change(
                Lang::Zh,
                ChangeKind::CardReplace,
                &ChangeSubject::CardReplace {
                    old: card(1, "招商银行", "8842"),
                    new: card(5, "ICBC", "1234"),
                }
            ),
            "替换银行卡 #1 招商银行 ····8842 → #5 ICBC ····1234"
        );
    }
}
