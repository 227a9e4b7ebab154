import { recordingNameOf } from '../domain/recording-name';
import {
  checkServerUrl,
  MAX_DESTINATIONS,
  PLATFORM_PRESETS,
  serverKeyConflict,
  streamKeyProblem,
  type DestinationView,
} from '../domain/destinations';
import { profileOrientation, type PreflightReport, type ShowOutputState } from '../domain/output';
import { otherShapeDestinations, preflightRefusal, runPreflight, type ReachProbe } from '../domain/preflight';
import { failure, type CommandResult } from '../../../core/protocol';
import { ended, wentLive } from '../../../core/domain/show-phase';
import type { PlanDestination } from '../protocol/output-commands';
import { DESTINATION_MIGRATIONS, DestinationStore } from './destination-store';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';
import type { Principal } from '../../../core/hub/auth/tokens';
import { OVERLAY_STATUS } from '../../overlay/protocol/overlay-service';
import { sampleCpuLoad } from './cpu-load';
import { freeDiskBytes, probeTcp } from './reachability';

/** How long the hub waits for the engine to start or stop every output (OBS, relay, recording). */
export const OUTPUT_TIMEOUT_MS = 60_000;

/**
 * Going live: destinations with encrypted keys, the pre-flight checklist, one-click go live / end show, and
 * per-destination reconnect. The engine does the media work; this feature decides and keeps the state.
 */
