import type { CanvasOrientation, DestinationView, PlatformId } from '@shared/features/output/domain/destinations';
import type { DestinationHealth, EngineOutputState, PreflightItem } from '@shared/features/output/domain/output';
import type { MessageKey } from '../../i18n/catalog';

/** A destination with its health while the show is live (null otherwise). */
export interface DestinationRow {
  destination: DestinationView;
  health: DestinationHealth | null;
}

/** Joins the destinations with the engine's health rows, in the destinations' order. */
export function destinationRows(destinations: readonly DestinationView[], engine: EngineOutputState | null): DestinationRow[] {
  const byId = new Map((engine?.destinations ?? []).map((h) => [h.id, h]));
  return destinations.map((destination) => ({ destination, health: byId.get(destination.id) ?? null }));
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One pre-flight line in the window's language (orientation words translated too). */
export function checkText(item: PreflightItem, t: Translate): string {
  const params: Record<string, string | number> = { ...item.params };
  for (const name of ['wanted', 'current'] as const) {
    const value = params[name];
    if (value === 'vertical' || value === 'horizontal') params[name] = t(`output.canvas.${value}`);
  }
  return t(`output.check.${item.code}` as MessageKey, params);
}

/** The canvas choice as the form's select value. */
export function canvasValue(canvas: CanvasOrientation | null): 'vertical' | 'horizontal' | 'none' {
  return canvas ?? 'none';
}

/** The form's select value back to the protocol's canvas. */
export function canvasFromValue(value: string): CanvasOrientation | null {
  return value === 'vertical' || value === 'horizontal' ? value : null;
}

/** What the form sends for a new or edited destination; the key only when the anchor typed one. */
export function destinationPayload(form: DestinationForm): {
  name: string;
  platform: PlatformId;
  server: string;
  canvas: CanvasOrientation | null;
  key?: string;
} {
  return {
    name: form.name.trim(),
    platform: form.platform,
    server: form.server.trim(),
    canvas: canvasFromValue(form.canvas),
    ...(form.key === '' ? {} : { key: form.key }),
  };
}

/** The add/edit form's fields. */
export interface DestinationForm {
  name: string;
  platform: PlatformId;
  server: string;
  /** Typed by the anchor; never filled from the hub (it never sends keys). */
  key: string;
  canvas: 'vertical' | 'horizontal' | 'none';
}
