import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import sample from '../../../../resources/sample-show.json' with { type: 'json' };
import pictures from '../../../../resources/sample-pictures.json' with { type: 'json' };
import { productSchema } from '../../catalog/protocol/catalog-commands';
import { cueSchema } from '../protocol/rundown-commands';

/** The sample show's file: a show title, its products and its run of show, checked like any command would be. */
const sampleShowSchema = z.strictObject({
  title: z.string().min(1).max(120),
  products: z.array(productSchema).min(1),
  cues: z.array(cueSchema).min(1),
});

/** A show to rehearse with: products and cues, as commands carry them. */
export type SampleShow = z.infer<typeof sampleShowSchema>;

/**
 * The tea-set sell-along show a new studio can load to rehearse with (resources/sample-show.json, bundled). Parsed
 * once; a broken file fails here, loudly, in the tests, not in front of a new user.
 */
export const SAMPLE_SHOW: SampleShow = sampleShowSchema.parse(sample);

/**
 * The sample products' pictures (file name -> JPEG bytes), drawn by scripts/make-sample-pictures.ts and bundled:
 * loading the sample show puts them in the studio's images folder, where the catalog's image names are looked up.
 */
export const SAMPLE_PICTURES: ReadonlyMap<string, Buffer> = new Map(
  Object.entries(z.record(z.string().regex(/^sample-[a-z]+\.jpg$/), z.string().min(1)).parse(pictures)).map(([name, base64]) => [name, Buffer.from(base64, 'base64')]),
);

/** Puts the sample pictures in an images folder, never over a file of the same name the anchor already has there. */
export function writeSamplePictures(imagesDir: string): void {
  mkdirSync(imagesDir, { recursive: true });
  for (const [name, bytes] of SAMPLE_PICTURES) {
    const file = join(imagesDir, name);
    if (!existsSync(file)) writeFileSync(file, bytes);
  }
}
