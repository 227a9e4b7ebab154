import { useMemo } from 'react';
import type { RoomSummary } from '../../shared/console-protocol';
import { useConsole, useNow, useT } from './console-context';
import { RoomCard } from './room-card';
import { filterRooms, sortRooms } from './wall-view';

/** The rooms the filter lets through, in the wall's order (live first, then GMV). */
export function useVisibleRooms(): RoomSummary[] {
  const rooms = useConsole((s) => s.rooms);
  const filter = useConsole((s) => s.filter);
  return useMemo(() => sortRooms(filterRooms(rooms, filter)), [rooms, filter]);
}

/** The wall of rooms: a filter box and one card per room, the grid as wide as the screen allows. */
export function RoomWall(props: { onOpen: (roomId: string) => void }) {
  const t = useT();
  const now = useNow();
  const filter = useConsole((s) => s.filter);
  const setFilter = useConsole((s) => s.setFilter);
  const total = useConsole((s) => s.rooms.length);
  const isAdmin = useConsole((s) => s.me?.role === 'admin');
  const rooms = useVisibleRooms();
  return (
    <section className="wall" aria-label={t('nav.rooms')}>
      <div className="wall-tools">
        <input
          type="search"
          className="wall-filter"
          value={filter}
          placeholder={t('wall.filter')}
          aria-label={t('wall.filter')}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="wall-filter"
        />
      </div>
      {total === 0 ? (
        <p className="empty" data-testid="wall-empty">
          {isAdmin ? t('wall.emptyAdmin') : t('wall.empty')}
        </p>
      ) : rooms.length === 0 ? (
        <p className="empty">{t('wall.noMatch', { text: filter.trim() })}</p>
      ) : (
        <ul className="wall-grid" data-testid="wall">
          {rooms.map((room) => (
            <li key={room.id}>
              <RoomCard room={room} now={now} onOpen={props.onOpen} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
