-- 0011: the units with a move-in day or an end, without reading every registration.
--
-- A disclosure (and `budget`) counts the units living here in a fee year (domain/projection.ts
-- `livesInYear`): every unit registered, less those that moved in after the year or had ended
-- before it. Only the units with a move-in day (`since` in a registration's detail) or an end
-- can be out, a few hundred of ten thousand; db/register-repo.ts `householdStays` reads theirs.
-- Without this index SQLite takes `since` out of the detail of every registration (about 7 ms
-- in a district); with it, it reads the few entries the index holds. Like entries_register_households
-- it is a partial index, used only by a query that spells its condition out with literals,
-- which that query does, naming it (INDEXED BY).
CREATE INDEX entries_dated_stays ON entries (household)
  WHERE kind = 'household_end' OR (kind = 'household' AND json_extract(detail, '$.since') IS NOT NULL);
