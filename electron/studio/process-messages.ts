import { z } from 'zod';
import { ROLES } from '../core/domain/roles';
import { VIDEO_PROFILES } from '../core/domain/video-profile';

// The studio runs its hub and its engine as child processes (Electron utility processes in the desktop app, Node
// children headless). These are the only messages that cross between the studio and its children; every side
// validates what it receives. Secrets (tokens, the data key) travel here and never on a command line or in the
// environment, where `ps` and /proc would show them.

const principalSchema = z.object({ id: z.string().min(1), role: z.enum(ROLES), name: z.string() });

/** How the hub child runs: the same options `startHub` takes, minus what cannot cross a process boundary. */
export const hubProcessConfigSchema = z.object({
  dataDir: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  host: z.string().optional(),
  staticDir: z.string().optional(),
  allowedOrigins: z.array(z.string()),
  anchorToken: z.string().min(16),
  engineToken: z.string().min(16),
  /** Tokens the studio hands out itself (the desktop co-host window, tests), registered at every (re)start. */
  extraTokens: z.array(z.object({ token: z.string().min(16), principal: principalSchema })),
  /** The desktop app's data key for stream keys at rest, unsealed from the OS keychain (base64, 32 bytes). */
  secretKey: z.string().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

/** Options of the hub child. */
export type HubProcessConfig = z.infer<typeof hubProcessConfigSchema>;

/** How the engine child runs its OBS: the serializable part of the engine's options. */
export const engineProcessConfigSchema = z.object({
  hubUrl: z.url(),
  token: z.string().min(16),
  dataDir: z.string().min(1),
  /** The studio's images folder (catalog pictures by file name); absent: "images" in the engine's data dir. */
  imagesDir: z.string().min(1).optional(),
  profile: z.enum(VIDEO_PROFILES).optional(),
  locate: z
    .object({ userPath: z.string().optional(), resourcesPath: z.string().optional(), systemCandidates: z.array(z.string()).optional() })
    .optional(),
  /** Xvfb binary; null: none available (no virtual screen); absent: search PATH. */
  xvfbPath: z.string().nullable().optional(),
  /** Variables set (or, with '', cleared) for OBS on top of the studio's environment, e.g. DISPLAY. */
  env: z.record(z.string(), z.string()).optional(),
  relaunchInitialMs: z.number().int().positive().optional(),
  relaunchMaxMs: z.number().int().positive().optional(),
  startupTimeoutMs: z.number().int().positive().optional(),
  output: z
    .object({
      ffmpegPath: z.string().optional(),
      /** Minutes per backup recording file (OBS's own file splitting; tests use 1). */
      recordingSplitMinutes: z.number().int().min(1).max(1440).optional(),
      fanout: z
        .object({
          initialBackoffMs: z.number().int().positive().optional(),
          maxBackoffMs: z.number().int().positive().optional(),
          maxAttempts: z.number().int().positive().optional(),
          stableAfterMs: z.number().int().positive().optional(),
        })
        .optional(),
    })
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

/** Options of the engine child. */
export type EngineProcessConfig = z.infer<typeof engineProcessConfigSchema>;

/** What the studio tells a child. */
export const toChildSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), config: z.unknown() }),
  /** Stop and exit; the engine leaves OBS running when `keepObsRunning` (the next start attaches to it). */
  z.object({ type: z.literal('stop'), keepObsRunning: z.boolean().optional() }),
  /** Hub only: end a live show through the engine before the studio quits (outputs stop, the report closes). */
  z.object({ type: z.literal('end-show') }),
]);

/** A message from the studio to a child. */
export type ToChild = z.infer<typeof toChildSchema>;

/** What a child tells the studio. */
export const fromChildSchema = z.discriminatedUnion('type', [
  /** Started; the hub says where it listens. */
  z.object({ type: z.literal('ready'), url: z.string().optional(), port: z.number().int().optional() }),
  /** The start failed in a way a restart cannot fix (bad config, port taken by someone else): do not retry. */
  z.object({ type: z.literal('fatal'), message: z.string() }),
  z.object({ type: z.literal('show-ended') }),
  z.object({ type: z.literal('stopped') }),
]);

/** A message from a child to the studio. */
export type FromChild = z.infer<typeof fromChildSchema>;
