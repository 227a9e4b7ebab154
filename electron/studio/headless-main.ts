// The headless bundle (dist/main/headless.cjs). Run directly, it starts the studio; required (scripts/start.mjs, the
// tests), it exports the studio's entry points so everyone runs the same built code.
import { runHeadless } from './headless';

export { runHeadless } from './headless';
export { startStudio } from './studio';
export { nodeChildSpawner } from './studio-child';
export { SupervisedChild } from './supervised-child';

if (require.main === module) {
  runHeadless().catch((err: unknown) => {
    process.stderr.write(`Anchor Studio could not start: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
