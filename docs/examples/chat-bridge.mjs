#!/usr/bin/env node
/**
 * A minimal chat bridge for Anchor Studio: reads chat lines from stdin ("name: text", one per line), batches them
 * every 200 ms and POSTs them, signed, to the studio's chat endpoint. Replace stdin with your platform's feed.
 *
 *   ANCHOR_URL=http://127.0.0.1:8700 ANCHOR_INGEST_SECRET=... PLATFORM=douyin node docs/examples/chat-bridge.mjs
 *
 * Node 18+ (global fetch), no dependencies. The secret is in the studio under Chat -> Bridges (anchor only).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';

const url = `${process.env.ANCHOR_URL ?? 'http://127.0.0.1:8700'}/api/v1/chat`;
const secret = process.env.ANCHOR_INGEST_SECRET;
const platform = process.env.PLATFORM ?? 'custom';
if (!secret) throw new Error('Set ANCHOR_INGEST_SECRET (Chat -> Bridges in the studio).');

let pending = [];

async function send(messages) {
  const body = JSON.stringify({ messages });
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'sha256=' + createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Anchor-Timestamp': String(ts), 'X-Anchor-Signature': signature },
        body,
      });
      if (res.ok) return;
      // 4xx will not get better by retrying: print the studio's reason and drop the batch.
      if (res.status < 500) return console.error(`studio refused the batch (${res.status}):`, await res.text());
    } catch (err) {
      console.error(`post failed (attempt ${attempt}):`, err.message);
    }
    // Retrying is safe: the studio drops duplicates by (platform, id).
    await new Promise((r) => setTimeout(r, 500 * attempt));
  }
}

setInterval(() => {
  if (pending.length === 0) return;
  const batch = pending.splice(0, 1000); // at most 1000 messages per POST
  void send(batch);
}, 200);

for await (const line of createInterface({ input: process.stdin })) {
  const at = line.indexOf(':');
  if (at < 1) continue;
  const name = line.slice(0, at).trim();
  pending.push({
    id: randomUUID(), // use the platform's message id when it has one, so redeliveries dedupe
    platform,
    user: { id: name, name },
    text: line.slice(at + 1).trim(),
    ts: Date.now(),
    kind: 'comment',
  });
}
