import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// What the matrix must cover, found rather than listed: the pages are the page.tsx files under
// app/(admin), the actions are every server action of the production build.

export interface DiscoveredAction {
  id: string;
  /** `lib/domains/actions.ts#createDomainAction`: the key of its entry in entries.ts */
  key: string;
  /** the pages that can run it, as app paths: `app/(admin)/domains/[domain]/page` */
  workers: string[];
}

/** Route patterns of every page under a folder of app/, route groups removed: `/domains/[domain]/log`. */
export function discoverPages(appDir: string, group: string): string[] {
  const root = path.join(appDir, group);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === 'page.tsx') found.push(routeOf(path.relative(appDir, dir)));
    }
  };
  walk(root);
  return found.sort();
}

/** `(admin)/domains/[domain]` or `app/(admin)/domains/[domain]/page` -> `/domains/[domain]` */
export function routeOf(appPath: string): string {
  const segments = appPath.split(/[\\/]/).filter((s) => s && s !== 'app' && s !== 'page' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** Every server action in `.next/server/server-reference-manifest.json` (node and edge runtimes). */
export function discoverActions(manifestPath: string): DiscoveredAction[] {
  type Entry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: the matrix needs the production build (run it through scripts/e2e.sh).`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { node?: Record<string, Entry>; edge?: Record<string, Entry> };
  const all = { ...manifest.edge, ...manifest.node };
  return Object.entries(all)
    .map(([id, e]) => {
      if (!e.filename || !e.exportedName) throw new Error(`The manifest entry ${id} names no module: cannot tell which action it is.`);
      return { id, key: `${e.filename}#${e.exportedName}`, workers: Object.keys(e.workers).sort() };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** A concrete URL for a route pattern, each `[segment]` filled from the fixture; unknown segments throw. */
export function fillRoute(route: string, segments: Record<string, string>): string {
  return route.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, _rest, name: string) => {
    const value = segments[name];
    if (value === undefined) throw new Error(`No fixture value for the dynamic segment [${name}] of ${route}: add it to SEGMENTS in e2e/authorization-matrix/entries.ts`);
    return encodeURIComponent(value);
  });
}
