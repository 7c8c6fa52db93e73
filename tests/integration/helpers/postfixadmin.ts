import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDatabaseUrl } from '@/lib/db/connection';

// The real PostfixAdmin 3.3 (Debian 12's package), run with php-cli against a test database, to
// prove Mailroom is a drop-in: it adopts PostfixAdmin's databases and PostfixAdmin keeps working on them.

const PKG_DIR = path.resolve('var/test/postfixadmin-pkg');
const ROOT = path.join(PKG_DIR, 'root');
const WORK_DIR = path.resolve('var/test/postfixadmin-work');
// every notice, warning and deprecation goes to stderr, so a test can insist on none
const PHP_FLAGS = ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-d', 'log_errors=0'];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; resolves with its exit code and output (rejects only if it cannot start). */
export function run(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} could not run: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function must(file: string, args: string[], options: { cwd?: string } = {}): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${result.code}:\n${result.stderr}${result.stdout}`);
  return result;
}

async function hasPhpWithMysql(): Promise<boolean> {
  // PostfixAdmin 3.3 talks to MySQL through PDO; Debian's php-mysql brings pdo_mysql and mysqli.
  const probe = 'exit(extension_loaded("pdo_mysql") && extension_loaded("mysqli") ? 0 : 3);';
  return run('php', ['-r', probe]).then(
    (r) => r.code === 0,
    () => false,
  );
}

async function ensurePhp(): Promise<void> {
  if (await hasPhpWithMysql()) return;
  await must('bash', ['scripts/apt-install.sh', 'php-cli', 'php-mysql']);
  if (!(await hasPhpWithMysql())) throw new Error('php-cli with pdo_mysql/mysqli is still missing after installing php-cli php-mysql');
}

async function downloadDeb(dir: string): Promise<void> {
  const first = await run('apt-get', ['download', 'postfixadmin'], { cwd: dir });
  if (first.code === 0) return;
  // a fresh machine has no package lists yet
  const [command = 'apt-get', ...args] = [...(process.getuid?.() === 0 ? [] : ['sudo']), 'apt-get', 'update', '-qq'];
  await must(command, args);
  await must('apt-get', ['download', 'postfixadmin'], { cwd: dir });
}

async function findDeb(dir: string): Promise<string> {
  const deb = (await readdir(dir)).find((f) => /^postfixadmin_.*\.deb$/.test(f));
  if (!deb) throw new Error(`no postfixadmin .deb in ${dir}`);
  return path.join(dir, deb);
}

/** Downloads and unpacks Debian's postfixadmin package once (var/test/postfixadmin-pkg); returns its version. */
async function ensurePackage(): Promise<string> {
  if (!(await exists(path.join(ROOT, 'usr/share/postfixadmin/public/upgrade.php')))) {
    await mkdir(PKG_DIR, { recursive: true });
    // unpack beside, then rename into place, so a concurrent run never sees half a tree
    const staging = await mkdtemp(path.join(PKG_DIR, '.staging-'));
    try {
      await downloadDeb(staging);
      const deb = await findDeb(staging);
      await must('dpkg', ['-x', deb, path.join(staging, 'root')]);
      await rename(deb, path.join(PKG_DIR, path.basename(deb))).catch(() => undefined);
      await rename(path.join(staging, 'root'), ROOT).catch(async (err: NodeJS.ErrnoException) => {
        if (!(await exists(ROOT))) throw err;
      });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const { stdout } = await must('dpkg-deb', ['-f', await findDeb(PKG_DIR), 'Version']);
  return stdout.trim();
}

// Debian's config.inc.php reads these from dbconfig-common's dbconfig.inc.php; config.local.php sets the real values.
const DBCONFIG_PHP = `<?php
// Written by Mailroom's tests in place of dbconfig-common's file; config.local.php has the connection.
$dbtype = $dbserver = $dbport = $dbuser = $dbpass = $dbname = '';
`;

const CONFIG_LOCAL_PHP = `<?php
// Written by Mailroom's tests: PostfixAdmin on a test database, the connection given by the environment.
$CONF['configured'] = true;
$CONF['database_type'] = 'mysqli';
$CONF['database_host'] = getenv('PFA_DB_HOST');
$CONF['database_port'] = getenv('PFA_DB_PORT');
$CONF['database_user'] = getenv('PFA_DB_USER');
$CONF['database_password'] = getenv('PFA_DB_PASSWORD');
$CONF['database_name'] = getenv('PFA_DB_NAME');
`;

// Asks PostfixAdmin's own code (model/Login.php, AdminHandler, functions.inc.php) about the database.
const CHECK_PHP = `<?php
// Written by Mailroom's tests: PostfixAdmin's own view of the database, as JSON.
define('POSTFIXADMIN_CLI', 1);
require_once __DIR__ . '/common.php';
global $min_db_version;
[, $admin, $adminPassword, $mailbox, $mailboxPassword] = $argv;
$handler = new AdminHandler();
$adminView = $handler->init($admin) && $handler->view() ? $handler->result() : null;
echo json_encode([
    'dbVersion' => check_db_version(false),
    'minDbVersion' => $min_db_version,
    'adminLogin' => (new Login('admin'))->login($admin, $adminPassword),
    'adminWrongPasswordLogin' => (new Login('admin'))->login($admin, $adminPassword . 'x'),
    'mailboxLogin' => (new Login('mailbox'))->login($mailbox, $mailboxPassword),
    'isSuperadmin' => $adminView !== null && (string) $adminView['superadmin'] === '1',
    'adminDomains' => list_domains_for_admin($admin),
]), "\\n";
`;

export interface PostfixAdminCheck {
  dbVersion: number;
  minDbVersion: number;
  adminLogin: boolean;
  adminWrongPasswordLogin: boolean;
  mailboxLogin: boolean;
  isSuperadmin: boolean;
  adminDomains: string[];
}

export interface PostfixAdmin {
  /** the Debian package version, e.g. 3.3.13-1+deb12u1 */
  version: string;
  /** runs `php public/upgrade.php` (PostfixAdmin's schema setup and upgrade) on the database */
  upgrade(databaseUrl: string): Promise<RunResult>;
  /** PostfixAdmin's login check for an admin and a mailbox, its superadmin flag and domain list */
  check(databaseUrl: string, login: { admin: string; adminPassword: string; mailbox: string; mailboxPassword: string }): Promise<PostfixAdminCheck>;
  remove(): Promise<void>;
}

function environmentFor(databaseUrl: string): NodeJS.ProcessEnv {
  const db = parseDatabaseUrl(databaseUrl);
  return {
    ...process.env,
    PFA_DB_HOST: db.host ?? '127.0.0.1',
    PFA_DB_PORT: String(db.port ?? 3306),
    PFA_DB_USER: db.user ?? '',
    PFA_DB_PASSWORD: db.password ?? '',
    PFA_DB_NAME: db.database,
  };
}

/**
 * A private, runnable copy of Debian's PostfixAdmin 3.3: /usr/share/postfixadmin with Debian's
 * config.inc.php, an empty dbconfig, a real templates_c and a config.local.php reading the connection from the environment.
 */
export async function setUpPostfixAdmin(): Promise<PostfixAdmin> {
  await ensurePhp();
  const version = await ensurePackage();
  const dir = path.join(WORK_DIR, `${process.pid}-${randomBytes(3).toString('hex')}`);
  await mkdir(WORK_DIR, { recursive: true });
  await cp(path.join(ROOT, 'usr/share/postfixadmin'), dir, { recursive: true, verbatimSymlinks: true });
  // the package links these into /etc and /var/cache; this copy keeps its own
  for (const link of ['config.inc.php', 'config.local.php', 'templates_c']) await unlink(path.join(dir, link)).catch(() => undefined);
  await copyFile(path.join(ROOT, 'etc/postfixadmin/config.inc.php'), path.join(dir, 'config.inc.php'));
  await writeFile(path.join(dir, 'dbconfig.inc.php'), DBCONFIG_PHP);
  await writeFile(path.join(dir, 'config.local.php'), CONFIG_LOCAL_PHP);
  await writeFile(path.join(dir, 'mailroom-check.php'), CHECK_PHP);
  await mkdir(path.join(dir, 'templates_c'));

  return {
    version,
    upgrade: (databaseUrl) => run('php', [...PHP_FLAGS, 'upgrade.php'], { cwd: path.join(dir, 'public'), env: environmentFor(databaseUrl) }),
    async check(databaseUrl, login) {
      const args = [...PHP_FLAGS, 'mailroom-check.php', login.admin, login.adminPassword, login.mailbox, login.mailboxPassword];
      const result = await run('php', args, { cwd: dir, env: environmentFor(databaseUrl) });
      if (result.code !== 0 || result.stderr !== '') {
        throw new Error(`PostfixAdmin's check exited with ${result.code}:\n${result.stderr}${result.stdout}`);
      }
      return JSON.parse(result.stdout) as PostfixAdminCheck;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

// upgrade.php prints this hint on every run that changes something; it is not an error.
const UPGRADE_HINT = "(If the update doesn't work, run setup.php?debug=1 to see the detailed error messages and SQL queries.)";

/** Lines of PHP output that report a problem (error, warning, fatal, exception, failure, notice, deprecation). */
export function findProblems(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.replace(UPGRADE_HINT, ''))
    .filter((line) => /error|warning|fatal|exception|fail|notice|deprecated/i.test(line));
}

/** A `$1$` md5crypt hash, as PostfixAdmin 3.3 stores passwords by default (`openssl passwd -1`). */
export async function md5crypt(password: string): Promise<string> {
  const { stdout } = await must('openssl', ['passwd', '-1', password]);
  return stdout.trim();
}
