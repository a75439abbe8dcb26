/**
 * Reading a password for the admin CLI: typed at a hidden prompt on a terminal, or the first line
 * of standard input when piped (`printf '%s\n' "$PW" | npm run district:admin -- user create …`).
 * Never from the command line, where other users of the machine and the shell history see it.
 */
import { stdin, stderr } from 'node:process';

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readFirstLine(): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    text += chunk as string;
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** A new password: asked twice on a terminal (they must match), or read once from a pipe. */
export async function readNewPassword(): Promise<string> {
  if (!stdin.isTTY) return readFirstLine();
  const first = await readHidden('New password: ');
  const again = await readHidden('Type it again: ');
  if (first !== again) throw new Error('the two passwords differ: run the command again');
  return first;
}
