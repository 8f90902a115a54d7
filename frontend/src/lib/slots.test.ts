import { describe, expect, it } from 'vitest';
import { slots } from './slots';

describe('slots', () => {
  it('cuts a message at its slots, in the order the language puts them', () => {
    const en = (s: { key: string }) => `${s.key} shows all in the register`;
    const zh = (s: { key: string }) => `按 ${s.key} 在登記冊中顯示全部`;
    expect(slots(en, ['key'])).toEqual([{ slot: 'key' }, { text: ' shows all in the register' }]);
    expect(slots(zh, ['key'])).toEqual([{ text: '按 ' }, { slot: 'key' }, { text: ' 在登記冊中顯示全部' }]);
  });

  it('keeps two slots apart and in order', () => {
    const msg = (s: { file: string; bak: string }) => `Kept ${s.bak} beside ${s.file}.`;
    expect(slots(msg, ['file', 'bak'])).toEqual([{ text: 'Kept ' }, { slot: 'bak' }, { text: ' beside ' }, { slot: 'file' }, { text: '.' }]);
  });

  it('leaves a message without slots whole', () => {
    expect(slots(() => 'Nothing to mark.', ['x'])).toEqual([{ text: 'Nothing to mark.' }]);
  });
});
