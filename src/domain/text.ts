/**
 * What no name or free text of the ledger may hold: line breaks and control characters (a
 * forged extra line on a receipt), zero-width and invisible characters, variation selectors and
 * tags (a second "赵监督" that looks like the first), and bidirectional marks (a text read
 * differently from what is stored).
 */
const FORBIDDEN_IN_TEXT = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/u;

export const hasForbiddenText = (s: string): boolean => FORBIDDEN_IN_TEXT.test(s);
