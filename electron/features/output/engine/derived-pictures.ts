import type { CanvasOrientation } from '../domain/destinations';
import { derivedArgs, type DerivedPicture, type PictureSize } from '../domain/dual-output';
import type { DerivedPictureHealth } from '../domain/output';
import type { EngineLogger } from '../../../core/engine/obs-session';
import { Fanout, type FanoutTiming } from './fanout';
import type { LocalRelay } from './node-rtmp-relay';

/** What the derived pictures need: ffmpeg, the engine's log, a change hook, and who paints the cropped picture's card. */
export interface DerivedPicturesDeps {
  ffmpeg: string | null;
  log: EngineLogger;
  onChange(): void;
  timing?: FanoutTiming;
  /** Paints the card for a derived picture of `size` and answers the file ffmpeg reads; null: no card any more. */
  paintCard?(size: PictureSize | null): Promise<string | null>;
}

/**
 * Dual output's encoders: one per derived shape (9:16 beside 16:9) the destinations need, each reading the show from
 * the relay and publishing its picture back into it for the destinations of that shape to copy. A cropped picture
 * has its own card, painted for its size while such an encoder runs.
 */
export class DerivedPictures {
  private readonly running = new Map<CanvasOrientation, { picture: DerivedPicture; encoder: Fanout; streamName: string }>();
  /** The card file while one is painted (undefined: OBS's card alone; null: asked, none came). */
  private card: string | null | undefined = undefined;

  constructor(private readonly deps: DerivedPicturesDeps) {}

  /** Each running encoder's health, with its shape and size. */
  get health(): DerivedPictureHealth[] {
    return [...this.running.values()].map(({ picture, encoder }) => ({ ...encoder.health, orientation: picture.orientation, ...picture.size }));
  }

  /** The relay stream a destination of this shape copies (undefined: no encoder for it). */
  streamNameOf(orientation: CanvasOrientation): string | undefined {
    return this.running.get(orientation)?.streamName;
  }

  /** "Reconnect now" for a destination of this shape also restarts its encoder when that is down. */
  async reconnectIfDown(orientation: CanvasOrientation): Promise<void> {
    const encoder = this.running.get(orientation)?.encoder;
    if (encoder && encoder.health.status !== 'live') await encoder.reconnect();
  }

  /** Runs one encoder per picture wanted and stops the ones no longer wanted; the card follows the first cropped one. */
  async sync(wanted: readonly DerivedPicture[], relay: LocalRelay | null): Promise<void> {
    const needed = new Map(wanted.map((p) => [p.orientation, p]));
    for (const [orientation, running] of [...this.running]) {
      if (needed.has(orientation)) continue;
      await running.encoder.stop();
      this.running.delete(orientation);
    }
    const cropped = [...needed.values()].find((p) => p.crop) ?? null;
    const isCardWanted = cropped !== null;
    if (isCardWanted !== (this.card !== undefined)) {
      const file = await this.paintCard(cropped);
      this.card = isCardWanted ? file : undefined;
    }
    if (!relay) return;
    const cardFile = this.card ?? null;
    for (const picture of needed.values()) {
      if (this.running.has(picture.orientation)) continue;
      const streamName = `${relay.streamName}-${picture.orientation}`;
      const encoder = new Fanout(
        { id: `picture-${picture.orientation}`, name: `${picture.orientation} picture`, server: relay.publishServer, key: streamName },
        {
          input: () => relay.playUrl,
          ffmpeg: this.deps.ffmpeg!,
          log: this.deps.log,
          onChange: this.deps.onChange,
          timing: this.deps.timing,
          args: (input, output) => derivedArgs(input, output, picture, picture.crop ? cardFile : null),
        },
      );
      this.running.set(picture.orientation, { picture, encoder, streamName });
      encoder.start();
      this.deps.log.info('derived picture started', { orientation: picture.orientation, width: picture.size.width, height: picture.size.height });
    }
  }

  /** Stops every encoder (engine shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map((d) => d.encoder.stop()));
    this.running.clear();
  }

  /** Asks for the card (null: none); a failure leaves the picture without a card, never the show. */
  private async paintCard(picture: DerivedPicture | null): Promise<string | null> {
    if (!this.deps.paintCard) return null;
    try {
      return await this.deps.paintCard(picture?.size ?? null);
    } catch (err) {
      this.deps.log.warn('the derived picture has no product card', { reason: (err as Error).message });
      return null;
    }
  }
}
