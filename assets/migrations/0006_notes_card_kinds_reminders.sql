-- fenqi schema version 6: a note per plan (the provider's hotline, the account or phone number
-- it is tied to), a card's kind (debit or credit), and the reminder a card replacement leaves
-- on each plan whose auto-debit must be set up again with the new card (until dismissed).
-- The change log learns three kinds of change: a card edited, a card deleted, a reminder
-- dismissed; a table's CHECK cannot be altered, so the log is copied into a new table with the
-- same columns, values and ids.

ALTER TABLE plans ADD COLUMN note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500);

ALTER TABLE plans ADD COLUMN debit_setup_card_id INTEGER REFERENCES cards (id);

ALTER TABLE cards ADD COLUMN kind TEXT NOT NULL DEFAULT 'debit' CHECK (kind IN ('debit', 'credit'));

CREATE TABLE changes_v6 (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind = 'plan-add' OR kind = 'plan-edit' OR kind = 'plan-delete' OR kind = 'pay' OR kind = 'failed-debit' OR kind = 'payoff' OR kind = 'card-add' OR kind = 'card-replace' OR kind = 'card-default' OR kind = 'limit-set' OR kind = 'demo' OR kind = 'import' OR kind = 'confirm' OR kind = 'reconcile' OR kind = 'card-edit' OR kind = 'card-delete' OR kind = 'reminder-dismiss'),
    summary   TEXT    NOT NULL,
    undo_data TEXT    NOT NULL CHECK (json_valid(undo_data)),
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
    subject   TEXT    CHECK (subject IS NULL OR json_valid(subject))
) STRICT;

INSERT INTO changes_v6 (id, kind, summary, undo_data, undone, subject)
    SELECT id, kind, summary, undo_data, undone, subject FROM changes;

DROP TABLE changes;

ALTER TABLE changes_v6 RENAME TO changes;

CREATE INDEX changes_pending ON changes (id) WHERE undone = 0;
