// A small hash router: the area and an optional id, e.g. #/register/42.
// Areas register their guard (unsaved changes) through `setLeaveGuard`.
import { m } from '../paraglide/messages';

// Each area's label is read from the catalog when it is shown (a getter),
// so a switch of language renames the sidebar at once.
export const areas = [
  { id: 'overview', get label() { return m.shell_area_overview(); } },
  { id: 'register', get label() { return m.shell_area_register(); } },
  { id: 'evaluation', get label() { return m.shell_area_evaluation(); } },
  { id: 'meetings', get label() { return m.shell_area_meetings(); } },
  { id: 'packs', get label() { return m.shell_area_packs(); } },
  { id: 'demand', get label() { return m.shell_area_demand(); } },
  { id: 'settings', get label() { return m.shell_area_settings(); } },
] as const;

/** Areas reached by a route or a button but not listed in the sidebar. */
export const hiddenAreas = [{ id: 'import', get label() { return m.shell_area_import(); } }] as const;

/** A sidebar area. */
export type AreaId = (typeof areas)[number]['id'];
/** Any area a route may show: the sidebar's and the hidden ones. */
export type RouteArea = AreaId | (typeof hiddenAreas)[number]['id'];

export interface Route {
  area: RouteArea;
  id: string;
  sub: string;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const area = ([...areas, ...hiddenAreas].find((a) => a.id === parts[0])?.id ?? 'overview') as RouteArea;
  return { area, id: parts[1] ?? '', sub: parts[2] ?? '' };
}

export function formatHash(r: Partial<Route> & { area: RouteArea }): string {
  return '#/' + [r.area, r.id, r.sub].filter((x) => x).map((x) => encodeURIComponent(String(x))).join('/');
}

/** A leave guard: told where the officer is going, it answers whether to go now. */
export type Guard = (to: Route) => boolean;
let leaveGuard: Guard | null = null;

/**
 * A page with unsaved changes sets a guard that is asked before leaving (by
 * `router.go`, a link, or the window's back and forward); null clears it. A
 * guard that refuses may ask the officer and later call `router.go(to...)`
 * itself to finish the trip.
 */
export function setLeaveGuard(g: Guard | null) {
  leaveGuard = g;
}

/** Clears the leave guard if it is still g (a page leaving must not clear the next page's guard). */
export function clearLeaveGuard(g: Guard) {
  if (leaveGuard === g) leaveGuard = null;
}

/** Whether two routes show the same page. */
export function sameRoute(a: Route, b: Route): boolean {
  return a.area === b.area && a.id === b.id && a.sub === b.sub;
}

class Router {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => this.arrive(location.hash));
    }
  }

  /** Navigate unless the current page refuses (unsaved changes). */
  go(area: RouteArea, id: string | number = '', sub: string | number = ''): boolean {
    const to: Route = { area, id: String(id), sub: String(sub) };
    if (sameRoute(to, this.route)) {
      // Already there: the page and its guard stay.
      if (location.hash !== formatHash(to)) location.hash = formatHash(to);
      return true;
    }
    if (leaveGuard && !leaveGuard(to)) return false;
    leaveGuard = null;
    const hash = formatHash(to);
    if (location.hash !== hash) location.hash = hash;
    this.route = parseHash(hash);
    return true;
  }

  /**
   * Follows an address the window changed by itself (back, forward, a link):
   * the leave guard is asked as for `go`; when it refuses, the address goes
   * back to the page still shown.
   */
  arrive(hash: string): void {
    const to = parseHash(hash);
    if (sameRoute(to, this.route)) return;
    if (leaveGuard && !leaveGuard(to)) {
      location.hash = formatHash(this.route);
      return;
    }
    leaveGuard = null;
    this.route = to;
  }
}

export const router = new Router();
