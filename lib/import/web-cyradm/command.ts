import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import { runWebCyradmImport } from './importer';
import { lookup, renderReport, type Messages } from './report';
import { redactUrl, sourceUrlSchema, withPassword } from './source';
import { PASSWORD_MODES, type PasswordMode } from './types';

// `npm run mailroom -- import web-cyradm --from mysql://... [--dry-run] [options]`

export const IMPORT_USAGE = `Usage: npm run mailroom -- import web-cyradm --from mysql://USER:PASSWORD@HOST:PORT/DATABASE [options]

  --dry-run                 report what would be created and what cannot be, change nothing
  --passwords MODE          how web-cyradm stored passwords: auto (default), crypt, md5, plain
  --admin-domain DOMAIN     turn admin names without @ into NAME@DOMAIN (else they are not imported)
  --cyrus-quotas            read each account's quota from the Cyrus configured in Mailroom
  --from-password-file FILE the source database password, from the file's first line (keeps it off the command line)
`;

/** The CLI's actor: the audit log names the command and the system user. */
const CLI_ACTOR = { username: 'mailroom-cli', isSuperadmin: true, domains: [], auditName: 'mailroom import (command line)' } as const;

/** The English messages the command prints (the import's own, and Cyrus's for --cyrus-quotas). */
async function englishMessages(): Promise<Messages> {
  const read = async (ns: string) => JSON.parse(await readFile(path.join(process.cwd(), `messages/en/${ns}.json`), 'utf8')) as Messages;
  return { ...(await read('import')), ...(await read('cyrus')) };
}

/** The `import` command; returns the exit code (0 done, 1 refused or failed, 2 usage). */
export async function runImportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { from: { type: 'string' }, 'from-password-file': { type: 'string' }, 'dry-run': { type: 'boolean' }, passwords: { type: 'string' }, 'admin-domain': { type: 'string' }, 'cyrus-quotas': { type: 'boolean' }, help: { type: 'boolean' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  if (v.help) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  const errors: string[] = [];
  if (parsed.positionals.join(' ') !== 'web-cyradm') errors.push('say what to import: import web-cyradm');
  const url = sourceUrlSchema.safeParse(v.from ?? '');
  if (!url.success) errors.push('--from must be a URL such as mysql://user:password@127.0.0.1:3306/mail');
  const passwords = (v.passwords ?? 'auto') as PasswordMode;
  if (!PASSWORD_MODES.includes(passwords)) errors.push(`--passwords must be one of ${PASSWORD_MODES.join(', ')}`);
  const adminDomain = v['admin-domain'] === undefined ? null : normalizeDomainName(v['admin-domain']);
  if (adminDomain && !adminDomain.ok) errors.push('--admin-domain must be a domain name');
  if (errors.length || !url.success) {
    console.error(['Cannot import:', ...errors.map((e) => `  - ${e}`), '', IMPORT_USAGE].join('\n'));
    return 2;
  }
  let source = url.data;
  if (v['from-password-file'] !== undefined) {
    try {
      source = withPassword(source, (await readFile(v['from-password-file'], 'utf8')).split(/\r?\n/)[0]);
    } catch {
      console.error(`Cannot read --from-password-file ${v['from-password-file']}`);
      return 2;
    }
  }
  const outcome = await runWebCyradmImport(CLI_ACTOR, {
    url: source,
    passwords,
    adminDomain: adminDomain?.ok ? adminDomain.ascii : null,
    cyrusQuotas: v['cyrus-quotas'] === true,
    dryRun: v['dry-run'] === true,
  });
  const messages = await englishMessages();
  if (!outcome.ok) {
    console.error(`${lookup(messages, outcome.key)}\n  (${outcome.detail.replaceAll(source, redactUrl(source))})`);
    return 1;
  }
  console.log(renderReport(outcome.plan, messages, outcome.dryRun));
  return 0;
}
