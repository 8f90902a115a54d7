// State the register area keeps while the officer moves between its pages:
// the choice lists (loaded once) and the list's query and selection, so going
// back to the list finds it as it was left.
import { api } from './api';
import { defaultQuery } from './listing';
import { language, onGoLanguage, type Lang } from '../../lib/i18n.svelte';
import type { Choice, ChoicesView, ListQuery } from './types';

/** The names of the choice lists in ChoicesView. */
export type ChoiceList = { [K in keyof ChoicesView]: ChoicesView[K] extends Choice[] ? K : never }[keyof ChoicesView];

class RegisterState {
  choices = $state<ChoicesView | null>(null);
  query = $state<ListQuery>(defaultQuery());
  /** The id of the entity last opened or selected in the list. */
  selectedId = $state(0);
  /**
   * Where the list was left, so coming back finds it as it was: its scroll
   * position and selected row (index in the whole list), and the list
   * (query) they belong to.
   */
  view = { key: '', scrollTop: 0, selected: -1 };

  private loading: Promise<ChoicesView> | null = null;
  private lang: Lang | null = null;

  constructor() {
    // The labels come from Go in the window's language: a switch loads them again.
    this.lang = language.current;
    onGoLanguage((l) => {
      const was = this.lang;
      this.lang = l;
      if (was !== null && was !== l && (this.choices || this.loading)) this.reloadChoices();
    });
  }

  /** Loads the choice lists once (again after a switch of language). */
  async loadChoices(): Promise<ChoicesView> {
    if (this.choices) return this.choices;
    this.loading ??= this.fetchChoices();
    try {
      return await this.loading;
    } catch (e) {
      this.loading = null;
      throw e;
    }
  }

  /** Loads the choice lists again (their labels follow the window's language); the old ones stay shown meanwhile. */
  reloadChoices(): Promise<ChoicesView | void> {
    this.loading = this.fetchChoices();
    return this.loading.catch(() => {
      this.loading = null;
    });
  }

  private fetchChoices(): Promise<ChoicesView> {
    return api.choices().then((c) => {
      this.choices = c;
      return c;
    });
  }

  /** The label of a code in one of the choice lists ("" stays ""). */
  label(list: ChoiceList, code: string): string {
    if (!code) return '';
    return this.choices?.[list]?.find((c) => c.code === code)?.label ?? code;
  }

  /** The RFI's wording of a field. */
  fieldLabel(field: string): string {
    return this.choices?.labels?.[field] ?? field;
  }
}

export const reg = new RegisterState();
