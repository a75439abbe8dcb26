/** `npm run district:admin -- <command>`: see `help`, or docs/API.md. */
import { runCli } from './adminCli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
