// Draws the sample tea-set show's product pictures (resources/sample-pictures.json: file name -> base64 JPEG) with the
// same canvas library the overlay paints with. Run `npx tsx scripts/make-sample-pictures.ts` after changing a drawing;
// the output is committed, so the studio and its tests never draw them at run time.
import { writeFileSync } from 'node:fs';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

const SIZE = 320;

/** A warm studio backdrop: a soft light in the middle of a linen-coloured table. */
function backdrop(g: SKRSContext2D, light: string, dark: string): void {
  const bg = g.createRadialGradient(SIZE / 2, SIZE * 0.42, 20, SIZE / 2, SIZE / 2, SIZE * 0.75);
  bg.addColorStop(0, light);
  bg.addColorStop(1, dark);
  g.fillStyle = bg;
  g.fillRect(0, 0, SIZE, SIZE);
  g.fillStyle = 'rgba(60, 40, 20, 0.18)';
  g.beginPath();
  g.ellipse(SIZE / 2, SIZE * 0.8, SIZE * 0.36, SIZE * 0.06, 0, 0, Math.PI * 2);
  g.fill();
}

function teapot(g: SKRSContext2D): void {
  backdrop(g, '#f6ead7', '#c9ad8a');
  const clay = g.createLinearGradient(80, 120, 240, 260);
  clay.addColorStop(0, '#9a5b34');
  clay.addColorStop(1, '#4a2716');
  g.fillStyle = clay;
  // Spout and handle behind the body.
  g.beginPath();
  g.moveTo(95, 190);
  g.quadraticCurveTo(55, 170, 48, 128);
  g.lineTo(62, 124);
  g.quadraticCurveTo(75, 160, 110, 170);
  g.fill();
  g.lineWidth = 14;
  g.strokeStyle = '#5b311c';
  g.beginPath();
  g.arc(236, 196, 34, -Math.PI / 2, Math.PI / 2);
  g.stroke();
  g.beginPath();
  g.ellipse(160, 200, 78, 58, 0, 0, Math.PI * 2);
  g.fill();
  // Ash glaze where the kiln's flame touched it.
  g.fillStyle = 'rgba(214, 176, 96, 0.45)';
  g.beginPath();
  g.ellipse(135, 178, 40, 20, -0.4, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#3d2012';
  g.beginPath();
  g.ellipse(160, 146, 44, 12, 0, 0, Math.PI * 2);
  g.fill();
  g.beginPath();
  g.ellipse(160, 132, 9, 9, 0, 0, Math.PI * 2);
  g.fill();
}

function cups(g: SKRSContext2D): void {
  backdrop(g, '#eef1ec', '#a9b4a6');
  for (const [x, tilt] of [
    [108, -0.05],
    [214, 0.05],
  ] as const) {
    g.save();
    g.translate(x, 200);
    g.rotate(tilt);
    const glaze = g.createLinearGradient(-55, -50, 55, 45);
    glaze.addColorStop(0, '#2b2220');
    glaze.addColorStop(0.6, '#14100f');
    glaze.addColorStop(1, '#3b2a1e');
    g.fillStyle = glaze;
    g.beginPath();
    g.moveTo(-58, -40);
    g.quadraticCurveTo(-50, 40, -16, 46);
    g.lineTo(16, 46);
    g.quadraticCurveTo(50, 40, 58, -40);
    g.closePath();
    g.fill();
    // The "hare's fur" streaks of Jian ware, and the rim.
    g.strokeStyle = 'rgba(150, 110, 70, 0.55)';
    g.lineWidth = 2;
    for (let i = -40; i <= 40; i += 10) {
      g.beginPath();
      g.moveTo(i, -38);
      g.lineTo(i * 0.4, 30);
      g.stroke();
    }
    g.fillStyle = '#6b4a2e';
    g.beginPath();
    g.ellipse(0, -40, 58, 10, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#c8a15e';
    g.beginPath();
    g.ellipse(0, -39, 50, 7, 0, 0, Math.PI * 2);
    g.fill();
    g.restore();
  }
}

function tea(g: SKRSContext2D): void {
  backdrop(g, '#f3f5ea', '#b9c2a0');
  g.fillStyle = '#fbfbf7';
  g.beginPath();
  g.ellipse(160, 212, 120, 42, 0, 0, Math.PI * 2);
  g.fill();
  g.strokeStyle = '#d9d9cf';
  g.lineWidth = 3;
  g.stroke();
  // Flat Longjing leaves in a heap.
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 90; i += 1) {
    const a = random() * Math.PI * 2;
    const r = Math.sqrt(random());
    const x = 160 + Math.cos(a) * r * 90;
    const y = 200 + Math.sin(a) * r * 26 - (1 - r) * 40;
    g.save();
    g.translate(x, y);
    g.rotate(random() * Math.PI);
    g.fillStyle = ['#7f9a3c', '#95ad4b', '#6c8531', '#a6b85a'][i % 4]!;
    g.beginPath();
    g.ellipse(0, 0, 15, 4, 0, 0, Math.PI * 2);
    g.fill();
    g.restore();
  }
}

function tray(g: SKRSContext2D): void {
  backdrop(g, '#f5eddc', '#c2a982');
  g.save();
  g.translate(160, 190);
  g.transform(1, 0, -0.35, 0.55, 0, 0);
  g.fillStyle = '#c89a55';
  g.fillRect(-130, -110, 260, 220);
  g.fillStyle = '#a8783a';
  for (let x = -130; x < 130; x += 18) g.fillRect(x, -110, 4, 220);
  g.strokeStyle = '#7a5427';
  g.lineWidth = 10;
  g.strokeRect(-130, -110, 260, 220);
  g.restore();
  g.fillStyle = '#8a6231';
  g.fillRect(60, 250, 200, 14);
}

const pictures: Record<string, string> = {};
for (const [name, draw] of [
  ['sample-pot.jpg', teapot],
  ['sample-cup.jpg', cups],
  ['sample-tea.jpg', tea],
  ['sample-tray.jpg', tray],
] as const) {
  const canvas = createCanvas(SIZE, SIZE);
  draw(canvas.getContext('2d'));
  pictures[name] = canvas.toBuffer('image/jpeg', 85).toString('base64');
}
writeFileSync('resources/sample-pictures.json', `${JSON.stringify(pictures, null, 1)}\n`);
console.log(`resources/sample-pictures.json: ${Object.keys(pictures).join(', ')} (${Object.values(pictures).reduce((n, b) => n + b.length, 0)} base64 chars)`);
