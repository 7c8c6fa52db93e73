import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// One private MariaDB for the whole integration run (scripts/mariadb.sh); each test file makes its own databases.
const dir = path.resolve('var/test/mariadb');
const port = process.env.MAILROOM_TEST_DB_PORT ?? '13307';

export default function setup(project: TestProject) {
  execFileSync('bash', ['scripts/mariadb.sh', 'start', dir, port], { stdio: 'inherit' });
  const url = execFileSync('bash', ['scripts/mariadb.sh', 'url', dir, 'mailroom_test'], { encoding: 'utf8' }).trim();
  project.provide('adminDatabaseUrl', url);
  project.provide('mariadbSocket', path.join(dir, 'mysqld.sock'));
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    mariadbSocket: string;
  }
}
