import { createCanvas, loadImage } from '@napi-rs/canvas';

/**
 * How far apart two pictures are: the mean absolute difference per colour channel (0 = identical, 255 = opposite),
 * both scaled to the same small size first, so frames of different widths and JPEG noise compare fairly.
 */
export async function pictureDistance(a: string | Buffer, b: string | Buffer, size = { width: 64, height: 36 }): Promise<number> {
  const [pa, pb] = await Promise.all([pixels(a, size), pixels(b, size)]);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < pa.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(pa[i + c]! - pb[i + c]!);
    count += 3;
  }
  return sum / count;
}

async function pixels(source: string | Buffer, size: { width: number; height: number }): Promise<Uint8ClampedArray> {
  const image = await loadImage(typeof source === 'string' ? Buffer.from(source.slice(source.indexOf(',') + 1), 'base64') : source);
  const canvas = createCanvas(size.width, size.height);
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0, size.width, size.height);
  return g.getImageData(0, 0, size.width, size.height).data;
}
