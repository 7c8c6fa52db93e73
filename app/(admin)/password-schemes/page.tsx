import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { countPasswordSchemes } from '@/lib/passwords/scheme-counts';
import { strengthOf } from '@/lib/passwords/scheme-groups';
import { getSettings } from '@/lib/settings/settings';

export const metadata = { title: 'Password schemes' };

const STRENGTH_CLASS = { strong: 'bg-green-100 text-green-900', weak: 'bg-amber-100 text-amber-900', unusable: 'bg-red-100 text-red-900' } as const;

export default async function PasswordSchemesPage() {
  const actor = await requireSuperadminPage();
  const counts = await countPasswordSchemes(actor);
  if (!counts) notFound();
  const t = await getTranslations('passwordSchemes');
  const { passwordScheme } = await getSettings(getDb());
  const weak = counts.filter((c) => strengthOf(c.scheme) !== 'strong');
  const weakMailboxes = weak.reduce((n, c) => n + c.mailboxes, 0);
  const weakAdmins = weak.reduce((n, c) => n + c.admins, 0);
  return (
    <>
      <Link href="/settings" className="text-sm text-blue-700 hover:underline">← {t('back')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">{t('intro', { scheme: passwordScheme })}</p>
      <p role="status" data-testid="weak-summary" className={`mt-4 max-w-3xl rounded px-3 py-2 text-sm ${weakMailboxes + weakAdmins ? 'bg-amber-50 text-amber-900' : 'bg-green-50 text-green-800'}`}>
        {t('weakSummary', { mailboxes: weakMailboxes, admins: weakAdmins })}
      </p>
      <table className="mt-4 w-full max-w-3xl border-collapse rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t('scheme')}</th>
            <th scope="col" className="px-3 py-2">{t('strength')}</th>
            <th scope="col" className="px-3 py-2 text-right">{t('mailboxes')}</th>
            <th scope="col" className="px-3 py-2 text-right">{t('admins')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => {
            const strength = strengthOf(c.scheme);
            return (
              <tr key={c.scheme} data-testid={`scheme-${c.scheme}`} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-mono font-normal">
                  {c.scheme}
                  {c.scheme === passwordScheme && <span className="ml-2 rounded bg-blue-100 px-2 py-0.5 font-sans text-xs text-blue-900">{t('configured')}</span>}
                </th>
                <td className="px-3 py-2"><span className={`rounded px-2 py-0.5 text-xs ${STRENGTH_CLASS[strength]}`}>{t(`strength_${strength}`)}</span></td>
                <td className="px-3 py-2 text-right tabular-nums">{c.mailboxes}</td>
                <td className="px-3 py-2 text-right tabular-nums">{c.admins}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-3 max-w-3xl text-xs text-slate-500">{t('rehashNote')}</p>
    </>
  );
}
