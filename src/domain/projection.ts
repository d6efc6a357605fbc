/**
 * State is a projection of the journal: the register, the committee and the rules as the
 * register entries (entry-kinds.ts) make them, applied in recording order. The writers build
 * one from the ledger before they check a rule; `verify` builds a fresh one while it replays
 * the whole journal, and asks it the same questions, so a rule means the same in both places.
 */
import type { AreaCenti } from './area.js';
import { isoDate, type IsoDate } from './dates.js';
import { DEFAULT_SETTINGS, type FeeBasis, type Line, type RegisterEntry, type SealedKey, type Settings } from './entry-kinds.js';
import type { FeeStandard } from './fees.js';
import type { Role } from './roles.js';

/** One owner of a unit over a stretch of time (`to` is the day the next owner took over). */
export interface Ownership {
  name: string;
  ownerId: string | null;
  phone: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
}

/** A unit of the register as the journal makes it. */
export interface Household {
  code: string;
  areaCenti: AreaCenti;
  /** The move-in day given at registration: billed from it, counted by votes from it. */
  since: IsoDate | null;
  registeredOn: IsoDate;
  registeredSeq: number;
  owners: Ownership[];
  /** 迁出: from this day the unit is off the register. */
  ended: IsoDate | null;
}

/** A person's tenure of a role: from its first day up to (not including) `to`. */
export interface Tenure {
  person: string;
  role: Role;
  from: IsoDate;
  to: IsoDate | null;
  seq: number;
}

/** A person's key from the entry that registered it (seq) until a later one replaced it. */
export interface PersonKey {
  seq: number;
  date: IsoDate;
  publicKey: string;
  fingerprint: string;
  sealed: SealedKey;
}

export interface Category {
  line: Line;
  name: string;
  nameEn: string | null;
}

/** The contract's categories; a ledger adds its own with `category add`. */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  ['expense', '保洁', 'cleaning'],
  ['expense', '门卫', 'gate'],
  ['expense', '绿化', 'greening'],
  ['expense', '维修', 'repairs'],
  ['expense', '公共水电', 'utilities'],
  ['expense', '垃圾清运', 'waste'],
  ['expense', '办公', 'office'],
  ['expense', '保险', 'insurance'],
  ['expense', '人员工资', 'wages'],
  ['expense', '其他', 'other'],
  ['income', '停车费', 'parking'],
  ['income', '广告', 'advertising'],
  ['income', '场地租金', 'rent'],
  ['income', '充电桩', 'ev-charging'],
  ['income', '废品', 'recycling'],
  ['income', '利息', 'interest'],
  ['income', '其他', 'other'],
].map(([line, name, nameEn]) => ({ line: line as Line, name: name!, nameEn: nameEn! }));

/** "Lives here in year": on the register at some time in `year` (the one definition). */
export function livesInYear(h: Pick<Household, 'since' | 'ended'>, year: number): boolean {
  if (h.since !== null && h.since > isoDate(year, 12, 31)) return false;
  if (h.ended !== null && h.ended <= isoDate(year, 1, 1)) return false;
  return true;
}

/** On the register on `date`: moved in by then and not yet ended. */
export function onRegister(h: Pick<Household, 'since' | 'ended'>, date: IsoDate): boolean {
  return (h.since === null || h.since <= date) && (h.ended === null || date < h.ended);
}

/** The owner of record on `date` (before the first transfer, the registered owner). */
export function ownerOn(h: Household, date: IsoDate): Ownership {
  let current = h.owners[0]!;
  for (const o of h.owners) if (o.from === null || o.from <= date) current = o;
  return current;
}

/**
 * The name of the owner of record of unit `code` on `date` in `register` ('' for a code never
 * registered): arrears stay with the unit, and a list of who owes names whoever held it that day.
 */
export function ownerNameOn(register: ReadonlyMap<string, Household>, code: string, date: IsoDate): string {
  const h = register.get(code);
  return h ? ownerOn(h, date).name : '';
}

export const currentOwner = (h: Household): Ownership => h.owners[h.owners.length - 1]!;

/**
 * Who an owner is for counting heads (第278条): the owner id when given, else the name, so
 * that two owners called 张伟 with different ids count twice and one name is one owner.
 */
export const ownerKey = (o: Pick<Ownership, 'name' | 'ownerId'>): string => (o.ownerId ? `${o.name}#${o.ownerId}` : o.name);

export class Projection {
  readonly households = new Map<string, Household>();
  readonly tenures: Tenure[] = [];
  readonly fees = new Map<number, FeeStandard & { seq: number }>();
  readonly settings: Settings = { ...DEFAULT_SETTINGS };
  readonly categories: Category[] = [...DEFAULT_CATEGORIES];
  /** Each person's keys in the order registered; the last is the one in use. */
  readonly keys = new Map<string, PersonKey[]>();
  /** The seq of the entry that brought an older ledger's registers into the journal, if any. */
  upgradeSeq: number | null = null;
  lastSeq = 0;

