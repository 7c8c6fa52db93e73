import { describe, expect, it } from 'vitest';
import { mapPassword } from './passwords';
import { candidateNames, planImport } from './plan';
import { kibToMb, mailboxLimit } from './plan-domains';
import type { CyradmData, Existing, PlanOptions } from './types';

const OPTIONS: PlanOptions = { passwords: 'auto', adminDomain: null, cyrusQuotas: null, defaultTransport: 'virtual' };
const NONE: Existing = { domains: new Set(), addresses: new Set(), admins: new Set() };
const domain = (domainName: string, more: Partial<CyradmData['domains'][number]> = {}) => ({
  domainName, prefix: domainName.slice(0, 3), maxaccounts: 20, quota: 20000, domainquota: 0, transport: 'cyrus', freenames: 'NO', freeaddress: 'NO', folders: 'Sent, Trash', ...more,
});
const account = (username: string, domainName: string, password = 'abJ9p.b0lmkAQ', more: Partial<CyradmData['accounts'][number]> = {}) => ({ username, password, domainName, imap: 1, pop: 1, ...more });
const row = (alias: string, dest: string, username = '', status = 1) => ({ alias, dest, username, status });
const data = (d: Partial<CyradmData>): CyradmData => ({ domains: [], accounts: [], virtual: [], admins: [], domainAdmins: [], ...d });
const reasons = (plan: ReturnType<typeof planImport>) => plan.skipped.map((s) => `${s.kind} ${s.name}: ${s.key.replace(/^import\.reasons\./, '')}`);
const notesOf = (plan: ReturnType<typeof planImport>) => plan.notes.map((s) => `${s.kind} ${s.name}: ${s.key.replace(/^import\.notes\./, '')}`);

describe('[import] web-cyradm passwords', () => {
  it.each([
    ['abJ9p.b0lmkAQ', 'auto', '{CRYPT}abJ9p.b0lmkAQ'],
    ['$1$saltsalt$qjXMvbEw8oaL.CzflDugX/', 'auto', '{CRYPT}$1$saltsalt$qjXMvbEw8oaL.CzflDugX/'],
    ['5EBE2294ECD0E0F08EAB7690D2A6EE69', 'auto', '{PLAIN-MD5}5ebe2294ecd0e0f08eab7690d2a6ee69'],
    ['secret', 'auto', '{PLAIN}secret'],
    ['abJ9p.b0lmkAQ', 'plain', '{PLAIN}abJ9p.b0lmkAQ'],
    ['5ebe2294ecd0e0f08eab7690d2a6ee69', 'md5', '{PLAIN-MD5}5ebe2294ecd0e0f08eab7690d2a6ee69'],
    ['abJ9p.b0lmkAQ', 'crypt', '{CRYPT}abJ9p.b0lmkAQ'],
  ] as const)('%s read as %s is stored as %s', (value, mode, stored) => {
    expect(mapPassword(value, mode)).toEqual({ ok: true, stored });
  });

  it.each([
    ['', 'auto', 'passwordEmpty'],
    ['*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29', 'auto', 'passwordMysql'],
    ['secret', 'crypt', 'passwordNotCrypt'],
    ['secret', 'md5', 'passwordNotMd5'],
    ['pass\nword', 'plain', 'passwordChars'],
    ['mot de passe ✓', 'plain', 'passwordChars'],
  ] as const)('%j read as %s cannot be carried over (%s)', (value, mode, reason) => {
    expect(mapPassword(value, mode)).toEqual({ ok: false, reason: `import.reasons.${reason}` });
  });
});

describe('[import] web-cyradm units', () => {
  it.each([[0, 0], [-5, 0], [1, 1], [1000, 1], [1001, 2], [20000, 20], [102400, 103]])('%i KiB is %i PostfixAdmin MB (rounded up)', (kib, mb) => {
    expect(kibToMb(kib)).toBe(mb);
  });

  it.each([[20, 20], [1, 1], [0, -1], [-3, -1]])('maxaccounts %i is a mailbox limit of %i', (max, limit) => {
    expect(mailboxLimit(max)).toBe(limit);
  });
});

