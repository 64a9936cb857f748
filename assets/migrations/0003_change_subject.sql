-- fenqi schema version 3: the change log says what each change was about as typed JSON
-- (`subject`, beside the undo data) instead of a text summary read back by its shape.
-- The summaries older fenqi wrote stay as they are; each one in a shape fenqi wrote gets its
-- subject here (`summary` keeps the text, new entries leave it empty). One in no known shape
-- keeps no subject and is shown as stored.
--
-- The shapes (src/store/subject.rs has the JSON they become):
--   plan-add, plan-edit, plan-delete   #3 iPhone 15 (小米分期)
--   pay, failed-debit, payoff          #3 iPhone 15 (小米分期) 536.00
--   card-add, card-default             #5 招商银行 ····1234
--   card-replace                       #1 招商银行 ····8842 → #5 ICBC ····1234
--   limit-set                          花呗 20000.00
--   demo                               8 plans, seed 1
--   import                             the file's path
-- A plan's name and provider are split at the last " (" (any split gives back the same text).
-- Free text holds no control characters, so char(1) and char(2) stand for " (" and " ····"
-- while a string is split: `rtrim(t, replace(t, c, ''))` is `t` up to its last `c`.

ALTER TABLE changes ADD COLUMN subject TEXT CHECK (subject IS NULL OR json_valid(subject));

CREATE TEMP TABLE legacy_subject (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    head      TEXT NOT NULL, -- the summary, less a trailing amount
    cents     INTEGER,       -- that amount in cents (payments and limits)
    plan_ref  TEXT,          -- `head` as a plan, JSON
    card_ref  TEXT,          -- `head` as a card, JSON
    old_card  TEXT,          -- card-replace: the first card, JSON
    new_card  TEXT           -- card-replace: the second card, JSON
);

-- Amount kinds: split at the last space; the amount is digits, a point and two decimals.
INSERT INTO legacy_subject (id, kind, head, cents)
SELECT id, kind, substr(summary, 1, length(upto) - 1),
       CAST(replace(substr(summary, length(upto) + 1), '.', '') AS INTEGER)
FROM (SELECT id, kind, summary, rtrim(summary, replace(summary, ' ', '')) AS upto
      FROM changes
      WHERE kind IN ('pay', 'failed-debit', 'payoff', 'limit-set')
        AND instr(summary, char(1)) = 0 AND instr(summary, char(2)) = 0)
WHERE upto <> ''
  AND substr(summary, length(upto) + 1) GLOB '*[0-9].[0-9][0-9]'
  AND substr(summary, length(upto) + 1) NOT GLOB '*[^0-9.]*'
  AND length(substr(summary, length(upto) + 1)) BETWEEN 4 AND 19
  AND instr(substr(summary, length(upto) + 1), '.') = length(substr(summary, length(upto) + 1)) - 2;

INSERT INTO legacy_subject (id, kind, head)
SELECT id, kind, summary FROM changes
WHERE kind IN ('plan-add', 'plan-edit', 'plan-delete', 'card-add', 'card-default',
               'card-replace')
  AND instr(summary, char(1)) = 0 AND instr(summary, char(2)) = 0;

-- `#<id> <name> (<provider>)` as {"id", "name", "provider"}.
UPDATE legacy_subject SET plan_ref = (
    SELECT json_object('id', CAST(id_text AS INTEGER),
                       'name', replace(substr(upto, 1, length(upto) - 1), char(1), ' ('),
                       'provider', substr(t, length(upto) + 1, length(t) - length(upto) - 1))
    FROM (SELECT id_text, t, rtrim(t, replace(t, char(1), '')) AS upto
          FROM (SELECT substr(head, 2, instr(head, ' ') - 2) AS id_text,
                       replace(substr(head, instr(head, ' ') + 1), ' (', char(1)) AS t))
    WHERE id_text GLOB '[0-9]*' AND id_text NOT GLOB '*[^0-9]*' AND length(id_text) <= 18
      AND upto <> '' AND substr(t, -1) = ')')
WHERE kind IN ('plan-add', 'plan-edit', 'plan-delete', 'pay', 'failed-debit', 'payoff')
  AND substr(head, 1, 1) = '#';

-- `#<id> <bank> ····<last4>` as {"id", "bank", "last4"}; card-replace has two, split at " → #".
CREATE TEMP TABLE legacy_card (id INTEGER NOT NULL, part INTEGER NOT NULL, text TEXT NOT NULL,
                               card TEXT, PRIMARY KEY (id, part));