  apply(e: RegisterEntry): void {
    this.lastSeq = e.seq;
    switch (e.kind) {
      case 'household':
        this.households.set(e.code, {
          code: e.code,
          areaCenti: e.areaCenti,
          since: e.since,
          registeredOn: e.date,
          registeredSeq: e.seq,
          owners: [{ name: e.owner, ownerId: e.ownerId, phone: e.phone, from: e.since, to: null }],
          ended: null,
        });
        return;
      case 'transfer': {
        const h = this.households.get(e.code);
        if (!h) return;
        currentOwner(h).to = e.date;
        h.owners.push({ name: e.owner, ownerId: e.ownerId, phone: e.phone, from: e.date, to: null });
        return;
      }
      case 'correction': {
        const h = this.households.get(e.code);
        if (!h) return;
        const o = currentOwner(h);
        if (e.owner !== undefined) o.name = e.owner;
        if (e.ownerId !== undefined) o.ownerId = e.ownerId;
        if (e.phone !== undefined) o.phone = e.phone;
        if (e.areaCenti !== undefined) h.areaCenti = e.areaCenti;
        return;
      }
      case 'household_end': {
        const h = this.households.get(e.code);
        if (h) h.ended = e.date;
        return;
      }
      case 'appointment':
        this.tenures.push({ person: e.person, role: e.role, from: e.date, to: null, seq: e.seq });
        return;
      case 'role_end':
        this.endTenure(e.person, e.role, e.date);
        return;
      case 'handover':
        this.endTenure(e.from, e.role, e.date);
        this.tenures.push({ person: e.to, role: e.role, from: e.date, to: null, seq: e.seq });
        return;
      case 'fee_standard':
        this.fees.set(e.year, { rateFen: e.rateFen, per: e.per, seq: e.seq });
        return;
      case 'setting':
        (this.settings as unknown as Record<string, unknown>)[e.key] = e.value;
        return;
      case 'category':
        this.categories.push({ line: e.line, name: e.name, nameEn: e.nameEn });
        return;
      case 'upgrade':
        this.upgradeSeq ??= e.seq;
        return;
      case 'key': {
        const list = this.keys.get(e.person) ?? [];
        list.push({ seq: e.seq, date: e.date, publicKey: e.publicKey, fingerprint: e.fingerprint, sealed: e.sealed });
        this.keys.set(e.person, list);
        return;
      }
    }
  }

  /** The key `person` signs with now (their latest), if they have one. */
  currentKey(person: string): PersonKey | undefined {
    const list = this.keys.get(person);
    return list?.[list.length - 1];
  }

  /** The key `person` held just before entry `seq` was appended. */
  keyBefore(person: string, seq: number): PersonKey | undefined {
    let found: PersonKey | undefined;
    for (const k of this.keys.get(person) ?? []) if (k.seq < seq) found = k;
    return found;
  }

  private endTenure(person: string, role: Role, date: IsoDate): void {
    for (const t of this.tenures) if (t.person === person && t.role === role && t.to === null) t.to = date;
  }

  /** Whether `person` holds `role` on `date`. */
  holds(person: string, role: Role, date: IsoDate): boolean {
    return this.tenures.some((t) => t.person === person && t.role === role && t.from <= date && (t.to === null || date < t.to));
  }

  rolesOn(person: string, date: IsoDate): Role[] {
    return [...new Set(this.tenures.filter((t) => t.person === person && t.from <= date && (t.to === null || date < t.to)).map((t) => t.role))];
  }

  /** Who holds `role` on `date`, in the order they were appointed (signature lines). */
  holdersOn(role: Role, date: IsoDate): string[] {
    return [...new Set(this.tenures.filter((t) => t.role === role && t.from <= date && (t.to === null || date < t.to)).map((t) => t.person))];
  }

  /** Tenures in force on `date` (or every tenure, without a date). */
  tenuresOn(date?: IsoDate): Tenure[] {
    return this.tenures.filter((t) => date === undefined || (t.from <= date && (t.to === null || date < t.to)));
  }

  /** The people the ledger knows: everyone ever given a role. */
  people(): string[] {
    return [...new Set(this.tenures.map((t) => t.person))];
  }

  /** The fee standard of a year: the one set for it, else the default from `init`, per household. */
  feeFor(year: number): FeeStandard & { set: boolean } {
    const f = this.fees.get(year);
    return f ? { rateFen: f.rateFen, per: f.per, set: true } : { rateFen: this.settings.defaultFeeFen, per: 'household', set: false };
  }

  householdList(): Household[] {
    return [...this.households.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  /** Units on the register on `date`, each with its owner of that day. */
  registerOn(date: IsoDate): { household: Household; owner: Ownership }[] {
    return this.householdList()
      .filter((h) => onRegister(h, date))
      .map((h) => ({ household: h, owner: ownerOn(h, date) }));
  }

  /** Category of a line by its Chinese or English name (English case-insensitive). */
  findCategory(line: Line, name: string): Category | undefined {
    const n = name.trim();
    return this.categories.find((c) => c.line === line && (c.name === n || (c.nameEn !== null && c.nameEn.toLowerCase() === n.toLowerCase())));
  }

  /** Other units whose owner counts as the same person (same name, no id to tell them apart): the namesake warning. */
  namesakes(code: string): string[] {
    const h = this.households.get(code);
    if (!h) return [];
    const o = currentOwner(h);
    return this.householdList()
      .filter((x) => x.code !== code && x.ended === null)
      .filter((x) => ownerKey(currentOwner(x)) === ownerKey(o))
      .map((x) => x.code);
  }
}

export type { FeeBasis };
