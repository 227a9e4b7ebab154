import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandName, CommandResult, FeatureEventName } from '../protocol';
import type { ServiceKey } from '../protocol/service-key';
import { CommandBus, type CommandHandler, type HandlerTable } from './command-bus';
import type { HubContext, HubFeature, HubFeatureFactory, SendEvent } from './hub-feature';
import { handleApi, sendError } from './http/http-api';
import { requestUrl } from './http/http-body';
import { HostAllowlist } from './http/host-allowlist';
import { createLanSharing, lanIPv4Addresses, type LanSharing } from './lan-sharing';
import { lanCertificate } from './lan-certificate';
import { createLogger, type Logger } from './logger';
import { attachSocketGateway } from './socket-gateway';
import { StateStore } from './state-store';
import { createFileSecretBox, type SecretBox } from './auth/secret-box';
import { SHOW_HISTORY_MIGRATIONS, ShowHistory } from './show-history';
import { showPhaseChange } from '../domain/show-phase';
import { serveStatic } from './http/static-files';
import { CORE_MIGRATIONS, migrate, openDatabase, type Db } from './storage';
import { bearerToken, generateToken, isStudioComputerOnly, STUDIO_COMPUTER_ONLY, TokenRegistry, type Principal } from './auth/tokens';
import { COMMAND_RATE, CommandAllowance, isRateLimited, type RateLimits } from './rate-limit';
import { loadIngestSecret, loadOrdersSecret } from './auth/webhook-auth';

/** What the anchor reads while the engine process is away. */
const ENGINE_RESTARTING =
  'The video engine stopped unexpectedly and is restarting. OBS keeps running and a live show stays on air; video controls come back in a moment.';

/** How to start a hub. */
export interface HubOptions {
  /** Folder for the database and other studio files. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback by default: LAN exposure is off until the anchor turns it on. */
  host?: string;
  /** The anchor's token; generated when absent. */
  anchorToken?: string;
  /** The engine's token; generated when absent (the studio passes its own, so a restarted hub keeps it). */
  engineToken?: string;
  /** Built renderer to serve (headless studio); the Electron shell serves its own pages. */
  staticDir?: string;
  /** Extra page origins allowed to open socket.io connections (Electron's `app://anchor`). */
  allowedOrigins?: string[];
  logger?: Logger;
  /** Addresses LAN sharing listens on; defaults to this machine's non-internal IPv4 addresses. */
  lanAddresses?: () => string[];
  /** The features to run, in start order (the studio passes every one: electron/studio/hub-features.ts). */
  features: HubFeatureFactory[];
  /** Encrypts stream keys at rest; defaults to an AES-256-GCM key file in the data dir (weaker than the OS keychain). */
  secretBox?: SecretBox;
  /** Audit rows kept, newest first (tests use a small number). */
  auditMaxRows?: number;
  /** The clock invites expire by and rate limits refill by (tests move it); the system's by default. */
  now?: () => number;
  /** Commands a co-host's connection may send; default {@link COMMAND_RATE} (tests that hammer the hub on purpose raise it). */
  commandRate?: RateLimits;
}

/** A running hub. */
export interface Hub {
  /** Base URL, e.g. `http://127.0.0.1:5173`. */
  url: string;
  port: number;
  /** The anchor's bearer token (full rights). Never log it. */
  anchorToken: string;
  /** Token for the engine process of this studio. */
  engineToken: string;
  tokens: TokenRegistry;
  store: StateStore;
  db: Db;
  log: Logger;
  /** The running feature modules, by name. */
  features: Map<string, HubFeature>;
  /** Runs a command for a principal through the one command path (validated, role-checked, audited). */
  execute(principal: Principal, name: CommandName, payload: unknown): Promise<CommandResult>;
  /** Graceful shutdown: stop accepting, close sockets, checkpoint and close the database. */
  close(): Promise<void>;
}

