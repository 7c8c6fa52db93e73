import { z } from 'zod';
import { checkbox, intField } from '@/lib/actions/form-fields';
import { domainNameSchema } from '@/lib/domains/schema';
import { STORAGE_BACKENDS } from '@/lib/settings/storage-backend';
import { parseFolderList } from './names';

// The Cyrus settings forms. Messages are i18n keys (messages/<locale>/cyrus.json).

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

export const cyrusSettingsSchema = z.object({
  host: z.string().trim().refine((h) => HOSTNAME.test(h) || IPV6.test(h), 'cyrus.errors.host'),
  port: intField(1, 65535, 'cyrus.errors.port'),
  tls: checkbox,
  adminUser: z.string().trim().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'cyrus.errors.adminUser'),
  /** empty = keep the stored password (the field is write-only) */
  adminPassword: z
    .string()
    .max(256, 'cyrus.errors.adminPassword')
    .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'cyrus.errors.adminPassword')
    .transform((p) => (p === '' ? undefined : p)),
  quotaWarnPercent: intField(1, 100, 'cyrus.errors.warnPercent'),
  sievePort: intField(1, 65535, 'cyrus.errors.port'),
  defaultBackend: z.enum(STORAGE_BACKENDS, { error: 'cyrus.errors.backend' }),
});

export type CyrusSettingsForm = z.output<typeof cyrusSettingsSchema>;

/** A comma-separated folder list (Sent, Drafts, Trash, Junk): every name must be one Mailroom creates. */
export const folderListSchema = z.string().max(1000, 'cyrus.errors.folders').transform((value, ctx) => {
  const { folders, invalid } = parseFolderList(value);
  if (invalid.length) {
    ctx.addIssue({ code: 'custom', message: 'cyrus.errors.folders' });
    return z.NEVER;
  }
  return folders;
});

export const domainStorageSchema = z.object({
  domain: domainNameSchema,
  /** '' = follow the installation's default */
  backend: z.union([z.literal(''), z.enum(STORAGE_BACKENDS)], { error: 'cyrus.errors.backend' }).transform((b) => (b === '' ? null : b)),
  folders: folderListSchema,
});

export const deleteOrphansSchema = z.object({
  confirm: checkbox.refine((v) => v, 'cyrus.errors.confirmDelete'),
});
