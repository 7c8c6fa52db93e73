import { describe, expect, it } from 'vitest';
import { storageSettingsSchema } from './storage-schema';

const valid = {
  mailBasePath: '/var/vmail',
  archivePath: '/var/vmail-archive',
  deletePolicy: 'archive',
  vmailUid: '5000',
  vmailGid: '5000',
  vmailUser: 'vmail',
  passwordScheme: 'SHA512-CRYPT',
  mailDbHost: 'db.example.org',
  mailDbPort: '3306',
  mailDbUser: 'mailroom_mail',
};
const errorsOf = (changes: Record<string, string | undefined>) => {
  const r = storageSettingsSchema.safeParse({ ...valid, ...changes });
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('[settings] storage and mail server settings', () => {
  it('accepts a complete form; the checkbox is off unless ticked; trailing slashes go', () => {
    expect(storageSettingsSchema.parse({ ...valid, mailBasePath: '/srv/mail/', storageRunsHere: 'on' })).toEqual({
      ...valid, mailBasePath: '/srv/mail', vmailUid: 5000, vmailGid: 5000, mailDbPort: 3306, storageRunsHere: true,
    });
    expect(storageSettingsSchema.parse(valid).storageRunsHere).toBe(false);
  });

  it.each([
    ['mailBasePath', 'var/vmail', 'storage.errors.path'],
    ['mailBasePath', '/var/../etc', 'storage.errors.path'],
    ['mailBasePath', '/var/vmail\n/x', 'storage.errors.path'],
    ['mailBasePath', "/var/vm'ail", 'storage.errors.path'],
    ['mailBasePath', '/', 'storage.errors.pathRoot'],
    ['archivePath', '/var/vmail/.archive', 'storage.errors.archiveOverlaps'],
    ['archivePath', '/var/vmail', 'storage.errors.archiveOverlaps'],
    ['archivePath', '/var', 'storage.errors.archiveOverlaps'],
    ['archivePath', '', 'storage.errors.path'],
    ['deletePolicy', 'shred', 'storage.errors.deletePolicy'],
    ['vmailUid', '0', 'storage.errors.vmailId'],
    ['vmailGid', 'vmail', 'storage.errors.vmailId'],
    ['vmailUser', 'Vmail User', 'storage.errors.vmailUser'],
    ['passwordScheme', 'PLAIN', 'storage.errors.passwordScheme'],
    ['passwordScheme', 'DES-CRYPT', 'storage.errors.passwordScheme'],
    ['mailDbHost', "db' OR '1", 'storage.errors.dbHost'],
    ['mailDbHost', 'db.example\nquery = x', 'storage.errors.dbHost'],
    ['mailDbPort', '70000', 'storage.errors.dbPort'],
    ['mailDbUser', 'ro user', 'storage.errors.dbUser'],
  ])('%s = %j is refused with %s', (field, value, message) => {
    expect(errorsOf({ [field]: value })).toEqual({ [field]: message });
  });

  it('/var/vmail2 is not inside /var/vmail', () => {
    expect(errorsOf({ archivePath: '/var/vmail2' })).toEqual({});
  });
});
