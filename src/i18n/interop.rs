//! Texts of export, import, backup and check in both languages.

use super::{Lang, fill};
use crate::files::{WriteFileError, shown};
use crate::store::check::{DerivedValue, Inconsistency, SchemaProblem};
use crate::store::check::{ValueKind, ValueProblem};
use crate::store::interop::{ImportError, MAX_DUMP_BYTES, MAX_VALUE_BYTES, Oversize};

crate::messages! {
    /// Messages of the interop commands.
    InteropText {
        FormatValues => ("use csv, json, ics, ledger or beancount", "请使用 csv、json、ics、ledger 或 beancount"),
        WhatValues => ("use plans, installments, repayments or all", "请使用 plans、installments、repayments 或 all"),
        OnlyCsv => ("only applies with --format csv", "仅在使用 --format csv 时有效"),
        OnlyIcs => ("only applies with --format ics", "仅在使用 --format ics 时有效"),
        ForceNeedsOut => ("only applies with --out", "仅在使用 --out 时有效"),
        EventSummary => ("{0} {1}: {2} due", "{0} {1} 应还 {2}"),
        EventDescription => ("Installment {0} of {1}, paid from {2}. Keep enough balance on the card before the debit date.", "第 {0}/{1} 期，扣款：{2}。请在扣款日前确保卡内余额充足。"),
        EventPenalty => ("Overdue: penalty and late fees so far {0}.", "已逾期：目前罚息和滞纳金 {0}。"),
        NoCard => ("no card set", "未设置还款卡"),
        Wrote => ("wrote {0}", "已写入 {0}"),
        Imported => ("imported {0} ({1} already present) from {2}", "已从 {2} 导入 {0}（{1} 行已存在）"),
        BackupWritten => ("backup written to {0}", "备份已写入 {0}"),
        CheckOk => ("ok: integrity, foreign keys and fenqi's own totals all check out", "正常：完整性、外键和 fenqi 自身的账目核对均无问题"),
        CheckIntegrity => ("integrity: {0}", "完整性：{0}"),
        CheckForeignKey => ("table {0}, row {1}: refers to a missing {2} row", "表 {0} 第 {1} 行：引用的 {2} 记录不存在"),
        CheckTallies => ("the kept totals (plan and repayment counts, amounts open per day) disagree with a recount", "汇总表（分期数、还款数、每日待还金额）与重新统计的结果不一致"),
        CheckPlanSummary => ("plan #{0}: its summary (paid periods, remaining, next period) disagrees with its installments", "分期 #{0}：汇总（已还期数、剩余金额、下一期）与各期明细不一致"),
        CheckBeyondBounds => ("plan #{0}: terms beyond fenqi's limits — {1}: {2}", "分期 #{0}：条款超出 fenqi 的上限——{1}：{2}"),
        CheckDueDates => ("plan #{0}: its due dates do not follow from its start date, period length and due-date rule", "分期 #{0}：还款日与其起始日、分期周期和还款日规则不符"),
        CheckRepayment => ("repayment #{0}: its allocations do not add up to its amount", "还款 #{0}：分配明细之和与还款金额不符"),
        CheckInstallment => ("plan #{0}, period {1}: paid amounts differ from the repayments allocated to it", "分期 #{0} 第 {1} 期：已还金额与分配给它的还款不符"),
        CheckTerms => ("plan #{0}: {1}: {2} (plan add would refuse these terms)", "分期 #{0}：{1}：{2}（plan add 不会接受这样的条款）"),
        CheckDerived => ("plan #{0}: its {1} is not what its terms give", "分期 #{0}：{1}与其条款算出的不一致"),
        DerivedApr => ("APR", "年化利率（APR）"),
        DerivedEar => ("effective annual rate", "实际年利率"),
        DerivedTotalFee => ("total fee", "总手续费"),
        DerivedPeriod => ("period {0} (its principal or fee)", "第 {0} 期（本金或手续费）"),
        DerivedPeriodCount => ("number of periods", "期数"),
        CheckRepaymentAfterToday => ("repayment #{0} is dated {1}, after today ({2})", "还款 #{0} 的日期为 {1}，晚于今天（{2}）"),
        CheckCardReplacesItself => ("card #{0} is replaced by itself", "银行卡 #{0} 被替换为它自己"),
        CheckCardLoop => ("card #{0}: its replacements go round in a circle", "银行卡 #{0}：替换关系形成了循环"),
        CheckLimitAboveCap => ("the credit limit of {0} is above what limit set takes ({1})", "{0} 的额度超过 limit set 允许的上限（{1}）"),
        CheckSchemaMissing => ("schema: the {0} {1} is missing (fenqi makes it); restore a backup or re-import an export into a new database", "结构：缺少{0} {1}（fenqi 会创建它）；请恢复备份，或把导出文件导入新数据库"),
        CheckSchemaExtra => ("schema: the {0} {1} is not part of fenqi's schema", "结构：{0} {1} 不属于 fenqi 的数据库结构"),
        CheckSchemaDiffers => ("schema: the {0} {1} is defined otherwise than fenqi makes it", "结构：{0} {1} 的定义与 fenqi 创建的不同"),
        SchemaTable => ("table", "表"),
        SchemaIndex => ("index", "索引"),
        SchemaTrigger => ("trigger", "触发器"),
        SchemaView => ("view", "视图"),
        CheckProblems => ("{0} found; restore a backup (fenqi backup) or re-import an export", "发现 {0}；请恢复备份（fenqi backup）或重新导入导出文件"),
        FileExists => ("{0} already exists (use --force to overwrite)", "{0} 已存在（使用 --force 覆盖）"),
        FileIsDatabase => ("{0} is the database itself", "{0} 是数据库文件本身"),
        FileIsDirectory => ("{0} is a directory", "{0} 是一个目录"),
        FileNotRegular => ("{0} is not a regular file (a device or a socket); give a file's path", "{0} 不是普通文件（而是设备或套接字）；请指定文件路径"),
        FileDanglingLink => ("{0} is a symbolic link to nothing (or a loop of links); remove it, or use --force to replace the link", "{0} 是指向不存在目标的符号链接（或循环链接）；请删除它，或使用 --force 替换该链接"),
        FileNoDirectory => ("directory {0} does not exist; create it first or give a path in an existing directory", "目录 {0} 不存在；请先创建，或指定已有目录中的路径"),
        TempRemoved => ("fenqi: removed {0}, an unfinished file left by an interrupted backup or export", "fenqi: 已删除 {0}，这是被中断的备份或导出留下的未完成文件"),
        FileWrite => ("cannot write {0}: {1}", "无法写入 {0}：{1}"),
        FileRead => ("cannot read {0}: {1}", "无法读取 {0}：{1}"),
        ImportMalformed => ("not valid JSON: {0}", "不是有效的 JSON：{0}"),
        ImportFileTooLarge => ("the file goes on past {0} MiB, more than any fenqi export holds; nothing was imported", "文件超过 {0} MiB，大于任何 fenqi 导出文件；未导入任何内容"),
        ImportValueTooLarge => ("line {0}: a value longer than {1} KiB, more than any fenqi export holds; nothing was imported", "第 {0} 行：某个值超过 {1} KiB，大于任何 fenqi 导出文件中的值；未导入任何内容"),
        ImportUnreadable => ("cannot read the file: {0}", "无法读取文件：{0}"),
        ImportNotDump => ("not a fenqi JSON export (fenqi export --format json)", "不是 fenqi 的 JSON 导出文件（fenqi export --format json）"),
        ImportVersion => ("export layout version {0} is not supported (this fenqi reads version 1)", "不支持导出格式版本 {0}（本版本 fenqi 读取版本 1）"),
        ImportNewer => ("the export is from a newer fenqi (schema {0}, this fenqi knows {1}); upgrade fenqi", "该导出来自更新版本的 fenqi（数据结构 {0}，本版本支持 {1}）；请升级 fenqi"),
        ImportMissingField => ("field {0} is missing", "缺少字段 {0}"),
        ImportMissingTable => ("table {0} is missing", "缺少表 {0}"),
        ImportBadSequence => ("sequences: {0} {1} is not the id sequence of a fenqi table (cards, plans or repayments, each once, from 0 up)", "sequences：{0} {1} 不是 fenqi 表的编号序列（cards、plans 或 repayments，各一次，不小于 0）"),
        ImportUnknownTable => ("table {0} is not part of a fenqi export", "表 {0} 不属于 fenqi 导出"),
        ImportDuplicateTable => ("table {0} appears twice", "表 {0} 出现了两次"),
        ImportBadColumn => ("table {0}: unknown or repeated column {1}", "表 {0}：未知或重复的列 {1}"),
        ImportBadRow => ("table {0}, row {1}: {2}", "表 {0} 第 {1} 行：{2}"),
        ImportConflict => ("table {0}: row {1} already exists with different content; nothing was imported", "表 {0}：第 {1} 条记录已存在且内容不同；未导入任何数据"),
        ImportDangling => ("table {0}, row {1}: refers to a missing {2} row", "表 {0} 第 {1} 行：引用的 {2} 记录不存在"),
        ImportInconsistent => ("the export does not add up: {0}; nothing was imported", "导出文件的账目对不上：{0}；未导入任何数据"),
        ValueAt => ("table {0}, row {1}, column {2}: {3}", "表 {0} 第 {1} 行 {2} 列：{3}"),
        ValueNotInteger => ("{0} is not a whole number", "{0} 不是整数"),
        ValueNotText => ("{0} is not text", "{0} 不是文本"),
        ValueUnreadable => ("{0} is not {1}", "{0} 不是{1}"),
        ValueControl => ("control characters (line breaks, tabs, escapes) are not allowed in text", "文本中不能包含控制字符（换行、制表符、转义符等）"),
        KindDate => ("a date (YYYY-MM-DD, a real calendar day)", "有效日期（YYYY-MM-DD，日历上存在的日期）"),
        KindRate => ("a rate (a decimal fraction such as 0.006)", "费率（小数，如 0.006）"),
        KindPercent => ("a percent (such as 13.0342)", "百分比（如 13.0342）"),
        KindPayoffPolicy => ("a payoff policy (waive-remaining-fees, current-fee-due, all-fees-due, penalty:R%, fee-on-remaining:R%, interest-to-date or not-allowed)", "提前还款规则（waive-remaining-fees、current-fee-due、all-fees-due、penalty:R%、fee-on-remaining:R%、interest-to-date 或 not-allowed）"),
        KindFeeModel => ("a fee model (monthly-fee, total-fee, upfront-fee, annuity, equal-principal, interest-only, daily-annuity, daily-equal-principal, daily-interest-only or interest-free)", "费用模式（monthly-fee、total-fee、upfront-fee、annuity、equal-principal、interest-only、daily-annuity、daily-equal-principal、daily-interest-only 或 interest-free）"),
        KindPenaltyBase => ("a penalty base (installment, principal or balance)", "罚息基数（installment、principal 或 balance）"),
        KindEvery => ("a period length (month, 2w, 1w or Nd)", "分期周期（month、2w、1w 或 Nd）"),
        KindDueRule => ("a due-date rule (first-due, due-day, statement-day or after-start)", "还款日规则（first-due、due-day、statement-day 或 after-start）"),
        KindRemainder => ("a remainder rule (last or first)", "余数规则（last 或 first）"),
        KindPenaltyFrom => ("a penalty start (due or grace-end)", "罚息起算方式（due 或 grace-end）"),
        KindPlanStatus => ("a plan status (active, completed or paid-off)", "计划状态（active、completed 或 paid-off）"),
        KindInstallmentState => ("an installment state (pending, paid, partly-paid, debit-failed or waived)", "分期状态（pending、paid、partly-paid、debit-failed 或 waived）"),
        KindChannel => ("a channel (app, bank-app, online-banking, auto-debit or other)", "还款渠道（app、bank-app、online-banking、auto-debit 或 other）"),
        KindRepaymentKind => ("a repayment kind (regular, payoff or penalty)", "还款类型（regular、payoff 或 penalty）"),
        KindPeriodList => ("a list of periods (such as 1,2,3)", "期数列表（如 1,2,3）"),
        KindPeriod => ("a period number", "期数"),
        KindText => ("text", "文本"),
    }
}

