import { redirect } from 'next/navigation';
import { requireSetupComplete } from '@/lib/setup/state';

export default async function Home() {
  await requireSetupComplete();
  redirect('/domains');
}
