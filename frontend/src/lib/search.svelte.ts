// The top search box's text, shared by the top bar (which edits it) and the
// register list (which searches with it).

class SearchStore {
  /** What the officer typed in the top search box. */
  query = $state('');

  /**
   * Set by the register list while it is shown: takes the keyboard focus to
   * its first row (ArrowDown in the search box) and answers whether it did.
   */
  enterList = $state<(() => boolean) | null>(null);
}

export const search = new SearchStore();
