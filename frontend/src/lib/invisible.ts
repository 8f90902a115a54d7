// Invisible characters shown visibly. Names and one-line fields refuse the
// bidirectional controls and zero-width characters (internal/register), but
// long texts (notes, answers, emails, file names from outside) may hold
// them: one can reorder what follows ("invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf") or make two texts that look the same differ. The
// window shows each as a small labelled mark in its place, so the text
// reads as it is stored.
import { m } from '../paraglide/messages';

/** The invisible characters shown as marks: the short label (Unicode's
 * abbreviation, the same in every language) and the name, in the window's
 * language when it is read. */
export const INVISIBLE: Record<string, { label: string; readonly name: string }> = {
  '\u061c': { label: 'ALM', get name() { return m.shell_inv_alm(); } },
  '\u180e': { label: 'MVS', get name() { return m.shell_inv_mvs(); } },
  '\u200b': { label: 'ZWSP', get name() { return m.shell_inv_zwsp(); } },
  '\u200c': { label: 'ZWNJ', get name() { return m.shell_inv_zwnj(); } },
  '\u200d': { label: 'ZWJ', get name() { return m.shell_inv_zwj(); } },
  '\u200e': { label: 'LRM', get name() { return m.shell_inv_lrm(); } },
  '\u200f': { label: 'RLM', get name() { return m.shell_inv_rlm(); } },
  '\u202a': { label: 'LRE', get name() { return m.shell_inv_lre(); } },
  '\u202b': { label: 'RLE', get name() { return m.shell_inv_rle(); } },
  '\u202c': { label: 'PDF', get name() { return m.shell_inv_pdf(); } },
  '\u202d': { label: 'LRO', get name() { return m.shell_inv_lro(); } },
  '\u202e': { label: 'RLO', get name() { return m.shell_inv_rlo(); } },
  '\u2060': { label: 'WJ', get name() { return m.shell_inv_wj(); } },
  '\u2066': { label: 'LRI', get name() { return m.shell_inv_lri(); } },
  '\u2067': { label: 'RLI', get name() { return m.shell_inv_rli(); } },
  '\u2068': { label: 'FSI', get name() { return m.shell_inv_fsi(); } },
  '\u2069': { label: 'PDI', get name() { return m.shell_inv_pdi(); } },
  '\ufeff': { label: 'BOM', get name() { return m.shell_inv_bom(); } },
};

const pattern = new RegExp(`[${Object.keys(INVISIBLE).join('')}]`, 'u');
const splitter = new RegExp(`([${Object.keys(INVISIBLE).join('')}])`, 'u');

/** A run of ordinary text, or one invisible character as a mark. */
export type Segment = { text: string } | { mark: string; code: string; name: string };

/** Whether text holds an invisible character. */
export function hasInvisible(text: string): boolean {
  return pattern.test(text);
}

/** The text cut into ordinary runs and marks, in order. */
export function segments(text: string): Segment[] {
  if (!text || !hasInvisible(text)) return text ? [{ text }] : [];
  const out: Segment[] = [];
  for (const part of text.split(splitter)) {
    if (!part) continue;
    const inv = INVISIBLE[part];
    if (inv) out.push({ mark: inv.label, code: 'U+' + part.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), name: inv.name });
    else out.push({ text: part });
  }
  return out;
}

/** "1 invisible character (right-to-left override, U+202E)" for a field's hint, in the window's language; "" when none. */
export function invisibleSummary(text: string): string {
  const marks = segments(text).filter((s): s is { mark: string; code: string; name: string } => 'mark' in s);
  if (!marks.length) return '';
  const kinds = [...new Map(marks.map((k) => [k.code, m.shell_invisible_kind({ name: k.name, code: k.code })])).values()];
  return m.shell_invisible_summary({ count: marks.length, kinds: kinds.join(m.shell_list_sep()) });
}
