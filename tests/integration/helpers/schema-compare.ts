import type { Datamodel, DbSchema, Field, Model } from './db-schema';

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

export type Aspect = 'tables' | 'columns' | 'types' | 'nullability' | 'defaults' | 'primaryKeys' | 'indexes' | 'foreignKeys';
export type Differences = Record<Aspect, string[]>;

/** Every way the database differs from schema.prisma, one sentence per difference, grouped by aspect. */
export function compareWithSchema(db: DbSchema, datamodel: Datamodel): Differences {
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
