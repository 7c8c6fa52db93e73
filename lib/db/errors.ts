import { Prisma } from '@/lib/generated/prisma/client';

/** A duplicate key (Prisma P2002): the row someone tried to create already exists. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';
}

/** The row to change is gone (Prisma P2025), e.g. deleted by someone else meanwhile. */
export function isNotFound(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2025';
}

/** The table does not exist (Prisma P2021): the database has not been migrated yet. */
export function isMissingTable(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2021';
}
