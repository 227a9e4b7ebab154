import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions } from 'socket.io';
import { LINK_NAMESPACE } from '../../electron/features/agency/protocol/link-protocol';
import { CONSOLE_NAMESPACE } from '../shared/console-protocol';
import { openDatabase, type Database } from './database';
import { serveConsoles, type ConsoleNamespace } from './console-gateway';
import { serveStudioLinks, type LinkNamespace } from './link-gateway';
import { migrate } from './migrations';
import { createRoomPublisher } from './room-publisher';
import { serveHttp } from './http-routes';
import { issueToken } from './tokens';

/** How a node is set up (the CLI reads these from the environment). */
export interface AgencyOptions {
  /** Folder for PGlite's data when no database URL is given. */
  dataDir: string;
  /** PostgreSQL URL (`DATABASE_URL`): the nodes of a cluster share it. */
  databaseUrl?: string;
  /** Redis URL (`REDIS_URL`): consoles and links on every node hear each other through Redis streams. */
  redisUrl?: string;
  host?: string;
  port?: number;
  agencyName?: string;
  /** Folder of the built console (index.html and assets); without it the node serves the API only. */
  consoleDir?: string | null;
}

/** A running agency node. */
export interface AgencyNode {
  url: string;
  nodeId: string;
  db: Database;
  /** A first admin sign-in token when this start created the database's first admin (shown once); else null. */
  firstAdminToken: string | null;
  close(): Promise<void>;
}

/** Starts one agency node: database and migrations, HTTP (health, console, reports), the link and console namespaces. */
export async function startAgencyNode(options: AgencyOptions): Promise<AgencyNode> {
  const nodeId = randomUUID().slice(0, 8);
  const agencyName = options.agencyName ?? 'Agency';
  const db = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  await migrate(db);
  const firstAdminToken = await ensureAdmin(db);

  const closers: Array<() => Promise<void> | void> = [];
  const ioOptions: Partial<ServerOptions> = {
    // A console or studio that lost its connection for a moment gets what it missed, from any node.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    serveClient: false,
    maxHttpBufferSize: 4 * 1024 * 1024,
  };
  if (options.redisUrl) {
    const { createClient } = await import('redis');
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    const redis = createClient({ url: options.redisUrl });
    // Redis going away is survived (the client reconnects); it must not crash the node.
    redis.on('error', () => undefined);
    await redis.connect();
    ioOptions.adapter = createAdapter(redis);
    closers.push(() => redis.quit().then(() => undefined, () => undefined));
  }

  let health: () => Record<string, unknown> = () => ({});
  const http = createServer((req: IncomingMessage, res: ServerResponse) => void serveHttp(req, res, { db, nodeId, consoleDir: options.consoleDir ?? null, health: () => health() }));
  const io = new Server(http, ioOptions);
  // One server, two namespaces with their own event maps (socket.io types a whole server by one map).
  const consoles = io.of(CONSOLE_NAMESPACE) as unknown as ConsoleNamespace;
  const links = io.of(LINK_NAMESPACE) as unknown as LinkNamespace;
  const publisher = createRoomPublisher(consoles, db);
  const linked = serveStudioLinks(links, { db, nodeId, agencyName, publisher });
  serveConsoles(consoles, { db, agencyName, links });
  health = () => ({ ok: true, node: nodeId, database: db.kind, cluster: Boolean(options.redisUrl), links: linked.linkedCount() });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    nodeId,
    db,
    firstAdminToken,
    async close() {
      linked.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      // After the sockets: their disconnect handlers still report rooms going offline.
      publisher.close();
      for (const close of closers) await close();
      await db.close();
    },
  };
}

/**
 * Creates the first admin of a new agency and returns its token (once). Only a database that never had an admin gets
 * one: revoking every admin does not make the next start mint a token for whoever reads the node's output.
 */
async function ensureAdmin(db: Database): Promise<string | null> {
  return db.transaction(async (tx) => {
    // Nodes of a cluster starting together: one creates the admin, the others wait and see it.
    await tx.query('SELECT pg_advisory_xact_lock(7400018)');
    const admins = await tx.query('SELECT 1 FROM tokens WHERE role = $1 LIMIT 1', ['admin']);
    if (admins.length) return null;
    return (await issueToken(tx, { role: 'admin', name: 'Admin', brand: null, studioId: null })).token;
  });
}
