// The top search box's text, shared by the top bar (which edits it) and the
// register list (which searches with it).

class SearchStore {
  /** What the officer typed in the top search box. */
  query = $state('');
}

export const search = new SearchStore();
