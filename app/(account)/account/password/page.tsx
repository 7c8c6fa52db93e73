import { getTranslations } from 'next-intl/server';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { ChangePasswordForm } from '@/components/change-password-form';
import { changeMailboxPasswordAction } from '@/lib/account/actions';

export const metadata = { title: 'My password' };

export default async function AccountPasswordPage() {
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('account');
  const { passwordMinLength } = await getSettings(getDb());
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('passwordPage.title')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('passwordPage.intro', { username: owner.username })}</p>
      <ChangePasswordForm
        action={changeMailboxPasswordAction}
        labels={{ current: t('passwordPage.current'), new: t('passwordPage.new'), hint: t('passwordPage.hint', { min: passwordMinLength }), confirm: t('passwordPage.confirm'), submit: t('passwordPage.submit') }}
      />
    </>
  );
}
