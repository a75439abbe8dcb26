/**
 * Members in care at a month's end, as an SQL condition on the member row `p` with the month's
 * last day as `$1`: active, or left after that day, or erased after it (an erased shell keeps no
 * leaving day: its last change, the erasure, by the hybrid clock's wall time, shared/hlc.ts), so
 * a past month's report stays as it was after an erasure (shared/rules/erasure.ts).
 */
export const IN_CARE_AT_MONTH_END = `CASE coalesce(p.data->>'status', 'active')
         WHEN 'active' THEN true
         WHEN 'left' THEN p.data->>'leftOn' > $1
         WHEN 'erased' THEN p.data->>'updatedAt' !~ '^[0-9]{13,}-'
           OR to_char(to_timestamp(split_part(p.data->>'updatedAt', '-', 1)::bigint / 1000.0)
                AT TIME ZONE 'UTC', 'YYYY-MM-DD') > $1
         ELSE false
       END`;
