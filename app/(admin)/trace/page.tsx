import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { requireAdminPage } from '@/lib/auth/session';
import type { ExpansionFailure } from '@/lib/tracer/expand';
import type { TraceResult } from '@/lib/tracer/resolve';
import { domainOf } from '@/lib/tracer/source';
import { traceAddress } from '@/lib/tracer/trace-address';
import { deliveryText, TraceStep } from './trace-step';

export const metadata = { title: 'Address tracer' };

type T = Awaited<ReturnType<typeof getTranslations<'trace'>>>;

function receptionText(t: T, result: TraceResult): string {
  const domain = toUnicodeDomain(domainOf(result.address));
  switch (result.reception.domainClass) {
    case 'virtual':
      return result.reception.accepted ? t('reception.virtualAccepted', { domain }) : t('reception.virtualRejected', { domain });
    case 'relay':
      return t('reception.relay', { domain });
    case 'inactive':
      return t('reception.inactive', { domain });
    case 'foreign':
      return t('reception.foreign', { domain });
  }
}

function failureText(t: T, failure: ExpansionFailure): string {
  switch (failure.reason) {
    case 'loop':
      return t('deferred.loop', { cycle: failure.cycle.map(displayAddress).join(' → ') });
    case 'expansionLimit':
      return t('deferred.expansionLimit');
    case 'addressLength':
      return t('deferred.addressLength', { address: failure.address.slice(0, 80) });
    case 'nonAddress':
      return t('deferred.nonAddress', { address: displayAddress(failure.address) });
  }
}

export default async function TracePage({ searchParams }: { searchParams: Promise<{ address?: string | string[] }> }) {
  const actor = await requireAdminPage();
  const t = await getTranslations('trace');
  const raw = (await searchParams).address;
  const input = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 1024) ?? '';
  const answer = input.trim() ? await traceAddress(actor, input) : null;

  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <form className="mt-4 flex max-w-2xl items-end gap-2">
        <div className="grow">
          <label htmlFor="address" className="block text-sm font-medium text-slate-800">{t('address')}</label>
          <input id="address" name="address" defaultValue={input} autoComplete="off" spellCheck={false} aria-describedby="address-error" className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <button type="submit" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t('submit')}</button>
      </form>
      <p id="address-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
        {answer?.kind === 'invalid' && t('invalid')}
      </p>
      {answer?.kind === 'notManaged' && (
        <p role="alert" className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="trace-not-managed">{t('notManaged', { address: displayAddress(answer.address) })}</p>
      )}
      {answer?.kind === 'trace' && (
        <section className="mt-4 max-w-4xl space-y-4" data-testid="trace-result">
          <p className="rounded bg-slate-100 px-3 py-2 text-sm" data-testid="trace-reception">{receptionText(t, answer)}</p>
          {answer.failure && <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="trace-failure">{failureText(t, answer.failure)}</p>}
          {!answer.failure && (
            <div>
              <h2 className="text-lg font-semibold">{t('recipients')}</h2>
              {answer.deliveries.length === 0 && answer.hiddenCount === 0 && <p className="text-sm">{t('noRecipients')}</p>}
              <ul className="mt-1 space-y-1 text-sm">
                {answer.deliveries.map((d) => (
                  <li key={d.address} data-testid="trace-recipient" data-address={d.address} data-kind={d.delivery.kind}>
                    <span className="font-mono">{displayAddress(d.address)}</span>: {deliveryText(t, d.address, d.delivery)}
                  </li>
                ))}
              </ul>
              {answer.hiddenCount > 0 && <p className="mt-1 text-sm text-slate-600">{t('hiddenCount', { count: answer.hiddenCount })}</p>}
            </div>
          )}
          <div>
            <h2 className="text-lg font-semibold">{t('steps')}</h2>
            <ol>
              <TraceStep node={answer.root} />
            </ol>
          </div>
        </section>
      )}
    </>
  );
}
