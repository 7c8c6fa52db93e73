import 'server-only';
import type { Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Scheme } from './hash';
import { ALL_SCHEMES, SHAPES, SQL_PATTERNS, schemeOfGroup, type Shape } from './scheme-groups';

export interface SchemeCount {
  scheme: Scheme;
  mailboxes: number;
  admins: number;
}

/**
 * Rows per (prefix, shape) group of one table, counted by the database in one pass (see
 * scheme-groups.ts); the `{PREFIX}` is upper-cased, the shape read from the hash after it.
 */
async function groupCounts(table: 'mailbox' | 'admin'): Promise<{ prefix: string | null; shape: Shape; n: number }[]> {
  const p = SQL_PATTERNS;
  const rows = await getDb().$queryRaw<{ prefix: string | null; shape: string; n: bigint | number }[]>`
    SELECT prefix, shape, COUNT(*) AS n FROM (
      SELECT prefix,
        CASE
          WHEN CAST(rest AS BINARY) REGEXP ${p.bcrypt} THEN 'bcrypt'
          WHEN LEFT(rest, 3) = '$6$' THEN 'sha512'
          WHEN LEFT(rest, 3) = '$5$' THEN 'sha256'
          WHEN LEFT(rest, 3) = '$1$' THEN 'md5crypt'
          WHEN CAST(rest AS BINARY) REGEXP ${p.des} THEN 'des'
          WHEN rest REGEXP ${p.hex32} THEN 'hex32'
          ELSE 'other'
        END AS shape
      FROM (
        SELECT
          IF(password REGEXP ${p.prefix}, UPPER(SUBSTRING(password, 2, LOCATE('}', password) - 2)), NULL) AS prefix,
          IF(password REGEXP ${p.prefix}, SUBSTRING(password, LOCATE('}', password) + 1), password) AS rest
        FROM ${Prisma.raw(table)}
      ) AS split
    ) AS shaped
    GROUP BY prefix, shape`;
  return rows.map((r) => ({ prefix: r.prefix, shape: SHAPES.find((s) => s === r.shape) ?? 'other', n: Number(r.n) }));
}

/** How many mailboxes and admins have their password stored in each scheme; null unless superadmin. */
export async function countPasswordSchemes(actor: Actor): Promise<SchemeCount[] | null> {
  if (!actor.isSuperadmin) return null;
  const [mailboxes, admins] = await Promise.all([groupCounts('mailbox'), groupCounts('admin')]);
  const counts = new Map<Scheme, SchemeCount>(ALL_SCHEMES.map((scheme) => [scheme, { scheme, mailboxes: 0, admins: 0 }]));
  for (const [rows, field] of [[mailboxes, 'mailboxes'], [admins, 'admins']] as const) {
    for (const g of rows) {
      const count = counts.get(schemeOfGroup(g.prefix, g.shape));
      if (count) count[field] += g.n;
    }
  }
  return [...counts.values()];
}
