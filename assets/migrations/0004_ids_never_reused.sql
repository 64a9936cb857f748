-- fenqi schema version 4: ids are never reused. A plan, card or repayment id names one row for
-- good: deleting the newest plan and adding another must not give the new one the old id (a
-- TUI form still open on the old plan would write to the new one). SQLite keeps that promise
-- for tables declared AUTOINCREMENT (the highest id ever used is kept in sqlite_sequence), and
-- a table cannot be altered into one, so cards, plans and repayments are copied into new
-- tables declared so, with the same columns, values and ids. The highest id so far is where
-- each sequence starts: ids deleted before this version cannot be known any more.
--
-- fenqi runs every migration with foreign keys off (and checks them before the commit), so that
-- dropping the old tables cascades nothing; legacy_alter_table keeps the triggers of other
-- tables that name them (installments_open_*) as they are while the new tables take the names.
-- The indexes and triggers of the copied tables go with the old ones and are made again,
-- unchanged.

PRAGMA legacy_alter_table = ON;

CREATE TABLE cards_v4 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    bank        TEXT    NOT NULL CHECK (length(bank) BETWEEN 1 AND 100),
    last4       TEXT    NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
    label       TEXT    NOT NULL DEFAULT '' CHECK (length(label) <= 100),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    replaced_by INTEGER REFERENCES cards (id),
    CHECK (NOT (is_default = 1 AND archived = 1))
) STRICT;

INSERT INTO cards_v4 SELECT * FROM cards;

DROP TABLE cards;

ALTER TABLE cards_v4 RENAME TO cards;

CREATE TABLE plans_v4 (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    name                      TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    provider                  TEXT    NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
    card_id                   INTEGER REFERENCES cards (id),
    auto_debit                INTEGER NOT NULL DEFAULT 0 CHECK (auto_debit IN (0, 1)),
    principal_cents           INTEGER NOT NULL CHECK (principal_cents > 0),
    periods                   INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 360),
    fee_model                 TEXT    NOT NULL CHECK (fee_model = 'monthly-fee' OR fee_model = 'total-fee'
                                  OR fee_model = 'upfront-fee' OR fee_model = 'annuity'
                                  OR fee_model = 'equal-principal' OR fee_model = 'interest-free'),
    fee_rate                  TEXT    NOT NULL,
    fee_discount              TEXT,
    fee_free_periods          TEXT    NOT NULL DEFAULT '',
    remainder                 TEXT    NOT NULL CHECK (remainder IN ('last', 'first')),
    first_due_on              TEXT    NOT NULL CHECK (first_due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    payoff_policy             TEXT    NOT NULL,
    grace_days                INTEGER NOT NULL CHECK (grace_days BETWEEN 0 AND 365),
    penalty_daily             TEXT    NOT NULL,
    penalty_from              TEXT    NOT NULL CHECK (penalty_from IN ('due', 'grace-end')),
    apr_percent               TEXT    NOT NULL,
    ear_percent               TEXT    NOT NULL,
    total_fee_cents           INTEGER NOT NULL CHECK (total_fee_cents >= 0),
    -- Summary columns, maintained by the store on every write to the plan.
    paid_periods              INTEGER NOT NULL DEFAULT 0 CHECK (paid_periods BETWEEN 0 AND periods),
    remaining_cents           INTEGER NOT NULL CHECK (remaining_cents >= 0),
    remaining_principal_cents INTEGER NOT NULL CHECK (remaining_principal_cents >= 0),
    next_period               INTEGER CHECK (next_period BETWEEN 1 AND periods),
    next_due_on               TEXT,
    next_amount_cents         INTEGER CHECK (next_amount_cents >= 0),
    next_debit_failed         INTEGER NOT NULL DEFAULT 0 CHECK (next_debit_failed IN (0, 1)),
    status                    TEXT    NOT NULL CHECK (status = 'active' OR status = 'completed' OR status = 'paid-off'),
    paid_off_on               TEXT,
    CHECK ((next_due_on IS NULL) = (status <> 'active'))
) STRICT;

