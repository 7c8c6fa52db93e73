import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
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
  const headers = [t('when'), t('who'), ...(showDomain ? [t('domain')] : []), t('action'), t('data')];
  return (
    <DataTable headers={headers} isEmpty={rows.length === 0} emptyText={t('empty')}>
      {rows.map((r) => (
        <tr key={r.id} className="border-t border-slate-100" data-testid="log-row">
          <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(r.timestamp, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
          <td className="px-3 py-2">{r.username}</td>
          {showDomain && <td className="px-3 py-2">{r.domain ? toUnicodeDomain(r.domain) : <span className="text-slate-500">{t('installation')}</span>}</td>}
          <td className="px-3 py-2" data-action={r.action}>{t.has(`actions.${r.action}`) ? t(`actions.${r.action}`) : r.action}</td>
          <td className="break-all px-3 py-2 font-mono text-xs">{r.data}</td>
        </tr>
      ))}
    </DataTable>
  );
}