/// What a column holds, in words.
fn value_kind(lang: Lang, kind: ValueKind) -> &'static str {
    use InteropText as T;
    match kind {
        ValueKind::Date => T::KindDate,
        ValueKind::Rate => T::KindRate,
        ValueKind::Percent => T::KindPercent,
        ValueKind::PayoffPolicy => T::KindPayoffPolicy,
        ValueKind::FeeModel => T::KindFeeModel,
        ValueKind::Remainder => T::KindRemainder,
        ValueKind::PenaltyFrom => T::KindPenaltyFrom,
        ValueKind::PenaltyBase => T::KindPenaltyBase,
        ValueKind::Every => T::KindEvery,
        ValueKind::DueRule => T::KindDueRule,
        ValueKind::PlanStatus => T::KindPlanStatus,
        ValueKind::InstallmentState => T::KindInstallmentState,
        ValueKind::Channel => T::KindChannel,
        ValueKind::RepaymentKind => T::KindRepaymentKind,
        ValueKind::PeriodList => T::KindPeriodList,
        ValueKind::Period => T::KindPeriod,
        ValueKind::Text => T::KindText,
    }
    .text(lang)
}

/// "table T, row R, column C: what is wrong with the value" (row: a position or a key).
pub(crate) fn value_problem(
    lang: Lang,
    table: &str,
    row: &dyn std::fmt::Display,
    column: &str,
    value: &str,
    problem: &ValueProblem,
) -> String {
    use InteropText as T;
    let what = match problem {
        ValueProblem::NotInteger => fill(T::ValueNotInteger.text(lang), &[&value]),
        ValueProblem::NotText => fill(T::ValueNotText.text(lang), &[&value]),
        ValueProblem::Unreadable(kind) => fill(
            T::ValueUnreadable.text(lang),
            &[&value, &value_kind(lang, *kind)],
        ),
        ValueProblem::ControlCharacter => T::ValueControl.text(lang).to_string(),
    };
    fill(T::ValueAt.text(lang), &[&table, row, &column, &what])
}

