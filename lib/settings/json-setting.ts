import type { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';

// A group of settings stored as one JSON value in mailroom_setting (mail clients, ManageSieve…).

/** The stored value read through `schema`; a missing, unreadable or invalid one gives the schema's defaults. */
export async function readJsonSetting<S extends z.ZodType>(db: Db | Tx, name: string, schema: S): Promise<z.output<S>> {
  const row = await db.mailroomSetting.findUnique({ where: { name }, select: { value: true } });
  try {
    const parsed = schema.safeParse(row ? JSON.parse(row.value) : {});
    if (parsed.success) return parsed.data;
  } catch {
    // a hand-edited, unreadable value falls back to the defaults
  }
  return schema.parse({});
}

/** Stores `value` (checked by `schema`) as the setting's JSON. */
export async function saveJsonSetting<S extends z.ZodType>(db: Db | Tx, name: string, schema: S, value: z.input<S>): Promise<void> {
  const json = JSON.stringify(schema.parse(value));
  await db.mailroomSetting.upsert({ where: { name }, create: { name, value: json }, update: { value: json } });
}
