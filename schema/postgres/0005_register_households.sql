-- The register entries of some households, one seek per household (schema/0010_register_households.sql
-- says why): db/register-repo.ts `loadHouseholds` reads the owing households' entries through it.
CREATE INDEX entries_register_households ON entries (household, seq)
  WHERE kind IN ('household', 'transfer', 'correction', 'household_end');
