/** `district report`: every compound of the store side by side, each verified. */
import type { Period } from '../domain/period.js';
import type { LedgerDb } from '../db/open-database.js';
import { eachCompound } from '../db/open-store.js';
import { disclosureReport } from '../reports/disclosure.js';
import { districtReport, districtRow, type DistrictReport, type DistrictRow } from '../reports/district.js';
import { verifyLedger } from './integrity.js';

export async function districtOverview(ledger: LedgerDb, period: Period, now: Date): Promise<DistrictReport> {
  const rows: DistrictRow[] = [];
  for await (const compound of eachCompound(ledger)) {
    const check = await verifyLedger(compound, now);
    rows.push(districtRow(await disclosureReport(compound, period, now), check));
  }
  return districtReport(period, rows);
}
