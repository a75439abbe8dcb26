-- Issue 18, part 4: the monthly report's visit-list figures read what they need without reading
-- every visit ever recorded (server/district/reports.ts LISTINGS_SQL, VISITS_SQL,
-- VISIT_COUNTS_SQL). Never edit a migration once it has landed; add a new file.

-- The visit lists of the centres (a few per elder, among years of visits).
CREATE INDEX IF NOT EXISTS documents_visit_listings_idx
  ON documents (centre_id)
  WHERE collection = 'visits' AND (data ->> 'kind') = 'listing';

-- Visits by their recorded instant as written: a window of days of all centres, and each elder's
-- latest visits before a day.
CREATE INDEX IF NOT EXISTS documents_visits_at_idx
  ON documents ((data ->> 'at'), centre_id)
  WHERE collection = 'visits' AND (data ->> 'kind') = 'visit';
CREATE INDEX IF NOT EXISTS documents_visits_member_at_idx
  ON documents ((data ->> 'memberId'), (data ->> 'at'))
  WHERE collection = 'visits' AND (data ->> 'kind') = 'visit';