export const outputFeature: HubFeatureFactory = (ctx) => {
  const { store, log } = ctx;
  const destinations = new DestinationStore(ctx.db, {
    // The box is created on first use, so a hub that never stores a key never makes a key file.
    get protection() {
      return ctx.secrets.protection;
    },
    seal: (plain) => ctx.secrets.seal(plain),
    open: (sealed) => ctx.secrets.open(sealed),
  });
  /** go-live, end and live changes run one at a time. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<CommandResult>): Promise<CommandResult> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const ok = (data?: unknown): CommandResult => ({ ok: true, version: store.current.version, ...(data === undefined ? {} : { data }) });
  const show = () => store.current.output.show;
  const setShow = (patch: Partial<ShowOutputState>) => store.apply({ name: 'output.set', payload: { show: { ...show(), ...patch } } });
  const publishDestinations = () => store.apply({ name: 'output.set', payload: { destinations: destinations.list() } });
  const byId = (id: string) => destinations.get(id);
  const notFound = () => failure('rejected', 'There is no destination with that id. Refresh the destination list.');
  /** Destinations sending in the current show (saved with the show, so a restarted hub still knows them). */
  const liveIds = (): string[] => show().onAir?.destinationIds ?? [];
  const isStreaming = (id: string) => show().phase !== 'off-air' && liveIds().includes(id);

  /** The enabled destinations with their keys, for the engine. */
  const plan = (list: DestinationView[]): PlanDestination[] =>
    list.map((d) => ({ id: d.id, name: d.name, server: d.server, key: destinations.openKey(d.id), canvas: d.canvas }));

  async function preflight(): Promise<PreflightReport> {
    const state = store.current;
    const all = destinations.list();
    const enabled = all.filter((d) => d.isEnabled);
    const unreadableKeys: string[] = [];
    for (const d of enabled) {
      try {
        log.addSecret(destinations.openKey(d.id));
      } catch {
        unreadableKeys.push(d.id);
      }
    }
    const reachability: Record<string, ReachProbe> = {};
    // The processors are watched only when a destination wants the other shape (a derived picture's encode).
    const wantsDerived = otherShapeDestinations(enabled, profileOrientation(state.obs.profile)).length > 0;
    const cpu = wantsDerived ? sampleCpuLoad() : Promise.resolve(null);
    await Promise.all(
      enabled.map(async (d) => {
        const parsed = checkServerUrl(d.server);
        reachability[d.id] = parsed.ok ? await probeTcp(parsed.address.host, parsed.address.port) : { ok: false, reason: parsed.message };
      }),
    );
    const report = runPreflight({
      at: Date.now(),
      obs: state.obs,
      scenes: state.scenes,
      engine: state.output.engine,
      destinations: all,
      reachability,
      unreadableKeys,
      diskFreeBytes: await freeDiskBytes(state.output.engine?.recordingDir ?? ctx.dataDir),
      isBackupRecording: show().isBackupRecording,
      cpu: await cpu,
    });
    store.apply({ name: 'output.set', payload: { preflight: report } });
    return report;
  }

  /**
   * Takes rehearsal's pinned comment (every pin before going live is rehearsal's) off the picture before the first live
   * frame: unpins and waits until the card is painted without it. Chat clears the rest of rehearsal as the show goes
   * live; left to that, the pin stayed on the stream's first frames. Unpinning nothing changes nothing.
   */
  async function unpinBeforeLive(principal: Principal): Promise<void> {
    const unpinned = await ctx.execute(principal, 'chat.pin', { key: null });
    if (!unpinned.ok) log.warn('rehearsal pin not removed before going live', { code: unpinned.error.code });
    await ctx.use(OVERLAY_STATUS).whenPainted();
  }

  async function goLive(principal: Principal): Promise<CommandResult> {
    const phase = show().phase;
    if (phase !== 'off-air') return failure('rejected', `The show is already ${phase === 'live' ? 'live' : phase}. End it first.`);
    const report = await preflight();
    if (!report.canGoLive) {
      const message = preflightRefusal(report);
      setShow({ lastError: message });
      return failure('rejected', message);
    }
    const enabled = destinations.list().filter((d) => d.isEnabled);
    setShow({ phase: 'starting', lastError: null });
    await unpinBeforeLive(principal);
    const request = ctx.engine.request(
      { name: 'output.start', payload: { destinations: plan(enabled), record: show().isBackupRecording, recordingName: recordingNameOf(ctx.store.current.show.title) } },
      { timeoutMs: OUTPUT_TIMEOUT_MS },
    );
    const result = request ? await request : failure('unavailable', 'The OBS engine is not connected, so the studio cannot go live.');
    if (!result.ok) {
      setShow({ phase: 'off-air', lastError: result.error.message });
      log.warn('go live failed', { code: result.error.code, reason: result.error.message });
      return result;
    }
    const startedAt = Date.now();
    store.apply({ name: 'live.set', payload: wentLive(startedAt) });
    setShow({ phase: 'live', lastError: null, onAir: { startedAt, destinationIds: enabled.map((d) => d.id) } });
    log.info('show is live', { destinations: enabled.length });
    return ok();
  }

  async function endShow(): Promise<CommandResult> {
    if (show().phase === 'off-air') return ok();
    setShow({ phase: 'ending' });
    const request = ctx.engine.request({ name: 'output.stop', payload: {} }, { timeoutMs: OUTPUT_TIMEOUT_MS });
    // Without an engine (it is restarting), OBS may still be sending: the show is over for the studio now, and the
    // engine is told so as soon as it connects (reconcile below), before it could go live again by itself.
    const result = request ? await request : ({ ok: true, version: 0 } as CommandResult);
    const recording = result.ok ? ((result.data as { recordingFile?: string | null } | undefined)?.recordingFile ?? null) : null;
    const endedAt = Date.now();
    store.apply({ name: 'live.set', payload: ended(store.current.live, endedAt) });
    setShow({
      phase: 'off-air',
      endedAt,
      onAir: null,
      // Only this show's file: a show without backup must not point at the previous one.
      backupFile: recording,
      lastError: result.ok ? null : result.error.message,
    });
    log.info('show ended', { hasBackup: recording !== null });
    return result.ok ? ok({ recordingFile: recording }) : result;
  }

  /** While live: tells the engine the new set of enabled destinations (several destinations only). */
  async function changeLiveSet(id: string, isEnabled: boolean): Promise<CommandResult | null> {
    const phase = show().phase;
    if (phase === 'starting' || phase === 'ending') return failure('rejected', 'The show is starting or ending. Try again in a moment.');
    if (phase !== 'live') return null;
    const next = destinations.list().filter((d) => (d.id === id ? isEnabled : liveIds().includes(d.id)));
    if (!next.length) return failure('rejected', 'That is the last destination on air. Use "End show" to stop streaming.');
    const mode = store.current.output.engine?.mode;
    if (mode !== 'relay' && next.length > 1) {
      return failure(
        'rejected',
        'The show streams to one destination directly; adding another while live would restart the stream. End the show and go live again with both enabled.',
      );
    }
    if (mode !== 'relay' && next[0]!.id !== liveIds()[0]) {
      return failure('rejected', 'The show streams to one destination directly. End the show to change it.');
    }
    const request = ctx.engine.request({ name: 'output.update', payload: { destinations: plan(next) } }, { timeoutMs: OUTPUT_TIMEOUT_MS });
    const result = request ? await request : failure('unavailable', 'The OBS engine is not connected.');
    if (result.ok) setShow({ onAir: { ...show().onAir!, destinationIds: next.map((d) => d.id) } });
    return result.ok ? null : result;
  }

  /**
   * Tells a connecting engine what the show is: on air with these destinations (it adopts what OBS still sends), or
   * off air (it stops whatever still sends). Run for every engine connection: a new engine process after a crash,
   * or the same engine after this hub restarted. A live show the engine cannot continue ends with the reason shown.
   */
  async function reconcile(): Promise<CommandResult> {
    const onAir = show().phase === 'live' ? show().onAir : null;
    const sending = onAir ? destinations.list().filter((d) => onAir.destinationIds.includes(d.id)) : [];
    let live: { destinations: PlanDestination[]; record: boolean; recordingName: string } | null = null;
    try {
      if (sending.length) live = { destinations: plan(sending), record: show().isBackupRecording, recordingName: recordingNameOf(ctx.store.current.show.title) };
    } catch {
      // A key the keychain can no longer open: the show cannot continue to that destination.
    }
    const request = ctx.engine.request({ name: 'output.reconcile', payload: { live } }, { timeoutMs: OUTPUT_TIMEOUT_MS });
    if (!request) return ok();
    const result = await request;
    if (onAir && (!live || !result.ok)) {
      const reason = result.ok ? 'its destinations are no longer set up' : result.error.message;
      const endedAt = Date.now();
      store.apply({ name: 'live.set', payload: ended(store.current.live, endedAt) });
      setShow({ phase: 'off-air', endedAt, onAir: null, lastError: `The show could not continue after the video engine restarted: ${reason}` });
      log.warn('the live show ended: the engine could not continue it', { reason });
    }
    return result;
  }

  let offEngine: (() => void) | null = null;
  return {
    name: 'output',
    migrations: DESTINATION_MIGRATIONS,
    start() {
      offEngine = ctx.onEngineConnection((isConnected) => {
        if (isConnected) void serial(reconcile);
      });
      // Scrub every stored key from the logs, even ones never used in this run.
      if (destinations.count() > 0) {
        for (const d of destinations.list()) {
          try {
            log.addSecret(destinations.openKey(d.id));
          } catch {
            // Shown as a pre-flight failure when it matters.
          }
        }
      }
      publishDestinations();
    },
    commands: {
      'destination.add': (payload) => {
        if (destinations.count() >= MAX_DESTINATIONS) {
          return failure('rejected', `The studio keeps at most ${MAX_DESTINATIONS} destinations. Remove one you no longer use.`);
        }
        const preset = PLATFORM_PRESETS[payload.platform];
        const server = checkServerUrl(payload.server.trim() === '' && preset.server ? preset.server : payload.server);
        if (!server.ok) return failure('rejected', server.message);
        const keyProblem = streamKeyProblem(payload.key) ?? serverKeyConflict(server.address.normalized, payload.key);
        if (keyProblem) return failure('rejected', keyProblem);
        const name = payload.name.trim();
        if (destinations.list().some((d) => d.name.toLowerCase() === name.toLowerCase())) {
          return failure('rejected', `A destination named "${name}" already exists. Pick another name.`);
        }
        log.addSecret(payload.key);
        // During a show a new destination starts disabled: enabling it is what sends to it (destination.enable).
        const isEnabled = show().phase === 'off-air' ? (payload.isEnabled ?? true) : false;
        const added = destinations.add({
          name,
          platform: payload.platform,
          server: server.address.normalized,
          key: payload.key,
          isEnabled,
          canvas: payload.canvas === undefined ? preset.canvas : payload.canvas,
        });
        log.info('destination added', { id: added.id, platform: added.platform });
        publishDestinations();
        return ok({ id: added.id, destination: added });
      },
      'destination.update': (payload) => {
        const current = byId(payload.id);
        if (!current) return notFound();
        if (isStreaming(current.id)) {
          return failure('rejected', `"${current.name}" is streaming now. Disable it or end the show, then edit it.`);
        }
        const platform = payload.platform ?? current.platform;
        const preset = PLATFORM_PRESETS[platform];
        let serverText = payload.server ?? current.server;
        if (payload.server !== undefined && payload.server.trim() === '' && preset.server) serverText = preset.server;
        const server = checkServerUrl(serverText);
        if (!server.ok) return failure('rejected', server.message);
        if (payload.key !== undefined) {
          const keyProblem = streamKeyProblem(payload.key);
          if (keyProblem) return failure('rejected', keyProblem);
          log.addSecret(payload.key);
        }
        let key: string | undefined = payload.key;
        if (key === undefined) {
          try {
            key = destinations.openKey(current.id);
          } catch {
            key = undefined;
          }
        }
        const conflict = key === undefined ? null : serverKeyConflict(server.address.normalized, key);
        if (conflict) return failure('rejected', conflict);
        const name = payload.name?.trim() ?? current.name;
        if (destinations.list().some((d) => d.id !== current.id && d.name.toLowerCase() === name.toLowerCase())) {
          return failure('rejected', `A destination named "${name}" already exists. Pick another name.`);
        }
        const updated = destinations.update(current.id, {
          name,
          platform,
          server: server.address.normalized,
          ...(payload.key === undefined ? {} : { key: payload.key }),
          ...(payload.canvas !== undefined
            ? { canvas: payload.canvas }
            : payload.platform && payload.platform !== current.platform
              ? { canvas: preset.canvas }
              : {}),
        });
        log.info('destination updated', { id: current.id, isKeyChanged: payload.key !== undefined });
        publishDestinations();
        return ok({ destination: updated });
      },
      'destination.remove': (payload) => {
        const current = byId(payload.id);
        if (!current) return notFound();
        if (isStreaming(current.id)) return failure('rejected', `"${current.name}" is streaming now. Disable it or end the show first.`);
        destinations.remove(current.id);
        log.info('destination removed', { id: current.id });
        publishDestinations();
        return ok();
      },
      'destination.enable': (payload) =>
        serial(async () => {
          const current = byId(payload.id);
          if (!current) return notFound();
          if (current.isEnabled === payload.isEnabled && show().phase === 'off-air') return ok();
          const refusal = await changeLiveSet(current.id, payload.isEnabled);
          if (refusal) return refusal;
          destinations.update(current.id, { isEnabled: payload.isEnabled });
          publishDestinations();
          return ok();
        }),
      'destination.reconnect': async (payload) => {
        const current = byId(payload.id);
        if (!current) return notFound();
        if (show().phase !== 'live' || !liveIds().includes(current.id)) {
          return failure('rejected', `"${current.name}" is not on air, so there is nothing to reconnect. Go live first.`);
        }
        const request = ctx.engine.request({ name: 'output.reconnect', payload: { id: current.id } }, { timeoutMs: OUTPUT_TIMEOUT_MS });
        return request ? await request : failure('unavailable', 'The OBS engine is not connected.');
      },
      'output.preflight': async () => ok(await preflight()),
      'output.settings': (payload) => {
        setShow({ isBackupRecording: payload.isBackupRecording });
        return ok();
      },
      'show.goLive': (_payload, principal) => serial(() => goLive(principal)),
      'show.end': () => serial(endShow),
    },
    close() {
      offEngine?.();
    },
  };
};
