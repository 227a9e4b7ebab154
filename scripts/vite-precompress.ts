import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing: text the windows load (index.html is tiny and never cached, so it goes as it is). */
const COMPRESSIBLE = /\.(js|css|svg|json)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside each built script and stylesheet, compressed once at build time
 * as hard as the formats go: the hub sends them to browsers that accept them (a producer's phone over the LAN then
 * loads a third of the bytes) and never compresses at request time.
 */
export function precompress(): Plugin {
  return {
    name: 'anchor-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) throw new Error('precompress: the build has no output directory');
      for (const name of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(name)) continue;
        const file = join(dir, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}
