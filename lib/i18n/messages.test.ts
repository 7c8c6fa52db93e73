import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '@/lib/jobs/kinds';
import { LOCALES } from './locales';
import { loadMessages, MESSAGE_NAMESPACES } from './messages';

// Every message exists in every language, every namespace file is loaded, and every i18n key the code returns exists.
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
  it.each(LOCALES)('every namespace file of %s is loaded and holds its own namespace', (locale) => {
    const files = readdirSync(path.resolve('messages', locale)).map((f) => f.replace(/\.json$/, '')).sort();
    expect(files).toEqual([...MESSAGE_NAMESPACES].sort());
    for (const ns of files) expect(Object.keys(JSON.parse(readFileSync(path.resolve('messages', locale, `${ns}.json`), 'utf8')))).toEqual([ns]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the keys of en', async (locale) => {
    const en = new Set(flatten(await loadMessages('en')));
    const other = new Set(flatten(await loadMessages(locale)));
    expect([...en].filter((k) => !other.has(k))).toEqual([]);
    expect([...other].filter((k) => !en.has(k))).toEqual([]);
  });

  // keys returned as values (e.g. ActionState messages); t('x.y') calls are relative to their namespace;
  // storage job kinds ('cyrus.create') look like keys of the cyrus namespace but are not messages
  it('every message key returned by server code exists', async () => {
    const jobKinds = new Set<string>(JOB_KINDS);
    const en = new Set(flatten(await loadMessages('en')));
    const namespaces = MESSAGE_NAMESPACES.join('|');
    const keys = new Set<string>();
    for (const file of [...sourceFiles('lib'), ...sourceFiles('app')]) {
      for (const m of readFileSync(file, 'utf8').matchAll(new RegExp(`(?<!\\bt\\()'((?:${namespaces})\\.[A-Za-z_.]+)'`, 'g'))) keys.add(m[1] ?? '');
    }
    expect(keys.size).toBeGreaterThan(10);
    expect([...keys].filter((k) => !en.has(k) && !jobKinds.has(k))).toEqual([]);
  });
});
