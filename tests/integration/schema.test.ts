import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, applyMigrations, readMigrations } from '@/lib/db/migrate';
import { createTestDatabase, withSql } from './helpers/database';

// `prisma migrate diff` needs the schema engine binary, which cannot be downloaded here, so this
// test is the proof that the SQL migrations build exactly the database schema.prisma describes.

type Datamodel = Awaited<ReturnType<typeof getDMMF>>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];

interface DbColumn {
  type: string;
  isNullable: boolean;
  /** information_schema's COLUMN_DEFAULT: SQL NULL = no default, 'NULL' = DEFAULT NULL, strings quoted */
  default: string | null;
  extra: string;
  charset: string | null;
  collation: string | null;
}
interface DbIndex {
  isUnique: boolean;
  type: string;
  columns: { name: string; subPart: number | null; isDescending: boolean }[];
}
interface DbForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}
interface DbTable {
  columns: Map<string, DbColumn>;
  indexes: Map<string, DbIndex>;
  foreignKeys: DbForeignKey[];
}
type DbSchema = Map<string, DbTable>;

/** Reads tables, columns, indexes and foreign keys of the connected database from information_schema. */
async function readDatabaseSchema(url: string): Promise<DbSchema> {
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

const tableOf = (model: Model): string => model.dbName ?? model.name;
const columnOf = (field: Field): string => field.dbName ?? field.name;
const isColumn = (field: Field): boolean => field.kind === 'scalar' || field.kind === 'enum';

function fieldByName(model: Model, name: string): Field {
  const field = model.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${model.name} has no field ${name}`);
  return field;
}

/** The COLUMN_TYPE MariaDB reports for a Prisma field (integer display widths removed, see normalizeColumnType). */
function expectedColumnType(field: Field, datamodel: Datamodel): string {
  if (field.kind === 'enum') {
    const e = datamodel.enums.find((x) => x.name === field.type);
    if (!e) throw new Error(`unknown enum ${field.type}`);
    return `enum(${e.values.map((v) => `'${v.dbName ?? v.name}'`).join(',')})`;
  }
  const [native, args] = field.nativeType ?? [null, []];
  const precision = (base: string): string => (args[0] === undefined || args[0] === '0' ? base : `${base}(${args[0]})`);
  if (native === null) {
    // Prisma's MySQL defaults for fields without @db.*
    const defaults: Record<string, string> = {
      String: 'varchar(191)', Int: 'int', BigInt: 'bigint', Boolean: 'tinyint(1)', DateTime: 'datetime(3)',
      Float: 'double', Decimal: 'decimal(65,30)', Json: 'json', Bytes: 'longblob',
    };
    const type = defaults[field.type];
    if (!type) throw new Error(`no MySQL mapping for ${field.type}`);
    return type;
  }
  switch (native) {
    case 'VarChar': return `varchar(${args[0]})`;
    case 'Char': return `char(${args[0]})`;
    case 'Text': return 'text';
    case 'TinyText': return 'tinytext';
    case 'MediumText': return 'mediumtext';
    case 'LongText': return 'longtext';
    case 'DateTime': return precision('datetime');
    case 'Timestamp': return precision('timestamp');
    case 'Date': return 'date';
    case 'Int': return 'int';
    case 'UnsignedInt': return 'int unsigned';
    case 'SmallInt': return 'smallint';
    case 'UnsignedSmallInt': return 'smallint unsigned';
    case 'MediumInt': return 'mediumint';
    case 'UnsignedMediumInt': return 'mediumint unsigned';
    case 'BigInt': return 'bigint';
    case 'UnsignedBigInt': return 'bigint unsigned';
    // a Boolean is tinyint(1); PostfixAdmin's fetchmail flags are tinyint(1) unsigned
    case 'TinyInt': return field.type === 'Boolean' ? 'tinyint(1)' : 'tinyint';
    case 'UnsignedTinyInt': return field.type === 'Boolean' ? 'tinyint(1) unsigned' : 'tinyint unsigned';
    default: throw new Error(`schema.test.ts does not know @db.${native} yet (${field.name}); add its MariaDB type`);
  }
}

/** Integer display widths carry no meaning (int(10) = int(11) = int), except tinyint(1), which is a Boolean. */
function normalizeColumnType(type: string): string {
  return type.replace(/^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)/, (whole, base: string, width: string) =>
    base === 'tinyint' && width === '1' ? whole : base,
  );
}

const sqlString = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/** What COLUMN_DEFAULT and EXTRA must hold for a field (MariaDB 10.2.7+ quotes string literals). */
function expectedDefault(field: Field): { default: string | null; extra: string } {
  const d = field.default;
  if (d === undefined) return { default: field.isRequired ? null : 'NULL', extra: '' };
  if (typeof d === 'object' && !Array.isArray(d)) {
    const fn = d as { name: string; args: readonly (string | number)[] };
    if (fn.name === 'autoincrement') return { default: null, extra: 'auto_increment' };
    if (fn.name === 'now') return { default: 'current_timestamp()', extra: '' };
    if (fn.name === 'dbgenerated') return { default: String(fn.args[0]), extra: '' };
    throw new Error(`schema.test.ts does not know @default(${fn.name}()) yet (${field.name})`);
  }
  if (typeof d === 'boolean') return { default: d ? '1' : '0', extra: '' };
  if (typeof d === 'number') return { default: String(d), extra: '' };
  if (typeof d === 'string') return { default: field.type === 'Int' || field.type === 'BigInt' ? d : sqlString(d), extra: '' };
  throw new Error(`unsupported default for ${field.name}: ${JSON.stringify(d)}`);
}

function defaultIndexName(table: string, columns: string[], type: string): string {
  // Prisma's MySQL naming when an index has no map: (the 64-character truncation is not needed here)
  return `${table}_${columns.join('_')}_${type === 'unique' ? 'key' : 'idx'}`;
}

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT',
};

type Aspect = 'tables' | 'columns' | 'types' | 'nullability' | 'defaults' | 'primaryKeys' | 'indexes' | 'foreignKeys';
type Differences = Record<Aspect, string[]>;

/** Every way the database differs from schema.prisma, one sentence per difference, grouped by aspect. */
function compareWithSchema(db: DbSchema, datamodel: Datamodel): Differences {
  const diff: Differences = { tables: [], columns: [], types: [], nullability: [], defaults: [], primaryKeys: [], indexes: [], foreignKeys: [] };
  const modelTables = new Set(datamodel.models.map(tableOf));
  for (const t of db.keys()) {
    if (t !== '_prisma_migrations' && !modelTables.has(t)) diff.tables.push(`table ${t} exists in the database but no model maps to it`);
  }

  for (const model of datamodel.models) {
    const t = tableOf(model);
    const table = db.get(t);
    if (!table) {
      diff.tables.push(`model ${model.name}: table ${t} is missing`);
      continue;
    }
    const fields = model.fields.filter(isColumn);

    const wanted = new Set(fields.map(columnOf));
    for (const c of wanted) if (!table.columns.has(c)) diff.columns.push(`${t}.${c}: column is missing (field of ${model.name})`);
    for (const c of table.columns.keys()) if (!wanted.has(c)) diff.columns.push(`${t}.${c}: column exists in the database but not in model ${model.name}`);

    for (const field of fields) {
      const c = columnOf(field);
      const col = table.columns.get(c);
      if (!col) continue;
      const type = expectedColumnType(field, datamodel);
      if (normalizeColumnType(col.type) !== type) diff.types.push(`${t}.${c}: type is ${col.type}, schema.prisma says ${type}`);
      if (col.isNullable === field.isRequired) {
        diff.nullability.push(`${t}.${c}: column is ${col.isNullable ? 'NULL' : 'NOT NULL'}, schema.prisma says ${field.isRequired ? 'required' : 'optional'}`);
      }
      const dflt = expectedDefault(field);
      if (col.default !== dflt.default) diff.defaults.push(`${t}.${c}: default is ${col.default ?? '(none)'}, schema.prisma says ${dflt.default ?? '(none)'}`);
      if (col.extra !== dflt.extra) diff.defaults.push(`${t}.${c}: EXTRA is '${col.extra}', schema.prisma implies '${dflt.extra}'`);
    }

    const pkFields = model.primaryKey?.fields ?? fields.filter((f) => f.isId).map((f) => f.name);
    const pk = pkFields.map((name) => columnOf(fieldByName(model, name)));
    const dbPk = table.indexes.get('PRIMARY')?.columns.map((x) => x.name) ?? [];
    if (pk.join(',') !== dbPk.join(',')) diff.primaryKeys.push(`${t}: primary key is (${dbPk.join(', ')}), schema.prisma says (${pk.join(', ')})`);

    const expectedIndexes = new Set<string>(['PRIMARY']);
    for (const index of datamodel.indexes.filter((i) => i.model === model.name && i.type !== 'id')) {
      const columns = index.fields.map((f) => columnOf(fieldByName(model, f.name)));
      const name = index.dbName ?? defaultIndexName(t, columns, index.type);
      expectedIndexes.add(name);
      const found = table.indexes.get(name);
      const describe = (isUnique: boolean, type: string, cols: string[]) => `${type === 'FULLTEXT' ? 'FULLTEXT ' : isUnique ? 'UNIQUE ' : ''}(${cols.join(', ')})`;
      const wantedShape = describe(index.type === 'unique', index.type === 'fulltext' ? 'FULLTEXT' : 'BTREE', columns);
      if (!found) {
        diff.indexes.push(`${t}: index ${name} ${wantedShape} is missing`);
        continue;
      }
      const foundShape = describe(found.isUnique, found.type, found.columns.map((x) => x.name));
      if (foundShape !== wantedShape) diff.indexes.push(`${t}: index ${name} is ${foundShape}, schema.prisma says ${wantedShape}`);
      index.fields.forEach((f, i) => {
        const dbCol = found.columns[i];
        if (!dbCol) return;
        if ((f.length ?? null) !== dbCol.subPart) diff.indexes.push(`${t}: index ${name} column ${dbCol.name} has prefix length ${dbCol.subPart ?? 'none'}, schema.prisma says ${f.length ?? 'none'}`);
        if ((f.sortOrder === 'desc') !== dbCol.isDescending) diff.indexes.push(`${t}: index ${name} column ${dbCol.name} sorts ${dbCol.isDescending ? 'DESC' : 'ASC'}, schema.prisma says ${f.sortOrder ?? 'asc'}`);
      });
    }
    for (const [name, index] of table.indexes) {
      if (!expectedIndexes.has(name)) diff.indexes.push(`${t}: index ${name} (${index.columns.map((x) => x.name).join(', ')}) exists in the database but not in schema.prisma`);
    }

    const relations = model.fields.filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0);
    const matched = new Set<string>();
    for (const rel of relations) {
      const target = datamodel.models.find((m) => m.name === rel.type);
      if (!target) throw new Error(`unknown model ${rel.type}`);
      const columns = (rel.relationFromFields ?? []).map((n) => columnOf(fieldByName(model, n)));
      const refColumns = (rel.relationToFields ?? []).map((n) => columnOf(fieldByName(target, n)));
      // Prisma's defaults: onDelete Restrict (SetNull if optional), onUpdate Cascade
      const onDelete = REFERENTIAL_ACTIONS[rel.relationOnDelete ?? (rel.isRequired ? 'Restrict' : 'SetNull')];
      const onUpdate = REFERENTIAL_ACTIONS[rel.relationOnUpdate ?? 'Cascade'];
      const wantedFk = `(${columns.join(', ')}) REFERENCES ${tableOf(target)} (${refColumns.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
      const fk = table.foreignKeys.find((f) => f.columns.join(',') === columns.join(',') && f.refTable === tableOf(target));
      if (!fk) {
        diff.foreignKeys.push(`${t}: foreign key ${wantedFk} is missing (relation ${model.name}.${rel.name})`);
        continue;
      }
      matched.add(fk.name);
      const foundFk = `(${fk.columns.join(', ')}) REFERENCES ${fk.refTable} (${fk.refColumns.join(', ')}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate}`;
      if (foundFk !== wantedFk) diff.foreignKeys.push(`${t}: foreign key ${fk.name} is ${foundFk}, schema.prisma says ${wantedFk}`);
    }
    for (const fk of table.foreignKeys) {
      if (!matched.has(fk.name)) diff.foreignKeys.push(`${t}: foreign key ${fk.name} (${fk.columns.join(', ')}) -> ${fk.refTable} exists in the database but not in schema.prisma`);
    }
  }
  return diff;
}

interface DeclaredCharset {
  charset: string;
  collation: string | null;
}

/**
 * Character set (and collation, when written) of every text column as the migrations' CREATE TABLE
 * statements declare it: the column's own CHARACTER SET, else the table's DEFAULT CHARSET.
 */
async function declaredCharsets(): Promise<Map<string, DeclaredCharset>> {
  const declared = new Map<string, DeclaredCharset>();
  for (const migration of await readMigrations()) {
    for (const m of migration.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?`(\w+)` \(\n([\s\S]*?)\n\)([^;]*);/g)) {
      const [, table = '', body = '', options = ''] = m;
      const tableCharset = /DEFAULT CHARSET=(\w+)(?: COLLATE=(\w+))?/i.exec(options);
      for (const line of body.split('\n')) {
        const col = /^\s*`(\w+)`\s+((?:var)?char|(?:tiny|medium|long)?text|enum|set)\b(.*)$/i.exec(line);
        if (!col) continue;
        const [, column = '', , rest = ''] = col;
        const own = /CHARACTER SET (\w+)(?: COLLATE (\w+))?/i.exec(rest);
        const source = own ?? tableCharset;
        if (!source?.[1]) throw new Error(`${migration.name}: cannot tell the character set of ${table}.${column}`);
        const key = `${table}.${column}`;
        if (!declared.has(key)) declared.set(key, { charset: source[1], collation: source[2] ?? null });
      }
    }
  }
  return declared;
}