/** Starts the hub: SQLite storage, HTTP API, socket.io gateway and (optionally) the UI files. */
export async function startHub(options: HubOptions): Promise<Hub> {
  const log = options.logger ?? createLogger();
  const db = openDatabase(options.dataDir, { migrations: CORE_MIGRATIONS });
  const now = options.now ?? Date.now;
  const tokens = new TokenRegistry(now);
  const anchorToken = options.anchorToken ?? generateToken();
  const engineToken = options.engineToken ?? generateToken();
  log.addSecret(anchorToken);
  log.addSecret(engineToken);
  const ingestSecret = loadIngestSecret(options.dataDir);
  const ordersSecret = loadOrdersSecret(options.dataDir);
  log.addSecret(ingestSecret);
  log.addSecret(ordersSecret);
  tokens.add(anchorToken, { id: 'anchor', role: 'anchor', name: 'Anchor' });
  tokens.add(engineToken, { id: 'engine', role: 'engine', name: 'OBS engine' });

  const commandRate = options.commandRate ?? COMMAND_RATE;
  // HTTP has no connection to hold an allowance: co-hosts' HTTP commands share one per principal.
  const httpAllowances = new Map<string, CommandAllowance>();
  const httpAllowanceOf = (principal: Principal): CommandAllowance | null => {
    if (!isRateLimited(principal.role)) return null;
    let allowance = httpAllowances.get(principal.id);
    if (!allowance) {
      allowance = new CommandAllowance(commandRate, now, (refused) => log.warn('commands rate-limited', { principal: principal.id, transport: 'http', refused }));
      httpAllowances.set(principal.id, allowance);
    }
    return allowance;
  };

  const store = new StateStore(db);
  migrate(db, SHOW_HISTORY_MIGRATIONS);
  const history = new ShowHistory(db);
  const startedAt = Date.now();
  let secretBox: SecretBox | undefined = options.secretBox;
  const httpServer: HttpServer = createServer();
  let lan: LanSharing | null = null;
  let hosts: HostAllowlist;
  const gateway = attachSocketGateway(httpServer, {
    tokens,
    store,
    log,
    allowedOrigins: options.allowedOrigins ?? [],
    // LAN sharing and the host allowlist exist once the hub listens; no connection arrives before that.
    isLanConnection: (connection) => lan?.carries(connection) ?? false,
    hostRefusal: (req) => hosts.refusal(req),
    commandRate,
    now,
  });
  const localListeners = new Map<FeatureEventName, Set<(payload: never) => void>>();
  const services = new Map<string, unknown>();
  const ctx: HubContext = {
    db,
    dataDir: options.dataDir,
    store,
    tokens,
    log,
    broadcast(event, payload, role, broadcastOptions) {
      if (broadcastOptions?.isSentToClients !== false) gateway.broadcast(event, payload, role, broadcastOptions);
      if (broadcastOptions?.isHeardInHub === false) return;
      for (const listener of localListeners.get(event) ?? []) (listener as (p: typeof payload) => void)(payload);
    },
    onBroadcast(event, listener) {
      const set = localListeners.get(event) ?? new Set();
      localListeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    engine: gateway.engineLink,
    onEngineConnection: (listener) => gateway.onEngineConnection(listener),
    onShowPhase: (listener) => {
      let last = store.current.live;
      return store.subscribe((state) => {
        const change = showPhaseChange(last, state.live);
        last = state.live;
        if (change) listener(change);
      });
    },
    history,
    ingestSecret,
    ordersSecret,
    provide(key, service) {
      if (services.has(key.id)) throw new Error(`Two hub features offer ${key.id}.`);
      services.set(key.id, service);
    },
    use<T>(key: ServiceKey<T>): T {
      if (!services.has(key.id)) throw new Error(`No hub feature offers ${key.id}: add the feature that does to the studio's features.`);
      return services.get(key.id) as T;
    },
    allowedOrigins: options.allowedOrigins ?? [],
    execute: (principal, name, payload) => bus.execute(principal, name, payload),
    // Features only call these once the hub listens (commands, routes), after `url` and `lan` below are set.
    localUrl: () => url,
    disconnectPrincipal: (id) => gateway.disconnectPrincipal(id),
    get lan() {
      return lan!;
    },
    // Created lazily: a hub that never stores a secret neither makes a key file nor warns about one.
    get secrets() {
      secretBox ??= createFileSecretBox(options.dataDir, log);
      return secretBox;
    },
  };
  // Set once every feature's handlers are known, just below; features only execute commands after start-up.
  let bus: CommandBus;
  const features = options.features.map((make) => make(ctx));
  migrate(db, features.flatMap((f) => f.migrations ?? []));
  for (const feature of features) await feature.start?.();
  const handlers: HandlerTable = new Map();
  for (const feature of features) {
    for (const [name, handler] of Object.entries(feature.commands ?? {})) {
      if (handlers.has(name as CommandName)) throw new Error(`Two hub features handle ${name}.`);
      handlers.set(name as CommandName, handler as CommandHandler<CommandName>);
    }
  }
  bus = new CommandBus({ store, db, engine: gateway.engineLink, log, handlers, auditMaxRows: options.auditMaxRows, isExpired: (p) => tokens.isExpired(p) });
  let closing: Promise<void> | null = null;
  gateway.onEngineConnection((isConnected) => {
    // An engine that stopped on purpose said so in its last report; one that vanished crashed: its supervisor
    // restarts it, and OBS (with the stream) keeps running meanwhile.
    const obs = store.current.obs;
    if (isConnected || closing || obs.status === 'unavailable') return;
    store.apply({ name: 'engine.report', payload: { obs: { ...obs, status: 'engine-restarting', message: ENGINE_RESTARTING } } });
  });
  gateway.handleCommandsWith(bus, (socket) => {
    const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
    // Typed by SendEvent; socket.io's own generics cannot follow a generic event name.
    const send: SendEvent = (event, payload) => void (socket as unknown as { emit(e: string, p: unknown): boolean }).emit(event, payload);
    for (const f of features) f.onConnect?.(send, socket.data.principal, auth);
  });

  /** Paths features answer under any Host name (each request carries its own credential). */
  const anyHostPaths = features.flatMap((f) => f.anyHostPaths ?? []);
  httpServer.on('request', (req, res) => {
    // socket.io answers its own path on this same server (its handshake checks the Host itself).
    if (req.url?.startsWith('/socket.io/')) return;
    const path = requestUrl(req).pathname;
    const hostRefusal = anyHostPaths.some((p) => p.test(path)) ? null : hosts.refusal(req);
    if (hostRefusal) return sendError(res, 421, 'forbidden', hostRefusal);
    if (lan?.carries(req.socket)) {
      const principal = tokens.resolve(bearerToken(req.headers.authorization));
      if (principal && isStudioComputerOnly(principal.role)) return sendError(res, 403, 'forbidden', STUDIO_COMPUTER_ONLY);
    }
    // Features first: they own their paths under /api/ (e.g. signed webhooks, which carry no bearer token) and do
    // their own auth; handleApi answers 401/404 for every other /api/ path.
    (async () => {
      const url = requestUrl(req);
      for (const feature of features) if (feature.route && (await feature.route(req, res, url))) return true;
      return handleApi({ tokens, bus, store, log, startedAt, allowanceOf: httpAllowanceOf, commandRate }, req, res);
    })()
      .then(async (handled) => {
        if (handled || res.headersSent) return;
        if (options.staticDir && serveStatic(options.staticDir, req, res)) return;
        sendError(res, 404, 'unknown_command', `Nothing at ${req.method} ${requestUrl(req).pathname}.`);
      })
      .catch((err) => {
        // The path only, long opaque segments masked: a bridge's link carries its secret in the path.
        log.error('request failed', { err, path: requestUrl(req).pathname.replace(/\/[A-Za-z0-9_-]{16,}/g, '/[redacted]') });
        if (!res.headersSent) sendError(res, 500, 'internal', 'The hub hit an internal error; it keeps running.');
        else res.end();
      });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('hub listening', { url, dataDir: options.dataDir });
  lan = createLanSharing(httpServer, port, {
    addresses: options.lanAddresses ?? lanIPv4Addresses,
    certificate: (addresses) => lanCertificate(options.dataDir, ctx.secrets, addresses, log),
    log,
  });
  const sharing = lan;
  hosts = new HostAllowlist(port, () => sharing.urls, url);

  return {
    url,
    port,
    anchorToken,
    engineToken,
    tokens,
    store,
    db,
    log,
    features: new Map(features.map((f) => [f.name, f])),
    execute: (principal, name, payload) => bus.execute(principal, name, payload),
    close() {
      closing ??= (async () => {
        log.info('hub stopping');
        await lan.disable();
        await gateway.close(); // also closes the HTTP server
        httpServer.closeAllConnections?.();
        for (const feature of [...features].reverse()) await feature.close?.();
        // After the features: chat may still count a last batch while closing.
        history.close();
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        log.info('hub stopped');
      })();
      return closing;
    },
  };
}
