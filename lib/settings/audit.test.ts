import { describe, expect, it } from 'vitest';
import { describeSettingChanges } from './audit';

const snap = (entries: Record<string, unknown>) => new Map(Object.entries(entries).map(([k, v]) => [k, JSON.stringify(v)]));

describe('describeSettingChanges', () => {
  it.each([
    ['nothing changed', { a: 1 }, { a: 1 }, []],
    ['a number', { passwordMinLength: 10 }, { passwordMinLength: 12 }, ['passwordMinLength: 10 -> 12']],
    ['a value saved for the first time', {}, { defaultTransport: 'virtual' }, ['defaultTransport: (default) -> "virtual"']],
    ['a list', { reservedLocalParts: ['a'] }, { reservedLocalParts: ['a', 'b'] }, ['reservedLocalParts: ["a"] -> ["a","b"]']],
    ['an object, key by key', { mailClients: { imapHost: '', imapPort: 993 } }, { mailClients: { imapHost: 'imap.example.org', imapPort: 993 } }, ['mailClients.imapHost: "" -> "imap.example.org"']],
    ['a password inside an object is never written', { manageSieve: { host: 'h', masterPassword: 'old secret' } }, { manageSieve: { host: 'h', masterPassword: 'new secret' } }, ['manageSieve.masterPassword: changed']],
    ['the password policy and scheme are not secrets', { passwordScheme: 'BLF-CRYPT' }, { passwordScheme: 'SHA512-CRYPT' }, ['passwordScheme: "BLF-CRYPT" -> "SHA512-CRYPT"']],
    ['a password row is never written', { cyrusAdminPassword: 'old secret' }, { cyrusAdminPassword: 'new secret' }, ['cyrusAdminPassword: changed']],
    ['names sorted, several changes', { b: 1, a: 'x' }, { b: 2, a: 'y' }, ['a: "x" -> "y"', 'b: 1 -> 2']],
  ])('%s', (_name, before, after, expected) => {
    expect(describeSettingChanges(snap(before), snap(after))).toEqual(expected);
  });

  it('cuts a long value and keeps an unreadable one as text', () => {
    const long = 'x'.repeat(500);
    const [line = ''] = describeSettingChanges(snap({ a: '' }), snap({ a: long }));
    expect(line.length).toBeLessThan(260);
    expect(line.endsWith('…')).toBe(true);
    expect(describeSettingChanges(new Map([['raw', '{not json']]), new Map([['raw', 'still not']]))).toEqual(['raw: "{not json" -> "still not"']);
  });

  it('never contains a password value, whatever the spelling of the key', () => {
    const lines = describeSettingChanges(snap({ s: { AdminPassword: 'p1', PASSWORD: 'p2' } }), snap({ s: { AdminPassword: 'q1', PASSWORD: 'q2' } }));
    expect(lines).toEqual(['s.AdminPassword: changed', 's.PASSWORD: changed']);
    expect(lines.join(' ')).not.toMatch(/p1|p2|q1|q2/);
  });
});
