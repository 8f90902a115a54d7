// The app's view of the Go session: version, register path, whether the
// register is absent, locked or open, and the officer's settings. Components
// read `session.info`; the lock screen and the settings page call its actions.
import { ChangePassphrase, CreateRegister, Info, Lock, SaveSettings, Touch, Unlock } from '../../wailsjs/go/app/Session';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import { app, store } from '../../wailsjs/go/models';
import { call } from './errors';

export type RegisterState = 'absent' | 'locked' | 'open';

class SessionStore {
  info = $state<app.AppInfo | null>(null);
  error = $state<string>('');
  /** Why the register was last locked ('idle', 'manual'), for the unlock screen. */
  lockReason = $state<string>('');
  private lastTouch = 0;
  private listening = false;

  get state(): RegisterState {
    return (this.info?.state as RegisterState) ?? 'locked';
  }

  async load() {
    try {
      this.info = await call(Info());
      this.error = '';
    } catch (e) {
      this.error = (e as Error).message;
    }
    this.listen();
  }

  private listen() {
    if (this.listening || typeof window === 'undefined' || !(window as any).runtime) return;
    this.listening = true;
    EventsOn('session:locked', (reason: string) => {
      this.lockReason = reason;
      void this.load();
    });
  }

  async create(passphrase: string, confirm: string, demo: boolean) {
    this.info = await call(CreateRegister(passphrase, confirm, demo));
    this.lockReason = '';
  }

  async unlock(passphrase: string) {
    this.info = await call(Unlock(passphrase));
    this.lockReason = '';
  }

  async lock() {
    this.info = await call(Lock());
    this.lockReason = 'manual';
  }

  async saveSettings(s: store.Settings) {
    const saved = await call(SaveSettings(s));
    if (this.info) this.info = { ...this.info, settings: saved, autoLockMinutes: saved.autoLockMinutes } as app.AppInfo;
    return saved;
  }

  async changePassphrase(current: string, next: string, confirm: string) {
    await call(ChangePassphrase(current, next, confirm));
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

export const session = new SessionStore();
