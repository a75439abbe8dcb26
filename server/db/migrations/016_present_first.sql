-- Issue 18, part 1: a new desk's first pull of attendance brings who is in and today's visits
-- ahead of the history (server/sync/service.ts PRESENT_SQL). Today's visits are found by
-- documents_attendance_day_idx (003); the visits still open need their own index, as a few among
-- years of closed ones. Never edit a migration once it has landed; add a new file.
CREATE INDEX IF NOT EXISTS documents_attendance_open_idx ON documents (centre_id, seq)
  WHERE collection = 'attendance' AND (data ->> 'status') = 'in';