// COMPAT.md: the address and key columns Postfix and Dovecot compare and join are latin1_general_ci.
// (alias_domain.* = every text column of alias_domain; the rest are the ones PostfixAdmin's
// upgrade_1846/1847 pin to latin1_general_ci, because they are compared with the keys.)
const LATIN1_KEY_COLUMNS = [
  'domain.domain', 'mailbox.username', 'mailbox.domain', 'alias.address', 'alias.domain', 'alias_domain.*',
  'admin.username', 'domain_admins.username', 'domain_admins.domain', 'quota2.username', 'vacation.email',
  'alias.goto', 'domain.transport', 'mailbox.password', 'mailbox.maildir', 'mailbox.local_part',
  'vacation.domain', 'vacation_notification.on_vacation', 'quota.username',
];
// PostfixAdmin's upgrade_1845 made these utf8mb4 (people's names and vacation messages).
const UTF8MB4_TEXT_COLUMNS = ['mailbox.name', 'vacation.subject', 'vacation.body'];

function checkLatin1KeyColumns(db: DbSchema): string[] {
  const wrong: string[] = [];
  const columns = LATIN1_KEY_COLUMNS.flatMap((key) => {
    const [table = '', column = ''] = key.split('.');
    if (column !== '*') return [key];
    const textColumns = [...(db.get(table)?.columns ?? [])].filter(([, c]) => c.charset !== null).map(([c]) => `${table}.${c}`);
    if (textColumns.length === 0) wrong.push(`${key}: no text columns found`);
    return textColumns;
  });
  for (const key of columns) {
    const [table = '', column = ''] = key.split('.');
    const col = db.get(table)?.columns.get(column);
    if (!col) wrong.push(`${key}: column is missing`);
    else if (col.charset !== 'latin1' || col.collation !== 'latin1_general_ci') wrong.push(`${key} is ${col.charset} / ${col.collation}, must be latin1 / latin1_general_ci`);
  }
  return wrong;
}

