import { constants } from 'node:fs';
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cyrusProblems, generateCyrusConfig } from '@/lib/mail/cyrus/config';
import { dovecotProblems, generateDovecotConfig } from '@/lib/mail/dovecot/config';
import { generatePostfixConfig } from '@/lib/mail/postfix/config';
import { DEFAULT_MAIL_CONFIG, defaultGrantHost, type GeneratedFile, parseMailConfigOptions } from './options';

// `npm run mailroom -- config postfix|dovecot|cyrus --out DIR [options]`: writes the generated files.

export const CONFIG_USAGE = `Usage: npm run mailroom -- config postfix|dovecot|cyrus --out DIR [options]

  --out DIR                 folder to write the files into (created if missing)
  --force                   overwrite files that already exist
  --db-host HOST            MySQL/MariaDB host, IP or socket path   (default ${DEFAULT_MAIL_CONFIG.dbHost})
  --db-port PORT            (default ${DEFAULT_MAIL_CONFIG.dbPort})
  --db-name NAME            PostfixAdmin/Mailroom database          (default ${DEFAULT_MAIL_CONFIG.dbName})
  --db-user USER            read-only account for the daemons       (default ${DEFAULT_MAIL_CONFIG.dbUser})
  --db-password PASSWORD    its password (or --db-password-file FILE, first line)
  --grant-host HOST         host part of the account in the GRANT   (default: from --db-host)
  --mail-base PATH          Maildir base                            (default ${DEFAULT_MAIL_CONFIG.mailBase})
  --vmail-uid N --vmail-gid N --vmail-user NAME                     (default ${DEFAULT_MAIL_CONFIG.vmailUid}, ${DEFAULT_MAIL_CONFIG.vmailGid}, ${DEFAULT_MAIL_CONFIG.vmailUser})
  --config-dir PATH         where the files will be installed       (default /etc/postfix/sql, /etc/dovecot or /etc)
  --virtual-transport T     Postfix virtual_transport               (default ${DEFAULT_MAIL_CONFIG.virtualTransport})
`;

const TARGETS = {
  postfix: { generate: generatePostfixConfig, configDir: '/etc/postfix/sql' },
  dovecot: { generate: generateDovecotConfig, configDir: '/etc/dovecot' },
  cyrus: { generate: generateCyrusConfig, configDir: '/etc' },
} as const;

type Target = keyof typeof TARGETS;

export type ConfigCommand = { ok: true; target: Target; outDir: string; force: boolean; files: GeneratedFile[] } | { ok: false; errors: string[] };

const FLAGS = ['db-host', 'db-port', 'db-name', 'db-user', 'db-password', 'db-password-file', 'grant-host', 'mail-base', 'vmail-uid', 'vmail-gid', 'vmail-user', 'config-dir', 'virtual-transport', 'out'] as const;

function toInt(value: string | undefined, fallback: number): number {
  return value === undefined ? fallback : /^\d+$/.test(value) ? Number(value) : Number.NaN;
}

/** Parses the command line and generates the files in memory (nothing is written). */
export async function prepareConfigCommand(args: string[]): Promise<ConfigCommand> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, ...Object.fromEntries(FLAGS.map((f) => [f, { type: 'string' as const }])) } });
  } catch (err) {
    return { ok: false, errors: [err instanceof Error ? err.message : String(err)] };
  }
  const v = parsed.values as Partial<Record<(typeof FLAGS)[number], string>> & { force?: boolean };
  const [target, ...extra] = parsed.positionals;
  const errors: string[] = [];
  const isTarget = (t: string | undefined): t is Target => t !== undefined && Object.hasOwn(TARGETS, t);
  if (!isTarget(target)) errors.push('say which files to write: config postfix, config dovecot or config cyrus');
  if (extra.length) errors.push(`unexpected argument: ${extra.join(' ')}`);
  if (!v.out) errors.push('--out DIR is required');
  if (v['db-password'] !== undefined && v['db-password-file'] !== undefined) errors.push('give --db-password or --db-password-file, not both');
  let password = v['db-password'];
  if (v['db-password-file'] !== undefined) {
    try {
      password = (await readFile(v['db-password-file'], 'utf8')).split(/\r?\n/)[0];
    } catch {
      errors.push(`cannot read --db-password-file ${v['db-password-file']}`);
    }
  }
  const dbHost = v['db-host'] ?? DEFAULT_MAIL_CONFIG.dbHost;
  const result = parseMailConfigOptions({
    dbHost,
    dbPort: toInt(v['db-port'], DEFAULT_MAIL_CONFIG.dbPort),
    dbName: v['db-name'] ?? DEFAULT_MAIL_CONFIG.dbName,
    dbUser: v['db-user'] ?? DEFAULT_MAIL_CONFIG.dbUser,
    dbPassword: password ?? '',
    grantHost: v['grant-host'] ?? defaultGrantHost(dbHost),
    mailBase: v['mail-base'] ?? DEFAULT_MAIL_CONFIG.mailBase,
    vmailUid: toInt(v['vmail-uid'], DEFAULT_MAIL_CONFIG.vmailUid),
    vmailGid: toInt(v['vmail-gid'], DEFAULT_MAIL_CONFIG.vmailGid),
    vmailUser: v['vmail-user'] ?? DEFAULT_MAIL_CONFIG.vmailUser,
    configDir: v['config-dir'] ?? (isTarget(target) ? TARGETS[target].configDir : TARGETS.postfix.configDir),
    virtualTransport: v['virtual-transport'] ?? DEFAULT_MAIL_CONFIG.virtualTransport,
  });
  if (!result.ok) errors.push(...result.errors);
  if (target === 'dovecot' && password !== undefined) errors.push(...dovecotProblems({ dbPassword: password }));
  if (target === 'cyrus' && password !== undefined) errors.push(...cyrusProblems({ dbPassword: password, dbHost }));
  if (!result.ok || errors.length || !isTarget(target) || !v.out) return { ok: false, errors };
  return { ok: true, target, outDir: path.resolve(v.out), force: v.force === true, files: TARGETS[target].generate(result.options) };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the files with mode 0640 (they hold the database password). Refuses, before writing anything,
 * when one already exists, unless `force`.
 */
export async function writeGeneratedFiles(outDir: string, files: GeneratedFile[], force: boolean): Promise<string[]> {
  const targets = files.map((f) => ({ ...f, file: path.join(outDir, f.name) }));
  if (!force) {
    const existing = [];
    for (const t of targets) if (await exists(t.file)) existing.push(t.file);
    if (existing.length) throw new Error(`Not overwriting existing files (use --force): ${existing.join(', ')}`);
  }
  await mkdir(outDir, { recursive: true, mode: 0o750 });
  for (const t of targets) {
    await writeFile(t.file, t.content, { mode: 0o640 });
    await chmod(t.file, 0o640); // writeFile's mode applies only to new files
  }
  return targets.map((t) => t.file);
}

/** The `config` command; returns the exit code. */
export async function runConfigCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.length === 0) {
    console.log(CONFIG_USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const command = await prepareConfigCommand(args);
  if (!command.ok) {
    console.error(['Cannot generate the configuration:', ...command.errors.map((e) => `  - ${e}`), '', CONFIG_USAGE].join('\n'));
    return 2;
  }
  try {
    const written = await writeGeneratedFiles(command.outDir, command.files, command.force);
    console.log([`Wrote ${written.length} ${command.target} files (mode 0640):`, ...written.map((f) => `  ${f}`)].join('\n'));
    return 0;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}
