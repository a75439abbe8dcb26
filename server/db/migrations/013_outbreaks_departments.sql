-- Issue 17, part 4: the district sees outbreaks across centres and can report them.
-- Never edit a migration once it has landed; add a new file.

-- The township (街道/乡镇) a centre lies in: the cluster rule counts cases by township
-- (shared/rules/districtOutbreak.ts). Null until a district admin records it.
ALTER TABLE centres ADD COLUMN township text
  CONSTRAINT centres_township_length CHECK (char_length(township) BETWEEN 1 AND 40);

-- A dashboard account's department (shared/rules/departments.ts): civil affairs (民政), health
-- (卫健), disease control (疾控). Null: the district office, which sees all its role allows.
ALTER TABLE district_users ADD COLUMN department text
  CONSTRAINT district_users_department CHECK (department IN ('civil', 'health', 'cdc'));

-- The outbreak view reads a window of days of illness absences and health checks.
CREATE INDEX IF NOT EXISTS documents_outbreak_day_idx
  ON documents (collection, (data ->> 'day'))
  WHERE collection IN ('absences', 'health');
