import { getFormatter, getTranslations } from 'next-intl/server';
import { toUnicodeDomain } from '@/lib/domains/domain-name';

export interface LogTableRow {
  id: number;
  timestamp: Date;
  username: string;
  action: string;
  data: string;
  /** shown in a column of its own when given ('' = the whole installation) */
  domain?: string;
}

/** Entries of PostfixAdmin's `log`, newest first, as the Activity pages show them. */
export async function LogTable({ rows, showDomain = false }: { rows: LogTableRow[]; showDomain?: boolean }) {
  const t = await getTranslations('log');
  const format = await getFormatter();
  const columns = showDomain ? 5 : 4;
  return (
    <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t('when')}</th>
            <th scope="col" className="px-3 py-2">{t('who')}</th>
            {showDomain && <th scope="col" className="px-3 py-2">{t('domain')}</th>}
            <th scope="col" className="px-3 py-2">{t('action')}</th>
            <th scope="col" className="px-3 py-2">{t('data')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr><td colSpan={columns} className="px-3 py-6 text-center text-slate-500">{t('empty')}</td></tr>
          )}
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100" data-testid="log-row">
              <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(r.timestamp, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
              <td className="px-3 py-2">{r.username}</td>
              {showDomain && <td className="px-3 py-2">{r.domain ? toUnicodeDomain(r.domain) : <span className="text-slate-500">{t('installation')}</span>}</td>}
              <td className="px-3 py-2" data-action={r.action}>{t.has(`actions.${r.action}`) ? t(`actions.${r.action}`) : r.action}</td>
              <td className="break-all px-3 py-2 font-mono text-xs">{r.data}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