INSERT INTO plans_v4 SELECT * FROM plans;

DROP TABLE plans;

ALTER TABLE plans_v4 RENAME TO plans;

CREATE TABLE repayments_v4 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id      INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    paid_on      TEXT    NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    channel      TEXT    NOT NULL CHECK (channel = 'app' OR channel = 'bank-app'
                     OR channel = 'online-banking' OR channel = 'auto-debit' OR channel = 'other'),
    card_id      INTEGER REFERENCES cards (id),
    reference    TEXT    NOT NULL DEFAULT '' CHECK (length(reference) <= 200),
    kind         TEXT    NOT NULL CHECK (kind = 'regular' OR kind = 'payoff' OR kind = 'penalty'),
    failed       INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
    period       INTEGER
) STRICT;

INSERT INTO repayments_v4 SELECT * FROM repayments;

DROP TABLE repayments;

ALTER TABLE repayments_v4 RENAME TO repayments;

CREATE UNIQUE INDEX cards_single_default ON cards (is_default) WHERE is_default = 1;

CREATE INDEX plans_active_by_next_due ON plans (next_due_on, id) WHERE status = 'active';

CREATE INDEX plans_by_next_due ON plans (next_due_on IS NULL, next_due_on, id);

CREATE INDEX plans_by_provider ON plans (provider, remaining_principal_cents);

CREATE INDEX plans_by_card ON plans (card_id);

CREATE INDEX repayments_by_date ON repayments (paid_on, id);

CREATE INDEX repayments_by_plan ON repayments (plan_id, paid_on, id);

CREATE INDEX repayments_by_card ON repayments (card_id);

CREATE TRIGGER plans_tally_insert AFTER INSERT ON plans
BEGIN
    UPDATE tallies SET n = n + 1 WHERE name = 'plans';
END;

CREATE TRIGGER plans_tally_delete AFTER DELETE ON plans
BEGIN
    UPDATE tallies SET n = n - 1 WHERE name = 'plans';
END;

CREATE TRIGGER repayments_tally_insert AFTER INSERT ON repayments
BEGIN
    UPDATE tallies SET n = n + 1 WHERE name = 'repayments';
END;

CREATE TRIGGER repayments_tally_delete AFTER DELETE ON repayments
BEGIN
    UPDATE tallies SET n = n - 1 WHERE name = 'repayments';
END;

CREATE TRIGGER plans_open_move AFTER UPDATE OF card_id, provider ON plans
WHEN OLD.card_id IS NOT NEW.card_id OR OLD.provider IS NOT NEW.provider
BEGIN
    UPDATE open_by_day
        SET items = items - (
                SELECT count(*) FROM installments i
                WHERE i.plan_id = NEW.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived'),
            unpaid_cents = unpaid_cents - (
                SELECT coalesce(sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents), 0)
                FROM installments i
                WHERE i.plan_id = NEW.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived')
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived');
    DELETE FROM open_by_day
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider AND items = 0
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived');
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents)
        SELECT due_on, coalesce(NEW.card_id, 0), NEW.provider, count(*),
               sum(installments.principal_cents - installments.paid_principal_cents + installments.fee_cents - installments.paid_fee_cents)
        FROM installments
        WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived'
        GROUP BY due_on
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + excluded.items, unpaid_cents = unpaid_cents + excluded.unpaid_cents;
END;

CREATE TRIGGER plans_open_delete BEFORE DELETE ON plans
BEGIN
    UPDATE open_by_day
        SET items = items - (
                SELECT count(*) FROM installments i
                WHERE i.plan_id = OLD.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived'),
            unpaid_cents = unpaid_cents - (
                SELECT coalesce(sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents), 0)
                FROM installments i
                WHERE i.plan_id = OLD.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived')
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = OLD.id AND state <> 'paid' AND state <> 'waived');
    DELETE FROM open_by_day
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider AND items = 0
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = OLD.id AND state <> 'paid' AND state <> 'waived');
END;

PRAGMA legacy_alter_table = OFF;
