import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToText, fileToBase64, viewKind } from './attachments';

describe('viewKind', () => {
  it.each([
    ['application/pdf', 'cmc.pdf', 'pdf'],
    ['application/octet-stream', 'CMC Summary.PDF', 'pdf'],
    ['image/png', 'site.png', 'image'],
    ['text/plain; charset=utf-8', 'notes.txt', 'text'],
    ['message/rfc822', 'reply.eml', 'text'],
    ['application/octet-stream', 'reply.eml', 'text'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'plan.xlsx', 'none'],
    ['', 'unknown.bin', 'none'],
  ])('%s %s', (mime, name, want) => {
    expect(viewKind(mime, name)).toBe(want);
  });
});

describe('base64', () => {
  it('round-trips bytes, including a large file', () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
  });
  it('reads a file', async () => {
    const text = 'RFI reply 回覆 🧬';
    const b64 = await fileToBase64(new Blob([text]));
    expect(bytesToText(base64ToBytes(b64))).toBe(text);
  });
});
