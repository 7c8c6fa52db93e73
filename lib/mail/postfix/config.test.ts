import { describe, expect, it } from 'vitest';
import type { PostfixMap } from '@/lib/mail/config/queries';
import { HOSTILE_PASSWORD, TEST_OPTIONS } from '@/lib/mail/config/test-options';
import { generatePostfixConfig, generatePostfixMainCf, generatePostfixMap, POSTFIX_MAP_FILES } from './config';

// The documented queries, copied here on purpose: a change in queries.ts must fail this test.
const DOCUMENTED: Record<PostfixMap, string> = {
  virtualDomains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '0' AND active = '1'",
  virtualAliases: "SELECT goto FROM alias WHERE address='%s' AND active = '1'",
  aliasDomainAliases:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('%u', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  aliasDomainCatchall:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtualMailboxes: "SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'",
  aliasDomainMailboxes:
    "SELECT maildir FROM mailbox,alias_domain WHERE alias_domain.alias_domain = '%d' AND mailbox.username = CONCAT('%u', '@', alias_domain.target_domain) AND mailbox.active = 1 AND alias_domain.active = 1",
  relayDomains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '1' AND active = '1'",
  transport: "SELECT transport FROM domain WHERE domain='%s' AND active = '1'",
  senderLogins: "SELECT username FROM mailbox WHERE username='%s' AND active = '1'",
  quotaLimit: "SELECT quota FROM mailbox WHERE username='%s' AND active = '1'",
};

/** Postfix's reading of a .cf file: `name = value` lines, blanks around the value dropped, `#` lines skipped. */
function readCf(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of content.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    expect(line).not.toMatch(/^\s/); // a leading blank would continue the previous line
    const m = /^(\w+)\s*=\s*(.*?)\s*$/.exec(line);
    expect(m, line).not.toBeNull();
    out[m![1]!] = m![2]!;
  }
  return out;
}

describe('[postfix config] mysql_table maps', () => {
  it.each(Object.keys(DOCUMENTED) as PostfixMap[])('%s: connection settings and the documented query', (map) => {
    const file = generatePostfixMap(TEST_OPTIONS, map);
    expect(file.name).toBe(POSTFIX_MAP_FILES[map]);
    expect(readCf(file.content)).toEqual({
      hosts: 'inet:127.0.0.1:3306',
      user: 'mailroom_mail',
      password: HOSTILE_PASSWORD,
      dbname: 'postfix',
      query: DOCUMENTED[map],
    });
  });

  it('a unix socket or an IPv6 address as the database host', () => {
    expect(readCf(generatePostfixMap({ ...TEST_OPTIONS, dbHost: '/run/mysqld/mysqld.sock' }, 'transport').content).hosts).toBe('unix:/run/mysqld/mysqld.sock');
    expect(readCf(generatePostfixMap({ ...TEST_OPTIONS, dbHost: '::1', dbPort: 3307 }, 'transport').content).hosts).toBe('inet:[::1]:3307');
  });

  it('a password with a newline cannot inject a setting (refused even if validation were skipped)', () => {
    expect(() => generatePostfixMap({ ...TEST_OPTIONS, dbPassword: 'x\nquery = SELECT 1' }, 'transport')).toThrow(/newlines/);
  });

  it('ten maps, the main.cf lines and the GRANT; every map is used by main.cf except the quota map', () => {
    const files = generatePostfixConfig(TEST_OPTIONS);
    expect(files.map((f) => f.name)).toEqual([...Object.values(POSTFIX_MAP_FILES), 'main.cf.mailroom', 'mailroom-grant.sql']);
    const main = files.find((f) => f.name === 'main.cf.mailroom')!.content;
    for (const [map, name] of Object.entries(POSTFIX_MAP_FILES)) {
      expect(main.includes(`proxy:mysql:/etc/postfix/sql/${name}`), name).toBe(map !== 'quotaLimit');
    }
  });
});

describe('[postfix config] main.cf lines', () => {
  const lines = generatePostfixMainCf({ ...TEST_OPTIONS, configDir: '/etc/postfix/mailroom' }).content.split('\n');
  const ref = (file: string) => `proxy:mysql:/etc/postfix/mailroom/${file}`;

  it('wire every lookup, alias maps in order: address, alias domain, its catch-all', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        `virtual_mailbox_domains = ${ref('mysql_virtual_domains_maps.cf')}`,
        'virtual_alias_maps =',
        `    ${ref('mysql_virtual_alias_maps.cf')},`,
        `    ${ref('mysql_virtual_alias_domain_maps.cf')},`,
        `    ${ref('mysql_virtual_alias_domain_catchall_maps.cf')}`,
        'virtual_mailbox_maps =',
        `    ${ref('mysql_virtual_mailbox_maps.cf')},`,
        `    ${ref('mysql_virtual_alias_domain_mailbox_maps.cf')}`,
        `relay_domains = ${ref('mysql_relay_domains.cf')}`,
        `transport_maps = ${ref('mysql_transport_maps.cf')}`,
        `smtpd_sender_login_maps = ${ref('mysql_sender_login_maps.cf')}`,
        'virtual_transport = lmtp:unix:private/dovecot-lmtp',
        'virtual_mailbox_base = /var/vmail',
        'virtual_uid_maps = static:5000',
        'virtual_gid_maps = static:5001',
        'virtual_minimum_uid = 100',
      ]),
    );
    const at = (prefix: string) => lines.findIndex((l) => l.includes(prefix));
    expect(at('alias_maps.cf')).toBeLessThan(at('alias_domain_maps.cf'));
    expect(at('alias_domain_maps.cf')).toBeLessThan(at('alias_domain_catchall_maps.cf'));
  });

  it('lets virtual(8) deliver for a vmail uid under 100', () => {
    expect(generatePostfixMainCf({ ...TEST_OPTIONS, vmailUid: 8 }).content).toContain('virtual_minimum_uid = 8\n');
  });
});
