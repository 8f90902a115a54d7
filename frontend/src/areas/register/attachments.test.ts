import { describe, expect, it } from 'vitest';
import { base64ToBytes, blobType, bytesToBase64, bytesToText, fileToBase64, viewKind } from './attachments';

describe('viewKind', () => {
  it.each([
    ['application/pdf', 'cmc.pdf', 'pdf'],
    ['application/octet-stream', 'CMC Summary.PDF', 'pdf'],
    ['image/png', 'site.png', 'image'],
    ['text/plain; charset=utf-8', 'notes.txt', 'text'],
    ['message/rfc822', 'reply.eml', 'email'],
    ['application/octet-stream', 'reply.eml', 'email'],
    ['application/vnd.ms-outlook', 'Reply.MSG', 'email'],
    ['', 'forwarded', 'none'],
    ['message/rfc822', 'forwarded', 'email'],
    ['text/plain', 'outlook.msg.txt', 'text'],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'plan.xlsx', 'none'],
    ['', 'unknown.bin', 'none'],
  ])('%s %s', (mime, name, want) => {
    expect(viewKind(mime, name)).toBe(want);
  });
});

describe('blobType', () => {
  // A hostile reply can be named and typed anything; none may become a live page.
  const hostile: [string, string][] = [
    ['text/html', 'reply.html'],
    ['text/html', 'reply.pdf'],
    ['image/svg+xml', 'logo.svg'],
    ['application/xhtml+xml', 'page.xhtml'],
    ['text/xml', 'data.xml'],
    ['image/png', 'site.png'],
    ['IMAGE/JPEG; charset=x', 'site.jpg'],
    ['application/pdf', 'cmc.pdf'],
    ['', 'unknown.bin'],
  ];
  it.each(hostile)('%s %s gets a safe type or none', (mime, name) => {
    const t = blobType(viewKind(mime, name), mime);
    expect(['', 'application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']).toContain(t);
  });
  it('types a file named .pdf as a PDF whatever it claims to be', () => {
    expect(blobType(viewKind('text/html', 'reply.pdf'), 'text/html')).toBe('application/pdf');
  });
  it('gives HTML, SVG and text no blob', () => {
    expect(blobType(viewKind('text/html', 'reply.html'), 'text/html')).toBe('');
    expect(blobType(viewKind('image/svg+xml', 'logo.svg'), 'image/svg+xml')).toBe('');
    expect(blobType('image', 'image/svg+xml')).toBe('');
  });
});

describe('base64', () => {
  it('round-trips bytes, including a large file', () => {
    const big = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const back = base64ToBytes(bytesToBase64(big));
    // compared byte by byte: toEqual on 200,000 elements is slow enough to time out on a busy machine
    expect(back.length).toBe(big.length);
    expect(back.findIndex((b, i) => b !== big[i])).toBe(-1);
  });
  it('reads a file', async () => {
    const text = 'RFI reply 回覆 🧬';
    const b64 = await fileToBase64(new Blob([text]));
    expect(bytesToText(base64ToBytes(b64))).toBe(text);
  });
});
