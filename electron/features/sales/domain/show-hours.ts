import type { ShowTimeline } from './show-timeline';

/** One hour is one row of a long show's summary. */
export const HOUR_MS = 3_600_000;

/** One hour of a show, counted from going live: what it sold and what the audience said, and which cues ran. */
export interface ShowHour {
  /** 1 for the first hour on air. */
  index: number;
  from: number;
  /** End of the hour, or the end of the show for the last one. */
  to: number;
  orders: number;
  units: number;
  /** Net GMV of the orders placed in the hour (minor units). */
  gmv: number;
  messages: number;
  questions: number;
  /** Labels of the cues on air during the hour, in the order they started (each once). */
  cues: string[];
}

/**
 * A long show hour by hour (museums and factories stream for 7 hours; lecturers take turns): the timeline's minutes
 * summed into hours from going live, the last hour cut at the end. Empty for a show never on air. A minute belongs to
 * the hour its start falls in (the minute of going live to the first hour).
 */
export function showHours(timeline: ShowTimeline): ShowHour[] {
  const onAir = timeline.onAir;
  if (!onAir || onAir.to <= onAir.from) return [];
  const count = Math.ceil((onAir.to - onAir.from) / HOUR_MS);
  const hours: ShowHour[] = Array.from({ length: count }, (_, i) => ({
    index: i + 1,
    from: onAir.from + i * HOUR_MS,
    to: Math.min(onAir.to, onAir.from + (i + 1) * HOUR_MS),
    orders: 0,
    units: 0,
    gmv: 0,
    messages: 0,
    questions: 0,
    cues: [],
  }));
  const hourOf = (at: number) => hours[Math.min(count - 1, Math.max(0, Math.floor((at - onAir.from) / HOUR_MS)))]!;
  for (const m of timeline.minutes) {
    const hour = hourOf(m.minute);
    hour.orders += m.orders;
    hour.units += m.units;
    hour.gmv += m.gmv;
    hour.messages += m.messages;
    hour.questions += m.questions;
  }
  for (const cue of timeline.cues) {
    for (const hour of hours) {
      const label = cue.label || cue.key;
      if (cue.from < hour.to && cue.to > hour.from && !hour.cues.includes(label)) hour.cues.push(label);
    }
  }
  return hours;
}
