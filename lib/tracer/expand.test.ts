import { describe, expect, it } from 'vitest';
import { lookupVirtualAlias, readAliasResult } from './alias-lookup';
import { expandVirtualAliases, findCycle } from './expand';
import { memoryTraceSource, type MemoryTables } from './memory-source';

const D = [{ domain: 'a.example' }, { domain: 'b.example' }];

async function expand(tables: MemoryTables, start: string) {
  const source = memoryTraceSource({ domains: D, ...tables });
  return expandVirtualAliases((a) => lookupVirtualAlias(source, a), start);
}

// Table-driven: each case is a set of alias/mailbox rows and what Postfix makes of one recipient.
describe('virtual alias expansion (loop detection)', () => {
  it.each<[string, MemoryTables, string, { recipients?: string[]; cycle?: string[]; failure?: string }]>([
    ['a mailbox maps to itself and stops there', { aliases: [{ address: 'x@a.example', goto: 'x@a.example' }] }, 'x@a.example', { recipients: ['x@a.example'] }],
    ['an address without alias is final', {}, 'nobody@a.example', { recipients: ['nobody@a.example'] }],
    ['a multi-target alias', { aliases: [{ address: 'team@a.example', goto: 'x@a.example,y@b.example,out@foreign.test' }] }, 'team@a.example', { recipients: ['x@a.example', 'y@b.example', 'out@foreign.test'] }],
    ['nested aliases flatten', { aliases: [{ address: 'all@a.example', goto: 'team@a.example,z@a.example' }, { address: 'team@a.example', goto: 'x@a.example,y@a.example' }] }, 'all@a.example', { recipients: ['x@a.example', 'z@a.example', 'y@a.example'] }],
    ['a forward keeping a copy', { aliases: [{ address: 'x@a.example', goto: 'far@foreign.test,x@a.example' }] }, 'x@a.example', { recipients: ['far@foreign.test', 'x@a.example'] }],
    ['a -> b -> a loops', { aliases: [{ address: 'a@a.example', goto: 'b@a.example' }, { address: 'b@a.example', goto: 'a@a.example' }] }, 'a@a.example', { cycle: ['a@a.example', 'b@a.example', 'a@a.example'] }],
    [
      'a longer cycle across domains',
      { aliases: [{ address: 'a@a.example', goto: 'b@b.example' }, { address: 'b@b.example', goto: 'c@a.example' }, { address: 'c@a.example', goto: 'a@a.example' }] },
      'a@a.example',
      { cycle: ['a@a.example', 'b@b.example', 'c@a.example', 'a@a.example'] },
    ],
    [
      'a loop reached through a second destination',
      { aliases: [{ address: 'start@a.example', goto: 'ok@foreign.test,p@a.example' }, { address: 'p@a.example', goto: 'q@a.example' }, { address: 'q@a.example', goto: 'p@a.example' }] },
      'start@a.example',
      { cycle: ['p@a.example', 'q@a.example', 'p@a.example'] },
    ],
    [
      'a loop through an alias domain',
      { aliasDomains: [{ aliasDomain: 'b.example', targetDomain: 'a.example' }], aliases: [{ address: 'x@a.example', goto: 'y@b.example' }, { address: 'y@a.example', goto: 'x@b.example' }] },
      'x@a.example',
      { cycle: ['y@b.example', 'x@b.example', 'y@b.example'] },
    ],
    [
      'two forwards pointing at each other, one keeping a copy, do not loop',
      { aliases: [{ address: 'a@a.example', goto: 'b@a.example,a@a.example' }, { address: 'b@a.example', goto: 'a@a.example' }] },
      'a@a.example',
      { recipients: ['a@a.example'] },
    ],
    [
      'pure forwards pointing at each other loop',
      { aliases: [{ address: 'a@a.example', goto: 'b@a.example' }, { address: 'b@a.example', goto: 'a@a.example' }] },
      'b@a.example',
      { cycle: ['b@a.example', 'a@a.example', 'b@a.example'] },
    ],
    [
      // gone@ maps to itself through the catch-all, so Postfix stops there (and then bounces it: no mailbox)
      'a catch-all pointing at an unknown address of its own domain stops at that address',
      { aliases: [{ address: '@a.example', goto: 'gone@a.example' }] },
      'random@a.example',
      { recipients: ['gone@a.example'] },
    ],
    [
      'two catch-alls pointing into each other loop for unknown addresses',
      { aliases: [{ address: '@a.example', goto: 'x@b.example' }, { address: '@b.example', goto: 'y@a.example' }] },
      'random@a.example',
      { cycle: ['x@b.example', 'y@a.example', 'x@b.example'] },
    ],
    [
      'a catch-all to an existing mailbox does not loop',
      { aliases: [{ address: '@a.example', goto: 'x@a.example' }, { address: 'x@a.example', goto: 'x@a.example' }] },
      'random@a.example',
      { recipients: ['x@a.example'] },
    ],
    [
      'a list that keeps growing hits the expansion limit',
      { aliases: [{ address: 'grow@a.example', goto: 'x@foreign.test,back@a.example' }, { address: 'back@a.example', goto: 'grow@a.example' }] },
      'grow@a.example',
      { failure: 'expansionLimit' },
    ],
    ['an inactive alias is not followed', { aliases: [{ address: 'a@a.example', goto: 'a2@a.example', active: false }] }, 'a@a.example', { recipients: ['a@a.example'] }],
  ])('%s', async (_name, tables, start, expected) => {
    const result = await expand(tables, start);
    if (expected.recipients) {
      expect(result.failure).toBeNull();
      expect(result.recipients).toEqual(expected.recipients);
    }
    if (expected.cycle) expect(result.failure).toEqual({ reason: 'loop', cycle: expected.cycle });
    if (expected.failure) expect(result.failure?.reason).toBe(expected.failure);
  });

  it('looks each address up once, however long Postfix loops', async () => {
    let lookups = 0;
    const source = memoryTraceSource({ domains: D, aliases: [{ address: 'a@a.example', goto: 'b@a.example' }, { address: 'b@a.example', goto: 'a@a.example' }] });
    await expandVirtualAliases((a) => {
      lookups++;
      return lookupVirtualAlias(source, a);
    }, 'a@a.example');
    expect(lookups).toBe(2);
  });
});

