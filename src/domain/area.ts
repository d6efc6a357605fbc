/**
 * Area is kept as an integer number of hundredths of a square metre, as the property register
 * gives it to two decimals: the 第278条 tallies add and compare it exactly. These are its edges.
 */
export type AreaCenti = number;

/** `8650` -> `86.50`, for text and tables. */
export const formatArea = (centi: AreaCenti): string => `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;

/** `8650` -> `86.5`, square metres as a JSON number (`area_m2`); only ever an output. */
export const areaM2 = (centi: AreaCenti): number => Number(formatArea(centi));
