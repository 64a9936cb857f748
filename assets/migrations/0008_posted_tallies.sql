-- fenqi schema version 8: the day tallies count the automatic postings too. Each row of
-- open_by_day (open periods per due date, paying card and provider) also keeps how many of
-- those periods, and how much of what they owe, an auto-debit posts once the date has come:
-- the plan has auto-debit with posting on, and the period is not a failed debit. Postings stay
-- derived when read (schema 5); these columns only let the status bar, the panes' counts and
-- the cards' totals take them off without listing every one, the same at 10 plans and at
-- 100,000 left unopened for a year.

ALTER TABLE open_by_day ADD COLUMN posted_items INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_by_day ADD COLUMN posted_cents INTEGER NOT NULL DEFAULT 0;

-- The five triggers that keep open_by_day, as schemas 1 and 7 made them, now with the posted
-- columns. An installment's period posts when (plan.auto_debit = 1 AND plan.auto_post = 1 AND
-- state <> 'debit-failed'): 1 or 0, times its count and what it owes.
DROP TRIGGER installments_open_delete;
DROP TRIGGER installments_open_insert;
DROP TRIGGER installments_open_update;
DROP TRIGGER plans_open_move;
DROP TRIGGER plans_open_delete;

CREATE TRIGGER installments_open_delete AFTER DELETE ON installments
WHEN OLD.state <> 'paid' AND OLD.state <> 'waived'
    AND EXISTS (SELECT 1 FROM plans WHERE id = OLD.plan_id)
BEGIN
    UPDATE open_by_day
        SET items = items - 1,
            unpaid_cents = unpaid_cents - (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents),
            posted_items = posted_items - (
                SELECT auto_debit = 1 AND auto_post = 1 AND OLD.state <> 'debit-failed'
                FROM plans WHERE id = OLD.plan_id),
            posted_cents = posted_cents - (
                SELECT auto_debit = 1 AND auto_post = 1 AND OLD.state <> 'debit-failed'
                FROM plans WHERE id = OLD.plan_id)
                * (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents)
        WHERE due_on = OLD.due_on
          AND card_id = (SELECT coalesce(card_id, 0) FROM plans WHERE id = OLD.plan_id)
          AND provider = (SELECT provider FROM plans WHERE id = OLD.plan_id);
    DELETE FROM open_by_day WHERE due_on = OLD.due_on AND items = 0;
END;

CREATE TRIGGER installments_open_insert AFTER INSERT ON installments
WHEN NEW.state <> 'paid' AND NEW.state <> 'waived'
BEGIN
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents, posted_items, posted_cents)
        SELECT NEW.due_on, coalesce(p.card_id, 0), p.provider, 1,
               NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents,
               p.auto_debit = 1 AND p.auto_post = 1 AND NEW.state <> 'debit-failed',
               (p.auto_debit = 1 AND p.auto_post = 1 AND NEW.state <> 'debit-failed')
                   * (NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents)
        FROM plans p WHERE p.id = NEW.plan_id
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + 1, unpaid_cents = unpaid_cents + excluded.unpaid_cents,
            posted_items = posted_items + excluded.posted_items,
            posted_cents = posted_cents + excluded.posted_cents;
END;

CREATE TRIGGER installments_open_update
AFTER UPDATE OF plan_id, due_on, principal_cents, fee_cents, paid_principal_cents, paid_fee_cents,
    state ON installments
BEGIN
    UPDATE open_by_day
        SET items = items - 1,
            unpaid_cents = unpaid_cents - (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents),
            posted_items = posted_items - (
                SELECT auto_debit = 1 AND auto_post = 1 AND OLD.state <> 'debit-failed'
                FROM plans WHERE id = OLD.plan_id),
            posted_cents = posted_cents - (
                SELECT auto_debit = 1 AND auto_post = 1 AND OLD.state <> 'debit-failed'
                FROM plans WHERE id = OLD.plan_id)
                * (OLD.principal_cents - OLD.paid_principal_cents + OLD.fee_cents - OLD.paid_fee_cents)
        WHERE OLD.state <> 'paid' AND OLD.state <> 'waived' AND due_on = OLD.due_on
          AND card_id = (SELECT coalesce(card_id, 0) FROM plans WHERE id = OLD.plan_id)
          AND provider = (SELECT provider FROM plans WHERE id = OLD.plan_id);
    DELETE FROM open_by_day WHERE due_on = OLD.due_on AND items = 0;
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents, posted_items, posted_cents)
        SELECT NEW.due_on, coalesce(p.card_id, 0), p.provider, 1,
               NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents,
               p.auto_debit = 1 AND p.auto_post = 1 AND NEW.state <> 'debit-failed',
               (p.auto_debit = 1 AND p.auto_post = 1 AND NEW.state <> 'debit-failed')
                   * (NEW.principal_cents - NEW.paid_principal_cents + NEW.fee_cents - NEW.paid_fee_cents)
        FROM plans p WHERE p.id = NEW.plan_id AND NEW.state <> 'paid' AND NEW.state <> 'waived'
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + 1, unpaid_cents = unpaid_cents + excluded.unpaid_cents,
            posted_items = posted_items + excluded.posted_items,
            posted_cents = posted_cents + excluded.posted_cents;
