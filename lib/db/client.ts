import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';
import { parseDatabaseUrl } from './connection';

const globalForPrisma = globalThis as unknown as { mailroomPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaMariaDb(parseDatabaseUrl(getEnv().DATABASE_URL));
  return new PrismaClient({ adapter });
}

/** The process-wide Prisma client (one pool, reused across hot reloads in development). */
export function getDb(): PrismaClient {
  globalForPrisma.mailroomPrisma ??= createClient();
  return globalForPrisma.mailroomPrisma;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
