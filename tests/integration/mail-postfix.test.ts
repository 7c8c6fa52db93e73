import { statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PostfixMap } from '@/lib/mail/config/queries';
import { sendMail, testMessage } from './helpers/mail-protocols';
import { insertAliasDomains, insertAliases, insertDomains, insertMailboxes } from './helpers/mail-fixtures';
import { LMTP_TRANSPORT, marker, PORTS, postmapQuery, readMaildir, useMailStack, VMAIL_DIR, waitForMail } from './helpers/mailstack';

// The real Postfix reads Mailroom's database through the generated maps: every map answers every
// fixture case with `postmap -q`, and mail sent over SMTP lands in the right Maildirs or is refused.

const stack = useMailStack();
const SPECIAL_TRANSPORT = 'smtp:[127.0.0.1]:10026';

beforeAll(async () => {
  const db = stack().dbUrl;
  await insertDomains(db, [
    { domain: 'hosted.test', transport: LMTP_TRANSPORT }, // delivered by Dovecot over LMTP
    { domain: 'vdeliver.test', transport: 'virtual' }, // delivered by Postfix's virtual(8)
    { domain: 'catchall.test', transport: LMTP_TRANSPORT },
    { domain: 'alias.test', transport: LMTP_TRANSPORT },
    { domain: 'aliascatch.test', transport: LMTP_TRANSPORT },
    { domain: 'offalias.test', transport: LMTP_TRANSPORT },
    { domain: 'off.test', transport: LMTP_TRANSPORT, active: false },
    { domain: 'backup.test', transport: SPECIAL_TRANSPORT, backupmx: true },
    { domain: 'special.test', transport: SPECIAL_TRANSPORT },
  ]);
  await insertMailboxes(db, [
    { username: 'alice@hosted.test', quota: 10_240_000 },
    { username: 'bob@hosted.test' },
    { username: 'carol@vdeliver.test' },
    { username: 'fwdcopy@hosted.test', goto: 'fwdcopy@hosted.test,carol@vdeliver.test' }, // forward, keep a copy
    { username: 'fwdonly@hosted.test', goto: 'bob@hosted.test' }, // forward without a copy
    { username: 'frank@hosted.test', active: false },
    { username: 'dave@catchall.test' },
    { username: 'eve@off.test' },
  ]);
  await insertAliases(db, [
    { address: 'info@hosted.test', goto: 'alice@hosted.test' },
    { address: 'team@hosted.test', goto: 'alice@hosted.test,bob@hosted.test,carol@vdeliver.test' },
    { address: 'old@hosted.test', goto: 'alice@hosted.test', active: false },
    { address: '@catchall.test', goto: 'alice@hosted.test' },
  ]);
  await insertAliasDomains(db, [
    { aliasDomain: 'alias.test', targetDomain: 'hosted.test' },
    { aliasDomain: 'aliascatch.test', targetDomain: 'catchall.test' },
    { aliasDomain: 'offalias.test', targetDomain: 'hosted.test', active: false },
  ]);
});

