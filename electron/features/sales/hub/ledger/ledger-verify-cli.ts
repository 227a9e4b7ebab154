import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LEDGER_FILE } from '../sales-feature';
import { verifyLedger } from './ledger-verify';

const HELP = `Usage: npm run ledger:verify -- --data <dir>

Checks the studio's sales ledger (<dir>/${LEDGER_FILE}): the hash chain, the current-state rows and the published
tallies. Prints the chain head. Exits 0 when the ledger is intact, 1 when it is not, 2 on a usage error.
`;

function main(): number {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const file = join(resolve(values.data ?? 'studio-data'), LEDGER_FILE);
  if (!existsSync(file)) {
    process.stderr.write(`No ledger at ${file}. Pass the hub's data dir with --data <dir>.\n`);
    return 2;
  }
  // Read-only: verifying must never change what it checks.
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = verifyLedger(db);
    process.stdout.write(`Ledger ${file}\nEntries: ${result.entries}\nChain head: ${result.head}\n`);
    if (result.isValid) {
      process.stdout.write('OK: the chain verifies, every order row and the published tallies match the entries.\n');
      return 0;
    }
    process.stdout.write(`TAMPERED or damaged: ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  } finally {
    db.close();
  }
}

process.exitCode = main();
