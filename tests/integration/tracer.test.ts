import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import type { TraceNode } from '@/lib/tracer/resolve';
import { traceAddress, type TraceAnswer } from '@/lib/tracer/trace-address';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { addAlias, addAliasDomain, addDomain, addMailbox } from './helpers/mail-rows';

useMigratedDatabase();
const admin = domainAdmin('t.example', 'talias.example', 'plain.example');

function trace(answer: TraceAnswer) {
  if (answer.kind !== 'trace') throw new Error(`expected a trace, got ${answer.kind}`);
  return answer;
}
const flat = (n: TraceNode): TraceNode[] => [n, ...n.children.flatMap(flat)];

beforeAll(async () => {
  await addDomain('t.example', { transport: 'lmtp:unix:private/dovecot-lmtp' });
  await addDomain('talias.example');
  await addDomain('secret.example');
  await addDomain('plain.example');
  await addDomain('off.example', { active: false });
  await addDomain('backup.example', { backupmx: true, transport: 'relay:[primary.example]' });
  await addAliasDomain('talias.example', 't.example');
  await addMailbox('alice@t.example');
  await addMailbox('bob@t.example', { goto: 'friend@gmail.test,bob@t.example' });
  await addMailbox('sleepy@t.example', { active: false });
  await addMailbox('spy@secret.example');
  await addMailbox("o'brien@t.example");
  await addAlias('team@t.example', 'alice@t.example,bob@t.example,x@off.example,y@backup.example');
  await addAlias('leak@t.example', 'spy@secret.example');
  await addAlias('gone@plain.example', 'missing@plain.example');
  await addAlias('nap@t.example', 'alice@t.example', false);
  await addAlias('ping@t.example', 'pong@t.example');
  await addAlias('pong@t.example', 'ping@t.example');
  await addAlias('@talias.example', 'nobody@nowhere.test');
  await addAlias('@t.example', 'alice@t.example');
});

