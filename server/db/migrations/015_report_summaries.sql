-- Issue 18, part 4: summaries the monthly report and the centres overview read instead of a
-- month of documents' jsonb (docs/PERFORMANCE.md "The district's report at a year of history").
-- Kept up to date by triggers on `documents`, in the transaction of whatever writes it (a push, an
-- erasure, a consent's scrub, the retention sweep), so a report never sees a summary that
-- disagrees with the documents it has committed. Each summary holds exactly what the report's
-- definitions (server/district/reports.ts, overview.ts) read of the documents, nothing that names
-- or describes a person beyond their id, and is rebuilt from the documents by
-- report_summaries_rebuild(), which the tests hold the kept summaries to.
-- Never edit a migration once it has landed; add a new file.

-- Check-ins that count (not deleted, not cancelled), per centre, calendar day as the desk wrote it,
-- kind of person and person: how many. A row falls to 0 when its check-ins are cancelled or deleted
-- and is then read as absent.
CREATE TABLE report_attendance_days (
  day          text NOT NULL,
  centre_id    text NOT NULL,
  person_kind  text NOT NULL,
  person_id    text,
  checkins     integer NOT NULL,
  CONSTRAINT report_attendance_days_key
    UNIQUE NULLS NOT DISTINCT (day, centre_id, person_kind, person_id)
);

-- The same by month: the days of the month (bit 0 the 1st … bit 30 the 31st) on which each person
-- had a check-in that counts. What the report and the overview count per person and month, read
-- as a few thousand rows instead of a month of days.
CREATE TABLE report_attendance_months (
  month        text NOT NULL,
  centre_id    text NOT NULL,
  person_kind  text NOT NULL,
  person_id    text,
  days         integer NOT NULL,
  CONSTRAINT report_attendance_months_key
    UNIQUE NULLS NOT DISTINCT (month, centre_id, person_kind, person_id)
);

-- Visitors' check-ins each count (the overview's visitors), read by day without the members' rows.
CREATE INDEX report_attendance_days_visitors_idx ON report_attendance_days (day)
  WHERE person_kind = 'visitor';

-- Meal servings (not deleted), per centre, day, meal type, subsidy category as written on the
-- serving, and serving mode: `served` counts them all; `claimable` counts the servings that are the
-- one that counts of a person's meals of one type on one day (report_meal_firsts).
CREATE TABLE report_meal_days (
  day        text NOT NULL,
  centre_id  text NOT NULL,
  meal_type  text,
  category   text,
  mode       text NOT NULL,
  served     integer NOT NULL,
  claimable  integer NOT NULL,
  CONSTRAINT report_meal_days_key UNIQUE NULLS NOT DISTINCT (day, centre_id, meal_type, category, mode)
);

-- For each person's meals of one type on one day, the serving that counts (the earliest served,
-- then the smallest id, shared/rules/meals.ts `splitDuplicates`): its category and mode.
CREATE TABLE report_meal_firsts (
  centre_id  text NOT NULL,
  day        text NOT NULL,
  member_id  text,
  meal_type  text,
  category   text,
  mode       text NOT NULL,
  CONSTRAINT report_meal_firsts_key UNIQUE NULLS NOT DISTINCT (centre_id, day, member_id, meal_type)
);

-- For each member at each activity session (plan and date), their latest mark
-- (shared/rules/schedule.ts `attendanceSummary`): present or not.
CREATE TABLE report_activity_latest (
  date       text NOT NULL,
  centre_id  text NOT NULL,
  plan_id    text,
  member_id  text NOT NULL,
  present    boolean NOT NULL,
  CONSTRAINT report_activity_latest_key UNIQUE NULLS NOT DISTINCT (date, centre_id, plan_id, member_id)
);

-- The few documents entered later from the paper sheet (补录; server/district/paperReport.ts), by
-- day, so that the report counts them without reading the month's check-ins and meals.
CREATE INDEX documents_from_paper_day_idx ON documents (collection, (data ->> 'day'), centre_id)
  WHERE (data -> 'fromPaper') IS NOT NULL;
