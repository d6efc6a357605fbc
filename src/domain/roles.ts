import { text, type Text } from './errors.js';

export type Role = 'chair' | 'collector' | 'reimburser' | 'supervisor';
export const ROLES: readonly Role[] = ['chair', 'collector', 'reimburser', 'supervisor'];

export const ROLE_NAMES: Record<Role, Text> = {
  chair: text('物管会主任', 'chair'),
  collector: text('收费记账人', 'collector'),
  reimburser: text('支出报账人', 'reimburser'),
  supervisor: text('监督人', 'supervisor'),
};

/** 收支两条线: the person who takes money in never also pays it out. */
export function conflictingRole(role: Role): Role | null {
  if (role === 'collector') return 'reimburser';
  if (role === 'reimburser') return 'collector';
  return null;
}

/**
 * Who records each kind of entry (收支两条线): the roles the writer checks on the day a record
 * is entered, and `verify` checks again on replay. A void is recorded by the line of what it
 * voids (VOIDERS).
 */
export const RECORDERS: Readonly<Record<string, readonly Role[]>> = {
  charge: ['chair'],
  collection: ['collector'],
  income: ['collector'],
  expense: ['reimburser'],
  waiver: ['chair', 'collector'],
  refund: ['collector'],
  vote: ['chair'],
  ballot: ['chair'],
  vote_close: ['chair'],
  lock: ['chair'],
  household: ['chair'],
  transfer: ['chair'],
  correction: ['chair'],
  household_end: ['chair'],
  appointment: ['chair'],
  role_end: ['chair'],
  handover: ['chair'],
  fee_standard: ['chair'],
  setting: ['chair'],
  category: ['chair'],
};
// (A `key` entry is recorded by whoever is given or changes a key; `key reset` by the chair.)

/** Who voids what: each line corrects its own records. */
export const VOIDERS: Readonly<Record<string, readonly Role[]>> = {
  collection: ['collector'],
  income: ['collector'],
  expense: ['reimburser'],
  waiver: ['chair', 'collector'],
};