function checkUtf8mb4Columns(db: DbSchema, declared: Map<string, DeclaredCharset>): string[] {
  return [...declared].flatMap(([key, d]) => {
    if (d.charset !== 'utf8mb4') return [];
    const [table = '', column = ''] = key.split('.');
    const col = db.get(table)?.columns.get(column);
    return col?.charset === 'utf8mb4' ? [] : [`${key} is ${col ? `${col.charset} / ${col.collation}` : 'missing'}, the migration declares utf8mb4`];
  });
}

function checkDeclaredCharsets(db: DbSchema, declared: Map<string, DeclaredCharset>): string[] {
  const wrong: string[] = [];
  for (const [table, t] of db) {
    if (table === '_prisma_migrations') continue;
    for (const [column, col] of t.columns) {
      if (col.charset === null) continue;
      const d = declared.get(`${table}.${column}`);
      if (!d) wrong.push(`${table}.${column}: no CREATE TABLE in the migrations declares it`);
      else if (col.charset !== d.charset || (d.collation !== null && col.collation !== d.collation)) {
        wrong.push(`${table}.${column} is ${col.charset} / ${col.collation}, the migration declares ${d.charset} / ${d.collation ?? "(the charset's default)"}`);
      }
    }
  }
  return wrong;
}

describe('the migrated database matches schema.prisma', () => {
  let datamodel: Datamodel;
  let db: DbSchema;
  let diff: Differences;
  let url = '';

  beforeAll(async () => {
    const schemaFile = path.join(path.dirname(MIGRATIONS_DIR), 'schema.prisma');
    datamodel = (await getDMMF({ datamodel: await readFile(schemaFile, 'utf8') })).datamodel;
    url = await createTestDatabase('schema');
    await applyMigrations(url);
    db = await readDatabaseSchema(url);
    diff = compareWithSchema(db, datamodel);
  });

  it('has a table for every model (@@map) and no table without a model', () => {
    expect(datamodel.models.length).toBeGreaterThanOrEqual(14);
    expect(diff.tables).toEqual([]);
  });

  it("has exactly the models' columns (@map), relation fields excluded", () => {
    expect(diff.columns).toEqual([]);
  });

  it('gives every column the native type of its field', () => {
    expect(diff.types).toEqual([]);
  });

  it('makes a column NOT NULL exactly when its field is required', () => {
    expect(diff.nullability).toEqual([]);
  });

  it('gives every column the default of its field (literal, dbgenerated, now(), autoincrement, none)', () => {
    expect(diff.defaults).toEqual([]);
  });

  it('has the primary keys of the models, single and composite', () => {
    expect(diff.primaryKeys).toEqual([]);
  });

  it('has every @unique, @@unique and @@index with its name and column order, and no other index', () => {
    expect(diff.indexes).toEqual([]);
  });

  it('has the foreign keys of the relations, with their referential actions, and no other', () => {
    expect(diff.foreignKeys).toEqual([]);
  });

  it('keeps the address and key columns latin1 / latin1_general_ci (COMPAT.md)', () => {
    expect(checkLatin1KeyColumns(db)).toEqual([]);
  });

  it('makes the text columns the migration declares utf8mb4 utf8mb4 (names, vacation messages, Mailroom tables)', async () => {
    const declared = await declaredCharsets();
    const utf8mb4 = [...declared].filter(([, d]) => d.charset === 'utf8mb4').map(([key]) => key);
    expect(utf8mb4).toEqual(expect.arrayContaining(UTF8MB4_TEXT_COLUMNS));
    expect(checkUtf8mb4Columns(db, declared)).toEqual([]);
  });

  it('gives every text column the character set and collation its migration declares', async () => {
    const declared = await declaredCharsets();
    expect(declared.size).toBeGreaterThan(50);
    expect(checkDeclaredCharsets(db, declared)).toEqual([]);
  });

  it('reports exactly what differs when the database drifts from schema.prisma', async () => {
    const drifted = await createTestDatabase('drift');
    await applyMigrations(drifted);
    await withSql(drifted, (conn) =>
      conn.query(`
        ALTER TABLE mailbox MODIFY quota int NOT NULL DEFAULT 0, MODIFY name varchar(255) CHARACTER SET utf8mb4 NULL,
          MODIFY username varchar(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NOT NULL,
          MODIFY password varchar(255) CHARACTER SET latin1 COLLATE latin1_swedish_ci NOT NULL,
          MODIFY phone varchar(30) CHARACTER SET utf8mb3 NOT NULL DEFAULT 'x', ADD COLUMN extra_col int NULL;
        ALTER TABLE alias DROP INDEX domain, ADD INDEX domain (active, domain), ADD INDEX stray (goto(10));
        ALTER TABLE quota DROP PRIMARY KEY, ADD PRIMARY KEY (path, username);
        ALTER TABLE config MODIFY id int NOT NULL;
        ALTER TABLE vacation_notification DROP FOREIGN KEY vacation_notification_pkey;
        ALTER TABLE vacation MODIFY subject varchar(255) CHARACTER SET utf8mb3 NOT NULL;
        CREATE TABLE stray_table (id int PRIMARY KEY);
      `),
    );
    const driftedDb = await readDatabaseSchema(drifted);
    const declared = await declaredCharsets();
    expect(checkLatin1KeyColumns(driftedDb)).toEqual([
      'mailbox.username is utf8mb4 / utf8mb4_general_ci, must be latin1 / latin1_general_ci',
      'mailbox.password is latin1 / latin1_swedish_ci, must be latin1 / latin1_general_ci',
    ]);
    expect(checkUtf8mb4Columns(driftedDb, declared)).toEqual(['vacation.subject is utf8mb3 / utf8mb3_general_ci, the migration declares utf8mb4']);
    expect(checkDeclaredCharsets(driftedDb, declared).sort()).toEqual([
      'mailbox.password is latin1 / latin1_swedish_ci, the migration declares latin1 / latin1_general_ci',
      'mailbox.username is utf8mb4 / utf8mb4_general_ci, the migration declares latin1 / latin1_general_ci',
      'vacation.subject is utf8mb3 / utf8mb3_general_ci, the migration declares utf8mb4 / utf8mb4_general_ci',
    ]);
    const d = compareWithSchema(driftedDb, datamodel);
    expect(d).toEqual({
      tables: ['table stray_table exists in the database but no model maps to it'],
      columns: ['mailbox.extra_col: column exists in the database but not in model Mailbox'],
      types: ['mailbox.quota: type is int(11), schema.prisma says bigint'],
      nullability: ['mailbox.name: column is NULL, schema.prisma says required'],
      defaults: [
        "config.id: EXTRA is '', schema.prisma implies 'auto_increment'",
        'mailbox.name: default is NULL, schema.prisma says (none)',
        "mailbox.phone: default is 'x', schema.prisma says ''",
      ],
      primaryKeys: ['quota: primary key is (path, username), schema.prisma says (username, path)'],
      indexes: [
        'alias: index domain is (active, domain), schema.prisma says (domain)',
        'alias: index stray (goto) exists in the database but not in schema.prisma',
      ],
      foreignKeys: [
        'vacation_notification: foreign key (on_vacation) REFERENCES vacation (email) ON DELETE CASCADE ON UPDATE RESTRICT is missing (relation VacationNotification.vacation)',
      ],
    });
  });
});
