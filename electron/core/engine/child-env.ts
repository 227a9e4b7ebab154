/**
 * The environment a program the studio starts but does not own (OBS, Xvfb, ffmpeg, nginx) gets: the user's, without
 * the studio's own settings and anything named like a secret (a shop's app secret or the admin token set for the hub
 * would otherwise be readable in /proc/<pid>/environ of every helper, and in their crash reports).
 */
export function childEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (!isPrivateVariable(name)) out[name] = value;
  return { ...out, ...extra };
}

/** True for a variable a helper program must not inherit: the studio's `ANCHOR_*`, and secret-looking names. */
export function isPrivateVariable(name: string): boolean {
  return /^ANCHOR_/i.test(name) || /(SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)/i.test(name);
}
