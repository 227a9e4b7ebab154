import type { OutputProblem } from './output';

/** What an explainer must never repeat: the stream key and anything that carries it. */
export interface ErrorContext {
  /** The destination's host, to name it in the sentence. */
  host: string;
  port: number;
  /** Secrets to scrub from any fallback text (stream key, full push URL). */
  secrets: string[];
  /** The local relay's URL (an error that names it is the relay's, not the destination's). */
  relayUrl?: string;
}

const RULES: Array<{ test: RegExp; code: OutputProblem['code']; say: (c: ErrorContext) => string }> = [
  {
    test: /Connection refused|ECONNREFUSED/i,
    code: 'refused',
    say: (c) => `${c.host}:${c.port} refused the connection: the server is down or nothing listens on that port.`,
  },
  {
    test: /Failed to resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution|getaddrinfo/i,
    code: 'dns',
    say: (c) => `The host name ${c.host} was not found. Check the server URL and the internet connection.`,
  },
  {
    test: /timed out|Operation timed out|ETIMEDOUT/i,
    code: 'timeout',
    say: (c) => `${c.host}:${c.port} did not answer in time (network trouble or a firewall).`,
  },
  {
    test: /BadName|publish.*(denied|rejected)|Unauthorized|403 Forbidden|NetStream\.Publish\.(BadName|Denied)|Server error: .*(key|auth)/i,
    code: 'rejected',
    say: (c) => `${c.host} refused the stream key. Copy a fresh key from the platform and update the destination.`,
  },
  {
    test: /TLS|SSL|certificate|gnutls|handshake/i,
    code: 'tls',
    say: (c) => `The secure (rtmps) connection to ${c.host} failed. Check the server URL (rtmps:// and port 443).`,
  },
  {
    test: /Connection reset by peer|Broken pipe|End of file|ECONNRESET|EPIPE|Input\/output error/i,
    code: 'closed',
    say: (c) => `${c.host} closed the connection (the server went away, or it does not accept this stream key).`,
  },
];

/**
 * Turns ffmpeg's stderr tail into one plain sentence. Only the last error lines matter; the key and the push URL are
 * scrubbed from anything that is quoted.
 */
export function explainFfmpegFailure(stderr: string, context: ErrorContext): OutputProblem {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(Exiting normally|Immediate exit requested|Press \[q\])/.test(l));
  const recent = lines.slice(-8);
  // ffmpeg prefixes a failed open with its URL: a line naming the relay input is about OBS's picture reaching the
  // relay, not about this destination.
  if (context.relayUrl && recent.some((l) => l.includes(context.relayUrl!))) {
    return { code: 'relay', message: 'The local relay is not passing the picture on (OBS is not streaming to it). The studio retries by itself.' };
  }
  const text = recent.join('\n');
  for (const rule of RULES) if (rule.test.test(text)) return { code: rule.code, message: rule.say(context) };
  const last = scrub(recent[recent.length - 1] ?? 'ffmpeg stopped without saying why.', context.secrets);
  return { code: 'unknown', message: `Sending to ${context.host} stopped: ${last.slice(0, 200)}` };
}

/** OBS's output codes (obs-output.h) as they appear in its log: `Connection to <server> failed: -N`. */
const OBS_CODES: Record<string, { code: OutputProblem['code']; say: (host: string) => string }> = {
  '-1': { code: 'rejected', say: (h) => `${h} does not accept this server path. Check the server URL.` },
  '-2': { code: 'refused', say: (h) => `OBS could not connect to ${h}: the server is down, unreachable or the port is wrong.` },
  '-3': { code: 'rejected', say: (h) => `${h} refused the stream key. Copy a fresh key from the platform and update the destination.` },
  '-4': { code: 'unknown', say: (h) => `OBS hit an error while streaming to ${h}.` },
  '-5': { code: 'closed', say: (h) => `The connection to ${h} dropped.` },
  '-7': { code: 'unknown', say: () => 'The disk is full.' },
};

/** Explains why OBS's own stream output failed, from the tail of OBS's log (events never carry the reason). */
export function explainObsStreamFailure(logTail: string, host: string): OutputProblem {
  const matches = [...logTail.matchAll(/(?:Connection to .*? failed|disconnected from .*?): ?(-\d+)/gi)];
  const last = matches[matches.length - 1]?.[1];
  const known = last ? OBS_CODES[last] : undefined;
  if (known) return { code: known.code, message: known.say(host) };
  if (/Could not access the specified channel or stream key|invalid stream key/i.test(logTail)) return { code: 'rejected', message: OBS_CODES['-3']!.say(host) };
  return { code: 'obs', message: `OBS could not stream to ${host}. Check that the destination is reachable and the key is current.` };
}

function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[key]');
  return out;
}
