-- The centres overview counts a day's and a month's visits of every centre: find them by day
-- without reading the whole attendance history. Never edit a migration once it has landed.
CREATE INDEX documents_attendance_day_idx ON documents ((data->>'day'), centre_id)
  WHERE collection = 'attendance';
