-- fenqi schema version 2: `import` is a change like any other, so the change log accepts the
-- kind 'import'. SQLite cannot alter a CHECK, so the log is copied into a new table with the
-- wider CHECK (no other table refers to it; ids, summaries and undo data are kept as they are).

CREATE TABLE changes_v2 (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind = 'plan-add' OR kind = 'plan-edit' OR kind = 'plan-delete' OR kind = 'pay' OR kind = 'failed-debit' OR kind = 'payoff' OR kind = 'card-add' OR kind = 'card-replace' OR kind = 'card-default' OR kind = 'limit-set' OR kind = 'demo' OR kind = 'import'),
    summary   TEXT    NOT NULL,
    undo_data TEXT    NOT NULL CHECK (json_valid(undo_data)),
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

INSERT INTO changes_v2 (id, kind, summary, undo_data, undone)
    SELECT id, kind, summary, undo_data, undone FROM changes;

DROP TABLE changes;

ALTER TABLE changes_v2 RENAME TO changes;

CREATE INDEX changes_pending ON changes (id) WHERE undone = 0;
