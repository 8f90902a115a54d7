// The window's theme: the system's, light or dark, chosen in Settings and
// kept in this window's storage. The resolved theme is set as
// <html data-theme="light|dark"> (tokens.css keys its colours on it), and
// follows the system while the choice is "system".

/** What the officer picked. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const storageKey = 'atpreg.theme';

function storedChoice(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    if (v === 'light' || v === 'dark' || v === 'system') return v;
  } catch {
    // storage unavailable: the system's theme
  }
  return 'system';
}

function systemDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

class ThemeState {
  choice = $state<ThemeChoice>(storedChoice());
  private dark = $state(systemDark());
  /** The theme in effect. */
  current = $derived<'light' | 'dark'>(this.choice === 'system' ? (this.dark ? 'dark' : 'light') : this.choice);

  // Held for the window's life: a MediaQueryList nobody references can be
  // collected with its listener, and the theme would stop following the system.
  private query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');

  constructor() {
    this.query?.addEventListener?.('change', (e) => {
      this.dark = e.matches;
      this.apply();
    });
    this.apply();
  }

  /** Switch the theme (and remember it). */
  choose(c: ThemeChoice) {
    this.dark = this.query?.matches ?? this.dark;
    this.choice = c;
    try {
      globalThis.localStorage?.setItem(storageKey, c);
    } catch {
      // not remembered: still switched for this window
    }
    this.apply();
  }

  private apply() {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = this.current;
  }
}

/** The window's theme, reactive. */
export const theme = new ThemeState();
