/** Picture formats the card draws (what Skia decodes everywhere the studio runs). */
export const PICTURE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'] as const;

/** Largest picture the studio downloads or reads for a card, bytes (a product photo, not a video). */
export const MAX_PICTURE_BYTES = 8 * 1024 * 1024;

/** Folder under the studio's data dir where a catalog's image file names are looked up. */
export const IMAGES_FOLDER = 'images';

/** Where a product's image reference points: an https address, a file in the images folder, or nothing usable. */
export type ImageSource = { kind: 'url'; url: string } | { kind: 'file'; name: string } | { kind: 'invalid'; reason: string };

/**
 * Reads a catalog image reference. Only https addresses (a shop's CDN) and plain file names inside the studio's images
 * folder: no other scheme, no path, so a catalog row cannot make the studio read any other file.
 */
export function imageSourceOf(ref: string): ImageSource {
  const text = ref.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[a-z]:\\/i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return invalid(`"${text.slice(0, 80)}" is not a web address. Use an https address or a file name in the images folder.`);
    }
    if (url.protocol !== 'https:') return invalid(`Pictures are fetched over https only; "${url.protocol}" addresses are not. Use an https address or put the file in the images folder.`);
    return { kind: 'url', url: url.href };
  }
  if (/[\\/]/.test(text) || text.startsWith('.') || text.includes('..')) {
    return invalid(`"${text.slice(0, 80)}" is a path. Put the picture in the studio's images folder and give its file name only.`);
  }
  const extension = /\.([a-z0-9]+)$/i.exec(text)?.[1]?.toLowerCase();
  if (!extension || !(PICTURE_EXTENSIONS as readonly string[]).includes(extension)) {
    return invalid(`"${text.slice(0, 80)}" is not a picture the card can show: use a .png, .jpg or .webp file.`);
  }
  return { kind: 'file', name: text };
}

function invalid(reason: string): ImageSource {
  return { kind: 'invalid', reason };
}
