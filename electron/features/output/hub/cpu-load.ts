import { cpus } from 'node:os';
import type { CpuLoad } from '../domain/preflight';

/** How long the pre-flight watches the processors (it runs beside the reachability probes, which take longer). */
export const CPU_SAMPLE_MS = 600;

/**
 * How busy this computer's processors are: the share of time not idle over a short sample, from the kernel's
 * per-core counters (os.cpus(), the same on Windows, macOS and Linux). Null when the platform reports no counters.
 */
export async function sampleCpuLoad(sampleMs = CPU_SAMPLE_MS): Promise<CpuLoad | null> {
  const before = cpus();
  await new Promise((r) => setTimeout(r, sampleMs));
  const after = cpus();
  if (!before.length || before.length !== after.length) return null;
  let total = 0;
  let idle = 0;
  after.forEach((core, i) => {
    const start = before[i]!.times;
    const end = core.times;
    total += end.user + end.nice + end.sys + end.irq + end.idle - (start.user + start.nice + start.sys + start.irq + start.idle);
    idle += end.idle - start.idle;
  });
  if (total <= 0) return null;
  return { cores: after.length, busy: Math.min(1, Math.max(0, 1 - idle / total)) };
}
