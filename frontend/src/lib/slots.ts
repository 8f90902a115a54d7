// A message with markup inside it (a <strong>, a <kbd>, a link button):
// the catalog holds the whole sentence with a placeholder where the markup
// goes ("{key} shows all in the register" / "按 {key} 在登記冊中顯示全部"),
// so each language puts it where its word order wants it. The message is
// rendered with a marker in each slot and cut at the markers; the template
// draws the text pieces as text and each slot as its own element:
//
//   {#each slots((s) => m.shell_quick_enter_all({ key: s.key }), ['key']) as p}
//     {#if p.slot === 'key'}<kbd>Enter</kbd>{:else}{p.text}{/if}
//   {/each}

/** A piece of a message: plain text, or the place of a named slot. */
export type Piece<K extends string> = { text: string; slot?: undefined } | { slot: K; text?: undefined };

const open = '\uE000';
const close = '\uE001';

/**
 * Renders a message with a marker in each named slot and returns its pieces
 * in order: text runs (never empty) and slots. A slot the message does not
 * use is simply absent.
 */
export function slots<K extends string>(render: (marks: Record<K, string>) => string, names: readonly K[]): Piece<K>[] {
  const marks = Object.fromEntries(names.map((n, i) => [n, `${open}${i}${close}`])) as Record<K, string>;
  const out: Piece<K>[] = [];
  for (const part of render(marks).split(new RegExp(`(${open}\\d+${close})`, 'u'))) {
    if (!part) continue;
    const m = new RegExp(`^${open}(\\d+)${close}$`, 'u').exec(part);
    if (m && names[Number(m[1])] !== undefined) out.push({ slot: names[Number(m[1])] });
    else out.push({ text: part });
  }
  return out;
}
