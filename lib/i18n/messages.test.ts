import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every message exists in every language, and every i18n key the code returns exists.
const dir = path.resolve('messages');
const load = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
const flatten = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));

function sourceFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('messages', () => {
  const en = new Set(flatten(load('en.json')));
  it.each(readdirSync(dir).filter((f) => f !== 'en.json'))('%s has exactly the keys of en.json', (file) => {
    const other = new Set(flatten(load(file)));
    expect([...en].filter((k) => !other.has(k))).toEqual([]);
    expect([...other].filter((k) => !en.has(k))).toEqual([]);
  });

  it('every message key returned by server code exists', () => {
    const keys = new Set<string>();
    for (const file of [...sourceFiles('lib'), ...sourceFiles('app')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:errors|domain|setup|password|settings|log|login)\.[A-Za-z_.]+)'/g)) keys.add(m[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(10);
    expect([...keys].filter((k) => !en.has(k))).toEqual([]);
  });
});
