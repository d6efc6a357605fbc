/** The disclosure as JSON: the value itself (the contract's shape plus the extra sections). */
import type { Disclosure } from '../disclosure.js';

export function disclosureJson(r: Disclosure): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
