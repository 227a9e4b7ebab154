import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm ci` on a clean clone refuses a lock file that lacks an entry for any declared dependency, optional platform
 * binaries included. `npm install` here can still write such a lock when the registry lacks some platform builds of a
 * version (it happened with @napi-rs/canvas 1.1.1), so CI broke while every local run passed. This catches it locally.
 */
type LockEntry = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

const lock = JSON.parse(readFileSync(join(__dirname, '../../package-lock.json'), "utf8")) as {
  packages: Record<string, LockEntry>;
};

/** Node's resolution: look in the package's own node_modules, then each parent's, up to the root. */
function resolves(fromPath: string, name: string): boolean {
  let base = fromPath;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

describe("package-lock.json", () => {
  it("has an entry for every dependency and optional dependency it declares, so npm ci works on a clean clone", () => {
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        if (!resolves(path, name)) missing.push(`${path || "(root)"} -> ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
