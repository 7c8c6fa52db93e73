import { beforeAll, describe, expect, it } from 'vitest';
import { parseFieldMessage } from '@/lib/aliases/field-message';
import { getDb } from '@/lib/db/client';
import { findForwardForActor, mailboxFromRoute } from '@/lib/forwards/queries';
import { forwardSchema } from '@/lib/forwards/schema';
import { saveForward } from '@/lib/forwards/service';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { addDomain, addMailbox, lastLog } from './helpers/mail-rows';

const dbUrl = useMigratedDatabase();
const admin = domainAdmin('f.example');

function form(fields: Record<string, string>) {
  return forwardSchema.parse({ mailbox: 'alice@f.example', goto: '', keepCopy: 'on', ...fields });
}
/** What Postfix's virtual_alias_maps query answers for the address, verbatim. */
async function postfixGoto(address: string): Promise<string[]> {
  const rows: { goto: string }[] = await withSql(dbUrl(), (c) => c.query(`SELECT goto FROM alias WHERE address='${address.replace(/'/g, "\\'")}' AND active = '1'`));
  return rows.map((r) => r.goto);
}

beforeAll(async () => {
  await addDomain('f.example');
  await addDomain('other.example');
  await addMailbox('alice@f.example');
  await addMailbox('bob@f.example');
  await addMailbox('carol@other.example');
});

describe('[forward] storage, as PostfixAdmin does it', () => {
  it('a forward keeping a copy: targets first, then the mailbox itself', async () => {
    expect(await saveForward(admin, form({ goto: 'Friend@Gmail.test\nbob@f.example\n' }))).toEqual({ ok: true, message: 'forward.saved' });
    expect(await postfixGoto('alice@f.example')).toEqual(['friend@gmail.test,bob@f.example,alice@f.example']);
    expect(await lastLog('f.example')).toEqual({ action: 'edit_alias', data: 'alice@f.example: goto: alice@f.example -> friend@gmail.test,bob@f.example,alice@f.example', username: 'domain admin' });
  });

  it('a pure forward drops the mailbox; no forward is the mailbox alone', async () => {
    expect(await saveForward(admin, form({ goto: 'friend@gmail.test', keepCopy: '' }))).toMatchObject({ ok: true });
    expect(await postfixGoto('alice@f.example')).toEqual(['friend@gmail.test']);
    expect(await saveForward(admin, form({ goto: '' }))).toMatchObject({ ok: true });
    expect(await postfixGoto('alice@f.example')).toEqual(['alice@f.example']);
    const count = await getDb().log.count();
    expect(await saveForward(admin, form({ goto: '' }))).toEqual({ ok: true, message: 'forward.unchanged' });
    expect(await getDb().log.count()).toBe(count);
  });

  it("PostfixAdmin's vacation address stays where it was", async () => {
    await getDb().alias.update({ where: { address: 'alice@f.example' }, data: { goto: 'old@gmail.test,alice#f.example@autoreply.f.example,alice@f.example' } });
    expect(await saveForward(admin, form({ goto: 'new@gmail.test' }))).toMatchObject({ ok: true });
    expect(await postfixGoto('alice@f.example')).toEqual(['new@gmail.test,alice#f.example@autoreply.f.example,alice@f.example']);
    const found = await findForwardForActor(admin, 'f.example', 'alice@f.example');
    expect(found?.forward).toEqual({ targets: ['new@gmail.test'], keepCopy: true, vacation: ['alice#f.example@autoreply.f.example'] });
  });

  it('a mailbox whose alias row is missing gets it back', async () => {
    await getDb().alias.delete({ where: { address: 'bob@f.example' } });
    expect((await findForwardForActor(admin, 'f.example', 'bob@f.example'))?.forward).toEqual({ targets: [], keepCopy: true, vacation: [] });
    expect(await saveForward(admin, form({ mailbox: 'bob@f.example', goto: 'b@gmail.test' }))).toMatchObject({ ok: true });
    expect(await getDb().alias.findUnique({ where: { address: 'bob@f.example' }, select: { goto: true, domain: true, active: true } })).toEqual({ goto: 'b@gmail.test,bob@f.example', domain: 'f.example', active: true });
  });
});