describe('[trace] step by step, on MariaDB', () => {
  it('a mailbox: the literal Postfix queries, its self-alias, its maildir and transport', async () => {
    const t = trace(await traceAddress(admin, 'Alice@T.example'));
    expect(t.address).toBe('alice@t.example');
    expect(t.reception).toEqual({ domainClass: 'virtual', accepted: true });
    expect(t.root.queries[0]).toEqual({ map: 'virtual_alias_maps', key: 'alice@t.example', sql: "SELECT goto FROM alias WHERE address='alice@t.example' AND active = '1'", rows: ['alice@t.example'] });
    expect(t.root.children[0]).toMatchObject({ address: 'alice@t.example', stop: 'self' });
    const delivery = t.deliveries[0]?.delivery;
    expect(delivery).toMatchObject({ kind: 'mailbox', maildir: 't.example/alice/', transport: 'lmtp:unix:private/dovecot-lmtp' });
    expect(delivery?.kind === 'mailbox' && delivery.queries.map((q) => q.map)).toEqual(['virtual_mailbox_domains', 'transport_maps', 'virtual_mailbox_maps']);
  });

  it('a multi-target alias: forward with copy, inactive domain, backup MX, foreign destination', async () => {
    const t = trace(await traceAddress(superadmin, 'team@t.example'));
    expect(Object.fromEntries(t.deliveries.map((d) => [d.address, d.delivery.kind]))).toEqual({
      'alice@t.example': 'mailbox',
      'bob@t.example': 'mailbox',
      'friend@gmail.test': 'foreign',
      'x@off.example': 'foreign',
      'y@backup.example': 'relay',
    });
    expect(t.deliveries.find((d) => d.address === 'x@off.example')?.delivery).toMatchObject({ domainInactive: true });
    // a domain admin sees the same steps inside their domains; the rest only as "outside your domains"
    const own = trace(await traceAddress(admin, 'team@t.example'));
    expect(own.deliveries.map((d) => d.address)).toEqual(['alice@t.example', 'bob@t.example']);
    expect(own.hiddenCount).toBe(3);
  });

  it('an alias domain is rewritten to its target; its catch-all is used for unknown addresses', async () => {
    const t = trace(await traceAddress(admin, 'bob@talias.example'));
    expect(t.root.match).toMatchObject({ kind: 'aliasDomain', map: 'virtual_alias_domain_maps' });
    expect(t.root.flags).toContainEqual({ code: 'aliasDomain', aliasDomain: 'talias.example', targetDomain: 't.example' });
    expect(t.root.queries[1]?.sql).toContain("alias_domain.alias_domain = 'talias.example' AND alias.address = CONCAT('bob', '@'");
    const u = trace(await traceAddress(admin, 'unknown@talias.example'));
    // the target's catch-all answers the full key before the alias domain's own @talias.example row
    expect(u.root.match).toMatchObject({ kind: 'aliasDomainCatchall', key: 'unknown@talias.example' });
    expect(u.deliveries.map((d) => d.address)).toEqual(['alice@t.example']);
  });

  it('catch-all use, inactive alias, inactive mailbox and missing targets are flagged', async () => {
    const nap = trace(await traceAddress(admin, 'nap@t.example'));
    expect(nap.root.match).toMatchObject({ kind: 'catchall', key: '@t.example' });
    expect(nap.root.flags).toContainEqual({ code: 'aliasInactive' });
    const sleepy = trace(await traceAddress(admin, 'sleepy@t.example'));
    expect(sleepy.deliveries[0]?.delivery).toMatchObject({ kind: 'unknownUser', mailboxInactive: true });
    const gone = trace(await traceAddress(admin, 'gone@plain.example'));
    expect(gone.deliveries).toEqual([{ address: 'missing@plain.example', delivery: expect.objectContaining({ kind: 'unknownUser', mailboxInactive: false }) }]);
  });

  it('a loop is reported as Postfix defers it', async () => {
    const t = trace(await traceAddress(superadmin, 'ping@t.example'));
    expect(t.failure).toEqual({ reason: 'loop', cycle: ['ping@t.example', 'pong@t.example', 'ping@t.example'] });
    expect(flat(t.root).map((n) => n.stop)).toEqual([null, null, 'repeat']);
  });

  it("an address with a quote is looked up escaped, as Postfix's mysql client does", async () => {
    const t = trace(await traceAddress(admin, "O'Brien@t.example"));
    expect(t.root.queries[0]?.sql).toBe("SELECT goto FROM alias WHERE address='o\\'brien@t.example' AND active = '1'");
    expect(t.deliveries[0]?.delivery.kind).toBe('mailbox');
  });

  it('a foreign or backup-MX address, for a superadmin', async () => {
    expect(trace(await traceAddress(superadmin, 'who@gmail.test')).reception).toEqual({ domainClass: 'foreign', accepted: false });
    const b = trace(await traceAddress(superadmin, 'y@backup.example'));
    expect(b.reception).toEqual({ domainClass: 'relay', accepted: true });
    expect(b.deliveries[0]?.delivery).toMatchObject({ kind: 'relay', transport: 'relay:[primary.example]' });
  });
});

describe('[trace] what a domain admin may see', () => {
  it.each(['spy@secret.example', 'who@gmail.test', 'x@off.example', 'nobody@nowhere.example'])('tracing %s answers only "not a domain you manage"', async (address) => {
    expect(await traceAddress(admin, address)).toEqual({ kind: 'notManaged', address });
  });

  it('a step into a domain they do not manage shows the address and nothing more', async () => {
    const t = trace(await traceAddress(admin, 'leak@t.example'));
    expect(t.root.children).toEqual([{ address: 'spy@secret.example', hidden: true, queries: [], match: null, results: [], flags: [], stop: null, delivery: { kind: 'hidden' }, children: [] }]);
    expect(t.deliveries).toEqual([]);
    expect(t.hiddenCount).toBe(1);
    expect(JSON.stringify(t)).not.toContain('secret.example/spy/');
  });

  it('bad input is refused before any query', async () => {
    for (const input of ["x'); DROP TABLE alias;--", '<script>@t.example', 'a@b', '']) {
      expect((await traceAddress(admin, input)).kind).toBe('invalid');
    }
    expect(await getDb().alias.count()).toBeGreaterThan(0);
  });
});
