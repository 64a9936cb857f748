-- fenqi schema version 1: cards, plans, installments, repayments, allocations, credit limits,
-- and the change log that makes `undo` possible. CHECKs list allowed codes with OR rather than
-- IN: SQLite builds a temporary table per row for an IN list of three or more values. Money is INTEGER minor units (fen); dates are
-- TEXT YYYY-MM-DD; rates are exact decimal fractions as TEXT ("0.006" for 0.6%).

CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    bank        TEXT    NOT NULL CHECK (length(bank) BETWEEN 1 AND 100),
    last4       TEXT    NOT NULL CHECK (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*'),
    label       TEXT    NOT NULL DEFAULT '' CHECK (length(label) <= 100),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    replaced_by INTEGER REFERENCES cards (id),
    CHECK (NOT (is_default = 1 AND archived = 1))
) STRICT;

CREATE UNIQUE INDEX cards_single_default ON cards (is_default) WHERE is_default = 1;

CREATE TABLE plans (
    id                        INTEGER PRIMARY KEY,
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

-- The plans pane: active plans by next due date; with finished plans, those go last.
CREATE INDEX plans_active_by_next_due ON plans (next_due_on, id) WHERE status = 'active';
CREATE INDEX plans_by_next_due ON plans (next_due_on IS NULL, next_due_on, id);
CREATE INDEX plans_by_provider ON plans (provider, remaining_principal_cents);
CREATE INDEX plans_by_card ON plans (card_id);

CREATE TABLE installments (
    plan_id              INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period               INTEGER NOT NULL CHECK (period >= 1),
    due_on               TEXT    NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    principal_cents      INTEGER NOT NULL CHECK (principal_cents >= 0),
    fee_cents            INTEGER NOT NULL CHECK (fee_cents >= 0),
    paid_principal_cents INTEGER NOT NULL DEFAULT 0
                         CHECK (paid_principal_cents BETWEEN 0 AND principal_cents),
    paid_fee_cents       INTEGER NOT NULL DEFAULT 0 CHECK (paid_fee_cents BETWEEN 0 AND fee_cents),
    paid_penalty_cents   INTEGER NOT NULL DEFAULT 0 CHECK (paid_penalty_cents >= 0),
    state                TEXT    NOT NULL DEFAULT 'pending'
                         CHECK (state = 'pending' OR state = 'paid' OR state = 'partly-paid'
                                OR state = 'debit-failed' OR state = 'waived'),
    settled_on           TEXT,
    PRIMARY KEY (plan_id, period)
) STRICT, WITHOUT ROWID;

-- Open periods by due date: the Upcoming pane, `due`, status totals and month totals.
CREATE INDEX installments_open_by_due ON installments (due_on, plan_id)
    WHERE state <> 'paid' AND state <> 'waived';

CREATE TABLE repayments (
    id           INTEGER PRIMARY KEY,
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

CREATE INDEX repayments_by_date ON repayments (paid_on, id);
CREATE INDEX repayments_by_plan ON repayments (plan_id, paid_on, id);
CREATE INDEX repayments_by_card ON repayments (card_id);

-- Which repayment paid which part of which period. Rows go with their repayment (and so with
-- their plan); the store writes plan_id/period from the plan's own periods.
CREATE TABLE allocations (
    repayment_id    INTEGER NOT NULL REFERENCES repayments (id) ON DELETE CASCADE,
    plan_id         INTEGER NOT NULL,
    period          INTEGER NOT NULL,
    penalty_cents   INTEGER NOT NULL CHECK (penalty_cents >= 0),
    fee_cents       INTEGER NOT NULL CHECK (fee_cents >= 0),
    principal_cents INTEGER NOT NULL CHECK (principal_cents >= 0),
    PRIMARY KEY (repayment_id, period)
) STRICT, WITHOUT ROWID;

CREATE TABLE credit_limits (
    provider    TEXT    PRIMARY KEY CHECK (length(provider) BETWEEN 1 AND 100),
    limit_cents INTEGER NOT NULL CHECK (limit_cents >= 0)
) STRICT;

-- Append-only log of changes; `undo` reverts the newest one not yet undone.
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind = 'plan-add' OR kind = 'plan-edit' OR kind = 'plan-delete' OR kind = 'pay' OR kind = 'failed-debit' OR kind = 'payoff' OR kind = 'card-add' OR kind = 'card-replace' OR kind = 'card-default' OR kind = 'limit-set' OR kind = 'demo'),
    summary   TEXT    NOT NULL,
    undo_data TEXT    NOT NULL CHECK (json_valid(undo_data)),
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

CREATE INDEX changes_pending ON changes (id) WHERE undone = 0;

-- Derived tallies, kept by the triggers below on every write (whoever writes: a change, undo,
-- the demo fill, an import), so that start-up, the status bar and the month view read a few
-- rows instead of counting or summing every row. Nothing else writes them, and an export
-- leaves them out; `Store::tallies_match` compares them with a recount. No CHECKs here: a
-- tally must never block a user's write.

-- Open periods (not paid, not waived) per due date, paying card (0 for none) and provider;
-- a row goes when its last open period does.
CREATE TABLE open_by_day (
    due_on       TEXT    NOT NULL,
    card_id      INTEGER NOT NULL,
    provider     TEXT    NOT NULL,
    items        INTEGER NOT NULL,
    unpaid_cents INTEGER NOT NULL,
    PRIMARY KEY (due_on, card_id, provider)
) STRICT, WITHOUT ROWID;

-- Row counts by table name: 'plans' and 'repayments'.
CREATE TABLE tallies (
    name TEXT    PRIMARY KEY,
    n    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO tallies (name, n) VALUES ('plans', 0), ('repayments', 0);

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

CREATE TRIGGER installments_open_insert AFTER INSERT ON installments
WHEN NEW.state <> 'paid' AND NEW.state <> 'waived'
BEGIN
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents)
        SELECT NEW.due_on, coalesce(p.card_id, 0), p.provider, 1, NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents
        FROM plans p WHERE p.id = NEW.plan_id AND NEW.state <> 'paid' AND NEW.state <> 'waived'
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + 1, unpaid_cents = unpaid_cents + excluded.unpaid_cents;
END;

CREATE TRIGGER installments_open_update
AFTER UPDATE OF plan_id, due_on, principal_cents, fee_cents, paid_principal_cents, paid_fee_cents,
    state ON installments
BEGIN
    UPDATE open_by_day
        SET items = items - 1, unpaid_cents = unpaid_cents - (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents)
        WHERE OLD.state <> 'paid' AND OLD.state <> 'waived' AND due_on = OLD.due_on
          AND card_id = (SELECT coalesce(card_id, 0) FROM plans WHERE id = OLD.plan_id)
          AND provider = (SELECT provider FROM plans WHERE id = OLD.plan_id);
    DELETE FROM open_by_day WHERE due_on = OLD.due_on AND items = 0;
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents)
        SELECT NEW.due_on, coalesce(p.card_id, 0), p.provider, 1, NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents
        FROM plans p WHERE p.id = NEW.plan_id AND NEW.state <> 'paid' AND NEW.state <> 'waived'
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + 1, unpaid_cents = unpaid_cents + excluded.unpaid_cents;
END;

-- A period deleted with its plan was already taken off by plans_open_delete: by the time a
-- cascade deletes the periods, the plan row is gone.
CREATE TRIGGER installments_open_delete AFTER DELETE ON installments
WHEN OLD.state <> 'paid' AND OLD.state <> 'waived'
    AND EXISTS (SELECT 1 FROM plans WHERE id = OLD.plan_id)
BEGIN
    UPDATE open_by_day
        SET items = items - 1, unpaid_cents = unpaid_cents - (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents)
        WHERE OLD.state <> 'paid' AND OLD.state <> 'waived' AND due_on = OLD.due_on
          AND card_id = (SELECT coalesce(card_id, 0) FROM plans WHERE id = OLD.plan_id)
          AND provider = (SELECT provider FROM plans WHERE id = OLD.plan_id);
    DELETE FROM open_by_day WHERE due_on = OLD.due_on AND items = 0;
END;

-- A plan's open periods move with it when its card or provider changes, and go with it.
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
