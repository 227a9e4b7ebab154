import { loadImage, type Image } from '@napi-rs/canvas';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { imageSourceOf, MAX_PICTURE_BYTES } from '../domain/card-picture';
import type { EngineLogger } from '../../../core/engine/obs-session';

/** How long a download may take before the card is painted without its picture. */
const DOWNLOAD_TIMEOUT_MS = 10_000;

/** After a picture failed to load, how long before it is tried again (a card repaints every second in a flash sale). */
const RETRY_AFTER_MS = 60_000;

/** Decoded pictures kept in memory: a show's products, not a whole catalog. */
const MAX_DECODED = 64;

/** What card-pictures needs: where pictures live and how to fetch (the real fetch; tests point it at loopback). */
export interface CardPicturesDeps {
  /** The studio's images folder (catalog file names are looked up here). */
  imagesDir: string;
  /** Where downloaded pictures are kept, so each address is fetched once across restarts. */
  cacheDir: string;
  log: EngineLogger;
  fetch?: typeof fetch;
}

type Entry = { image: Image } | { failedAt: number };

/**
 * The product pictures the card draws: a file from the studio's images folder, or an https address downloaded once
 * (size- and type-checked) and kept on disk. A picture that cannot be had leaves the card without one and says why in
 * the log; the card itself is never held up by it beyond the download timeout.
 */
export class CardPictures {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<void>>();

  constructor(private readonly deps: CardPicturesDeps) {
    mkdirSync(deps.cacheDir, { recursive: true, mode: 0o700 });
  }

  /** The decoded picture for a reference, if it has been prepared and loaded. */
  get(ref: string): Image | null {
    const entry = this.entries.get(ref);
    return entry && 'image' in entry ? entry.image : null;
  }

  /** Loads a picture if it is not loaded yet (at most one load per reference at a time); never throws. */
  prepare(ref: string | null): Promise<void> {
    if (ref === null) return Promise.resolve();
    const entry = this.entries.get(ref);
    if (entry && ('image' in entry || Date.now() - entry.failedAt < RETRY_AFTER_MS)) return Promise.resolve();
    const pending = this.loading.get(ref) ?? this.load(ref).finally(() => this.loading.delete(ref));
    this.loading.set(ref, pending);
    return pending;
  }

  private async load(ref: string): Promise<void> {
    try {
      const image = await loadImage(await this.bytesOf(ref));
      if (this.entries.size >= MAX_DECODED) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(ref, { image });
    } catch (err) {
      this.entries.set(ref, { failedAt: Date.now() });
      this.deps.log.warn('product picture not shown', { picture: ref.slice(0, 200), reason: err instanceof Error ? err.message : String(err) });
    }
  }

  private async bytesOf(ref: string): Promise<Buffer> {
    const source = imageSourceOf(ref);
    if (source.kind === 'invalid') throw new Error(source.reason);
    if (source.kind === 'file') {
      const file = join(this.deps.imagesDir, source.name);
      const size = statSync(file, { throwIfNoEntry: false })?.size;
      if (size === undefined) throw new Error(`There is no file "${source.name}" in the images folder (${this.deps.imagesDir}).`);
      if (size > MAX_PICTURE_BYTES) throw new Error(tooBig(size));
      return readFileSync(file);
    }
    const cached = join(this.deps.cacheDir, createHash('sha256').update(source.url).digest('hex'));
    if (statSync(cached, { throwIfNoEntry: false })) return readFileSync(cached);
    const bytes = await this.download(source.url);
    writeFileSync(`${cached}.tmp`, bytes, { mode: 0o600 });
    renameSync(`${cached}.tmp`, cached);
    return bytes;
  }

  private async download(url: string): Promise<Buffer> {
    const res = await (this.deps.fetch ?? fetch)(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
    if (!res.ok) throw new Error(`The picture's address answered ${res.status}.`);
    const type = res.headers.get('content-type') ?? '';
    if (!/^image\/(png|jpeg|webp)\b/i.test(type)) throw new Error(`The address is not a png, jpeg or webp picture (it sent "${type.slice(0, 60)}").`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_PICTURE_BYTES) throw new Error(tooBig(declared));
    const chunks: Buffer[] = [];
    let total = 0;
    const reader = res.body?.getReader();
    for (let part = await reader?.read(); reader && part && !part.done; part = await reader.read()) {
      total += part.value.byteLength;
      // A server that lies about (or omits) its length is cut off at the limit, not read to the end.
      if (total > MAX_PICTURE_BYTES) {
        await reader.cancel();
        throw new Error(tooBig(total));
      }
      chunks.push(Buffer.from(part.value));
    }
    return Buffer.concat(chunks);
  }
}

function tooBig(bytes: number): string {
  return `The picture is ${(bytes / 1024 / 1024).toFixed(1)} MB; a card picture may be at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB. Use a smaller file.`;
}
