import { withSql } from './database';

// Fixture rows written directly in PostfixAdmin's tables, as PostfixAdmin itself writes them.

export interface DomainRow {
  domain: string;
  transport?: string;
  backupmx?: boolean;
  active?: boolean;
}

export interface MailboxRow {
  username: string;
  password?: string;
  quota?: number;
  active?: boolean;
  /** the mailbox's own alias row (address = username); defaults to the mailbox itself */
  goto?: string;
}

export async function insertDomains(dbUrl: string, rows: DomainRow[]): Promise<void> {
  await withSql(dbUrl, async (conn) => {
    for (const r of rows) {
      await conn.query('INSERT INTO domain (domain, description, transport, backupmx, active) VALUES (?, ?, ?, ?, ?)', [
        r.domain,
        `fixture ${r.domain}`,
        r.transport ?? 'virtual',
        r.backupmx ? 1 : 0,
        r.active === false ? 0 : 1,
      ]);
    }
  });
}

/** Mailboxes with their self-alias row (a forward changes that row's goto), maildir `domain/local/`. */
export async function insertMailboxes(dbUrl: string, rows: MailboxRow[]): Promise<void> {
  await withSql(dbUrl, async (conn) => {
    for (const r of rows) {
      const [localPart, domain] = r.username.split('@') as [string, string];
      const active = r.active === false ? 0 : 1;
      await conn.query(
        'INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [r.username, r.password ?? '{PLAIN}unused', localPart, `${domain}/${localPart}/`, r.quota ?? 0, localPart, domain, active],
      );
      await conn.query('INSERT INTO alias (address, goto, domain, active) VALUES (?, ?, ?, ?)', [r.username, r.goto ?? r.username, domain, active]);
    }
  });
}

export async function insertAliases(dbUrl: string, rows: { address: string; goto: string; active?: boolean }[]): Promise<void> {
  await withSql(dbUrl, async (conn) => {
    for (const r of rows) {
      const domain = r.address.slice(r.address.indexOf('@') + 1);
      await conn.query('INSERT INTO alias (address, goto, domain, active) VALUES (?, ?, ?, ?)', [r.address, r.goto, domain, r.active === false ? 0 : 1]);
    }
  });
}

export async function insertAliasDomains(dbUrl: string, rows: { aliasDomain: string; targetDomain: string; active?: boolean }[]): Promise<void> {
  await withSql(dbUrl, async (conn) => {
    for (const r of rows) {
      await conn.query('INSERT INTO alias_domain (alias_domain, target_domain, active) VALUES (?, ?, ?)', [r.aliasDomain, r.targetDomain, r.active === false ? 0 : 1]);
    }
  });
}

/** Runs one statement with placeholders on the test database. */
export async function sql<T = unknown>(dbUrl: string, query: string, params: unknown[] = []): Promise<T> {
  return withSql(dbUrl, (conn) => conn.query(query, params) as Promise<T>);
}
