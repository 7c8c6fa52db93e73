import { describe, expect, it } from 'vitest';
import { memoryTraceSource, type MemoryTables } from './memory-source';
import { resolveAddress, type TraceNode } from './resolve';

const tables: MemoryTables = {
  domains: [
    { domain: 'a.example', transport: 'lmtp:unix:private/dovecot-lmtp' },
    { domain: 'b.example' },
    { domain: 'off.example', active: false },
    { domain: 'backup.example', backupmx: true, transport: 'relay:[primary.example]' },
    { domain: 'other.example' },
  ],
  aliasDomains: [{ aliasDomain: 'b.example', targetDomain: 'a.example' }, { aliasDomain: 'other.example', targetDomain: 'a.example', active: false }],
  mailboxes: [{ username: 'alice@a.example' }, { username: 'sleepy@a.example', active: false }, { username: 'nosalias@a.example' }],
  aliases: [
    { address: 'alice@a.example', goto: 'alice@a.example' },
    { address: 'sleepy@a.example', goto: 'sleepy@a.example' },
    { address: 'team@a.example', goto: 'alice@a.example,friend@foreign.test,x@off.example,y@backup.example' },
    { address: 'paused@a.example', goto: 'alice@a.example', active: false },
    { address: 'gone@a.example', goto: 'missing@a.example' },
    { address: 'loop1@a.example', goto: 'loop2@a.example' },
    { address: 'loop2@a.example', goto: 'loop1@a.example' },
    { address: '@a.example', goto: 'alice@a.example', active: false },
    { address: 'secret@a.example', goto: 'hidden@other.example' },
  ],
};

const all = () => true;
const flat = (n: TraceNode): TraceNode[] => [n, ...n.children.flatMap(flat)];

describe('resolveAddress', () => {
  it('a mailbox: its self-alias stops the expansion and it is delivered to its maildir with the domain transport', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'alice@a.example', all);
    expect(r.reception).toEqual({ domainClass: 'virtual', accepted: true });
    expect(r.root.match).toMatchObject({ kind: 'alias', map: 'virtual_alias_maps' });
    expect(r.root.children[0]).toMatchObject({ address: 'alice@a.example', stop: 'self' });
    expect(r.deliveries).toEqual([{ address: 'alice@a.example', delivery: expect.objectContaining({ kind: 'mailbox', maildir: 'a.example/alice/', transport: 'lmtp:unix:private/dovecot-lmtp' }) }]);
  });

  it('a multi-target alias: local mailbox, foreign address, inactive domain, backup MX', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'team@a.example', all);
    expect(r.root.results).toEqual(['alice@a.example', 'friend@foreign.test', 'x@off.example', 'y@backup.example']);
    const kinds = Object.fromEntries(r.deliveries.map((d) => [d.address, d.delivery.kind === 'foreign' ? `foreign:${d.delivery.domainInactive}` : d.delivery.kind]));
    expect(kinds).toEqual({ 'alice@a.example': 'mailbox', 'friend@foreign.test': 'foreign:false', 'x@off.example': 'foreign:true', 'y@backup.example': 'relay' });
    expect(r.deliveries.find((d) => d.address === 'y@backup.example')?.delivery).toMatchObject({ transport: 'relay:[primary.example]' });
  });

  it('an unknown address in a hosted domain is refused at RCPT time (inactive catch-all flagged)', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'nobody@a.example', all);
    expect(r.reception).toEqual({ domainClass: 'virtual', accepted: false });
    expect(r.root.flags).toEqual([{ code: 'catchallInactive', catchall: '@a.example' }]);
    expect(r.deliveries[0]?.delivery.kind).toBe('unknownUser');
  });

  it('an alias to a missing local address would bounce "User unknown"', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'gone@a.example', all);
    expect(r.reception.accepted).toBe(true);
    expect(r.deliveries).toEqual([{ address: 'missing@a.example', delivery: expect.objectContaining({ kind: 'unknownUser', mailboxInactive: false }) }]);
  });

  it('an inactive mailbox and an inactive alias are flagged', async () => {
    const sleepy = await resolveAddress(memoryTraceSource(tables), 'sleepy@a.example', all);
    expect(sleepy.deliveries[0]?.delivery).toMatchObject({ kind: 'unknownUser', mailboxInactive: true });
    const paused = await resolveAddress(memoryTraceSource(tables), 'paused@a.example', all);
    expect(paused.root.flags).toContainEqual({ code: 'aliasInactive' });
    expect(paused.reception.accepted).toBe(false);
  });

  it('an alias domain rewrites to the target domain; an inactive one is flagged', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'alice@b.example', all);
    expect(r.root.match).toMatchObject({ kind: 'aliasDomain' });
    expect(r.root.flags).toContainEqual({ code: 'aliasDomain', aliasDomain: 'b.example', targetDomain: 'a.example' });
    expect(r.deliveries.map((d) => d.address)).toEqual(['alice@a.example']);
    const off = await resolveAddress(memoryTraceSource(tables), 'alice@other.example', all);
    expect(off.root.flags).toContainEqual({ code: 'aliasDomainInactive', aliasDomain: 'other.example', targetDomain: 'a.example' });
  });

  it('a mailbox without its alias row is still found through an alias domain (virtual_mailbox_maps)', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'nosalias@b.example', all);
    expect(r.deliveries[0]?.delivery).toMatchObject({ kind: 'mailbox', map: 'virtual_alias_domain_mailbox_maps', mailbox: 'nosalias@a.example' });
  });

  it('a loop is deferred, and the tree stops where the address repeats', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'loop1@a.example', all);
    expect(r.failure).toEqual({ reason: 'loop', cycle: ['loop1@a.example', 'loop2@a.example', 'loop1@a.example'] });
    expect(flat(r.root).map((n) => [n.address, n.stop])).toEqual([
      ['loop1@a.example', null],
      ['loop2@a.example', null],
      ['loop1@a.example', 'repeat'],
    ]);
    expect(r.deliveries).toEqual([]);
  });

  it('a foreign address leaves the system and is not accepted from outside', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'who@foreign.test', all);
    expect(r.reception).toEqual({ domainClass: 'foreign', accepted: false });
    expect(r.deliveries[0]?.delivery).toMatchObject({ kind: 'foreign', domainInactive: false });
  });

  it('what lies outside the visible domains is hidden, without its queries', async () => {
    const r = await resolveAddress(memoryTraceSource(tables), 'secret@a.example', (d) => d === 'a.example');
    expect(r.root.children).toEqual([expect.objectContaining({ address: 'hidden@other.example', hidden: true, queries: [], children: [], delivery: { kind: 'hidden' } })]);
    expect(r.deliveries).toEqual([]);
    expect(r.hiddenCount).toBe(1);
    const via = await resolveAddress(memoryTraceSource(tables), 'alice@b.example', (d) => d === 'b.example');
    expect(via.root.flags).toContainEqual({ code: 'targetNotManaged' });
    expect(via.root.results).toEqual([]);
    expect(via.root.children).toEqual([]);
  });
});
