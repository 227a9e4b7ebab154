/** Reads pixels of an uncompressed 24/32-bit BMP (what OBS's GetSourceScreenshot returns for imageFormat "bmp"). */
export interface Bmp {
  width: number;
  height: number;
  /** Colour at (x, y), top-left origin, as [r, g, b]. */
  pixel(x: number, y: number): [number, number, number];
}

/** Decodes a `data:image/bmp;base64,...` URI; throws on anything but an uncompressed 24/32-bit BMP. */
export function decodeBmpDataUri(dataUri: string): Bmp {
  const base64 = dataUri.slice(dataUri.indexOf(',') + 1);
  const buf = Buffer.from(base64, 'base64');
  if (buf.toString('latin1', 0, 2) !== 'BM') throw new Error('not a BMP');
  const offset = buf.readUInt32LE(10);
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  // BI_RGB (0) or BI_BITFIELDS (3) with the usual BGRA masks, which Qt writes for 32-bit images.
  if ((bpp !== 24 && bpp !== 32) || (compression !== 0 && compression !== 3)) throw new Error(`unsupported BMP: ${bpp} bpp, compression ${compression}`);
  const height = Math.abs(rawHeight);
  const bytesPerPixel = bpp / 8;
  const stride = Math.ceil((width * bytesPerPixel) / 4) * 4;
  return {
    width,
    height,
    pixel(x, y) {
      const row = rawHeight > 0 ? height - 1 - y : y; // positive height: bottom-up rows
      const at = offset + row * stride + x * bytesPerPixel;
      return [buf[at + 2]!, buf[at + 1]!, buf[at]!];
    },
  };
}

/** #rrggbb -> [r, g, b]. */
export function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** True when two colours differ by at most `tolerance` per channel (scaling and colour conversion blur a little). */
export function isNearColour(a: [number, number, number], b: [number, number, number], tolerance = 12): boolean {
  return a.every((v, i) => Math.abs(v - b[i]!) <= tolerance);
}
