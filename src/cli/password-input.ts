import { text } from 'node:stream/consumers';
import { read } from 'read';
import { AccountError } from '../modules/wiki/accounts.js';

/**
 * A new password from the operator: prompted twice without echo on a terminal; otherwise the
 * first line of standard input, so that scripts can pipe it in (never as an argument, where
 * it would show in `ps` and the shell's history).
 */
export async function readNewPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = (await text(process.stdin)).split(/\r?\n/)[0] ?? '';
    if (!line) throw new AccountError('no password on standard input: pipe it in (first line) or run this on a terminal');
    return line;
  }
  const ask = (label: string) => read({ prompt: `${label}: `, silent: true, replace: '', output: process.stderr });
  const first = await ask(prompt);
  const again = await ask('Repeat it');
  if (first !== again) throw new AccountError('the two passwords differ');
  return first;
}
