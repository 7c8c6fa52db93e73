import type { PoolConfig } from 'mariadb';

/** Turns DATABASE_URL (mysql:// or mariadb://, optional ?socket=) into options for the mariadb driver. */
export function parseDatabaseUrl(url: string): PoolConfig & { database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  const socket = u.searchParams.get('socket') ?? undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    socketPath: socket,
    connectionLimit: Number(u.searchParams.get('connection_limit') ?? 10),
    // DATETIME columns hold local wall-clock time in PostfixAdmin; read and write them as UTC consistently.
    timezone: 'Z',
  };
}