-- Without statistics on the mark PostgreSQL guesses that thousands of a month's documents carry
-- it and reads the month by its day index instead (34 ms at 300 centres, against 0.04 ms).
CREATE STATISTICS documents_from_paper_stats ON (data -> 'fromPaper') FROM documents;

-- An instant as written (RFC 3339), or null when it cannot be read: a summary never stops a push
-- over one bad value (the schemas reject them; an old one may still be stored).
CREATE FUNCTION report_instant(value text) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END $$;

-- The statements that bring the summaries from the documents `o` to the documents `n` (two
-- relations shaped as `documents`, each usable as `FROM <it>`: a trigger's transition tables, or
-- none and `documents` itself for a rebuild), in order, for the `collections` given. Each is one
-- set-based statement, however many documents changed.
CREATE FUNCTION report_summaries_sql(o text, n text, collections text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $fn$
SELECT array_agg(statement ORDER BY nth)
  FROM (SELECT
    -- The keys a write touched, each read by two statements: a person's meals of one type on one
    -- day, and a member's marks at one session.
    format($t$
      SELECT DISTINCT d.centre_id, d.data->>'day' AS day, d.data->>'memberId' AS member_id,
             d.data->>'mealType' AS meal_type
        FROM (SELECT * FROM %1$s UNION ALL SELECT * FROM %2$s) d
       WHERE d.collection = 'meals' AND NOT d.deleted AND d.data->>'kind' = 'serving'
         AND d.data->>'day' IS NOT NULL$t$, o, n) AS meals_touched,
    format($t$
      SELECT DISTINCT d.data->>'date' AS date, d.centre_id, d.data->>'planId' AS plan_id,
             d.data->>'memberId' AS member_id
        FROM (SELECT * FROM %1$s UNION ALL SELECT * FROM %2$s) d
       WHERE d.collection = 'activities' AND d.data->>'kind' = 'attendance'
         AND d.data->>'memberId' IS NOT NULL AND d.data->>'date' IS NOT NULL$t$, o, n)
      AS marks_touched
  ) AS keys
  CROSS JOIN LATERAL (VALUES
  -- Check-ins: what the old versions counted goes, what the new ones count comes; a person's day
  -- that starts or stops counting flips its bit in the month (a day written otherwise than
  -- YYYY-MM-DD, which the schemas reject, stays out of the months).
  (1, 'attendance', format($q$
    WITH changes AS (
      SELECT day, centre_id, person_kind, person_id, sum(delta)::int AS delta
        FROM (SELECT d.data->>'day' AS day, d.centre_id,
                     coalesce(d.data->>'personKind', 'member') AS person_kind,
                     d.data->>'memberId' AS person_id, d.delta
                FROM (SELECT *, -1 AS delta FROM %1$s UNION ALL SELECT *, 1 FROM %2$s) d
               WHERE d.collection = 'attendance' AND NOT d.deleted AND d.data->>'day' IS NOT NULL
                 AND d.data->>'cancelled' IS DISTINCT FROM 'true') counted
       GROUP BY day, centre_id, person_kind, person_id
      HAVING sum(delta) <> 0
    ), kept AS (
      INSERT INTO report_attendance_days AS s (day, centre_id, person_kind, person_id, checkins)
      SELECT day, centre_id, person_kind, person_id, delta FROM changes
      ON CONFLICT ON CONSTRAINT report_attendance_days_key
      DO UPDATE SET checkins = s.checkins + excluded.checkins
      RETURNING s.day, s.centre_id, s.person_kind, s.person_id, s.checkins
    ), flipped AS (
      SELECT k.day, k.centre_id, k.person_kind, k.person_id
        FROM kept k
        JOIN changes c
          ON c.day = k.day AND c.centre_id = k.centre_id AND c.person_kind = k.person_kind
         AND c.person_id IS NOT DISTINCT FROM k.person_id
       WHERE (k.checkins > 0) <> (k.checkins - c.delta > 0)
         AND k.day ~ '^[0-9]{4}-[0-9]{2}-(0[1-9]|[12][0-9]|3[01])$'
    )
    INSERT INTO report_attendance_months AS m (month, centre_id, person_kind, person_id, days)
    SELECT left(day, 7), centre_id, person_kind, person_id,
           bit_or(1 << (substr(day, 9, 2)::int - 1))
      FROM flipped
     GROUP BY left(day, 7), centre_id, person_kind, person_id
    ON CONFLICT ON CONSTRAINT report_attendance_months_key
    DO UPDATE SET days = m.days # excluded.days$q$, o, n)),
  -- Servings, each under its own category and mode.
  (2, 'meals', format($q$
    INSERT INTO report_meal_days AS s (day, centre_id, meal_type, category, mode, served, claimable)
    SELECT day, centre_id, meal_type, category, mode, sum(delta), 0
      FROM (SELECT d.data->>'day' AS day, d.centre_id, d.data->>'mealType' AS meal_type,
                   d.data->>'subsidyCategory' AS category,
                   coalesce(d.data->>'mode', 'dineIn') AS mode, d.delta
              FROM (SELECT *, -1 AS delta FROM %1$s UNION ALL SELECT *, 1 FROM %2$s) d
             WHERE d.collection = 'meals' AND NOT d.deleted AND d.data->>'kind' = 'serving'
               AND d.data->>'day' IS NOT NULL) changes
     GROUP BY day, centre_id, meal_type, category, mode
    HAVING sum(delta) <> 0
    ON CONFLICT ON CONSTRAINT report_meal_days_key
    DO UPDATE SET served = s.served + excluded.served$q$, o, n)),
  -- The serving that counted for each person, type and day touched is no longer claimed…
  (3, 'meals', format($q$
    WITH touched AS (%1$s), gone AS (
      DELETE FROM report_meal_firsts f USING touched t
       WHERE f.centre_id = t.centre_id AND f.day = t.day
         AND f.member_id IS NOT DISTINCT FROM t.member_id
         AND f.meal_type IS NOT DISTINCT FROM t.meal_type
      RETURNING f.*
    )
    INSERT INTO report_meal_days AS s (day, centre_id, meal_type, category, mode, served, claimable)
    SELECT day, centre_id, meal_type, category, mode, 0, -count(*) FROM gone
     GROUP BY day, centre_id, meal_type, category, mode
    ON CONFLICT ON CONSTRAINT report_meal_days_key
    DO UPDATE SET claimable = s.claimable + excluded.claimable$q$, meals_touched)),
  -- …and the one that counts now, read from the documents as they stand, is.
  (4, 'meals', format($q$
    WITH touched AS (%1$s), firsts AS (
      SELECT DISTINCT ON (t.centre_id, t.day, t.member_id, t.meal_type)
             t.centre_id, t.day, t.member_id, t.meal_type,
             d.data->>'subsidyCategory' AS category, coalesce(d.data->>'mode', 'dineIn') AS mode
        FROM touched t
        JOIN documents d
          ON d.collection = 'meals' AND d.data->>'day' = t.day AND d.centre_id = t.centre_id
       WHERE NOT d.deleted AND d.data->>'kind' = 'serving'
         AND d.data->>'memberId' IS NOT DISTINCT FROM t.member_id
         AND d.data->>'mealType' IS NOT DISTINCT FROM t.meal_type
       ORDER BY t.centre_id, t.day, t.member_id, t.meal_type,
                report_instant(d.data->>'servedAt'), d.id COLLATE "C"
    ), kept AS (
      INSERT INTO report_meal_firsts SELECT * FROM firsts RETURNING *
    )
    INSERT INTO report_meal_days AS s (day, centre_id, meal_type, category, mode, served, claimable)
    SELECT day, centre_id, meal_type, category, mode, 0, count(*) FROM kept
     GROUP BY day, centre_id, meal_type, category, mode
    ON CONFLICT ON CONSTRAINT report_meal_days_key
    DO UPDATE SET claimable = s.claimable + excluded.claimable$q$, meals_touched)),
  -- Activity marks: each member's latest mark at each session touched, read again.
  (5, 'activities', format($q$
    DELETE FROM report_activity_latest l
     USING (%1$s) t
     WHERE l.date = t.date AND l.centre_id = t.centre_id
       AND l.plan_id IS NOT DISTINCT FROM t.plan_id AND l.member_id = t.member_id$q$, marks_touched)),
  (6, 'activities', format($q$
    WITH touched AS (%1$s)
    INSERT INTO report_activity_latest (date, centre_id, plan_id, member_id, present)
    SELECT DISTINCT ON (t.date, t.centre_id, t.plan_id, t.member_id)
           t.date, t.centre_id, t.plan_id, t.member_id, (d.data->>'present')::boolean
      FROM touched t
      JOIN documents d
        ON d.collection = 'activities' AND d.data->>'date' = t.date AND d.centre_id = t.centre_id
     WHERE NOT d.deleted AND d.data->>'kind' = 'attendance'
       AND d.data->>'planId' IS NOT DISTINCT FROM t.plan_id
       AND d.data->>'memberId' = t.member_id AND d.data->>'present' IS NOT NULL
     ORDER BY t.date, t.centre_id, t.plan_id, t.member_id,
              report_instant(d.data->>'recordedAt') DESC, d.id COLLATE "C" DESC$q$, marks_touched))
) AS statements (nth, collection, statement)
WHERE collection = ANY (collections)
$fn$;

-- After every statement that writes documents, in its transaction.
CREATE FUNCTION report_summaries_after_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  none CONSTANT text := '(SELECT * FROM documents WHERE false) AS no_rows';
  o text := CASE WHEN TG_OP = 'INSERT' THEN none ELSE 'old_rows' END;
  n text := CASE WHEN TG_OP = 'DELETE' THEN none ELSE 'new_rows' END;
  touched text[];
  statement text;
BEGIN
  -- Only the statements of the collections the write touched (most pushes touch one).
  EXECUTE format(
    $q$SELECT array_agg(DISTINCT collection)
         FROM (SELECT collection FROM %s UNION ALL SELECT collection FROM %s) written
        WHERE collection IN ('attendance', 'meals', 'activities')$q$,
    o, n) INTO touched;
  IF touched IS NOT NULL THEN
    FOREACH statement IN ARRAY report_summaries_sql(o, n, touched) LOOP
      EXECUTE statement;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event a trigger: three triggers, one function.
CREATE TRIGGER documents_report_summaries_insert AFTER INSERT ON documents
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_summaries_after_write();
CREATE TRIGGER documents_report_summaries_update AFTER UPDATE ON documents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_summaries_after_write();
CREATE TRIGGER documents_report_summaries_delete AFTER DELETE ON documents
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_summaries_after_write();

-- Every summary worked out again from the documents alone (the migration fills them so; the tests
-- compare what the triggers kept with this).
CREATE FUNCTION report_summaries_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  statement text;
BEGIN
  TRUNCATE report_attendance_days, report_attendance_months, report_meal_days, report_meal_firsts, report_activity_latest;
  FOREACH statement IN ARRAY report_summaries_sql('(SELECT * FROM documents WHERE false) AS no_rows', 'documents',
                                          ARRAY['attendance', 'meals', 'activities']) LOOP
    EXECUTE statement;
  END LOOP;
END $$;

SELECT report_summaries_rebuild();

-- The statistics above, and the new tables', before the first report reads them.
ANALYZE documents;
ANALYZE report_attendance_days, report_attendance_months, report_meal_days, report_meal_firsts,
  report_activity_latest;
