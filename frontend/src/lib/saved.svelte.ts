// "Saved" feedback for the status line: every area that writes calls
// `saved.mark()` once the backend confirms the write (it is then journaled and
// on disk), and the status bar shows "Saved 14:05" (the window's 24-hour
// clock, lib/dates).
import { m } from '../paraglide/messages';
import { fmtTime } from './dates';

/** What was saved: a catalog message, worded when shown so that it follows
 * a switch of language (`m.reg_saved`, or `said(m.ltr_saved, { count })`);
 * never a finished string, which would stay in the language it was made in. */
export type SavedWhat = () => string;

/** A catalog message with its parameters, worded when shown (the parameters
 * are taken now): for the status line and the undo toast. */
export function said<P>(msg: (params: P) => string, params: P): () => string {
  return () => msg(params);
}

class SavedStore {
  /** When the last write was confirmed; null before the first. */
  at = $state<Date | null>(null);
  /** What was saved, e.g. "Entity created" (no field values: the line may be seen over a shoulder). */
  what = $state<SavedWhat>(() => '');

  /** Records a confirmed write ("Saved" unless told what). */
  mark(what: SavedWhat = m.shell_saved, at: Date = new Date()) {
    this.what = what;
    this.at = at;
  }

  /** The status line's text: "Saved 14:05" or "" before any write. */
  get text(): string {
    if (!this.at) return '';
    return `${this.what()} ${fmtTime(this.at)}`;
  }
}

export const saved = new SavedStore();
