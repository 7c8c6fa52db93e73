import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, applyMigrations } from '@/lib/db/migrate';
import { createTestDatabase, withSql } from './helpers/database';
import { type Datamodel, type DbSchema, readDatabaseSchema } from './helpers/db-schema';
import { checkDeclaredCharsets, checkLatin1KeyColumns, checkUtf8mb4Columns, declaredCharsets, UTF8MB4_TEXT_COLUMNS } from './helpers/schema-charsets';
import { type Differences, compareWithSchema } from './helpers/schema-compare';

// `prisma migrate diff` needs the schema engine binary, which cannot be downloaded here, so this
// test is the proof that the SQL migrations build exactly the database schema.prisma describes.

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
