import type { getDMMF } from '@prisma/internals';
import { withSql } from './database';

// The database's schema as information_schema tells it, for comparing with schema.prisma (schema.test.ts).

export type Datamodel = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
export type Model = Datamodel['models'][number];
export type Field = Model['fields'][number];

export interface DbColumn {
  type: string;
  isNullable: boolean;
  /** information_schema's COLUMN_DEFAULT: SQL NULL = no default, 'NULL' = DEFAULT NULL, strings quoted */
  default: string | null;
  extra: string;
  charset: string | null;
  collation: string | null;
}
export interface DbIndex {
  isUnique: boolean;
  type: string;
  columns: { name: string; subPart: number | null; isDescending: boolean }[];
}
export interface DbForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
export interface DbTable {
  columns: Map<string, DbColumn>;
  indexes: Map<string, DbIndex>;
  foreignKeys: DbForeignKey[];
}
export type DbSchema = Map<string, DbTable>;

/** Reads tables, columns, indexes and foreign keys of the connected database from information_schema. */
export async function readDatabaseSchema(url: string): Promise<DbSchema> {
  return withSql(url, async (conn) => {
    const schema: DbSchema = new Map();
    const tables: { t: string }[] = await conn.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'",
    );
    for (const { t } of tables) schema.set(t, { columns: new Map(), indexes: new Map(), foreignKeys: [] });
    const table = (name: string): DbTable => {
      const found = schema.get(name);
      if (!found) throw new Error(`information_schema names an unknown table ${name}`);
      return found;
    };

    const columns: {
      t: string; c: string; type: string; nullable: string; dflt: string | null; extra: string; charset: string | null; coll: string | null;
    }[] = await conn.query(
      `SELECT table_name AS t, column_name AS c, column_type AS type, is_nullable AS nullable, column_default AS dflt,
              extra, character_set_name AS charset, collation_name AS coll
         FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
    for (const c of columns) {
      table(c.t).columns.set(c.c, {
        type: c.type, isNullable: c.nullable === 'YES', default: c.dflt, extra: c.extra, charset: c.charset, collation: c.coll,
      });
    }

    const stats: { t: string; i: string; nonUnique: number | bigint; c: string; subPart: number | bigint | null; itype: string; coll: string | null }[] =
      await conn.query(
        `SELECT table_name AS t, index_name AS i, non_unique AS nonUnique, column_name AS c, sub_part AS subPart,
                index_type AS itype, collation AS coll
           FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index`,
      );
    for (const s of stats) {
      const indexes = table(s.t).indexes;
      const index = indexes.get(s.i) ?? { isUnique: Number(s.nonUnique) === 0, type: s.itype, columns: [] };
      index.columns.push({ name: s.c, subPart: s.subPart === null ? null : Number(s.subPart), isDescending: s.coll === 'D' });
      indexes.set(s.i, index);
    }

    const fks: { t: string; name: string; c: string; refTable: string; refColumn: string; onDelete: string; onUpdate: string }[] =
      await conn.query(
        `SELECT k.table_name AS t, k.constraint_name AS name, k.column_name AS c, k.referenced_table_name AS refTable,
                k.referenced_column_name AS refColumn, r.delete_rule AS onDelete, r.update_rule AS onUpdate
           FROM information_schema.key_column_usage k
           JOIN information_schema.referential_constraints r
             ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
          WHERE k.table_schema = DATABASE() AND k.referenced_table_name IS NOT NULL
          ORDER BY k.table_name, k.constraint_name, k.ordinal_position`,
      );
    for (const f of fks) {
      const list = table(f.t).foreignKeys;
      let fk = list.find((x) => x.name === f.name);
      if (!fk) {
        fk = { name: f.name, columns: [], refTable: f.refTable, refColumns: [], onDelete: f.onDelete, onUpdate: f.onUpdate };
        list.push(fk);
      }
      fk.columns.push(f.c);
      fk.refColumns.push(f.refColumn);
    }
    return schema;
  });
}
