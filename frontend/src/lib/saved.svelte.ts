// "Saved" feedback for the status line: every area that writes calls
// `saved.mark()` once the backend confirms the write (it is then journaled and
// on disk), and the status bar shows "Saved 14:05:09".

/** "14:05:09" for a time. */
export function clock(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

class SavedStore {
  /** When the last write was confirmed; null before the first. */
  at = $state<Date | null>(null);
  /** What was saved, e.g. "Entity created" (no field values: the line may be seen over a shoulder). */
  what = $state('');

  /** Records a confirmed write. */
  mark(what = 'Saved', at: Date = new Date()) {
    this.what = what;
    this.at = at;
  }

  /** The status line's text: "Saved 14:05:09" or "" before any write. */
  get text(): string {
    return this.at ? `${this.what} ${clock(this.at)}` : '';
  }
}

export const saved = new SavedStore();
