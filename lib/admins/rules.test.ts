import { describe, expect, it } from 'vitest';
import { joinRepeatedField, splitEchoedDomains } from './domains-field';
import { assignedDomains, describeChanges, diffDomains, isSuperadminRecord, removesLastSuperadmin, selfChangeError } from './rules';
import { createAdminSchema, updateAdminSchema } from './schema';

describe('isSuperadminRecord (PostfixAdmin: flag or ALL row)', () => {
  it.each([
    ['the flag', true, [], true],
    ['an active ALL row without the flag (PostfixAdmin 2.x/3.x)', false, [{ domain: 'ALL', active: true }], true],
    ['an inactive ALL row', false, [{ domain: 'ALL', active: false }], false],
    ['domain rows only', false, [{ domain: 'example.org', active: true }], false],
    ['a domain named like all, lowercase, is not the marker', false, [{ domain: 'all', active: true }], false],
    ['nothing', false, [], false],
  ] as const)('%s', (_name, flag, rows, expected) => {
    expect(isSuperadminRecord(flag, rows)).toBe(expected);
  });
});

describe('assignedDomains', () => {
  it('keeps active real domains, lowercase, sorted, once each', () => {
    const rows = [
      { domain: 'B.example', active: true },
      { domain: 'ALL', active: true },
      { domain: 'a.example', active: true },
      { domain: 'b.example', active: true },
      { domain: 'off.example', active: false },
    ];
    expect(assignedDomains(rows)).toEqual(['a.example', 'b.example']);
  });
});

describe('diffDomains', () => {
  it.each([
    [[], ['a'], ['a'], []],
    [['a', 'b'], ['b', 'c'], ['c'], ['a']],
    [['a'], ['a'], [], []],
    [['a', 'b'], [], [], ['a', 'b']],
  ])('%j -> %j adds %j and removes %j', (before, after, added, removed) => {
    expect(diffDomains(before, after)).toEqual({ added, removed });
  });
});

describe('selfChangeError', () => {
  it.each([
    ['deleting yourself', { delete: true }, 'selfDelete'],
    ['demoting yourself', { superadmin: false, active: true }, 'selfDemote'],
    ['deactivating yourself', { superadmin: true, active: false }, 'selfDeactivate'],
    ['keeping yourself superadmin and active', { superadmin: true, active: true }, null],
  ] as const)('%s', (_name, change, expected) => {
    expect(selfChangeError('me@example.org', 'me@example.org', change)).toBe(expected);
    expect(selfChangeError('me@example.org', 'other@example.org', change)).toBeNull();
  });
});

describe('removesLastSuperadmin', () => {
  it.each([
    [['root@x.example'], 'root@x.example', true],
    [['root@x.example', 'two@x.example'], 'root@x.example', false],
    [['root@x.example'], 'plain@x.example', false],
    [[], 'plain@x.example', false],
  ])('%j losing %s -> %s', (supers, target, expected) => {
    expect(removesLastSuperadmin(supers, target)).toBe(expected);
  });
});

describe('describeChanges', () => {
  it('lists only the changed fields', () => {
    expect(describeChanges({ superadmin: 'no', active: 'yes' }, { superadmin: 'yes', active: 'yes' })).toEqual(['superadmin: no -> yes']);
    expect(describeChanges({ active: 'yes' }, { active: 'yes' })).toEqual([]);
  });
});

describe('admin form parsing', () => {
  const form = (entries: [string, string][]) => {
    const fd = new FormData();
    for (const [k, v] of entries) fd.append(k, v);
    return Object.fromEntries(joinRepeatedField(fd, 'domains').entries());
  };

  it('keeps every checked domain, in stored form', () => {
    const parsed = updateAdminSchema.parse(form([['username', 'Bob@Example.org'], ['domains', 'Bücher.example'], ['domains', 'a.example'], ['domains', 'a.example'], ['active', 'on']]));
    expect(parsed).toEqual({ username: 'bob@example.org', superadmin: false, active: true, domains: ['a.example', 'xn--bcher-kva.example'] });
    expect(updateAdminSchema.parse(form([['username', 'bob@example.org']])).domains).toEqual([]);
  });

  it('echoes the checked domains back to a refused form', () => {
    const fd = new FormData();
    fd.append('domains', 'a.example');
    fd.append('domains', 'b.example');
    expect(splitEchoedDomains(String(joinRepeatedField(fd, 'domains').get('domains')))).toEqual(['a.example', 'b.example']);
    expect(splitEchoedDomains(undefined)).toEqual([]);
  });

  it.each([
    ['a domain that is not a name', [['domains', "x'; DROP TABLE admin;--"]], 'domains', 'admin.errors.unknownDomain'],
    ['the ALL marker typed as a domain', [['domains', 'ALL']], 'domains', 'admin.errors.unknownDomain'],
    ['a username that is not an address', [['username', 'root']], 'username', 'admin.errors.username'],
    ['a password under the settings minimum', [['password', 'short12']], 'password', 'admin.errors.passwordTooShort'],
    ['a confirmation that differs', [['passwordConfirm', 'another password']], 'passwordConfirm', 'password.errors.mismatch'],
  ] as const)('refuses %s', (_name, override, field, message) => {
    const base: Record<string, string> = { username: 'new@example.org', password: 'long enough pw', passwordConfirm: 'long enough pw' };
    const entries = Object.entries({ ...base, ...Object.fromEntries(override.filter(([k]) => k !== 'domains')) }) as [string, string][];
    const result = createAdminSchema(12).safeParse(form([...entries, ...override.filter(([k]) => k === 'domains')] as [string, string][]));
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
});
