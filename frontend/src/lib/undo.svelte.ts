// "Undo" for a while after something is taken away: an area calls
// `undo.offer(text, restore)` once the change is made (text a catalog
// message worded when shown, so it follows a switch of language: see said
// in saved.svelte.ts); the toast in App.svelte shows the text with an Undo
// button until the time runs out,
// another offer replaces it, or the officer dismisses it.
import { m } from '../paraglide/messages';

/** How long Undo stays on offer, in milliseconds. */
export const undoMillis = 10_000;

/** An offer on screen: what was done, and how to put it back. */
export interface UndoOffer {
  text: () => string;
  restore: () => Promise<void> | void;
}

class UndoStore {
  /** The offer on screen, or null. */
  current = $state<UndoOffer | null>(null);
  /** The error of a restore that failed, in the officer's words. */
  error = $state('');
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Offers to undo for `ms` (undoMillis unless told); replaces any offer. */
  offer(text: () => string, restore: () => Promise<void> | void, ms = undoMillis) {
    clearTimeout(this.#timer);
    this.error = '';
    this.current = { text, restore };
    this.#timer = setTimeout(() => this.dismiss(), ms);
  }

  /** Puts back what the offer took away, once; the offer goes. */
  async take() {
    const o = this.current;
    if (!o) return;
    this.dismiss();
    try {
      await o.restore();
    } catch (e) {
      this.error = (e as Error).message || m.shell_undo_failed();
    }
  }

  /** Withdraws the offer if it is still the one with this restore (a page
   * that goes away takes its offers with it). */
  withdraw(restore: UndoOffer['restore']) {
    if (this.current?.restore === restore) this.dismiss();
  }

  /** Withdraws the offer (the change stays). */
  dismiss() {
    clearTimeout(this.#timer);
    this.current = null;
  }
}

/** The app's one undo offer. */
export const undo = new UndoStore();
