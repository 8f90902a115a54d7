// The app's view of the Go session: version, register path, whether the
// register is absent, locked or open, and the officer's settings. Components
// read `session.info`; the lock screen and the settings page call its actions.
import { ChangePassphrase, CreateRegister, Info, Lock, SaveSettings, Strengthen, Touch, Unlock } from '../../wailsjs/go/app/Session';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { app } from '../../wailsjs/go/models';
import { call } from './errors';

/**
 * A step of creating a register, as Go's CreateRegister tells it
 * (app.CreateStepEvent): deriving the key, writing the file, the demo data
 * (a demo register only), opening it.
 */
export type CreateStep = 'key' | 'write' | 'demo' | 'open';

/** The Wails event CreateRegister emits as each step begins (app.CreateStepEvent). */
export const createStepEvent = 'create:step';

/** The steps of creating a register, in order (the demo's has one more). */
export function createSteps(demo: boolean): CreateStep[] {
  return demo ? ['key', 'write', 'demo', 'open'] : ['key', 'write', 'open'];
}

/**
 * A step of unlocking (opening) the register, as Go's Unlock tells it
 * (app.UnlockStepEvent): deriving the key and decrypting the file, reading
 * the register and its journal of changes, opening it in the window.
 */
export type UnlockStep = 'key' | 'read' | 'open';

/** The Wails event Unlock emits as each step begins (app.UnlockStepEvent). */
export const unlockStepEvent = 'unlock:step';

/** The steps of unlocking the register, in order. */
export function unlockSteps(): UnlockStep[] {
  return ['key', 'read', 'open'];
}

/** Whether the register file is absent, locked or open (app.AppInfo's state). */
export type RegisterState = app.AppInfo['state'];

class SessionStore {
  info = $state<app.AppInfo | null>(null);
  error = $state<string>('');
  /** Why the register was last locked ('idle', 'manual'), for the unlock screen. */
  lockReason = $state<string>(takeLockReason());
  private lastTouch = 0;
  private listening = false;

  get state(): RegisterState {
    return this.info?.state ?? 'locked';
  }

  async load() {
    try {
      this.info = await call(Info());
      // A window started afresh by a lock learns why from the backend.
      if (!this.lockReason && this.info.lockReason) this.lockReason = this.info.lockReason;
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.listen();
  }

  private listen() {
    if (this.listening || typeof window === 'undefined' || !('runtime' in window)) return;
    this.listening = true;
    EventsOn('session:locked', (reason: string) => forget(reason));
  }

  /**
   * Creates the register (with the demo data if demo) and opens it; onStep
   * hears each step of the work as it begins (Go's create:step event).
   */
  async create(passphrase: string, confirm: string, demo: boolean, onStep?: (step: CreateStep) => void) {
    const off = onStep && typeof window !== 'undefined' && 'runtime' in window ? EventsOn(createStepEvent, onStep) : undefined;
    try {
      this.info = await call(CreateRegister(passphrase, confirm, demo));
    } finally {
      off?.();
    }
    this.lockReason = '';
  }

  /**
   * Opens the register with passphrase; onStep hears each step of the work
   * as it begins (Go's unlock:step event).
   */
  async unlock(passphrase: string, onStep?: (step: UnlockStep) => void) {
    const off = onStep && typeof window !== 'undefined' && 'runtime' in window ? EventsOn(unlockStepEvent, onStep) : undefined;
    try {
      this.info = await call(Unlock(passphrase));
    } finally {
      off?.();
    }
    this.lockReason = '';
  }

  async lock() {
    await call(Lock());
    forget('manual');
  }

  async saveSettings(s: app.Settings) {
    const saved = await call(SaveSettings(s));
    this.settingsSaved(saved);
    return saved;
  }

  /** Takes settings the register saved (here or by another page) into info. */
  settingsSaved(saved: app.Settings) {
    if (this.info) this.info = app.AppInfo.createFrom({ ...this.info, settings: saved, autoLockMinutes: saved.autoLockMinutes });
  }

  async changePassphrase(current: string, next: string, confirm: string) {
    await call(ChangePassphrase(current, next, confirm));
    // Changing the passphrase seals the register with the current key
    // derivation: a weak one is mended too.
    if (this.info?.kdfWeak) this.info = await call(Info());
  }

  /** Seals the register again under its passphrase with the current key derivation. */
  async strengthen(passphrase: string) {
    this.info = await call(Strengthen(passphrase));
  }

  /**
   * After the window moved to another register (or restored one), the page
   * reloads, so that nothing of the register it showed stays in its memory.
   */
  reloadAfter(reason: string) {
    forget(reason);
  }

  /** Tells the backend the officer is active (at most every 20 s), postponing auto-lock. */
  touch() {
    const now = Date.now();
    if (this.state !== 'open' || now - this.lastTouch < 20_000) return;
    this.lastTouch = now;
    void Touch().catch(() => {});
  }

  /** The register's file name, for the status line. */
  get registerName(): string {
    const p = this.info?.registerPath ?? '';
    return p.split(/[\\/]/).pop() ?? p;
  }
}

const reasonKey = 'atpreg.lockReason';

/** The reason a reload after locking left behind (then forgotten). */
function takeLockReason(): string {
  if (typeof sessionStorage === 'undefined') return '';
  const r = sessionStorage.getItem(reasonKey) ?? '';
  sessionStorage.removeItem(reasonKey);
  return r;
}

/**
 * Once the register is locked the page reloads, so that nothing the window
 * showed (lists, entities, search text) stays in the page's memory; the
 * unlock screen then says why it locked.
 */
function forget(reason: string) {
  try {
    sessionStorage.setItem(reasonKey, reason);
  } catch {
    /* storage unavailable: the unlock screen just won't say why */
  }
  location.reload();
}

export const session = new SessionStore();
