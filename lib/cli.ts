import { getDb } from '@/lib/db/client';
import { isMissingTable } from '@/lib/db/errors';
import { applyMigrations, getMigrationStatus, resolveRolledBack } from '@/lib/db/migrate';
import { runAgentCommand } from '@/lib/jobs/agent';
import { runImportCommand } from '@/lib/import/web-cyradm/command';
import { runConfigCommand } from '@/lib/mail/config/command';
import { getDatabaseUrl, getEnv } from '@/lib/env';
import { ALL_DOMAINS } from '@/lib/auth/permissions';
import { createSetupToken, setupTokenPath } from '@/lib/setup/token';

const USAGE = `Usage: npm run mailroom -- <command>

  migrate          apply pending database migrations (adopts an existing PostfixAdmin database)
  migrate-status   list applied and pending migrations
  migrate-resolve --rolled-back NAME
                   after fixing what made migration NAME fail: mark it rolled back, so migrate applies it again
  setup-token      print a new one-time token for the setup wizard (only before the first superadmin exists)
  config postfix|dovecot|cyrus --out DIR [options]
                   write the Postfix maps, the Dovecot SQL/quota files or the Cyrus auth files (--help for options)
  agent [--once] [--interval SECONDS]
                   on the mail host: run the storage jobs (create, archive or remove Maildirs); needs only DATABASE_URL
  import web-cyradm --from mysql://USER:PASSWORD@HOST:PORT/DATABASE [--dry-run] [options]
                   import a web-cyradm database: domains, mailboxes, aliases, admins (--help for options)
`;

async function hasSuperadmin(): Promise<boolean> {
  const db = getDb();
  try {
    return (await db.admin.count({ where: { superadmin: true } })) + (await db.domainAdmin.count({ where: { domain: ALL_DOMAINS } })) > 0;
  } catch (err) {
    if (isMissingTable(err)) return false; // not migrated yet: the wizard will do it
    throw err;
  }
}

/** Runs one command; returns the process exit code. */
export async function runCli(args: string[]): Promise<number> {
  const [command] = args;
  switch (command) {
    case 'migrate': {
      const { applied, status } = await applyMigrations(getDatabaseUrl());
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database schema is up to date.');
      if (status.modified.length) console.warn(`Warning: applied migrations changed since: ${status.modified.join(', ')}`);
      return 0;
    }
    case 'migrate-status': {
      const status = await getMigrationStatus(getDatabaseUrl());
      for (const name of status.applied) console.log(`applied  ${name}`);
      for (const name of status.pending) console.log(`pending  ${name}`);
      for (const name of status.failed) console.log(`FAILED   ${name}`);
      return status.failed.length ? 1 : 0;
    }
    case 'migrate-resolve': {
      const [flag, name] = args.slice(1);
      if (flag !== '--rolled-back' || !name) {
        console.log(USAGE);
        return 2;
      }
      await resolveRolledBack(getDatabaseUrl(), name);
      console.log(`${name} is marked rolled back: npm run mailroom -- migrate applies it again.`);
      return 0;
    }
    case 'setup-token': {
      if (await hasSuperadmin()) {
        console.log('Setup is complete (a superadmin exists): the setup wizard is closed and needs no token.');
        await getDb().$disconnect();
        return 0;
      }
      await getDb().$disconnect();
      const token = await createSetupToken();
      const url = getEnv().NEXTAUTH_URL ?? 'http://localhost:3000';
      const lines = [`Mailroom setup: open ${url}/setup`, `Setup token: ${token}`, 'It works once. For a new one: npm run mailroom -- setup-token'];
      const width = Math.max(...lines.map((l) => l.length)) + 2;
      const box = [`┌${'─'.repeat(width)}┐`, ...lines.map((l) => `│ ${l.padEnd(width - 1)}│`), `└${'─'.repeat(width)}┘`];
      console.log(['', ...box, `(only its hash is stored, in ${setupTokenPath()})`, ''].join('\n'));
      return 0;
    }
    case 'config':
      return runConfigCommand(args.slice(1));
    case 'agent':
      return runAgentCommand(args.slice(1));
    case 'import': {
      const code = await runImportCommand(args.slice(1));
      await getDb().$disconnect();
      return code;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}
