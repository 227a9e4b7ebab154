// Entry of the hub's own process (bundled to dist/main/hub-process.cjs): started by the studio as an Electron
// utility process or a Node child, told what to run by its first message, restarted by the studio if it crashes.
import { createLogger } from '../core/hub/logger';
import { createKeychainSecretBox } from '../core/hub/auth/secret-box';
import { startHub, type Hub } from '../core/hub/server';
import type { Principal } from '../core/hub/auth/tokens';
import { installCrashHandlers } from './crash-handlers';
import { HUB_FEATURES } from './hub-features';
import { connectParent } from './parent-link';
import { hubProcessConfigSchema, type HubProcessConfig } from './process-messages';

/** Who ends a live show when the studio quits; the audit log names it. */
const STUDIO_PRINCIPAL: Principal = { id: 'studio', role: 'anchor', name: 'Studio (quitting)' };

const log = createLogger({ fields: { component: 'hub' } });
installCrashHandlers(log, 'hub');
const parent = connectParent((reason) => log.warn('ignored a malformed message from the studio', { reason }));
let hub: Hub | null = null;
let closing: Promise<void> | null = null;

async function start(raw: unknown): Promise<void> {
  const parsed = hubProcessConfigSchema.safeParse(raw);
  if (!parsed.success) {
    parent.post({ type: 'fatal', message: `The hub was started with invalid options: ${parsed.error.message}` });
    process.exit(2);
  }
  const config: HubProcessConfig = parsed.data;
  const hubLog = config.logLevel ? createLogger({ minLevel: config.logLevel, fields: { component: 'hub' } }) : log;
  for (const extra of config.extraTokens) hubLog.addSecret(extra.token);
  try {
    hub = await startHub({
      features: HUB_FEATURES,
      dataDir: config.dataDir,
      port: config.port,
      host: config.host,
      staticDir: config.staticDir,
      allowedOrigins: config.allowedOrigins,
      anchorToken: config.anchorToken,
      engineToken: config.engineToken,
      logger: hubLog,
      secretBox: config.secretKey ? createKeychainSecretBox(Buffer.from(config.secretKey, 'base64'), config.dataDir) : undefined,
    });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `Port ${config.port} is already in use by another program. Close it, or start the studio on another port (ANCHOR_PORT).`
      : (err as Error).message;
    parent.post({ type: 'fatal', message: reason });
    process.exit(1);
  }
  for (const extra of config.extraTokens) hub.tokens.add(extra.token, extra.principal as Principal);
  parent.post({ type: 'ready', url: hub.url, port: hub.port });
}

function close(): Promise<void> {
  closing ??= (hub?.close() ?? Promise.resolve()).catch((err: unknown) => log.error('hub shutdown failed', { err }));
  return closing;
}

parent.onMessage((message) => {
  switch (message.type) {
    case 'start':
      void start(message.config);
      break;
    case 'end-show':
      void (hub?.execute(STUDIO_PRINCIPAL, 'show.end', {}) ?? Promise.resolve()).finally(() => parent.post({ type: 'show-ended' }));
      break;
    case 'stop':
      void close().then(() => {
        parent.post({ type: 'stopped' });
        process.exit(0);
      });
      break;
  }
});
// The studio orchestrates Ctrl+C (it reaches the whole process group): it ends the show and stops the engine first.
process.on('SIGINT', () => undefined);
// Asked to go by someone else, or left alone by a studio that died: close the databases cleanly and exit.
process.on('SIGTERM', () => void close().then(() => process.exit(0)));
parent.onParentGone(() => void close().then(() => process.exit(0)));