INSERT INTO legacy_card (id, part, text)
SELECT id, 0, head FROM legacy_subject WHERE kind IN ('card-add', 'card-default')
UNION ALL
SELECT id, 1, substr(head, 1, instr(head, ' → #') - 1) FROM legacy_subject
WHERE kind = 'card-replace' AND instr(head, ' → #') > 0
UNION ALL
SELECT id, 2, substr(head, instr(head, ' → #') + 3) FROM legacy_subject
WHERE kind = 'card-replace' AND instr(head, ' → #') > 0;

UPDATE legacy_card SET card = (
    SELECT json_object('id', CAST(id_text AS INTEGER),
                       'bank', replace(substr(upto, 1, length(upto) - 1), char(2), ' ····'),
                       'last4', substr(t, length(upto) + 1))
    FROM (SELECT id_text, t, rtrim(t, replace(t, char(2), '')) AS upto
          FROM (SELECT substr(text, 2, instr(text, ' ') - 2) AS id_text,
                       replace(substr(text, instr(text, ' ') + 1), ' ····', char(2)) AS t))
    WHERE id_text GLOB '[0-9]*' AND id_text NOT GLOB '*[^0-9]*' AND length(id_text) <= 18
      AND upto <> '')
WHERE substr(text, 1, 1) = '#';

UPDATE legacy_subject SET card_ref = (
    SELECT card FROM legacy_card c WHERE c.id = legacy_subject.id AND c.part = 0);
UPDATE legacy_subject SET old_card = (
    SELECT card FROM legacy_card c WHERE c.id = legacy_subject.id AND c.part = 1);
UPDATE legacy_subject SET new_card = (
    SELECT card FROM legacy_card c WHERE c.id = legacy_subject.id AND c.part = 2);

UPDATE changes SET subject = (
    SELECT CASE
        WHEN s.kind IN ('plan-add', 'plan-edit', 'plan-delete') AND s.plan_ref IS NOT NULL
            THEN json_object('plan', json(s.plan_ref))
        WHEN s.kind IN ('pay', 'failed-debit', 'payoff') AND s.plan_ref IS NOT NULL
            THEN json_object('payment',
                             json_object('plan', json(s.plan_ref), 'amount_cents', s.cents))
        WHEN s.kind IN ('card-add', 'card-default') AND s.card_ref IS NOT NULL
            THEN json_object('card', json(s.card_ref))
        WHEN s.kind = 'card-replace' AND s.old_card IS NOT NULL AND s.new_card IS NOT NULL
            THEN json_object('card-replace',
                             json_object('old', json(s.old_card), 'new', json(s.new_card)))
        WHEN s.kind = 'limit-set'
            THEN json_object('limit', json_object('provider', s.head, 'amount_cents', s.cents))
    END
    FROM legacy_subject s WHERE s.id = changes.id);

-- `<plans> plans, seed <seed>`: counts up to 2^32 - 1 and seeds up to 2^64 - 1, written out
-- as JSON numbers digit for digit.
UPDATE changes SET subject = (
    SELECT '{"demo":{"plans":' || plans || ',"seed":' || seed || '}}'
    FROM (SELECT coalesce(nullif(ltrim(plans_text, '0'), ''), '0') AS plans,
                 coalesce(nullif(ltrim(seed_text, '0'), ''), '0') AS seed
          FROM (SELECT substr(summary, 1, instr(summary, ' plans, seed ') - 1) AS plans_text,
                       substr(summary, instr(summary, ' plans, seed ') + 13) AS seed_text)
          WHERE plans_text GLOB '[0-9]*' AND plans_text NOT GLOB '*[^0-9]*'
            AND seed_text GLOB '[0-9]*' AND seed_text NOT GLOB '*[^0-9]*')
    WHERE (length(plans) < 10 OR (length(plans) = 10 AND plans <= '4294967295'))
      AND (length(seed) < 20 OR (length(seed) = 20 AND seed <= '18446744073709551615')))
WHERE kind = 'demo' AND instr(summary, ' plans, seed ') > 0;

UPDATE changes SET subject = json_object('import', json_object('source', summary))
WHERE kind = 'import';

DROP TABLE legacy_card;
DROP TABLE legacy_subject;
