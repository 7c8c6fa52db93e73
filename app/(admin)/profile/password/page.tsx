import { getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { ChangePasswordForm } from '@/components/change-password-form';
import { changeOwnPasswordAction } from '@/lib/admins/actions';

export const metadata = { title: 'My password' };

export default async function ProfilePasswordPage() {
  const actor = await requireAdminPage();
  const t = await getTranslations('profile');
  const settings = await getSettings(getDb());
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('passwordTitle')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('passwordIntro', { username: actor.username })}</p>
      <ChangePasswordForm
        action={changeOwnPasswordAction}
        labels={{ current: t('currentPassword'), new: t('newPassword'), hint: t('passwordHint', { min: settings.passwordMinLength }), confirm: t('passwordConfirm'), submit: t('submit') }}
      />
    </>
  );
}