// [map, key, answer (null = not found), why]
const CASES: [PostfixMap, string, string | null, string][] = [
  ['virtualDomains', 'hosted.test', 'hosted.test', 'hosted domain'],
  ['virtualDomains', 'alias.test', 'alias.test', 'an alias domain is a hosted domain too'],
  ['virtualDomains', 'off.test', null, 'inactive domain'],
  ['virtualDomains', 'backup.test', null, 'backup MX is relayed, not hosted'],
  ['virtualDomains', 'unknown.test', null, 'unknown domain'],
  ['virtualAliases', 'alice@hosted.test', 'alice@hosted.test', "a mailbox's own alias"],
  ['virtualAliases', 'info@hosted.test', 'alice@hosted.test', 'alias'],
  ['virtualAliases', 'team@hosted.test', 'alice@hosted.test,bob@hosted.test,carol@vdeliver.test', 'multi-target alias'],
  ['virtualAliases', 'fwdcopy@hosted.test', 'fwdcopy@hosted.test,carol@vdeliver.test', 'forward keeping a copy'],
  ['virtualAliases', 'fwdonly@hosted.test', 'bob@hosted.test', 'forward without a copy'],
  ['virtualAliases', '@catchall.test', 'alice@hosted.test', 'catch-all'],
  ['virtualAliases', 'old@hosted.test', null, 'inactive alias'],
  ['virtualAliases', 'frank@hosted.test', null, "inactive mailbox's alias"],
  ['aliasDomainAliases', 'alice@alias.test', 'alice@hosted.test', 'mailbox through an alias domain'],
  ['aliasDomainAliases', 'info@alias.test', 'alice@hosted.test', 'alias through an alias domain'],
  ['aliasDomainAliases', 'dave@aliascatch.test', 'dave@catchall.test', 'mailbox of a catch-all domain through its alias domain'],
  ['aliasDomainAliases', 'nobody@alias.test', null, 'unknown user of an alias domain'],
  ['aliasDomainAliases', 'alice@offalias.test', null, 'inactive alias domain'],
  ['aliasDomainAliases', 'frank@alias.test', null, 'inactive mailbox through an alias domain'],
  ['aliasDomainCatchall', 'anyone@aliascatch.test', 'alice@hosted.test', "the target's catch-all through an alias domain"],
  ['aliasDomainCatchall', 'anyone@alias.test', null, 'no catch-all on the target'],
  ['virtualMailboxes', 'alice@hosted.test', 'hosted.test/alice/', 'mailbox to its Maildir'],
  ['virtualMailboxes', 'frank@hosted.test', null, 'inactive mailbox'],
  ['virtualMailboxes', 'info@hosted.test', null, 'an alias is not a mailbox'],
  ['aliasDomainMailboxes', 'alice@alias.test', 'hosted.test/alice/', 'mailbox through an alias domain'],
  ['aliasDomainMailboxes', 'frank@alias.test', null, 'inactive mailbox through an alias domain'],
  ['aliasDomainMailboxes', 'alice@offalias.test', null, 'inactive alias domain'],
  ['relayDomains', 'backup.test', 'backup.test', 'backup MX domain'],
  ['relayDomains', 'hosted.test', null, 'hosted domain is not relayed'],
  ['transport', 'hosted.test', LMTP_TRANSPORT, 'LMTP to Dovecot'],
  ['transport', 'vdeliver.test', 'virtual', "Postfix's own virtual delivery"],
  ['transport', 'special.test', SPECIAL_TRANSPORT, 'special transport'],
  ['transport', 'off.test', null, 'inactive domain'],
  ['senderLogins', 'alice@hosted.test', 'alice@hosted.test', 'a mailbox may send as itself'],
  ['senderLogins', 'frank@hosted.test', null, 'inactive mailbox'],
  ['quotaLimit', 'alice@hosted.test', '10240000', 'quota in bytes'],
  ['quotaLimit', 'bob@hosted.test', '0', 'unlimited'],
  ['quotaLimit', 'frank@hosted.test', null, 'inactive mailbox'],
];

describe('[postfix] the generated maps answer every case (postmap -q)', () => {
  it.each(CASES)('%s %s -> %s (%s)', async (map, key, answer) => {
    expect(await postmapQuery(map, key)).toBe(answer);
  });
});

