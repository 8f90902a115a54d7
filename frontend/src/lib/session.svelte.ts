// The app's view of the Go session: version, register path, and (once the
// register is open) its state. Components read `session.info`.
import { Info } from '../../wailsjs/go/app/Session';
import { call } from './errors';

export interface AppInfo {
  version: string;
  registerPath: string;
}

class SessionStore {
  info = $state<AppInfo | null>(null);
  error = $state<string>('');

  async load() {
    try {
      this.info = await call(Info());
    } catch (e) {
      this.error = (e as Error).message;
    }
  }

  /** The register's file name, for the status line. */
  get registerName(): string {
    const p = this.info?.registerPath ?? '';
    return p.split(/[\\/]/).pop() ?? p;
  }
}

export const session = new SessionStore();
