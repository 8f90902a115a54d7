// Colours and widths for the passphrase strength meter (score 0..4 from the backend).

export function meterWidth(score: number): string {
  return `${Math.max(0, Math.min(4, score)) * 25}%`;
}

export function meterTone(score: number): 'danger' | 'warning' | 'ok' {
  if (score <= 1) return 'danger';
  if (score === 2) return 'warning';
  return 'ok';
}
