// A small hash router: the area and an optional id, e.g. #/register/42.
// Areas register their guard (unsaved changes) through `setLeaveGuard`.

export const areas = [
  { id: 'overview', label: 'Overview' },
  { id: 'register', label: 'Register' },
  { id: 'evaluation', label: 'Evaluation' },
  { id: 'meetings', label: 'Meetings' },
  { id: 'packs', label: 'Briefing packs' },
  { id: 'demand', label: 'Demand' },
  { id: 'settings', label: 'Settings' },
] as const;

/** Areas reached by a route or a button but not listed in the sidebar. */
export const hiddenAreas = [{ id: 'import', label: 'Import and export' }] as const;

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

type Guard = () => boolean;
let leaveGuard: Guard | null = null;

/** A page with unsaved changes sets a guard that asks before leaving; null clears it. */
export function setLeaveGuard(g: Guard | null) {
  leaveGuard = g;
}

class Router {
  route = $state<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('hashchange', () => {
        this.route = parseHash(location.hash);
      });
    }
  }

  /** Navigate unless the current page refuses (unsaved changes). */
  go(area: RouteArea, id: string | number = '', sub = ''): boolean {
    if (leaveGuard && !leaveGuard()) return false;
    leaveGuard = null;
    const hash = formatHash({ area, id: String(id), sub });
    if (location.hash !== hash) location.hash = hash;
    this.route = parseHash(hash);
    return true;
  }
}

export const router = new Router();
