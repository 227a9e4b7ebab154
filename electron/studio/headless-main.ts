import { startHeadlessStudio } from './headless';

startHeadlessStudio().catch((err: unknown) => {
  process.stderr.write(`Anchor Studio could not start: ${(err as Error).message}\n`);
  process.exit(1);
});
