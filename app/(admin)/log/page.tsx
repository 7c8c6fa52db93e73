import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { LogTable } from '@/components/log-table';
import { Pagination } from '@/components/pagination';
import { listAuditLog } from '@/lib/audit-log/queries';
import { requireSuperadminPage } from '@/lib/auth/session';

export const metadata = { title: 'Audit log' };

const text = z.string().max(255).catch('').default('');
const searchSchema = z.object({
  page: z.coerce.number().int().min(1).catch(1).default(1),
  action: text,
  domain: text,
  who: text,
  installation: z.literal('1').optional().catch(undefined),
});

/** Everything audited in the installation, for the superadmin: every domain, admins and settings. */
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireSuperadminPage();
  const query = searchSchema.parse(await searchParams);
  const log = await listAuditLog(actor, { ...query, installation: query.installation === '1' });
  if (!log) notFound();
  const t = await getTranslations('log');
  const input = 'rounded border border-slate-300 px-2 py-1';
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('allTitle')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('allIntro')}</p>
      <form className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span>{t('filter')}</span>
          <select name="action" defaultValue={query.action} className={input}>
            <option value="">{t('allActions')}</option>
            {log.actions.map((a) => (
              <option key={a} value={a}>{t.has(`actions.${a}`) ? t(`actions.${a}`) : a}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span>{t('domain')}</span>
          <input name="domain" defaultValue={query.domain} className={input} />
        </label>
        <label className="flex flex-col gap-1">
          <span>{t('who')}</span>
          <input name="who" defaultValue={query.who} className={input} />
        </label>
        <label className="flex items-center gap-2 py-1">
          <input type="checkbox" name="installation" value="1" defaultChecked={query.installation === '1'} />
          <span>{t('installationOnly')}</span>
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">{t('apply')}</button>
      </form>
      <LogTable rows={log.rows} showDomain />
      <Pagination page={log.page} pageCount={log.pageCount} basePath="/log" params={{ action: query.action, domain: query.domain, who: query.who, installation: query.installation }} />
    </>
  );
}
