import { describe, expect, it } from 'vitest';
import { areas, formatHash, parseHash } from '../../lib/router.svelte';

describe('the import route', () => {
  it('parses and formats #/import without being a sidebar area', () => {
    expect(parseHash('#/import').area).toBe('import');
    expect(formatHash({ area: 'import' })).toBe('#/import');
    expect(areas.map((a) => a.id as string)).not.toContain('import');
  });
});
