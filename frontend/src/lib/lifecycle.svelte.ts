// The register's life in the window: the recent registers, moving to
// another register or a new one, backups and restoring. Every file comes
// from the system's dialog (the Go side opens it) or from the recent list.
import {
  BackupNow,
  BackupPlan,
  ChooseBackupFolder,
  ForgetRecent,
  NewRegister,
  OpenOther,
  OpenRecent,
  Recent,
  SaveBackupPlan,
} from '../../wailsjs/go/app/LifecycleService';
import { EventsOn } from '../../wailsjs/runtime/runtime';
import type { app } from '../../wailsjs/go/models';
import { call } from './errors';
import { fmtDateTime } from './dates';
import { m } from '../paraglide/messages';
import { session } from './session.svelte';
import type { Wire } from './wire';

export type RecentRegister = Wire<app.RecentRegister>;
export type Plan = Wire<app.BackupPlan>;
export type Report = Wire<app.BackupReport>;

class LifecycleStore {
  recent = $state<RecentRegister[]>([]);
  /** The last backup made this session (Back up now, or the daily one), or why it failed. */
  lastReport = $state<Report | null>(null);
  private listening = false;

  async loadRecent() {
    this.recent = await call(Recent());
    this.listen();
  }

  private listen() {
    if (this.listening || typeof window === 'undefined' || !('runtime' in window)) return;
    this.listening = true;
    EventsOn('backup:done', (rep: Report) => {
      this.lastReport = rep;
    });
  }

  /** Moves the window to a recent register (locking the open one). */
  async openRecent(path: string) {
    await call(OpenRecent(path));
    session.reloadAfter('switch');
  }

  /** Removes a register from the list (the file stays). */
  async forget(path: string) {
    this.recent = await call(ForgetRecent(path));
  }

  /** Asks for a register file and moves the window to it; false when cancelled. */
  async openOther(): Promise<boolean> {
    const info = await call(OpenOther());
    if (!info) return false;
    session.reloadAfter('switch');
    return true;
  }

  /** Asks where to create a new register and moves the window to its create screen; false when cancelled. */
  async newRegister(demo = false): Promise<boolean> {
    const info = await call(NewRegister(demo));
    if (!info) return false;
    session.reloadAfter('switch');
    return true;
  }

  async plan(): Promise<Plan> {
    this.listen();
    return call(BackupPlan());
  }

  /** Asks for the backups' folder; null when cancelled. */
  async chooseFolder(): Promise<Plan | null> {
    return (await call(ChooseBackupFolder())) ?? null;
  }

  async savePlan(keep: number, daily: boolean): Promise<Plan> {
    return call(SaveBackupPlan(keep, daily));
  }

  async backupNow(passphrase: string): Promise<Report> {
    const rep = await call(BackupNow(passphrase));
    this.lastReport = rep;
    return rep;
  }
}

export const lifecycle = new LifecycleStore();

/** "3 Mar 2025, 09:02" / "2025年3月3日 09:02" for an RFC 3339 time (lib/dates); "" for "". */
export function when(rfc3339: string): string {
  return fmtDateTime(rfc3339);
}

/** "2 days ago", "today", "never" for a last backup time, in the window's language. */
export function age(rfc3339: string, now: Date = new Date()): string {
  if (!rfc3339) return m.shell_age_never();
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return m.shell_age_never();
  const days = Math.floor((now.getTime() - d.getTime()) / 86_400_000);
  if (days <= 0) return m.shell_age_today();
  if (days === 1) return m.shell_age_yesterday();
  return m.shell_age_days({ count: days });
}

/** "1.2 MB" for a size in bytes. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
