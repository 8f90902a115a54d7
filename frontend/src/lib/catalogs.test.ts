// The window's message catalogs (frontend/messages/**/{en,zh-HK}.json, one
// pair per area) hold the same keys, each with the same placeholders, no
// empty text, and no key in two areas. `make test` runs this with the
// frontend unit tests.
import { describe, expect, it } from 'vitest';

type Catalog = Record<string, unknown>;

const files = import.meta.glob<Catalog>('../../messages/**/*.json', { eager: true, import: 'default' });

/** The areas: '' for the common catalog, then each folder's. */
function areas(): string[] {
  const out = new Set<string>();
  for (const f of Object.keys(files)) out.add(f.replace(/^\.\.\/\.\.\/messages\//, '').replace(/\/?[^/]+\.json$/, ''));
  return [...out].sort();
}

function load(area: string, lang: string): Catalog {
  const c = files[`../../messages/${area ? area + '/' : ''}${lang}.json`];
  if (!c) throw new Error(`messages/${area ? area + '/' : ''}${lang}.json is missing`);
  const copy = { ...c };
  delete copy.$schema;
  return copy;
}

/** Every text of a message: a plain string, or a plural's variants. */
function texts(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => Object.values((x as { match: Record<string, string> }).match ?? {}));
  return [];
}

function placeholders(v: unknown): string[] {
  const names = new Set<string>();
  for (const t of texts(v)) for (const m of t.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

describe('message catalogs', () => {
  const seen = new Map<string, string>();
  for (const area of areas()) {
    const name = area || '(common)';
    it(`${name}: English and Chinese hold the same keys and placeholders`, () => {
      const en = load(area, 'en');
      const zh = load(area, 'zh-HK');
      expect(Object.keys(zh).sort(), `keys of ${name}/zh-HK.json`).toEqual(Object.keys(en).sort());
      for (const k of Object.keys(en)) {
        expect(placeholders(zh[k]), `placeholders of ${k}`).toEqual(placeholders(en[k]));
        for (const t of [...texts(en[k]), ...texts(zh[k])]) expect(t.trim(), `text of ${k}`).not.toBe('');
        expect(texts(en[k]).length, `${k} has text`).toBeGreaterThan(0);
      }
    });
    it(`${name}: no key is also in another area`, () => {
      for (const k of Object.keys(load(area, 'en'))) {
        expect(seen.get(k), `${k} is in ${seen.get(k)} and ${name}`).toBeUndefined();
        seen.set(k, name);
      }
    });
  }
});
