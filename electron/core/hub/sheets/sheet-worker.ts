/**
 * The sheet worker's entry (bundled alone as dist/main/sheet-worker.cjs): receives one workbook, answers its rows or
 * why it could not be read, and is then ended by the hub. Its heap is capped by the hub (sheet-worker-client.ts).
 */
import { parentPort } from 'node:worker_threads';
import { parseXlsxRows } from './xlsx-parse';

parentPort?.once('message', (body: Uint8Array) => {
  void parseXlsxRows(Buffer.from(body.buffer, body.byteOffset, body.byteLength)).then((result) => parentPort!.postMessage(result));
});
