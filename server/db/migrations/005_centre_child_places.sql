-- A centre's licensed child places (托位数), entered by a district admin on the dashboard: the
-- monthly report's child-place use rate is child attendance days ÷ (places × open days). Null until
-- someone records it; the bounds keep a typing slip (10000 for 100) out of the district's rate.
-- Never edit a migration once it has landed.
ALTER TABLE centres ADD COLUMN child_places integer
  CONSTRAINT centres_child_places_range CHECK (child_places BETWEEN 0 AND 1000);