/// One problem `check` found (or an import would have left), in words.
pub(crate) fn inconsistency(lang: Lang, problem: &Inconsistency) -> String {
    use InteropText as T;
    match problem {
        Inconsistency::PlanSummary(id) => fill(T::CheckPlanSummary.text(lang), &[id]),
        Inconsistency::RepaymentAllocations(id) => fill(T::CheckRepayment.text(lang), &[id]),
        Inconsistency::InstallmentPaid { plan, period } => {
            fill(T::CheckInstallment.text(lang), &[plan, period])
        }
        Inconsistency::BeyondBounds { plan, bound } => fill(
            T::CheckBeyondBounds.text(lang),
            &[
                plan,
                &super::terms::bound_flag(bound),
                &super::errors::bound(lang, bound),
            ],
        ),
        Inconsistency::DueDates(id) => fill(T::CheckDueDates.text(lang), &[id]),
        Inconsistency::Tallies => T::CheckTallies.text(lang).to_string(),
        Inconsistency::Unreadable {
            table,
            key,
            column,
            value,
            problem,
        } => value_problem(lang, table, key, column, value, problem),
        Inconsistency::Terms { plan, field, error } => fill(
            T::CheckTerms.text(lang),
            &[
                plan,
                &super::terms::flag(*field),
                &super::terms::input_error(lang, error),
            ],
        ),
        Inconsistency::Derived { plan, value } => {
            let value = match value {
                DerivedValue::Apr => T::DerivedApr.text(lang).to_string(),
                DerivedValue::Ear => T::DerivedEar.text(lang).to_string(),
                DerivedValue::TotalFee => T::DerivedTotalFee.text(lang).to_string(),
                DerivedValue::Period(n) => fill(T::DerivedPeriod.text(lang), &[n]),
                DerivedValue::PeriodCount => T::DerivedPeriodCount.text(lang).to_string(),
            };
            fill(T::CheckDerived.text(lang), &[plan, &value])
        }
        Inconsistency::RepaymentAfterToday {
            repayment,
            paid_on,
            today,
        } => fill(
            T::CheckRepaymentAfterToday.text(lang),
            &[repayment, paid_on, today],
        ),
        Inconsistency::CardReplacesItself(card) => {
            fill(T::CheckCardReplacesItself.text(lang), &[card])
        }
        Inconsistency::CardReplacementLoop(card) => fill(T::CheckCardLoop.text(lang), &[card]),
        Inconsistency::LimitAboveCap { provider } => fill(
            T::CheckLimitAboveCap.text(lang),
            &[
                &crate::text::one_line(provider),
                &crate::domain::Money::from_cents(crate::domain::money::MAX_MONEY_CENTS).grouped(),
            ],
        ),
        Inconsistency::Schema {
            kind,
            name,
            problem,
        } => {
            let text = match problem {
                SchemaProblem::Missing => T::CheckSchemaMissing,
                SchemaProblem::Extra => T::CheckSchemaExtra,
                SchemaProblem::Differs => T::CheckSchemaDiffers,
            };
            let kind = match kind.as_str() {
                "table" => T::SchemaTable.text(lang).to_string(),
                "index" => T::SchemaIndex.text(lang).to_string(),
                "trigger" => T::SchemaTrigger.text(lang).to_string(),
                "view" => T::SchemaView.text(lang).to_string(),
                other => crate::text::one_line(other),
            };
            fill(text.text(lang), &[&kind, &crate::text::one_line(name)])
        }
    }
}

