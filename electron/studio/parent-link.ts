import { fromChildSchema, toChildSchema, type FromChild, type ToChild } from './process-messages';

/** A child process's line to the studio that started it, whichever way it was started. */
export interface ParentLink {
  /** Sends a message to the studio. */
  post(message: FromChild): void;
  /** Hears the studio's messages; malformed ones are dropped with a warning from `onInvalid`. */
  onMessage(listener: (message: ToChild) => void): void;
  /** Hears that the studio is gone (its process ended): a Node child only; Electron ends utility processes itself. */
  onParentGone(listener: () => void): void;
}

/** The part of Electron's `process.parentPort` used here (utility processes only; absent in plain Node). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/**
 * Connects to the studio: Electron's `process.parentPort` in a utility process, Node's IPC channel in a forked child.
 * Throws when the process was started neither way (it cannot be told what to do).
 */
export function connectParent(onInvalid: (reason: string) => void): ParentLink {
  const port = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  const parse = (raw: unknown, listener: (message: ToChild) => void) => {
    const parsed = toChildSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    else onInvalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; '));
  };
  if (port) {
    return {
      post: (message) => port.postMessage(fromChildSchema.parse(message)),
      onMessage: (listener) => void port.on('message', (event) => parse(event.data, listener)),
      onParentGone: () => undefined,
    };
  }
  if (typeof process.send === 'function') {
    return {
      post(message) {
        // The channel may already be closed when the studio died first; nobody is left to tell.
        if (process.connected) process.send!(fromChildSchema.parse(message));
      },
      onMessage: (listener) => void process.on('message', (raw) => parse(raw, listener)),
      onParentGone: (listener) => void process.once('disconnect', listener),
    };
  }
  throw new Error('This is a studio child process: start the studio (npm start), not this file.');
}
