import { createStore, type StoreApi } from 'zustand/vanilla';
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware';
import type { AlertItem, ConsoleSnapshot, RoomSummary } from '../../shared/console-protocol';
import { defaultLanguage, isLanguage, type Language } from './i18n';

/** Most alerts the feed keeps (the node sends the latest 50 on connect; updates add to them). */
export const MAX_FEED_ALERTS = 200;

/** Where the console's link to the node stands. */
export type ConnectionPhase = 'signed-out' | 'connecting' | 'online' | 'reconnecting' | 'refused';

/** The link's phase and, when refused, the node's sentence saying why. */
export interface ConnectionState {
  phase: ConnectionPhase;
  message: string | null;
}

/** What happened to the link (see `reduceConnection`). */
export type ConnectionEvent =
  | { type: 'connecting' }
  | { type: 'online' }
  | { type: 'dropped' }
  | { type: 'refused'; message: string }
  | { type: 'signed-out' };

/** What the node told this console: who is signed in, the rooms they may see, the alerts feed. */
export interface ConsoleData {
  me: ConsoleSnapshot['me'] | null;
  agencyName: string;
  rooms: RoomSummary[];
  /** Newest first (raisedAt, then id). */
  alerts: AlertItem[];
}

/** Nothing known yet (before the first snapshot, after signing out). */
export const EMPTY_DATA: ConsoleData = { me: null, agencyName: '', rooms: [], alerts: [] };

/** Newest alert first; the id breaks ties, as the node orders them. */
function newestFirst(a: AlertItem, b: AlertItem): number {
  return b.raisedAt - a.raisedAt || b.id - a.id;
}

/** The data after a snapshot: the node's word replaces everything (it is whole, and sent on every reconnect). */
export function applySnapshot(snapshot: ConsoleSnapshot): ConsoleData {
  return {
    me: snapshot.me,
    agencyName: snapshot.agencyName,
    rooms: [...snapshot.rooms],
    alerts: [...snapshot.alerts].sort(newestFirst).slice(0, MAX_FEED_ALERTS),
  };
}

/** The rooms after a `room.update`: the room replaces its older self, or joins the list (a room just added). */
export function applyRoomUpdate(rooms: readonly RoomSummary[], room: RoomSummary): RoomSummary[] {
  const at = rooms.findIndex((r) => r.id === room.id);
  if (at === -1) return [...rooms, room];
  const next = [...rooms];
  next[at] = room;
  return next;
}

/**
 * The feed after an `alert.update`: a known id is replaced (an update with `clearedAt` clears it), a new one takes
 * its place by time; the feed stays newest first and bounded.
 */
export function applyAlertUpdate(alerts: readonly AlertItem[], alert: AlertItem): AlertItem[] {
  const others = alerts.filter((a) => a.id !== alert.id);
  return [...others, alert].sort(newestFirst).slice(0, MAX_FEED_ALERTS);
}

/** The link's state after an event; a refusal keeps the node's sentence until the next attempt. */
export function reduceConnection(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connecting':
      return { phase: 'connecting', message: null };
    case 'online':
      return { phase: 'online', message: null };
    case 'dropped':
      // Dropping before ever being online is still "connecting" to the person waiting at the sign-in.
      return state.phase === 'online' || state.phase === 'reconnecting' ? { phase: 'reconnecting', message: null } : state;
    case 'refused':
      return { phase: 'refused', message: event.message };
    case 'signed-out':
      return { phase: 'signed-out', message: null };
  }
}

/** Everything the console page holds. */
export interface ConsoleState extends ConsoleData {
  connection: ConnectionState;
  language: Language;
  /** The wall's filter text (room name, brand or anchor). */
  filter: string;
  setLanguage(language: Language): void;
  setFilter(filter: string): void;
  onConnection(event: ConnectionEvent): void;
  onSnapshot(snapshot: ConsoleSnapshot): void;
  onRoomUpdate(room: RoomSummary): void;
  onAlertUpdate(alert: AlertItem): void;
}

/** The console's store. */
export type ConsoleStore = StoreApi<ConsoleState>;

const SETTINGS_KEY = 'anchor-agency.console.settings';

/** Creates the page's store (one per page; one per test). `storage` defaults to localStorage (the language only). */
export function createConsoleStore(options: { storage?: StateStorage; browserLanguages?: readonly string[] } = {}): ConsoleStore {
  const startLanguage = defaultLanguage(options.browserLanguages ?? (typeof navigator === 'undefined' ? [] : navigator.languages));
  return createStore<ConsoleState>()(
    persist(
      (set) => ({
        ...EMPTY_DATA,
        connection: { phase: 'signed-out', message: null },
        language: startLanguage,
        filter: '',
        setLanguage: (language) => set({ language }),
        setFilter: (filter) => set({ filter }),
        onConnection: (event) =>
          set((s) => ({
            connection: reduceConnection(s.connection, event),
            // Whoever signs in next must not glimpse the rooms of the one before.
            ...(event.type === 'signed-out' || event.type === 'refused' ? EMPTY_DATA : {}),
          })),
        onSnapshot: (snapshot) => set({ ...applySnapshot(snapshot), connection: { phase: 'online', message: null } }),
        onRoomUpdate: (room) => set((s) => ({ rooms: applyRoomUpdate(s.rooms, room) })),
        onAlertUpdate: (alert) => set((s) => ({ alerts: applyAlertUpdate(s.alerts, alert) })),
      }),
      {
        name: SETTINGS_KEY,
        storage: createJSONStorage(() => options.storage ?? localStorage),
        partialize: (s) => ({ language: s.language }),
        merge: (saved, current) => {
          const { language } = (saved ?? {}) as { language?: unknown };
          return { ...current, ...(isLanguage(language) ? { language } : {}) };
        },
      },
    ),
  );
}