describe('[import] web-cyradm plan', () => {
  it('maps a domain: limits in PostfixAdmin units, transport kept, folders for Cyrus', () => {
    const plan = planImport(data({ domains: [domain('Example.ORG', { maxaccounts: 5, quota: 10000, domainquota: 102400, folders: 'Sent, Drafts,, a/b' })] }), NONE, OPTIONS);
    expect(plan.domains).toEqual([{ domain: 'example.org', mailboxes: 5, maxquotaMb: 10, quotaMb: 103, transport: 'cyrus', folders: ['Sent', 'Drafts'] }]);
    expect(notesOf(plan)).toEqual(['domain example.org: foldersDropped']);
  });

  it('skips domains that exist, repeat or are invalid, and replaces a transport Postfix cannot read', () => {
    const plan = planImport(data({ domains: [domain('taken.test'), domain('ok.test', { transport: 'smtp:[a] b' }), domain('OK.test'), domain('bad_domain')] }), { ...NONE, domains: new Set(['taken.test']) }, OPTIONS);
    expect(plan.domains.map((d) => [d.domain, d.transport])).toEqual([['ok.test', 'virtual']]);
    expect(reasons(plan)).toEqual(['domain taken.test: domainExists', 'domain OK.test: domainDuplicate', 'domain bad_domain: domainInvalid']);
  });

  it('makes mailboxes of address accounts only, lowercased, with case conflicts and the Cyrus admin reported', () => {
    const plan = planImport(
      data({
        domains: [domain('a.test')],
        accounts: [account('cyrus', ''), account('Bob@a.test', 'a.test'), account('carol@a.test', 'a.test'), account('CAROL@a.test', 'a.test'), account('exa0001', 'a.test'), account('x@b.test', 'a.test'), account('o/k@a.test', 'a.test')],
      }),
      NONE,
      OPTIONS,
    );
    expect(plan.mailboxes.map((m) => m.username)).toEqual(['bob@a.test']);
    expect(reasons(plan)).toEqual([
      'account cyrus: cyrusAdmin', 'account carol@a.test: accountCaseConflict', 'account CAROL@a.test: accountCaseConflict',
      'account exa0001: accountNotAddress', 'account x@b.test: accountNotAddress', 'account o/k@a.test: accountLocalPart',
    ]);
    expect(notesOf(plan)).toContain('account bob@a.test: lowercased');
  });

  it('takes each quota from Cyrus when read, else the domain default; 0 = unlimited', () => {
    const quotas = new Map<string, number | null>([['a@q.test', 5000], ['b@q.test', null]]);
    const plan = planImport(data({ domains: [domain('q.test', { quota: 2000 })], accounts: ['a', 'b', 'c'].map((l) => account(`${l}@q.test`, 'q.test')) }), NONE, { ...OPTIONS, cyrusQuotas: quotas });
    expect(plan.mailboxes.map((m) => [m.username, m.quotaBytes])).toEqual([['a@q.test', 5_120_000n], ['b@q.test', 0n], ['c@q.test', 2_048_000n]]);
    expect(notesOf(plan)).toEqual(['account a@q.test: quotaAboveDomainMax', 'account b@q.test: quotaAboveDomainMax']);
  });

  it('joins every active row of an alias as Postfix does, keeping forwards with and without a copy', () => {
    const plan = planImport(
      data({
        domains: [domain('v.test')],
        accounts: [account('bob@v.test', 'v.test'), account('fwd@v.test', 'v.test'), account('solo@v.test', 'v.test')],
        virtual: [
          row('bob@v.test', 'bob@v.test', 'bob@v.test'),
          row('bob@v.test', 'Elsewhere@Far.test, bob@v.test'),
          row('fwd@v.test', 'other@far.test'),
          row('team@v.test', 'bob@v.test'),
          row('TEAM@v.test', 'fwd@v.test,\nbob@v.test', 'v.test'),
          row('old@v.test', 'bob@v.test', 'v.test', 0),
          row('@v.test', 'bob@v.test', 'bob@v.test'),
          row('exa0001', 'x@far.test'),
          row('local@v.test', 'exa0001', 'v.test'),
          row('out@elsewhere.test', 'bob@v.test'),
        ],
      }),
      NONE,
      OPTIONS,
    );
    expect(plan.aliases).toEqual([
      { address: 'bob@v.test', domain: 'v.test', goto: ['bob@v.test', 'elsewhere@far.test'], kind: 'mailbox' },
      { address: 'fwd@v.test', domain: 'v.test', goto: ['other@far.test'], kind: 'mailbox' },
      { address: 'team@v.test', domain: 'v.test', goto: ['bob@v.test', 'fwd@v.test'], kind: 'alias' },
      { address: '@v.test', domain: 'v.test', goto: ['bob@v.test'], kind: 'catchall' },
      { address: 'solo@v.test', domain: 'v.test', goto: ['solo@v.test'], kind: 'mailbox' },
    ]);
    expect(reasons(plan)).toEqual([
      'alias old@v.test -> bob@v.test: aliasInactive',
      'alias exa0001: aliasNotAddress',
      'alias local@v.test: aliasTarget',
      'alias out@elsewhere.test: aliasDomainSkipped',
    ]);
    expect(notesOf(plan)).toContain('alias fwd@v.test: forwardOnly');
  });

  it('leaves out aliases of skipped accounts and addresses Mailroom already has', () => {
    const plan = planImport(
      data({ domains: [domain('w.test')], accounts: [account('dup@w.test', 'w.test'), account('DUP@w.test', 'w.test')], virtual: [row('dup@w.test', 'dup@w.test'), row('taken@w.test', 'x@far.test')] }),
      { ...NONE, addresses: new Set(['taken@w.test']) },
      OPTIONS,
    );
    expect(plan.aliases).toEqual([]);
    expect(reasons(plan)).toContain('alias dup@w.test: aliasAccountSkipped');
    expect(reasons(plan)).toContain('alias taken@w.test: aliasExists');
  });

  it('maps admins: "*" or type 0 = superadmin, else the imported domains; names need an address', () => {
    const d = data({
      domains: [domain('a.test'), domain('b.test')],
      admins: [
        { username: 'admin', password: 'abJ9p.b0lmkAQ', type: 0 },
        { username: 'boss@a.test', password: 'secret', type: 1 },
        { username: 'helper', password: 'secret', type: 1 },
        { username: 'ghost@a.test', password: 'secret', type: 1 },
      ],
      domainAdmins: [
        { domainName: '*', adminuser: 'admin' },
        { domainName: 'a.test', adminuser: 'boss@a.test' },
        { domainName: 'gone.test', adminuser: 'boss@a.test' },
        { domainName: 'b.test', adminuser: 'helper' },
        { domainName: 'gone.test', adminuser: 'ghost@a.test' },
      ],
    });
    expect(reasons(planImport(d, NONE, OPTIONS))).toEqual(['admin admin: adminNotAddress', 'admin helper: adminNotAddress', 'admin ghost@a.test: adminNoDomains']);
    const plan = planImport(d, NONE, { ...OPTIONS, adminDomain: 'a.test' });
    expect(plan.admins).toEqual([
      { username: 'admin@a.test', password: '{CRYPT}abJ9p.b0lmkAQ', superadmin: true, domains: [] },
      { username: 'boss@a.test', password: '{PLAIN}secret', superadmin: false, domains: ['a.test'] },
      { username: 'helper@a.test', password: '{PLAIN}secret', superadmin: false, domains: ['b.test'] },
    ]);
    expect(notesOf(plan)).toEqual(expect.arrayContaining(['admin admin@a.test: adminRenamed', 'admin boss@a.test: adminDomainsDropped']));
  });

  it('lists the names to look up in Mailroom in their stored form', () => {
    expect(candidateNames(data({ domains: [domain('Bücher.Example')], accounts: [account('Bob@A.test', 'a.test')], virtual: [row('@A.test', 'x')], admins: [{ username: 'admin', password: '', type: 0 }] }), { adminDomain: 'a.test' })).toEqual({
      domains: ['xn--bcher-kva.example'],
      addresses: ['bob@a.test', '@a.test'],
      admins: ['admin@a.test'],
    });
  });
});
