// Attachments are viewed from memory: their bytes arrive as base64 and are
// shown through a blob URL (revoked when the viewer closes), never a temp file.

/** How the window can show a file ('email': decoded by the backend, headers and text, never the raw MIME). */
export type ViewKind = 'pdf' | 'image' | 'text' | 'email' | 'none';

const textNames = /\.(txt|csv|md|json|log|msg\.txt)$/i;

/** The way to show a file of this type and name. */
export function viewKind(mime: string, name: string): ViewKind {
  const m = (mime || '').toLowerCase().split(';')[0].trim();
  if (/\.(eml|msg)$/i.test(name) || m === 'message/rfc822' || m === 'application/vnd.ms-outlook') return 'email';
  if (m === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  if (/^image\/(png|jpeg|gif|webp|bmp)$/.test(m)) return 'image';
  if (m.startsWith('text/') || m === 'message/rfc822' || m === 'application/json' || textNames.test(name)) return 'text';
  return 'none';
}

/**
 * The type a viewed file's blob URL gets. A blob URL shares the window's
 * origin, so a file the webview would render as a page (HTML, SVG, XML)
 * could run script with access to the backend: only a PDF and the image
 * types viewKind accepts get a blob, and a PDF is always typed as one. ''
 * means no blob (the file is shown as text or not at all).
 */
export function blobType(kind: ViewKind, mime: string): string {
  if (kind === 'pdf') return 'application/pdf';
  const m = (mime || '').toLowerCase().split(';')[0].trim();
  if (kind === 'image' && viewKind(m, '') === 'image') return m;
  return '';
}

/** Decodes base64 into bytes. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes bytes as base64 (in chunks, so large files do not overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    bin += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(bin);
}

/** Reads a dropped file as base64. */
export async function fileToBase64(f: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await f.arrayBuffer()));
}

/** Text of a file's bytes (UTF-8, invalid bytes replaced). */
export function bytesToText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
