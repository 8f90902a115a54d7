import { describe, expect, it } from 'vitest';
import { exportText, kindLabel } from './history';

describe('history of what left the register', () => {
  it('keeps the backend sentence', () => {
    const detail = 'Briefing pack BRF-20260302-AAAA for Prof. Example (copy 2), saved as brief-2.pdf';
    expect(exportText({ field: 'brief', new: 'brief-2.pdf', detail })).toBe(detail);
    // a form's sentence (its kind has no label of its own here), in either language
    for (const d of ['RFI form RF-20260302-ABC, saved as form.pdf', 'form RF-20260302-ABC, saved as form.pdf', '資料邀請表格 RF-20260302-ABC，已儲存為 form.pdf'])
      expect(exportText({ field: 'form', new: 'form.pdf', detail: d })).toBe(d);
  });
  it('words an older line, never "(empty)" or a raw kind', () => {
    expect(exportText({ field: 'brief', new: '/tmp/fictional/pack.pdf', detail: 'brief BRF-2025-0001 for Prof. Example, copy 2' })).toBe(
      'Briefing pack BRF-2025-0001 for Prof. Example (copy 2), saved as pack.pdf',
    );
    expect(exportText({ field: 'export', new: 'register-export.xlsx', detail: 'export EXP-1' })).toBe('Register export EXP-1, saved as register-export.xlsx');
    expect(exportText({ field: 'letter', new: '', detail: '' })).toBe('Letter');
  });
  it('names every kind', () => {
    for (const k of ['brief', 'demand', 'export', 'calendar', 'letter', 'sheet']) expect(kindLabel(k)).not.toBe('Document');
  });
});
