// "Saved" feedback for the status line: every area that writes calls
// `saved.mark()` once the backend confirms the write (it is then journaled and
// on disk), and the status bar shows "Saved 14:05" (the window's 24-hour
// clock, lib/dates).
import { m } from '../paraglide/messages';
import { fmtTime } from './dates';

/** What was saved: a text, or a catalog message (read when shown, so it follows a switch of language). */
export type SavedWhat = string | (() => string);

class SavedStore {
  /** When the last write was confirmed; null before the first. */
  at = $state<Date | null>(null);
  /** What was saved, e.g. "Entity created" (no field values: the line may be seen over a shoulder). */
  what = $state<SavedWhat>('');

  /** Records a confirmed write ("Saved" unless told what). */
  mark(what: SavedWhat = m.shell_saved, at: Date = new Date()) {
    this.what = what;
    this.at = at;
  }

  /** The status line's text: "Saved 14:05" or "" before any write. */
  get text(): string {
    if (!this.at) return '';
    const what = typeof this.what === 'function' ? this.what() : this.what;
    return `${what} ${fmtTime(this.at)}`;
  }
}

export const saved = new SavedStore();
