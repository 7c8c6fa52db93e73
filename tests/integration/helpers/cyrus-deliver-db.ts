import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// Cyrus's duplicate-delivery database (deliver.db), where its Sieve vacation keeps one record per
// sender it replied to. No test framework here: the vitest files and the Playwright specs read it.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

/**
 * When Cyrus (the instance in `cyrusDir`) will next reply to a sender, per vacation record of `mailbox`
 * (the time of the reply plus the script's :days, as Cyrus compiled it), in Unix seconds.
 */
export async function readVacationRecordTimes(cyrusDir: string, mailbox: string): Promise<number[]> {
  const prefix = path.join(root, 'var/cyrus/root');
  const { stdout } = await run(path.join(prefix, 'usr/lib/cyrus/bin/cyr_dbtool'), ['-C', path.join(cyrusDir, 'imapd.conf'), path.join(cyrusDir, 'conf/deliver.db'), 'twoskip', 'show'], {
    encoding: 'buffer',
    env: { ...process.env, LD_LIBRARY_PATH: `${prefix}/usr/lib/x86_64-linux-gnu:${prefix}/lib/x86_64-linux-gnu` },
  });
  // key: 32 hex digits (the sender's record), NUL, the mailbox, NUL, NUL; then a tab and the time (64-bit LE)
  const marker = Buffer.from(`\0${mailbox}\0\0\t`, 'latin1');
  const times: number[] = [];
  for (let at = stdout.indexOf(marker); at >= 0; at = stdout.indexOf(marker, at + 1)) {
    if (/^[0-9A-F]{32}$/.test(stdout.subarray(at - 32, at).toString('latin1'))) times.push(Number(stdout.readBigInt64LE(at + marker.length)));
  }
  return times;
}