describe('[forward] validation', () => {
  it('nothing to deliver to is refused next to the destinations', () => {
    const r = forwardSchema.safeParse({ mailbox: 'alice@f.example', goto: '\n', keepCopy: '' });
    expect(r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])).toEqual([['goto', 'forward.errors.nothing']]);
  });

  it('bad lines, the mailbox itself, missing local targets and loops are refused; nothing changes', async () => {
    const before = await getDb().alias.findUnique({ where: { address: 'alice@f.example' }, select: { goto: true } });
    const bad = forwardSchema.safeParse({ mailbox: 'alice@f.example', goto: 'ok@gmail.test\nnot an address', keepCopy: 'on' });
    expect(bad.success ? [] : bad.error.issues.map((i) => parseFieldMessage(i.message).params.line)).toEqual([2]);
    expect(await saveForward(admin, form({ goto: 'Alice@f.example' }))).toEqual({ fieldErrors: { goto: ['forward.errors.self'] } });
    const missing = await saveForward(admin, form({ goto: 'nobody@f.example\nnobody@other.example' }));
    expect((missing.fieldErrors?.goto ?? []).map(parseFieldMessage)).toEqual([{ key: 'alias.errors.missing', params: { addresses: 'nobody@f.example, nobody@other.example', count: 2 } }]);
    // bob forwards to alice without a copy; alice forwarding to bob without a copy would loop
    expect(await saveForward(admin, form({ mailbox: 'bob@f.example', goto: 'alice@f.example', keepCopy: '' }))).toMatchObject({ ok: true });
    const loop = await saveForward(admin, form({ goto: 'bob@f.example', keepCopy: '' }));
    expect((loop.fieldErrors?.goto ?? []).map(parseFieldMessage)).toEqual([{ key: 'alias.errors.loop', params: { cycle: 'alice@f.example → bob@f.example → alice@f.example' } }]);
    expect(await getDb().alias.findUnique({ where: { address: 'alice@f.example' }, select: { goto: true } })).toEqual(before);
    // keeping a copy, alice expands into herself: Postfix stops there, no loop
    expect(await saveForward(admin, form({ goto: 'bob@f.example' }))).toMatchObject({ ok: true });
  });

  it('a domain admin cannot set a forward in a foreign domain, nor on an address that is not a mailbox', async () => {
    const count = await getDb().log.count();
    expect(await saveForward(admin, form({ mailbox: 'carol@other.example', goto: 'me@evil.test', keepCopy: '' }))).toEqual({ message: 'errors.notFound' });
    expect(await saveForward(admin, form({ mailbox: 'ghost@f.example', goto: 'me@evil.test' }))).toEqual({ message: 'errors.notFound' });
    expect(await getDb().alias.findUnique({ where: { address: 'carol@other.example' }, select: { goto: true } })).toEqual({ goto: 'carol@other.example' });
    expect(await getDb().alias.findUnique({ where: { address: 'ghost@f.example' } })).toBeNull();
    expect(await getDb().log.count()).toBe(count);
    expect(await saveForward(superadmin, form({ mailbox: 'carol@other.example', goto: 'c@gmail.test' }))).toMatchObject({ ok: true });
  });

  it('the page finds the mailbox by local part or address, only in its own domain and for its admins', async () => {
    expect(mailboxFromRoute('f.example', 'Alice')).toBe('alice@f.example');
    expect(mailboxFromRoute('f.example', 'alice@f.example')).toBe('alice@f.example');
    expect(await findForwardForActor(admin, 'f.example', 'alice@f.example')).toMatchObject({ username: 'alice@f.example' });
    expect(await findForwardForActor(admin, 'other.example', 'carol@other.example')).toBeNull();
    expect(await findForwardForActor(admin, 'f.example', 'carol@other.example')).toBeNull();
    expect(await findForwardForActor(admin, 'f.example', 'ghost@f.example')).toBeNull();
  });
});
