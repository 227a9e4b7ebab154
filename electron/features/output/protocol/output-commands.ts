import { z } from 'zod';
import { RECORDING_NAME_LENGTH } from '../domain/recording-name';
import { MAX_DESTINATION_NAME, MAX_SERVER_URL, MAX_STREAM_KEY, PLATFORM_IDS } from '../domain/destinations';
import type { EngineOutputState } from '../domain/output';
import { defineCommand } from '../../../core/protocol/command-spec';

const destinationId = z.string().min(1, 'id is empty').max(64);
const destinationName = z.string().trim().min(1, 'name is empty').max(MAX_DESTINATION_NAME, `name is longer than ${MAX_DESTINATION_NAME} characters`);
// URL and key rules live in the domain (checkServerUrl, streamKeyProblem): their refusals are sentences that never
// echo the value, and a typo is a `rejected` answer with advice, not a schema error.
const serverUrl = z.string().max(MAX_SERVER_URL, `server is longer than ${MAX_SERVER_URL} characters`);
const streamKey = z.string().max(MAX_STREAM_KEY, `key is longer than ${MAX_STREAM_KEY} characters`);
const canvas = z.enum(['vertical', 'horizontal']).nullable();

/** Going live: destinations (keys are anchor-only secrets), pre-flight, one-click go live / end, virtual camera. */
export const OUTPUT_COMMANDS = {
  'destination.add': defineCommand({
    payload: z.strictObject({
      name: destinationName,
      platform: z.enum(PLATFORM_IDS),
      server: serverUrl,
      key: streamKey,
      isEnabled: z.boolean().optional(),
      canvas: canvas.optional(),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Add a destination (platform preset, RTMP/RTMPS server, stream key stored encrypted). Answers {id}.',
  }),
  'destination.update': defineCommand({
    payload: z.strictObject({
      id: destinationId,
      name: destinationName.optional(),
      platform: z.enum(PLATFORM_IDS).optional(),
      server: serverUrl.optional(),
      key: streamKey.optional(),
      canvas: canvas.optional(),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Edit a destination; a missing key keeps the stored one. Refused while that destination is streaming.',
  }),
  'destination.remove': defineCommand({
    payload: z.strictObject({ id: destinationId }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Delete a destination and its stored key. Refused while it is streaming.',
  }),
  'destination.enable': defineCommand({
    payload: z.strictObject({ id: destinationId, isEnabled: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Include a destination in the next go-live (while live with several destinations: start or stop sending to it now).',
  }),
  'destination.reconnect': defineCommand({
    payload: z.strictObject({ id: destinationId }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Reconnect one destination now (while live), without touching the others.',
  }),
  'output.preflight': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Run the pre-flight checklist (OBS, picture, microphone, canvas, destinations reachable, disk) into state.output.preflight.',
  }),
  'output.settings': defineCommand({
    payload: z.strictObject({ isBackupRecording: z.boolean() }),
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Turn the local backup recording of every show on or off (on by default).',
  }),
  'show.goLive': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Run the pre-flight checklist and, if nothing failed, go live to every enabled destination and start the backup recording.',
  }),
  'show.end': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'End the show: stop every destination and the backup recording (the UI asks for confirmation first).',
  }),
  'virtualcam.start': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: "Start OBS's virtual camera (for 直播伴侣, TikTok LIVE Studio and other companion apps).",
  }),
  'virtualcam.stop': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Stop the virtual camera.',
  }),
} as const;

const planDestination = z.strictObject({
  id: destinationId,
  name: z.string().max(MAX_DESTINATION_NAME),
  server: serverUrl,
  key: streamKey,
  /** The picture shape it gets; the engine derives it when its canvas is the other shape (null: the canvas as is). */
  canvas,
});

/** The show part of the backup recording's file names (recording-name.ts makes it safe on every system). */
const recordingName = z.string().min(1).max(RECORDING_NAME_LENGTH);

/**
 * Requests only the hub sends to the engine (never accepted from a client): they carry decrypted stream keys over
 * the loopback socket to the one process that needs them.
 */
export const ENGINE_OUTPUT_REQUESTS = {
  'output.start': z.strictObject({ destinations: z.array(planDestination).min(1).max(20), record: z.boolean(), recordingName: recordingName.optional() }),
  'output.update': z.strictObject({ destinations: z.array(planDestination).min(1).max(20) }),
  'output.stop': z.strictObject({}),
  'output.reconnect': z.strictObject({ id: destinationId }),
  /**
   * Sent whenever an engine connects (a restarted engine, or a restarted hub): the show as the hub knows it. Live: keep
   * sending to these destinations, adopting what OBS still sends. Off air (null): stop whatever still sends.
   */
  'output.reconcile': z.strictObject({
    live: z.strictObject({ destinations: z.array(planDestination).min(1).max(20), record: z.boolean(), recordingName: recordingName.optional() }).nullable(),
  }),
} as const;

/** Name of a hub-to-engine output request. */
export type EngineOutputRequestName = keyof typeof ENGINE_OUTPUT_REQUESTS;

/** Payload of a hub-to-engine output request. */
export type EngineOutputRequest<N extends EngineOutputRequestName> = z.infer<(typeof ENGINE_OUTPUT_REQUESTS)[N]>;

/** One destination of a go-live plan: where to send and with which key (a secret). */
export type PlanDestination = z.infer<typeof planDestination>;

const problem = z.strictObject({
  code: z.enum(['refused', 'timeout', 'dns', 'closed', 'rejected', 'tls', 'relay', 'obs', 'unknown']),
  message: z.string().max(500),
});

const health = {
  id: destinationId,
  status: z.enum(['connecting', 'live', 'reconnecting', 'failed', 'stopped']),
  bitrateKbps: z.number().min(0).max(1_000_000).nullable(),
  liveSince: z.number().int().min(0).nullable(),
  lastError: problem.nullable(),
  attempts: z.number().int().min(0).max(1_000_000),
};
const pictureSide = z.number().int().min(2).max(8192);

/** What the engine may report about outputs (part of `engine.report`). */
export const engineOutputSchema = z.strictObject({
  mode: z.enum(['off', 'direct', 'relay']),
  destinations: z.array(z.strictObject(health)).max(20),
  derived: z.array(z.strictObject({ ...health, orientation: z.enum(['vertical', 'horizontal']), width: pictureSide, height: pictureSide })).max(2),
  picture: z.strictObject({
    width: pictureSide,
    height: pictureSide,
    fps: z.number().int().min(1).max(240),
    bitrateKbps: z.number().int().min(100).max(200_000),
    x264Preset: z.enum(['ultrafast', 'superfast', 'veryfast', 'faster']),
  }),
  recording: z.strictObject({
    isActive: z.boolean(),
    startedAt: z.number().int().min(0).nullable(),
    lastFile: z.string().max(4096).nullable(),
    problem: z.string().max(500).nullable(),
  }),
  virtualCam: z.strictObject({ isActive: z.boolean() }),
  capabilities: z.strictObject({
    relay: z.strictObject({ isAvailable: z.boolean(), message: z.string().max(500).nullable(), ffmpeg: z.enum(['bundled', 'system']).optional() }),
    virtualCam: z.strictObject({ isAvailable: z.boolean(), message: z.string().max(500).nullable() }),
  }),
  recordingDir: z.string().max(4096).nullable(),
  microphones: z.array(z.strictObject({ name: z.string().min(1).max(256), isMuted: z.boolean() })).max(64),
}) satisfies z.ZodType<EngineOutputState>;
