-- fenqi schema version 7: the terms of real plans. Plans gain the daily-rate and interest-only
-- fee models, a minimum fee, a start date, a period length and a due-date rule, and the overdue
-- rules beyond grace and the daily rate: the penalty base and daily minimum, late fees with
-- their caps, and the tolerance. SQLite cannot widen a CHECK, so the plans table is copied into
-- a new one declared so, as schema 4 did (foreign keys are off for every migration and checked
-- before its commit; legacy_alter_table keeps the installments triggers that name the table as
-- they are), with the same ids and the highest id ever used (sqlite_sequence) kept; its indexes
-- and triggers are made again as schema 4 made them. Every new column's default is what a plan
-- had before: dated by its first due date, no start date, monthly, none of the new charges.

PRAGMA legacy_alter_table = ON;

CREATE TEMP TABLE plans_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'plans';

CREATE TABLE plans_v7 (
    id                        INTEGER PRIMARY KEY AUTOINCREMENT,
    name                      TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    provider                  TEXT    NOT NULL CHECK (length(provider) BETWEEN 1 AND 100),
    card_id                   INTEGER REFERENCES cards (id),
    auto_debit                INTEGER NOT NULL DEFAULT 0 CHECK (auto_debit IN (0, 1)),
    principal_cents           INTEGER NOT NULL CHECK (principal_cents > 0),
    periods                   INTEGER NOT NULL CHECK (periods BETWEEN 1 AND 360),
    fee_model                 TEXT    NOT NULL CHECK (fee_model = 'monthly-fee' OR fee_model = 'total-fee'
                                  OR fee_model = 'upfront-fee' OR fee_model = 'annuity'
                                  OR fee_model = 'equal-principal' OR fee_model = 'interest-free'
                                  OR fee_model = 'interest-only' OR fee_model = 'daily-annuity'
                                  OR fee_model = 'daily-equal-principal'
                                  OR fee_model = 'daily-interest-only'),
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
    -- Schema 5: 0 turns automatic postings off for the plan (`--auto-post no`).
    auto_post                 INTEGER NOT NULL DEFAULT 1 CHECK (auto_post IN (0, 1)),
    -- Schema 6: the plan's note, and the card whose auto-debit must be set up again.
    note                      TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    debit_setup_card_id       INTEGER REFERENCES cards (id),
    -- Schema 7: the terms of real plans (NULL or the default: not used).
    min_fee_cents             INTEGER CHECK (min_fee_cents > 0),
    start_on                  TEXT    CHECK (start_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    every                     TEXT    NOT NULL DEFAULT 'month'
                              CHECK (every = 'month' OR every = '2w' OR every = '1w' OR every GLOB '[1-9]*d'),
    due_rule                  TEXT    NOT NULL DEFAULT 'first-due'
                              CHECK (due_rule = 'first-due' OR due_rule = 'due-day'
                                  OR due_rule = 'statement-day' OR due_rule = 'after-start'),
    due_day                   INTEGER CHECK (due_day BETWEEN 1 AND 31),
    statement_day             INTEGER CHECK (statement_day BETWEEN 1 AND 31),
    due_after_days            INTEGER CHECK (due_after_days BETWEEN 0 AND 60),
    penalty_base              TEXT    NOT NULL DEFAULT 'installment'
                              CHECK (penalty_base = 'installment' OR penalty_base = 'principal'
                                  OR penalty_base = 'balance'),
    penalty_min_cents         INTEGER NOT NULL DEFAULT 0 CHECK (penalty_min_cents >= 0),
    late_fee_cents            INTEGER NOT NULL DEFAULT 0 CHECK (late_fee_cents >= 0),
    late_fee_extra_cents      INTEGER CHECK (late_fee_extra_cents > 0),
    late_fee_extra_days       INTEGER CHECK (late_fee_extra_days BETWEEN 1 AND 365),
    late_fee_cap_cents        INTEGER CHECK (late_fee_cap_cents >= 0),
    late_fee_cap_percent      TEXT,
    tolerance_cents           INTEGER NOT NULL DEFAULT 0 CHECK (tolerance_cents >= 0),
    CHECK ((next_due_on IS NULL) = (status <> 'active')),
    CHECK ((due_rule = 'due-day') = (due_day IS NOT NULL)),
    CHECK ((due_rule = 'statement-day') = (statement_day IS NOT NULL)),
    CHECK ((statement_day IS NULL) = (due_after_days IS NULL)),
    CHECK (due_rule = 'first-due' OR start_on IS NOT NULL),
    CHECK ((late_fee_extra_cents IS NULL) = (late_fee_extra_days IS NULL))
) STRICT;

INSERT INTO plans_v7 (id, name, provider, card_id, auto_debit, principal_cents, periods, fee_model,
        fee_rate, fee_discount, fee_free_periods, remainder, first_due_on, payoff_policy,
        grace_days, penalty_daily, penalty_from, apr_percent, ear_percent, total_fee_cents,
        paid_periods, remaining_cents, remaining_principal_cents, next_period, next_due_on,
        next_amount_cents, next_debit_failed, status, paid_off_on, auto_post, note,
        debit_setup_card_id)
    SELECT id, name, provider, card_id, auto_debit, principal_cents, periods, fee_model,
        fee_rate, fee_discount, fee_free_periods, remainder, first_due_on, payoff_policy,
        grace_days, penalty_daily, penalty_from, apr_percent, ear_percent, total_fee_cents,
        paid_periods, remaining_cents, remaining_principal_cents, next_period, next_due_on,
        next_amount_cents, next_debit_failed, status, paid_off_on, auto_post, note,
        debit_setup_card_id
    FROM plans;

DROP TABLE plans;

ALTER TABLE plans_v7 RENAME TO plans;

UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(seq) FROM temp.plans_sequence), 0))
    WHERE name = 'plans';

DROP TABLE temp.plans_sequence;

PRAGMA legacy_alter_table = OFF;

-- As schema 4 made them.
CREATE INDEX plans_active_by_next_due ON plans (next_due_on, id) WHERE status = 'active';
CREATE INDEX plans_by_next_due ON plans (next_due_on IS NULL, next_due_on, id);
CREATE INDEX plans_by_provider ON plans (provider, remaining_principal_cents);
CREATE INDEX plans_by_card ON plans (card_id);

CREATE TRIGGER plans_tally_insert AFTER INSERT ON plans
BEGIN
    UPDATE tallies SET n = n + 1 WHERE name = 'plans';
END;

CREATE TRIGGER plans_tally_delete AFTER DELETE ON plans
BEGIN
    UPDATE tallies SET n = n - 1 WHERE name = 'plans';
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
