import { describe, expect, it } from 'vitest';
import { escapeMysqlString, expandPostfixQuery, POSTFIX_QUERIES } from './postfix-queries';

describe('expandPostfixQuery', () => {
  it.each([
    ['virtual_alias_maps', 'Alice@Example.ORG', ['alice@example.org'], "SELECT goto FROM alias WHERE address='alice@example.org' AND active = '1'"],
    ['virtual_alias_maps', '@example.org', ['@example.org'], "SELECT goto FROM alias WHERE address='@example.org' AND active = '1'"],
    [
      'virtual_alias_domain_maps',
      'bob@alias.example',
      ['alias.example', 'bob'],
      "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = 'alias.example' AND alias.address = CONCAT('bob', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
    ],
    ['virtual_alias_domain_catchall_maps', '@alias.example', ['alias.example'], null],
    ['virtual_mailbox_maps', "o'brien@example.org", ["o'brien@example.org"], "SELECT maildir FROM mailbox WHERE username='o\\'brien@example.org' AND active = '1'"],
    // split at the last '@', as Postfix does
    ['virtual_alias_domain_mailbox_maps', 'a@b@c.example', ['c.example', 'a@b'], null],
  ] as const)('%s with key %j', (map, key, params, display) => {
    const q = expandPostfixQuery(POSTFIX_QUERIES[map], key);
    expect(q?.params).toEqual(params);
    expect(q?.sql).not.toMatch(/%[sud]/);
    expect(q?.sql.split('?').length).toBe(params.length + 1);
    if (display) expect(q?.display).toBe(display);
  });

  it.each([
    // %u with an empty local part, %d without a domain: Postfix does not query
    ['virtual_alias_domain_maps', '@alias.example'],
    ['virtual_alias_domain_mailbox_maps', '@alias.example'],
    ['virtual_alias_domain_catchall_maps', 'no-at-sign'],
    ['virtual_alias_domain_catchall_maps', 'user@'],
  ] as const)('%s is suppressed for %j', (map, key) => {
    expect(expandPostfixQuery(POSTFIX_QUERIES[map], key)).toBeNull();
  });

  it('never pastes a value into the SQL text, and escapes it for display as mysql_real_escape_string does', () => {
    const key = "x'); DROP TABLE alias; --\\\"\n\r\0\x1a@evil.example";
    const q = expandPostfixQuery(POSTFIX_QUERIES.virtual_alias_maps, key);
    expect(q?.sql).toBe("SELECT goto FROM alias WHERE address=? AND active = '1'");
    expect(q?.params).toEqual([key.toLowerCase()]);
    expect(q?.display).toContain("'x\\'); drop table alias; --\\\\\\\"\\n\\r\\0\\Z@evil.example'");
  });

  it.each([
    ["'", "\\'"],
    ['"', '\\"'],
    ['\\', '\\\\'],
    ['\n', '\\n'],
    ['\r', '\\r'],
    ['\0', '\\0'],
    ['\x1a', '\\Z'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (input, output) => {
    expect(escapeMysqlString(input)).toBe(output);
  });
});
