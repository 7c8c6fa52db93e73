import { getTranslations } from 'next-intl/server';

/** Tells that the domain is inactive (its mailboxes stay manageable); nothing when it is active. */
export async function DomainState({ active }: { active: boolean }) {
  if (active) return null;
  const t = await getTranslations('mailbox');
  return (
    <p role="note" className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="domain-inactive">
      {t('domainInactive')}
    </p>
  );
}