/// A failed file write, localised, the path printable.
pub(crate) fn write_error(lang: Lang, error: &WriteFileError) -> String {
    use InteropText as T;
    let (text, path) = match error {
        WriteFileError::Exists(path) => (T::FileExists, path),
        WriteFileError::IsDatabase(path) => (T::FileIsDatabase, path),
        WriteFileError::IsDirectory(path) => (T::FileIsDirectory, path),
        WriteFileError::NotRegular(path) => (T::FileNotRegular, path),
        WriteFileError::DanglingLink(path) => (T::FileDanglingLink, path),
        WriteFileError::NoDirectory(path) => (T::FileNoDirectory, path),
        WriteFileError::Io { path, source } => {
            return fill(
                T::FileWrite.text(lang),
                &[&shown(path), &super::store::io_reason(lang, source)],
            );
        }
    };
    fill(text.text(lang), &[&shown(path)])
}

/// One line per temporary file of an interrupted backup or export that was removed.
pub(crate) fn temps_removed(lang: Lang, removed: &[std::path::PathBuf]) -> Vec<String> {
    removed
        .iter()
        .map(|path| fill(InteropText::TempRemoved.text(lang), &[&shown(path)]))
        .collect()
}

/// A refused import, localised (database errors in the words every write command uses).
pub(crate) fn import_error(lang: Lang, error: &ImportError) -> String {
    use ImportError as E;
    use InteropText as T;
    let t = |m: T| m.text(lang);
    match error {
        E::Malformed(detail) => fill(t(T::ImportMalformed), &[detail]),
        E::TooLarge(Oversize::File) => fill(t(T::ImportFileTooLarge), &[&(MAX_DUMP_BYTES >> 20)]),
        E::TooLarge(Oversize::Value { line }) => {
            fill(t(T::ImportValueTooLarge), &[line, &(MAX_VALUE_BYTES >> 10)])
        }
        E::Unreadable(error) => fill(
            t(T::ImportUnreadable),
            &[&super::store::io_reason(lang, error)],
        ),
        E::NotADump => t(T::ImportNotDump).to_string(),
        E::UnsupportedVersion(v) => fill(t(T::ImportVersion), &[v]),
        E::NewerSchema { found, supported } => fill(t(T::ImportNewer), &[found, supported]),
        E::MissingField(field) => fill(t(T::ImportMissingField), &[field]),
        E::MissingTable(table) => fill(t(T::ImportMissingTable), &[table]),
        E::UnknownTable(table) => fill(t(T::ImportUnknownTable), &[table]),
        E::BadSequence { table, highest } => fill(t(T::ImportBadSequence), &[table, highest]),
        E::DuplicateTable(table) => fill(t(T::ImportDuplicateTable), &[table]),
        E::BadColumn { table, column } => fill(t(T::ImportBadColumn), &[table, column]),
        E::BadRow {
            table,
            row,
            message,
        } => fill(t(T::ImportBadRow), &[table, row, message]),
        E::BadValue {
            table,
            row,
            column,
            value,
            problem,
        } => value_problem(lang, table, row, column, value, problem),
        E::Inconsistent(problem) => {
            fill(t(T::ImportInconsistent), &[&inconsistency(lang, problem)])
        }
        E::Conflict { table, key } => fill(t(T::ImportConflict), &[table, key]),
        E::DanglingReference { table, row, parent } => {
            let row = row.map_or_else(|| "?".to_string(), |r| r.to_string());
            fill(t(T::ImportDangling), &[table, &row, parent])
        }
        E::Store(error) => super::store::store_error(lang, error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::store::StoreText;
    use crate::store::Store;

    #[test]
    fn a_read_only_database_refuses_an_import_in_the_words_of_every_write() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        let mut dump = Vec::new();
        store.write_dump(&mut dump).unwrap();
        store
            .conn()
            .pragma_update(None, "query_only", true)
            .unwrap();
        let error = store.import_dump(&dump, "dump.json").unwrap_err();
        assert!(!error.is_input(), "{error:?}");
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(import_error(lang, &error), StoreText::ReadOnly.text(lang));
        }
    }
}
