import { getTranslations } from 'next-intl/server';
import type { ClientSettings, ConnectionSecurity } from '@/lib/settings/client-settings';

/** What to type into a mail program: servers, ports, security, and the login (the full address). */
export async function ClientSettingsList({ settings, username }: { settings: ClientSettings; username: string }) {
  const t = await getTranslations('account');
  const security = (s: ConnectionSecurity) => t(`clients.security.${s}`);
  const servers = [
    { key: 'imap', label: t('clients.imap'), host: settings.imapHost, port: settings.imapPort, security: settings.imapSecurity },
    { key: 'smtp', label: t('clients.smtp'), host: settings.smtpHost, port: settings.smtpPort, security: settings.smtpSecurity },
  ].filter((s) => s.host !== '');
  if (servers.length === 0) return <p className="mt-2 text-sm text-slate-600">{t('clients.notConfigured')}</p>;
  return (
    <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm" data-testid="client-settings">
      {servers.map((s) => (
        <div key={s.key} className="contents">
          <dt className="text-slate-600">{s.label}</dt>
          <dd data-testid={`client-${s.key}`}>
            <code>{s.host}</code> · {t('clients.port', { port: s.port })} · {security(s.security)}
          </dd>
        </div>
      ))}
      <dt className="text-slate-600">{t('clients.login')}</dt>
      <dd><code>{username}</code></dd>
      <dt className="text-slate-600">{t('clients.password')}</dt>
      <dd>{t('clients.passwordText')}</dd>
    </dl>
  );
}
