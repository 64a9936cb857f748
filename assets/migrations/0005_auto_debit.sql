-- fenqi schema version 5: auto-debits. A plan with auto-debit counts each period whose due
-- date has come as paid by auto-debit, unconfirmed — derived when read, never stored, so a
-- read-only database shows it too and no view can disagree with another. What is stored:
--   plans.auto_post        0 turns that off for one plan (`--auto-post no`);
--   repayments.source      where a recorded repayment came from: typed in (manual), an
--                          automatic posting confirmed (auto-debit), or a statement line
--                          reconciled (statement);
--   repayments.retry_on    for a failed debit: when the provider retries it;
--   repayments.statement_key  the statement line a reconciled repayment came from (its order
--                          number, or a hash of the line and its occurrence), so that the same
--                          file reconciled twice records nothing the second time.
-- The change log accepts the kinds 'confirm' and 'reconcile' (SQLite cannot alter a CHECK:
-- the log is copied into a new table, ids, texts, subjects and undo data as they are).

ALTER TABLE plans ADD COLUMN auto_post INTEGER NOT NULL DEFAULT 1 CHECK (auto_post IN (0, 1));

ALTER TABLE repayments ADD COLUMN source TEXT NOT NULL DEFAULT 'manual'
    CHECK (source = 'manual' OR source = 'auto-debit' OR source = 'statement');
ALTER TABLE repayments ADD COLUMN retry_on TEXT
    CHECK (retry_on IS NULL OR retry_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE repayments ADD COLUMN statement_key TEXT CHECK (length(statement_key) <= 200);

CREATE INDEX repayments_by_statement_key ON repayments (statement_key)
    WHERE statement_key IS NOT NULL;

CREATE TABLE changes_v5 (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind = 'plan-add' OR kind = 'plan-edit' OR kind = 'plan-delete' OR kind = 'pay' OR kind = 'failed-debit' OR kind = 'payoff' OR kind = 'card-add' OR kind = 'card-replace' OR kind = 'card-default' OR kind = 'limit-set' OR kind = 'demo' OR kind = 'import' OR kind = 'confirm' OR kind = 'reconcile'),
    summary   TEXT    NOT NULL,
    undo_data TEXT    NOT NULL CHECK (json_valid(undo_data)),
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    subject   TEXT    CHECK (subject IS NULL OR json_valid(subject))
) STRICT;

INSERT INTO changes_v5 (id, kind, summary, undo_data, undone, subject)
    SELECT id, kind, summary, undo_data, undone, subject FROM changes;

DROP TABLE changes;

ALTER TABLE changes_v5 RENAME TO changes;

CREATE INDEX changes_pending ON changes (id) WHERE undone = 0;
