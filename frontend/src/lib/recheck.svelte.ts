// One pattern for every form's errors: a save that fails shows its errors;
// from then on the form is checked again on each change (by the backend's
// own rules, through a check call that writes nothing), so an error the
// officer has fixed leaves the screen at once and a new one appears in
// place, without waiting for the next save.
//
//   const check = new Recheck(() => api.check(entity));
//   $effect(() => { fingerprint(entity); check.changed(); });   // on each change
//   … catch (e) { check.shown(e as AppError); }                 // a failed save
//   {check.error?.fieldMessage('contact_email')}

import { AppError, toAppError } from './errors';
import { latest } from './latest';

export class Recheck {
  /** The errors on screen: from the last failed save or the last check since. */
  error = $state<AppError | null>(null);
  /** Whether an error has been shown, so each change is checked again. */
  active = $state(false);

  #check: () => Promise<unknown>;
  #run: (request: Promise<AppError | null> | null) => void;

  /** check resolves when the form's values would be accepted, and rejects
   * with the problems (an AppError with fields) when not. */
  constructor(check: () => Promise<unknown>) {
    this.#check = check;
    this.#run = latest<AppError | null>((e) => {
      this.error = e;
    });
  }

  /** A save failed with err: show it and, when it is invalid input with
   * fields to fix, check again on each change from now on (an error the
   * rules cannot see again, a wrong current passphrase or a locked register
   * say, stays until the next save). */
  shown(err: unknown) {
    this.error = toAppError(err);
    this.active = this.error.code === 'invalid' && this.error.fields.length > 0;
  }

  /** The form was saved or discarded: clear the errors and stop checking. */
  clear() {
    this.#run(null);
    this.error = null;
    this.active = false;
  }

  /** The form's values changed: once an error has been shown, check them
   * again and show what is still wrong (nothing when all is fixed). Only the
   * answer to the latest change reaches the screen. */
  changed() {
    if (!this.active) return;
    let request: Promise<unknown>;
    try {
      request = this.#check();
    } catch (e) {
      request = Promise.reject(e);
    }
    this.#run(request.then(
      () => null,
      (e) => toAppError(e),
    ));
  }
}
