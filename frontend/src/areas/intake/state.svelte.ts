// The intake's state, shared by the drop overlay, the register's "Take in"
// button and the review dialog: the review being looked at, the officer's
// picks, the result after Confirm. `done` counts confirmed intakes so the
// register's pages reload what they show.
import type { AppError } from '../../lib/errors';
import { said, saved } from '../../lib/saved.svelte';
import { bytesToBase64 } from '../register/attachments';
import { m } from '../../paraglide/messages';
import { api } from './api';
import { canConfirm, defaultPicks, refuseFiles, takeList, type IntakeReview, type Picks } from './model';

class Intake {
  /** The review shown (a dry run), or the result after Confirm; null when closed. */
  review = $state<IntakeReview | null>(null);
  /** The entity the files were dropped on (0: found or created per file). */
  entityId = $state(0);
  picks = $state<Picks>({});
  /** What is under way (worded when shown, so it follows a switch of language); null when nothing is. */
  busy = $state<(() => string) | null>(null);
  error = $state('');
  /** Confirmed intakes so far (the register's pages reload when it changes). */
  done = $state(0);

  /** Checks the files (a dry run) and opens the review. */
  async take(files: File[], entityId = 0) {
    if (this.busy) return;
    const refused = refuseFiles(files);
    this.discard();
    this.entityId = entityId;
    this.error = '';
    if (refused) {
      this.error = refused;
      this.review = null;
      return;
    }
    this.busy = files.length === 1 ? said(m.intake_reading_one, { name: files[0].name }) : said(m.intake_reading_many, { count: files.length });
    try {
      const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) })));
      const r = await api.review(uploads, entityId);
      this.review = r;
      this.picks = defaultPicks(r);
    } catch (e) {
      this.review = null;
      this.error = (e as AppError).message;
    } finally {
      this.busy = null;
    }
  }

  /** Takes the reviewed files in with the picks. */
  async confirm() {
    const r = this.review;
    if (!r || !canConfirm(r) || this.busy) return;
    this.busy = m.intake_taking;
    this.error = '';
    try {
      const res = await api.confirm(r.token, takeList(r, this.picks));
      this.review = res;
      this.done++;
      saved.mark(res.items.length === 1 ? m.intake_saved_one : said(m.intake_saved_many, { count: res.items.length }));
    } catch (e) {
      this.error = (e as AppError).message;
    } finally {
      this.busy = null;
    }
  }

  /** Forgets a review not yet confirmed (on the backend too). */
  private discard() {
    const r = this.review;
    if (r?.token && !r.applied) void api.discard(r.token).catch(() => {});
  }

  /** Closes the review: Cancel discards the files, after Confirm it just closes. */
  close() {
    if (this.busy) return;
    this.discard();
    this.review = null;
    this.error = '';
  }
}

export const intake = new Intake();
