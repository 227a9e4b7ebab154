import { z } from 'zod';
import sample from '../../../../resources/sample-show.json' with { type: 'json' };
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
