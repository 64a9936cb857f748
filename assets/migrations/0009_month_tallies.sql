-- fenqi schema version 9: the day tallies summed by month. open_by_month holds, for each
-- month of due dates ('YYYY-MM'), the sums of open_by_day's rows in it (every card and
-- provider). Triggers on open_by_day keep it, so whatever writes the day tallies (the
-- installments' and plans' triggers, a recount) writes these too. What is due before a day
-- then reads a row a month and the days of that day's own month: the status bar's first
-- figures cost the same on a database not opened for a year as on one opened yesterday.
-- Derived like open_by_day: dumps leave it out and an import recounts it.

CREATE TABLE open_by_month (
    month        TEXT    NOT NULL PRIMARY KEY,
    items        INTEGER NOT NULL,
    unpaid_cents INTEGER NOT NULL,
    posted_items INTEGER NOT NULL,
    posted_cents INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO open_by_month (month, items, unpaid_cents, posted_items, posted_cents)
    SELECT substr(due_on, 1, 7), sum(items), sum(unpaid_cents), sum(posted_items),
           sum(posted_cents)
    FROM open_by_day GROUP BY substr(due_on, 1, 7);

CREATE TRIGGER open_by_day_month_insert AFTER INSERT ON open_by_day
BEGIN
    INSERT INTO open_by_month (month, items, unpaid_cents, posted_items, posted_cents)
        VALUES (substr(NEW.due_on, 1, 7), NEW.items, NEW.unpaid_cents, NEW.posted_items,
                NEW.posted_cents)
    ON CONFLICT (month) DO UPDATE
        SET items = items + excluded.items, unpaid_cents = unpaid_cents + excluded.unpaid_cents,
            posted_items = posted_items + excluded.posted_items,
            posted_cents = posted_cents + excluded.posted_cents;
END;

CREATE TRIGGER open_by_day_month_update AFTER UPDATE ON open_by_day
BEGIN
    UPDATE open_by_month
        SET items = items - OLD.items, unpaid_cents = unpaid_cents - OLD.unpaid_cents,
            posted_items = posted_items - OLD.posted_items,
            posted_cents = posted_cents - OLD.posted_cents
        WHERE month = substr(OLD.due_on, 1, 7);
    INSERT INTO open_by_month (month, items, unpaid_cents, posted_items, posted_cents)
        VALUES (substr(NEW.due_on, 1, 7), NEW.items, NEW.unpaid_cents, NEW.posted_items,
                NEW.posted_cents)
    ON CONFLICT (month) DO UPDATE
        SET items = items + excluded.items, unpaid_cents = unpaid_cents + excluded.unpaid_cents,
            posted_items = posted_items + excluded.posted_items,
            posted_cents = posted_cents + excluded.posted_cents;
    DELETE FROM open_by_month WHERE month = substr(OLD.due_on, 1, 7) AND items = 0;
END;

CREATE TRIGGER open_by_day_month_delete AFTER DELETE ON open_by_day
BEGIN
    UPDATE open_by_month
        SET items = items - OLD.items, unpaid_cents = unpaid_cents - OLD.unpaid_cents,
            posted_items = posted_items - OLD.posted_items,
            posted_cents = posted_cents - OLD.posted_cents
        WHERE month = substr(OLD.due_on, 1, 7);
    DELETE FROM open_by_month WHERE month = substr(OLD.due_on, 1, 7) AND items = 0;
END;
