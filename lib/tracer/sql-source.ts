import type { Db, Tx } from '@/lib/db/client';
import { expandPostfixQuery, POSTFIX_QUERIES, type MapName } from './postfix-queries';
import type { QueryRun, TraceSource } from './source';

/**
 * The tracer's view of the database: Postfix's documented queries run verbatim (the key bound as a
 * parameter where Postfix pastes it escaped), and plain row reads for the explanations. Works inside
 * a transaction too, so a change can be checked before it is committed.
 */
export function sqlTraceSource(db: Db | Tx): TraceSource {
  return {
    async run(map: MapName, key: string): Promise<QueryRun> {
      const query = expandPostfixQuery(POSTFIX_QUERIES[map], key);
      if (!query) return { map, key, sql: null, rows: [] };
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(query.sql, ...query.params);
      return { map, key, sql: query.display, rows: rows.map((r) => String(Object.values(r)[0] ?? '')) };
    },
    aliasRow: (address) => db.alias.findUnique({ where: { address }, select: { goto: true, active: true } }),
    mailboxRow: (username) => db.mailbox.findUnique({ where: { username }, select: { active: true } }),
    domainRow: (domain) => db.domain.findUnique({ where: { domain }, select: { active: true, backupmx: true, transport: true } }),
    aliasDomainRow: (aliasDomain) => db.aliasDomain.findUnique({ where: { aliasDomain }, select: { targetDomain: true, active: true } }),
  };
}
