import { getTranslations } from 'next-intl/server';
import { getOwnForward } from '@/lib/account/queries';
import { displayAddress } from '@/lib/aliases/display';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { OwnForwardForm } from './forward-form';

export const metadata = { title: 'Forwarding' };

export default async function AccountForwardPage() {
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('forward');
  const { targets, keepCopy } = await getOwnForward(owner);
  const list = targets.map(displayAddress).join(', ');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title', { mailbox: displayAddress(owner.username) })}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('intro')}</p>
      <p className="mt-2 text-sm" data-testid="forward-current">
        <span className="font-medium">{t('current')}: </span>
        {targets.length === 0 ? t('currentNone') : keepCopy ? t('currentCopy', { targets: list }) : t('currentPure', { targets: list })}
      </p>
      <OwnForwardForm targets={targets.map(displayAddress)} keepCopy={keepCopy} />
    </>
  );
}