END;

-- A plan that changes card, provider, auto-debit or posting moves its open periods' share
-- from the row its old values counted them in to the row its new values do.
CREATE TRIGGER plans_open_move AFTER UPDATE OF card_id, provider, auto_debit, auto_post ON plans
WHEN OLD.card_id IS NOT NEW.card_id OR OLD.provider IS NOT NEW.provider
    OR OLD.auto_debit IS NOT NEW.auto_debit OR OLD.auto_post IS NOT NEW.auto_post
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
                  AND i.state <> 'paid' AND i.state <> 'waived'),
            posted_items = posted_items - (OLD.auto_debit = 1 AND OLD.auto_post = 1) * (
                SELECT count(*) FROM installments i
                WHERE i.plan_id = NEW.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed'),
            posted_cents = posted_cents - (OLD.auto_debit = 1 AND OLD.auto_post = 1) * (
                SELECT coalesce(sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents), 0)
                FROM installments i
                WHERE i.plan_id = NEW.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed')
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived');
    DELETE FROM open_by_day
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider AND items = 0
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived');
    INSERT INTO open_by_day (due_on, card_id, provider, items, unpaid_cents, posted_items, posted_cents)
        SELECT due_on, coalesce(NEW.card_id, 0), NEW.provider, count(*),
               sum(installments.principal_cents - installments.paid_principal_cents + installments.fee_cents - installments.paid_fee_cents),
               (NEW.auto_debit = 1 AND NEW.auto_post = 1) * sum(installments.state <> 'debit-failed'),
               (NEW.auto_debit = 1 AND NEW.auto_post = 1) * sum((installments.state <> 'debit-failed')
                   * (installments.principal_cents - installments.paid_principal_cents + installments.fee_cents - installments.paid_fee_cents))
        FROM installments
        WHERE plan_id = NEW.id AND state <> 'paid' AND state <> 'waived'
        GROUP BY due_on
    ON CONFLICT (due_on, card_id, provider) DO UPDATE
        SET items = items + excluded.items, unpaid_cents = unpaid_cents + excluded.unpaid_cents,
            posted_items = posted_items + excluded.posted_items,
            posted_cents = posted_cents + excluded.posted_cents;
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
                  AND i.state <> 'paid' AND i.state <> 'waived'),
            posted_items = posted_items - (OLD.auto_debit = 1 AND OLD.auto_post = 1) * (
                SELECT count(*) FROM installments i
                WHERE i.plan_id = OLD.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed'),
            posted_cents = posted_cents - (OLD.auto_debit = 1 AND OLD.auto_post = 1) * (
                SELECT coalesce(sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents), 0)
                FROM installments i
                WHERE i.plan_id = OLD.id AND i.due_on = open_by_day.due_on
                  AND i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed')
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = OLD.id AND state <> 'paid' AND state <> 'waived');
    DELETE FROM open_by_day
        WHERE card_id = coalesce(OLD.card_id, 0) AND provider = OLD.provider AND items = 0
          AND due_on IN (SELECT due_on FROM installments WHERE plan_id = OLD.id AND state <> 'paid' AND state <> 'waived');
END;

-- The posted columns of the rows already there, from the periods (one pass, grouped).
UPDATE open_by_day
    SET posted_items = posted.items, posted_cents = posted.cents
    FROM (SELECT i.due_on, coalesce(p.card_id, 0) AS card_id, p.provider, count(*) AS items,
                 sum(i.principal_cents - i.paid_principal_cents + i.fee_cents - i.paid_fee_cents) AS cents
          FROM installments i JOIN plans p ON p.id = i.plan_id
          WHERE i.state <> 'paid' AND i.state <> 'waived' AND i.state <> 'debit-failed'
            AND p.auto_debit = 1 AND p.auto_post = 1
          GROUP BY 1, 2, 3) AS posted
    WHERE open_by_day.due_on = posted.due_on AND open_by_day.card_id = posted.card_id
      AND open_by_day.provider = posted.provider;
