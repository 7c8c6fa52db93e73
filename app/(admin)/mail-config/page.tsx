import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { parseDatabaseUrl } from '@/lib/db/connection';
import { getDatabaseUrl } from '@/lib/env';
import { DEFAULT_MAIL_CONFIG, defaultGrantHost } from '@/lib/mail/config/options';
import { getSettings } from '@/lib/settings/settings';
import { ConfigFiles } from './config-files';

export const metadata = { title: 'Mail server configuration' };

/** Where Debian's Postfix and Dovecot keep these files; main.cf and conf.d point at them there. */
const CONFIG_DIRS = { postfix: '/etc/postfix/sql', dovecot: '/etc/dovecot' } as const;

export default async function MailConfigPage() {
  await requireSuperadminPage();
  const t = await getTranslations('mailConfig');
  const s = await getSettings(getDb());
  const options = {
    dbHost: s.mailDbHost,
    dbPort: s.mailDbPort,
    dbName: parseDatabaseUrl(getDatabaseUrl()).database, // the database Mailroom itself writes
    dbUser: s.mailDbUser,
    grantHost: defaultGrantHost(s.mailDbHost),
    mailBase: s.mailBasePath,
    vmailUid: s.vmailUid,
    vmailGid: s.vmailGid,
    vmailUser: s.vmailUser,
    virtualTransport: DEFAULT_MAIL_CONFIG.virtualTransport,
  };
  const shown: [string, string][] = [
    [t('dbServer'), `${options.dbHost}:${options.dbPort}`],
    [t('dbName'), options.dbName],
    [t('dbUser'), `${options.dbUser}@${options.grantHost}`],
    [t('mailBase'), options.mailBase],
    [t('vmail'), `${options.vmailUser} (${options.vmailUid}:${options.vmailGid})`],
  ];
  return (
    <>
      <Link href="/settings" className="text-sm text-blue-700 hover:underline">← {t('back')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('intro')}</p>
      <dl className="mt-4 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        {shown.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd><code>{value}</code></dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm"><Link href="/settings" className="text-blue-700 hover:underline">{t('changeInSettings')}</Link></p>
      <ConfigFiles options={options} configDirs={CONFIG_DIRS} />
    </>
  );
}
