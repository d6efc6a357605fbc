-- The units with a move-in day or an end (schema/0011_dated_stays.sql says why): db/register-repo.ts
-- `householdStays` reads their entries through it, not the detail of every registration.
CREATE INDEX entries_dated_stays ON entries (household)
  WHERE kind = 'household_end' OR (kind = 'household' AND ((detail)::json ->> 'since') IS NOT NULL);
