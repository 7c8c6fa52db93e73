'use client';

import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { dovecotProblems, generateDovecotConfig } from '@/lib/mail/dovecot/config';
import { parseMailConfigOptions, type GeneratedFile, type MailConfigOptions } from '@/lib/mail/config/options';
import { generatePostfixConfig } from '@/lib/mail/postfix/config';

// The generated files, built in the browser from the saved settings and, if typed, the read-only
// account's password, which never leaves this page (Mailroom does not store it). Without it, the files
// carry a placeholder to replace.

const PASSWORD_PLACEHOLDER = 'READ-ONLY-USER-PASSWORD';
const GRANT_FILE = 'mailroom-grant.sql';

type Options = Omit<MailConfigOptions, 'dbPassword' | 'configDir'>;
type Section = { id: 'postfix' | 'dovecot' | 'grant'; files: GeneratedFile[] };

function build(options: Options, configDirs: { postfix: string; dovecot: string }, password: string): { sections: Section[]; problems: string[] } {
  const postfix = parseMailConfigOptions({ ...options, dbPassword: password, configDir: configDirs.postfix });
  const dovecot = parseMailConfigOptions({ ...options, dbPassword: password, configDir: configDirs.dovecot });
  const problems = [...(postfix.ok ? [] : postfix.errors), ...(dovecot.ok ? dovecotProblems({ dbPassword: password }) : [])];
  if (!postfix.ok || !dovecot.ok || problems.length) return { sections: [], problems: [...new Set(problems)] };
  const postfixFiles = generatePostfixConfig(postfix.options);
  const dovecotFiles = generateDovecotConfig(dovecot.options);
  return {
    problems: [],
    sections: [
      { id: 'postfix', files: postfixFiles.filter((f) => f.name !== GRANT_FILE) },
      { id: 'dovecot', files: dovecotFiles.filter((f) => f.name !== GRANT_FILE) },
      { id: 'grant', files: postfixFiles.filter((f) => f.name === GRANT_FILE) },
    ],
  };
}

function download(file: GeneratedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ConfigFiles({ options, configDirs }: { options: Options; configDirs: { postfix: string; dovecot: string } }) {
  const t = useTranslations('mailConfig');
  const [password, setPassword] = useState('');
  const typed = useMemo(() => build(options, configDirs, password || PASSWORD_PLACEHOLDER), [options, configDirs, password]);
  // a password the files cannot carry: say why, and keep showing the placeholder version
  const shown = typed.problems.length ? build(options, configDirs, PASSWORD_PLACEHOLDER) : typed;
  return (
    <div className="mt-6 space-y-6">
      <div className="max-w-2xl rounded-lg border border-slate-200 bg-white p-6">
        <label htmlFor="dbPassword" className="block text-sm font-medium text-slate-800">{t('password')}</label>
        <input
          id="dbPassword"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="dbPassword-hint dbPassword-error"
          aria-invalid={typed.problems.length ? true : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        <p id="dbPassword-hint" className="mt-1 text-xs text-slate-500">{t('passwordHint', { placeholder: PASSWORD_PLACEHOLDER })}</p>
        <p id="dbPassword-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {typed.problems.length ? t('passwordRefused', { reasons: typed.problems.join('; ') }) : ''}
        </p>
      </div>
      {shown.sections.map((section) => (
        <section key={section.id} aria-labelledby={`files-${section.id}`}>
          <h2 id={`files-${section.id}`} className="text-lg font-semibold">{t(`section_${section.id}`)}</h2>
          <p className="text-sm text-slate-600">{t(`sectionHint_${section.id}`, { dir: section.id === 'dovecot' ? configDirs.dovecot : configDirs.postfix })}</p>
          {section.files.map((file) => (
            <div key={file.name} className="mt-3 rounded-lg border border-slate-200 bg-white" data-testid={`config-file-${file.name}`}>
              <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-2">
                <h3 className="font-mono text-sm">{file.name}</h3>
                <button type="button" onClick={() => download(file)} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50" aria-label={t('downloadFile', { name: file.name })}>
                  {t('download')}
                </button>
              </div>
              <pre className="max-h-80 overflow-auto p-4 text-xs">{file.content}</pre>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
