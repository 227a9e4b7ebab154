import { z } from 'zod';
import { HEALTH_ALERT_CODES } from '../domain/health-alerts';
import type { ObsHealth } from '../domain/obs-health';

/** One second of OBS's health as the engine reports it. */
export const obsHealthSchema = z.strictObject({
  cpuPercent: z.number().min(0).max(10_000),
  fps: z.number().min(0).max(1000),
  renderSkippedPercent: z.number().min(0).max(100),
  encoderSkippedPercent: z.number().min(0).max(100),
  isStreaming: z.boolean(),
  isReconnecting: z.boolean(),
  congestion: z.number().min(0).max(1).nullable(),
  bitrateKbps: z.number().min(0).nullable(),
  warnings: z.array(z.string().max(300)).max(20),
  alerts: z
    .array(z.strictObject({
        code: z.enum(HEALTH_ALERT_CODES),
        value: z.number().min(0).max(100_000).optional(),
        target: z.number().min(0).max(1000).optional(),
        source: z.string().min(1).max(256).optional(),
      }),)
    .max(20)
    .optional(),
}) satisfies z.ZodType<ObsHealth>;
