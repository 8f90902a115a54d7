// The window's language. Every string of the window comes from the message
// catalogs in frontend/messages (compiled by paraglide-js into
// src/paraglide: `import { m } from '…/paraglide/messages'`, a typed
// function per key, so a missing key fails svelte-check). The officer
// chooses English, Traditional Chinese or the system's language in
// Settings; the choice is kept in this window's storage and a switch
// re-renders every message at once (getLocale reads a $state).
import { overwriteGetLocale, overwriteSetLocale, baseLocale } from '../paraglide/runtime';
import { SetLanguage } from '../../wailsjs/go/app/Session';

/** The languages of the window, as the catalogs name them. */
export type Lang = 'en' | 'zh-HK';
/** What the officer picked: a language, or the system's. */
export type LangChoice = Lang | 'system';

const storageKey = 'atpreg.language';

/** The language the system asks for: Chinese for any zh-* locale, else English. */
export function systemLang(langs: readonly string[] | undefined = globalThis.navigator?.languages): Lang {
  const first = (langs ?? []).find((l) => l !== '') ?? '';
  return first.toLowerCase().startsWith('zh') ? 'zh-HK' : 'en';
}

function storedChoice(): LangChoice {
  try {
    const v = globalThis.localStorage?.getItem(storageKey);
    if (v === 'en' || v === 'zh-HK' || v === 'system') return v;
  } catch {
    // storage unavailable (tests): the system's language
  }
  return 'system';
}

class LanguageState {
  choice = $state<LangChoice>(storedChoice());
  /** The language the Go side has confirmed ('' until it has). */
  backend = $state<Lang | ''>('');
  /** The language in effect. */
  current = $derived<Lang>(this.choice === 'system' ? systemLang() : this.choice);

  /** Switch the window's language (and remember it). */
  choose(c: LangChoice) {
    this.choice = c;
    try {
      globalThis.localStorage?.setItem(storageKey, c);
    } catch {
      // not remembered: still switched for this window
    }
    applyDocumentLang(this.current);
    for (const f of listeners) f(this.current);
  }
}

/** The window's language, reactive. */
export const language = new LanguageState();

const listeners: ((l: Lang) => void)[] = [];

/** Call f with the language now and on every switch (the Go side's messages follow it). */
export function onLanguage(f: (l: Lang) => void) {
  listeners.push(f);
  f(language.current);
}

function applyDocumentLang(l: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = l;
}

overwriteGetLocale(() => language.current ?? baseLocale);
overwriteSetLocale((l) => language.choose(l as Lang));
applyDocumentLang(language.current);
// The Go side's messages (errors, problems, labels) follow the window's
// language: it is told at start and on every switch, and `language.backend`
// says which language it has confirmed, so what the window fetched from it
// is fetched again once the switch has reached it (App.svelte).
let told: Promise<void> = Promise.resolve();
function tellGo(l: Lang): Promise<void> {
  told = told.then(async () => {
    try {
      await SetLanguage(l);
    } catch {
      // no Go side (unit tests), or refused: the window's words switch anyway
    }
    language.backend = l;
    for (const f of goListeners) f(l);
  });
  return told;
}

const goListeners: ((l: Lang) => void)[] = [];

/** Call f each time the Go side has switched to a new language (what was
 * fetched from it before is in the old one): not at start. */
export function onGoLanguage(f: (l: Lang) => void) {
  goListeners.push(f);
}

/** Resolves once the Go side speaks the window's language at start. */
export const languageReady: Promise<void> = tellGo(language.current);
listeners.push((l) => void tellGo(l));
