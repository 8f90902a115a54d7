// The app's own "are you sure?" question, asked before something is deleted
// (never the browser's confirm(), which looks foreign, cannot be styled and
// blocks the page). An area awaits `ask.confirm(...)`; the one ConfirmDialog
// in App.svelte shows the question and answers it.

/** One question: its title, its sentence and the words on its two buttons. */
export interface Question {
  /** The dialog's title, e.g. "Delete the meeting?". */
  title: string;
  /** What will happen, in a sentence or two. */
  message: string;
  /** The button that goes ahead, e.g. "Delete meeting". */
  yes: string;
  /** The button that does nothing; "Cancel" unless told. */
  no?: string;
}

class AskStore {
  /** The question on screen, or null. */
  current = $state<Question | null>(null);
  #resolve: ((yes: boolean) => void) | null = null;

  /**
   * Shows the question and resolves true when the officer goes ahead, false
   * when they cancel (the button, Escape or the backdrop). A new question
   * while one is open answers the open one "no" first.
   */
  confirm(q: Question): Promise<boolean> {
    this.answer(false);
    this.current = q;
    return new Promise((resolve) => (this.#resolve = resolve));
  }

  /** Answers the open question (nothing happens when none is open). */
  answer(yes: boolean) {
    const resolve = this.#resolve;
    this.#resolve = null;
    this.current = null;
    resolve?.(yes);
  }
}

/** The app's one confirmation question. */
export const ask = new AskStore();
