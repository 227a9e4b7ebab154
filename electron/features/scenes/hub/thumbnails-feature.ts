import { THUMBNAILS_EVENT, type ThumbnailsEvent } from '../protocol/thumbnail-events';
import type { HubFeatureFactory } from '../../../core/hub/hub-feature';

/** Fans the engine's scene thumbnails out to clients as a volatile event: dropped for a busy client, never stored. */
export const thumbnailsFeature: HubFeatureFactory = ({ store, broadcast }) => ({
  name: 'thumbnails',
  commands: {
    'thumbnails.publish': (payload) => {
      const images: ThumbnailsEvent['images'] = {};
      for (const { scene, image } of payload.images) images[scene] = image;
      const event: ThumbnailsEvent = { at: payload.at, images };
      broadcast(THUMBNAILS_EVENT, event, undefined, { volatile: true });
      return { ok: true, version: store.current.version };
    },
  },
});
