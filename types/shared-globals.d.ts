// The few globals the domain and protocol tiers may use: every runtime of the studio has them the same way (Node 20,
// Electron, the browser page). Everything else Node or the DOM offers stays out of those tiers (tsconfig.shared.json).
export {};

declare global {
  /** WHATWG URL, as both Node and browsers implement it. */
  var URL: typeof import('node:url').URL;
  type URL = import('node:url').URL;
  /** The structured clone algorithm, as both Node and browsers implement it. */
  function structuredClone<T>(value: T): T;
}