describe('[postfix] mail over SMTP lands in the right Maildirs', () => {
  const send = async (to: string[], name: string) => {
    const m = marker(name);
    const result = await sendMail(PORTS.smtp, 'sender@outside.test', to, testMessage('sender@outside.test', to[0]!, m));
    return { m, ...result };
  };

  it('a mailbox on an LMTP domain (Dovecot delivers), addressed in mixed case', async () => {
    const { m, rcpt, data } = await send(['Alice@Hosted.TEST'], 'lmtp');
    expect(rcpt[0]!.code).toBe(250);
    expect(data?.code).toBe(250);
    expect((await waitForMail('hosted.test/alice/', m)).content).toContain(`Message-ID: <${m}@tests.mailroom.test>`);
  });

  it('a mailbox on a virtual(8) domain, written as the vmail user', async () => {
    const { m, data } = await send(['carol@vdeliver.test'], 'virtual');
    expect(data?.code).toBe(250);
    const mail = await waitForMail('vdeliver.test/carol/', m);
    expect(statSync(mail.file).uid).toBe(statSync(VMAIL_DIR).uid);
    expect(statSync(mail.file).uid).not.toBe(0);
  });

  it('an alias and a multi-target alias reach every target, across transports', async () => {
    const alias = await send(['info@hosted.test'], 'alias');
    const team = await send(['team@hosted.test'], 'team');
    await waitForMail('hosted.test/alice/', alias.m);
    for (const maildir of ['hosted.test/alice/', 'hosted.test/bob/', 'vdeliver.test/carol/']) await waitForMail(maildir, team.m);
  });

  it('a forward with a copy reaches both; a forward without one only its target', async () => {
    const copy = await send(['fwdcopy@hosted.test'], 'fwdcopy');
    await waitForMail('hosted.test/fwdcopy/', copy.m);
    await waitForMail('vdeliver.test/carol/', copy.m);
    const only = await send(['fwdonly@hosted.test'], 'fwdonly');
    await waitForMail('hosted.test/bob/', only.m);
    expect((await readMaildir('hosted.test/fwdonly/')).some((mail) => mail.content.includes(only.m))).toBe(false);
  });

  it('a catch-all takes unknown users, never a mailbox of its domain', async () => {
    const unknown = await send(['whoever@catchall.test'], 'catchall');
    const dave = await send(['dave@catchall.test'], 'dave');
    await waitForMail('hosted.test/alice/', unknown.m);
    await waitForMail('catchall.test/dave/', dave.m);
    expect((await readMaildir('hosted.test/alice/')).some((mail) => mail.content.includes(dave.m))).toBe(false);
  });

  it('an alias domain reaches the target mailbox, and the target catch-all only for unknown users', async () => {
    const direct = await send(['alice@alias.test'], 'aliasdomain');
    const catchall = await send(['whoever@aliascatch.test'], 'aliasdomaincatchall');
    const dave = await send(['dave@aliascatch.test'], 'aliasdomaindave');
    await waitForMail('hosted.test/alice/', direct.m);
    await waitForMail('hosted.test/alice/', catchall.m);
    await waitForMail('catchall.test/dave/', dave.m);
    expect((await readMaildir('hosted.test/alice/')).some((mail) => mail.content.includes(dave.m))).toBe(false);
  });

  it.each([
    ['nobody@hosted.test', 'unknown user of a hosted domain'],
    ['frank@hosted.test', 'inactive mailbox'],
    ['old@hosted.test', 'inactive alias'],
    ['nobody@alias.test', 'unknown user of an alias domain'],
    ['alice@offalias.test', 'user of an inactive alias domain'],
  ])('%s is refused with 550 5.1.1 User unknown (%s)', async (address) => {
    const { rcpt, data } = await send([address], 'refused');
    expect(rcpt[0]!.code).toBe(550);
    expect(rcpt[0]!.text).toMatch(/^550 5\.1\.1 .*User unknown/);
    expect(data).toBeUndefined();
  });

  it('an inactive domain and an unknown one are not ours: relay denied', async () => {
    for (const address of ['eve@off.test', 'someone@elsewhere.test']) {
      const { rcpt } = await send([address], 'relay');
      expect(rcpt[0]!.text).toMatch(/^554 5\.7\.1 .*Relay access denied/);
    }
  });

  it('a backup MX domain is accepted for relaying', async () => {
    const { rcpt } = await sendMail(PORTS.smtp, 'sender@outside.test', ['anyone@backup.test', 'nobody@hosted.test'], null);
    expect(rcpt.map((r) => r.code)).toEqual([250, 550]);
  });
});
