// A search box with its results listed under it (an entity to add to a
// meeting, the entity of a conflict of interest): Down and Up move the
// highlight through the results, Enter picks the highlighted one (the first
// when none is highlighted yet), as in any desktop app's picker.

/** What a key pressed in the search box does. */
export interface PickMove {
  /** The result highlighted after the key (-1: none). */
  active: number;
  /** The index to pick now, or -1. */
  pick: number;
  /** Whether the key was the picker's (the page should not act on it too). */
  handled: boolean;
}

/** The effect of key in a search box over count results, with active highlighted (-1: none). */
export function pickKey(key: string, count: number, active: number): PickMove {
  if (count <= 0) return { active: -1, pick: -1, handled: false };
  const at = Math.min(active, count - 1);
  switch (key) {
    case 'ArrowDown':
      return { active: Math.min(at + 1, count - 1), pick: -1, handled: true };
    case 'ArrowUp':
      return { active: Math.max(at - 1, 0), pick: -1, handled: true };
    case 'Enter':
      return { active: at, pick: at < 0 ? 0 : at, handled: true };
    default:
      return { active: at, pick: -1, handled: false };
  }
}
