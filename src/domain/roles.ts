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
