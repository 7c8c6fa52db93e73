import path from 'node:path';
import { z } from 'zod';
import { checkbox, intField, whenFieldsValid } from '@/lib/actions/form-fields';
import { mailConfigOptionsSchema, safePathSchema } from '@/lib/mail/config/options';
import { WRITABLE_SCHEMES } from '@/lib/passwords/hash';
import { DELETE_POLICIES } from './settings';

// The storage and mail-server settings form. Paths and database values must also be what the Postfix
// and Dovecot generator accepts (lib/mail/config/options.ts), so whatever is saved can be generated.

const accepts = (schema: z.ZodType) => (value: string) => schema.safeParse(value).success;
const generator = mailConfigOptionsSchema.shape;

/** An absolute path of plain characters, without `..`, not `/`, trailing slashes dropped. */
const pathField = z
  .string()
  .trim()
  .refine(accepts(safePathSchema('path')), 'storage.errors.path')
  .transform((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p))
  .refine((p) => p !== '/', 'storage.errors.pathRoot');

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export const storageSettingsSchema = z
  .object({
    mailBasePath: pathField,
    archivePath: pathField,
    deletePolicy: z.enum(DELETE_POLICIES, { error: 'storage.errors.deletePolicy' }),
    vmailUid: intField(1, 4_294_967_294, 'storage.errors.vmailId'),
    vmailGid: intField(1, 4_294_967_294, 'storage.errors.vmailId'),
    vmailUser: z.string().trim().refine(accepts(generator.vmailUser), 'storage.errors.vmailUser'),
    storageRunsHere: checkbox,
    passwordScheme: z.enum(WRITABLE_SCHEMES, { error: 'storage.errors.passwordScheme' }),
    mailDbHost: z.string().trim().refine(accepts(generator.dbHost), 'storage.errors.dbHost'),
    mailDbPort: intField(1, 65_535, 'storage.errors.dbPort'),
    mailDbUser: z.string().trim().refine(accepts(generator.dbUser), 'storage.errors.dbUser'),
  })
  .superRefine((v, ctx) => {
    // a Maildir path must never reach into the archive, nor an archive name into the live Maildirs
    if (isInside(v.mailBasePath, v.archivePath) || isInside(v.archivePath, v.mailBasePath)) {
      ctx.addIssue({ code: 'custom', path: ['archivePath'], message: 'storage.errors.archiveOverlaps' });
    }
  }, whenFieldsValid('mailBasePath', 'archivePath'));

export type StorageSettingsInput = z.output<typeof storageSettingsSchema>;