describe('alias lookup order (mail_addr_find)', () => {
  const tables: MemoryTables = {
    domains: [...D, { domain: 'c.example' }],
    aliasDomains: [{ aliasDomain: 'b.example', targetDomain: 'a.example' }, { aliasDomain: 'c.example', targetDomain: 'a.example' }],
    aliases: [
      { address: 'x@a.example', goto: 'x@a.example' },
      { address: '@a.example', goto: 'catch@a.example' },
      { address: 'own@b.example', goto: 'elsewhere@foreign.test' },
      { address: '@c.example', goto: 'c-catch@a.example' },
    ],
  };
  it.each([
    ['x@a.example', 'virtual_alias_maps', 'x@a.example', ['x@a.example']],
    ['nobody@a.example', 'virtual_alias_maps', '@a.example', ['catch@a.example']],
    ['own@b.example', 'virtual_alias_maps', 'own@b.example', ['elsewhere@foreign.test']],
    ['x@b.example', 'virtual_alias_domain_maps', 'x@b.example', ['x@a.example']],
    // the target's catch-all is asked with the full key, before the alias domain's own `@domain` row
    ['nobody@c.example', 'virtual_alias_domain_catchall_maps', 'nobody@c.example', ['catch@a.example']],
  ])('%s is answered by %s for key %s', async (address, map, key, results) => {
    const r = await lookupVirtualAlias(memoryTraceSource(tables), address);
    expect(r.match).toEqual({ map, key, results });
  });

  it('an unknown address in a foreign domain runs every map for both keys, suppressing %u for @domain', async () => {
    const r = await lookupVirtualAlias(memoryTraceSource(tables), 'who@foreign.test');
    expect(r.match).toBeNull();
    expect(r.queries.map((q) => [q.map, q.key, q.sql === null])).toEqual([
      ['virtual_alias_maps', 'who@foreign.test', false],
      ['virtual_alias_domain_maps', 'who@foreign.test', false],
      ['virtual_alias_domain_catchall_maps', 'who@foreign.test', false],
      ['virtual_alias_maps', '@foreign.test', false],
      ['virtual_alias_domain_maps', '@foreign.test', true],
      ['virtual_alias_domain_catchall_maps', '@foreign.test', false],
    ]);
  });
});

describe('readAliasResult', () => {
  it.each([
    ['a@x.example,b@y.example', 'q@z.example', ['a@x.example', 'b@y.example']],
    ['a@x.example, B@Y.example\n c@z.example', 'q@z.example', ['a@x.example', 'b@y.example', 'c@z.example']],
    ['@other.example', 'bob@z.example', ['bob@other.example']],
    [' , ', 'q@z.example', []],
  ])('%j for %s', (result, address, expected) => {
    expect(readAliasResult(result, address)).toEqual(expected);
  });
});

describe('findCycle', () => {
  it.each([
    [['a', 'b', 'a', 'b'], ['a', 'b', 'a']],
    [['s', 'a', 'b', 'c', 'b'], ['b', 'c', 'b']],
    [['a', 'a'], ['a', 'a']],
    [['a', 'b'], ['a', 'b']],
  ])('%j -> %j', (chain, cycle) => {
    expect(findCycle(chain)).toEqual(cycle);
  });
});
