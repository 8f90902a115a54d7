// Invisible characters shown visibly. Names and one-line fields refuse the
// bidirectional controls and zero-width characters (internal/register), but
// long texts (notes, answers, emails, file names from outside) may hold
// them: one can reorder what follows ("invoice\u202Efdp.exe" shows as
// "invoiceexe.pdf") or make two texts that look the same differ. The
// window shows each as a small labelled mark in its place, so the text
// reads as it is stored.

/** The invisible characters shown as marks: short label and name. */
export const INVISIBLE: Record<string, { label: string; name: string }> = {
  '\u061c': { label: 'ALM', name: 'Arabic letter mark' },
  '\u180e': { label: 'MVS', name: 'Mongolian vowel separator' },
  '\u200b': { label: 'ZWSP', name: 'zero-width space' },
  '\u200c': { label: 'ZWNJ', name: 'zero-width non-joiner' },
  '\u200d': { label: 'ZWJ', name: 'zero-width joiner' },
  '\u200e': { label: 'LRM', name: 'left-to-right mark' },
  '\u200f': { label: 'RLM', name: 'right-to-left mark' },
  '\u202a': { label: 'LRE', name: 'left-to-right embedding' },
  '\u202b': { label: 'RLE', name: 'right-to-left embedding' },
  '\u202c': { label: 'PDF', name: 'pop directional formatting' },
  '\u202d': { label: 'LRO', name: 'left-to-right override' },
  '\u202e': { label: 'RLO', name: 'right-to-left override' },
  '\u2060': { label: 'WJ', name: 'word joiner' },
  '\u2066': { label: 'LRI', name: 'left-to-right isolate' },
  '\u2067': { label: 'RLI', name: 'right-to-left isolate' },
  '\u2068': { label: 'FSI', name: 'first strong isolate' },
  '\u2069': { label: 'PDI', name: 'pop directional isolate' },
  '\ufeff': { label: 'BOM', name: 'zero-width no-break space' },
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

/** "1 invisible character (right-to-left override, U+202E)" for a field's hint; "" when none. */
export function invisibleSummary(text: string): string {
  const marks = segments(text).filter((s): s is { mark: string; code: string; name: string } => 'mark' in s);
  if (!marks.length) return '';
  const kinds = [...new Map(marks.map((m) => [m.code, `${m.name}, ${m.code}`])).values()];
  return `${marks.length} invisible character${marks.length === 1 ? '' : 's'} (${kinds.join('; ')})`;
}
