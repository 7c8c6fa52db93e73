import { getDb } from '@/lib/db/client';

// Rows as PostfixAdmin writes them, created directly (the mailbox pages are built elsewhere).

export async function addDomain(domain: string, fields: { aliases?: number; active?: boolean; backupmx?: boolean; transport?: string } = {}): Promise<void> {
  await getDb().domain.create({
    data: { domain, description: '', transport: fields.transport ?? 'virtual', aliases: fields.aliases ?? 0, active: fields.active ?? true, backupmx: fields.backupmx ?? false },
  });
}

/** A mailbox with its self alias (address = goto = username), PostfixAdmin's convention. */
export async function addMailbox(username: string, fields: { active?: boolean; goto?: string } = {}): Promise<void> {
  const [localPart = '', domain = ''] = username.split('@');
  await getDb().mailbox.create({ data: { username, password: 'x', name: localPart, maildir: `${domain}/${localPart}/`, localPart, domain, active: fields.active ?? true } });
  await getDb().alias.create({ data: { address: username, goto: fields.goto ?? username, domain, active: true } });
}

export async function addAlias(address: string, goto: string, active = true): Promise<void> {
  await getDb().alias.create({ data: { address, goto, domain: address.slice(address.lastIndexOf('@') + 1), active } });
}

export async function addAliasDomain(aliasDomain: string, targetDomain: string, active = true): Promise<void> {
  await getDb().aliasDomain.create({ data: { aliasDomain, targetDomain, active } });
}

export async function lastLog(domain: string) {
  return getDb().log.findFirst({ where: { domain }, orderBy: { id: 'desc' }, select: { action: true, data: true, username: true } });
}
