import { execFileSync } from 'node:child_process';

/** Decoded RGB pixels of an image. */
export interface Pixels {
  width: number;
  height: number;
  /** rgb24, row by row. */
  data: Buffer;
}

/** Decodes an OBS screenshot (base64 data URL or raw base64 PNG) to RGB pixels with ffmpeg (no image library needed). */
export function decodeScreenshot(imageData: string, width: number, height: number): Pixels {
  const png = Buffer.from(imageData.replace(/^data:image\/\w+;base64,/, ''), 'base64');
  const data = execFileSync('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${width}x${height}`, 'pipe:1'], {
    input: png,
    maxBuffer: width * height * 3 + 1024,
  });
  return { width, height, data };
}

/** The bounding box of pixels that differ by more than `threshold` in any channel, and how many there are. */
export function diffBox(a: Pixels, b: Pixels, threshold = 24): { count: number; x0: number; y0: number; x1: number; y1: number } {
  let count = 0;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 3;
      const d = Math.max(Math.abs(a.data[i]! - b.data[i]!), Math.abs(a.data[i + 1]! - b.data[i + 1]!), Math.abs(a.data[i + 2]! - b.data[i + 2]!));
      if (d <= threshold) continue;
      count++;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  }
  return { count, x0, y0, x1, y1 };
}
