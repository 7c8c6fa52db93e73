// Mailroom's command line: `npm run mailroom -- <command>`.
import { runCli } from '@/lib/cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
