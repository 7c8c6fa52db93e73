// `npm run bench`: seeds a throwaway database with one domain of 100,000 mailboxes and 200,000
// aliases, then prints median and p95 server time of the panel's list, search and tracer queries,
// and EXPLAIN proof that every Postfix/Dovecot query of shared/COMPAT.md uses an index.
import { runBench } from '@/lib/bench/run';

runBench(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
