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

-- The plans pane: active plans by next due date.
CREATE INDEX plans_active_by_next_due ON plans (next_due_on, id) WHERE status = 'active';
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
