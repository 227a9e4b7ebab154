import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startAgencyNode } from './agency-server';

/**
 * `npm run agency`: one agency node. With no settings it keeps its data in PGlite under ~/.anchor-agency (or
 * AGENCY_DATA_DIR) and serves the console on 127.0.0.1:7400. With DATABASE_URL (PostgreSQL) and REDIS_URL it is one
 * node of a cluster: run as many as needed behind a load balancer that checks GET /healthz.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.AGENCY_PORT ?? 7400);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`AGENCY_PORT must be a port number (0-65535), not "${env.AGENCY_PORT}".`);
  const consoleDir = join(__dirname, '..', 'agency-console');
  const node = await startAgencyNode({
    dataDir: env.AGENCY_DATA_DIR ?? join(homedir(), '.anchor-agency'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    host: env.AGENCY_HOST ?? '127.0.0.1',
    port,
    agencyName: env.AGENCY_NAME ?? 'Agency',
    consoleDir: existsSync(join(consoleDir, 'index.html')) ? consoleDir : null,
  });
  const mode = env.DATABASE_URL ? `PostgreSQL${env.REDIS_URL ? ' + Redis (cluster node)' : ''}` : 'PGlite (one machine)';
  process.stdout.write(`Agency node ${node.nodeId} ready at ${node.url} (${mode}).\n`);
  if (node.firstAdminToken) {
    // Shown once, on the node's output (a service manager keeps that in its journal: sign in, add another admin and
    // revoke this one). The database keeps only its hash; the token rides in the URL's fragment, which browsers never
    // send to a server, so it stays out of access logs.
    process.stdout.write(`\nThis agency has no admin yet. Sign in as admin with this link (shown once, keep it safe):\n\n  ${node.url}/#token=${node.firstAdminToken}\n\n`);
  }
  let isClosing = false;
  const stop = () => {
    if (isClosing) return;
    isClosing = true;
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`The agency could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
