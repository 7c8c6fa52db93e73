import { describe, expect, it } from 'vitest';
import { clientSettingsFormSchema } from './client-settings';

const form = (fields: Record<string, string>) =>
  clientSettingsFormSchema.safeParse({ imapHost: 'imap.example.org', imapPort: '993', imapSecurity: 'ssl', smtpHost: 'smtp.example.org', smtpPort: '587', smtpSecurity: 'starttls', ...fields });

describe('mail client settings form', () => {
  it('host names are lowercased; ports are numbers', () => {
    const r = form({ imapHost: ' IMAP.Example.org ' });
    expect(r.success && r.data).toEqual({ imapHost: 'imap.example.org', imapPort: 993, imapSecurity: 'ssl', smtpHost: 'smtp.example.org', smtpPort: 587, smtpSecurity: 'starttls' });
  });

  it.each(['', 'mail', '127.0.0.1', '[::1]', 'xn--bcher-kva.example', 'mail.example.org.'])('host %j is accepted', (host) => {
    expect(form({ imapHost: host }).success).toBe(true);
  });

  it.each([
    [{ imapHost: 'mail example.org' }, 'imapHost', 'selfService.errors.host'],
    [{ smtpHost: '<script>alert(1)</script>' }, 'smtpHost', 'selfService.errors.host'],
    [{ imapHost: '-bad.example' }, 'imapHost', 'selfService.errors.host'],
    [{ imapPort: '0' }, 'imapPort', 'selfService.errors.port'],
    [{ smtpPort: '65536' }, 'smtpPort', 'selfService.errors.port'],
    [{ smtpSecurity: 'tls' }, 'smtpSecurity', 'selfService.errors.security'],
  ])('%j is refused', (fields, field, message) => {
    const r = form(fields);
    expect(r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])).toEqual([[field, message]]);
  });
});
