import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getDatabaseUrl } from '@/lib/env';
import { parseDatabaseUrl } from './connection';

const globalForPrisma = globalThis as unknown as { mailroomPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaMariaDb(parseDatabaseUrl(getDatabaseUrl()));
  // Room for bursts: a transaction may wait up to 10 s for a pooled connection (Prisma's default is 2 s).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

/** The process-wide Prisma client (one pool, reused across hot reloads in development). */
export function getDb(): PrismaClient {
  globalForPrisma.mailroomPrisma ??= createClient();
  return globalForPrisma.mailroomPrisma;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
