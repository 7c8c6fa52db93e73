import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import type { Delivery } from '@/lib/tracer/delivery';
import type { TraceFlag, TraceNode } from '@/lib/tracer/resolve';
import type { QueryRun } from '@/lib/tracer/source';
import { domainOf } from '@/lib/tracer/source';

type T = Awaited<ReturnType<typeof getTranslations<'trace'>>>;

function flagText(t: T, flag: TraceFlag): string {
  switch (flag.code) {
    case 'aliasInactive':
      return t('flags.aliasInactive');
    case 'catchallInactive':
      return t('flags.catchallInactive', { catchall: displayAddress(flag.catchall) });
    case 'aliasDomain':
      return t('flags.aliasDomain', { aliasDomain: toUnicodeDomain(flag.aliasDomain), targetDomain: toUnicodeDomain(flag.targetDomain) });
    case 'aliasDomainInactive':
      return t('flags.aliasDomainInactive', { aliasDomain: toUnicodeDomain(flag.aliasDomain), targetDomain: toUnicodeDomain(flag.targetDomain) });
    case 'targetNotManaged':
      return t('flags.targetNotManaged');
  }
}

/** What happens to a final recipient, in words. */
export function deliveryText(t: T, address: string, delivery: Delivery): string {
  switch (delivery.kind) {
    case 'mailbox':
      return t('delivery.mailbox', { mailbox: displayAddress(delivery.mailbox), maildir: delivery.maildir, transport: delivery.transport || t('transportDefault') });
    case 'unknownUser':
      return delivery.mailboxInactive ? `${t('delivery.unknownUser')} ${t('delivery.mailboxInactive')}` : t('delivery.unknownUser');
    case 'relay':
      return t('delivery.relay', { transport: delivery.transport || t('transportDefault') });
    case 'foreign':
      return delivery.domainInactive ? t('delivery.foreignInactive', { domain: toUnicodeDomain(domainOf(address)) }) : t('delivery.foreign', { domain: toUnicodeDomain(domainOf(address)) });
    case 'hidden':
      return t('delivery.hidden');
  }
}

function Queries({ t, queries }: { t: T; queries: QueryRun[] }) {
  if (queries.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-slate-600">{t('queries', { count: queries.length })}</summary>
      <ol className="mt-1 space-y-1">
        {queries.map((q, i) => (
          <li key={i} className="rounded bg-slate-50 p-2" data-testid="trace-query" data-map={q.map}>
            <div className="font-semibold text-slate-700">{q.map}</div>
            {q.sql === null ? <div className="text-slate-500">{t('suppressed')}</div> : <code className="block break-all font-mono">{q.sql}</code>}
            {q.sql !== null && <div className="text-slate-600">{q.rows.length === 0 ? t('noRows') : t('rows', { rows: q.rows.join(' | ') })}</div>}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One address of the expansion and, nested, the addresses it expands to. */
export async function TraceStep({ node }: { node: TraceNode }) {
  const t = await getTranslations('trace');
  const results = node.results.map(displayAddress).join(', ');
  const deliveryQueries = node.delivery && node.delivery.kind !== 'hidden' ? node.delivery.queries : [];
  return (
    <li className="mt-2 rounded border border-slate-200 bg-white p-3" data-testid="trace-step" data-address={node.address}>
      <div className="font-mono text-sm font-semibold">{displayAddress(node.address)}</div>
      {node.flags.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-sm text-amber-800">
          {node.flags.map((f, i) => (
            <li key={i} data-testid="trace-flag" data-flag={f.code}>⚠ {flagText(t, f)}</li>
          ))}
        </ul>
      )}
      {!node.hidden && node.match && node.stop !== 'repeat' && !node.flags.some((f) => f.code === 'targetNotManaged') && (
        <p className="mt-1 text-sm" data-match={node.match.kind}>{t(`match.${node.match.kind}`, { key: displayAddress(node.match.key), results })}</p>
      )}
      {!node.hidden && !node.match && node.stop === null && node.queries.length > 0 && <p className="mt-1 text-sm">{t('match.none')}</p>}
      {node.stop && <p className="mt-1 text-sm text-slate-700" data-stop={node.stop}>{node.stop === 'self' ? t('self') : t('repeat')}</p>}
      {node.delivery && (
        <p className={`mt-1 text-sm ${node.delivery.kind === 'unknownUser' ? 'text-red-700' : 'text-slate-800'}`} data-testid="trace-delivery" data-kind={node.delivery.kind}>
          → {deliveryText(t, node.address, node.delivery)}
        </p>
      )}
      <Queries t={t} queries={[...node.queries, ...deliveryQueries]} />
      {node.children.length > 0 && (
        <ol className="ml-4 border-l border-slate-200 pl-3">
          {node.children.map((child, i) => (
            <TraceStep key={i} node={child} />
          ))}
        </ol>
      )}
    </li>
  );
}
