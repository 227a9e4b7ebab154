import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installShutdownSignals } from '../core/hub/shutdown-signals';
import { startHub } from '../core/hub/server';
import { HUB_FEATURES } from './hub-features';

const HELP = `Usage: npm run hub -- [options]

Runs the Anchor Studio hub on its own (no window): HTTP API, socket.io and storage.

Options:
  --port <n>      TCP port (default 0 = any free port)
  --host <addr>   Address to listen on (default 127.0.0.1; LAN exposure is off unless you set it)
  --data <dir>    Data directory for the studio database (default ./studio-data)
  --ui <dir>      Serve the built UI from this folder (e.g. dist/renderer)
  -h, --help      Show this help

Environment:
  ANCHOR_ADMIN_TOKEN   The anchor's token. When unset, one is generated and printed once.
`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        ui: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a whole number from 0 to 65535, got "${values.port}".\n`);
    process.exit(2);
  }
  const envToken = process.env.ANCHOR_ADMIN_TOKEN?.trim();
  if (envToken !== undefined && envToken.length < 16) {
    process.stderr.write('ANCHOR_ADMIN_TOKEN is shorter than 16 characters. Use a long random value or unset it.\n');
    process.exit(2);
  }
  const hub = await startHub({
    features: HUB_FEATURES,
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: resolve(values.data ?? 'studio-data'),
    anchorToken: envToken || undefined,
    staticDir: values.ui ? resolve(values.ui) : undefined,
  });
  if (!envToken) {
    // Printed once, to the terminal only: the structured log never carries it.
    process.stdout.write(`\nAnchor token (keep it private): ${hub.anchorToken}\n`);
  }
  process.stdout.write(`Hub ready at ${hub.url}\n`);
  if (values.ui) process.stdout.write(`Open ${hub.url}/?token=${envToken ? '<ANCHOR_ADMIN_TOKEN>' : hub.anchorToken}\n`);

  installShutdownSignals(() => hub.close());
}

main().catch((err) => {
  process.stderr.write(`The hub could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
