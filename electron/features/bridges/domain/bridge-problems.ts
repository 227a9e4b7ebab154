/**
 * What went wrong with a bridge (and why adding one was refused), as a code the windows say in their language (bridges/messages.ts) and the same in
 * English for the API and the log. One table, so every problem a bridge can report has both.
 */

/** Values a problem's sentence names (an address, an error from the network, an HTTP status). */
export type BridgeProblemParams = Record<string, string | number>;

const ENGLISH = {
  ssnNotJson: () => 'A post was not JSON: check the link is pasted into the "POST to URL" setting of Social Stream Ninja.',
  twitchUnreachable: (p: BridgeProblemParams) => `Cannot reach Twitch chat (${p.reason}). Retrying.`,
  twitchClosed: () => 'The connection to Twitch chat closed. Retrying.',
  twitchLoginRefused: (p: BridgeProblemParams) => `Twitch refused the login: ${p.detail}`,
  obaUnreachable: (p: BridgeProblemParams) =>
    `Cannot reach oba-live-tool at ${p.where} (${p.reason}): start its comment listener with the WebSocket service on (自动回复 > WebSocket). Retrying.`,
  obaClosed: () => 'oba-live-tool closed the connection (its listener stopped or the app quit). Retrying.',
  obaInvalid: (p: BridgeProblemParams) => `oba-live-tool sent ${p.what}; it was left out. Check that the address is oba-live-tool's WebSocket service.`,
  youtubeUnreachable: (p: BridgeProblemParams) => `Cannot reach YouTube (${p.reason}). Retrying.`,
  youtubeNotLive: () => 'This video is not live now, so it has no live chat. Checking again every minute.',
  youtubeNoChat: () => 'This video has no live chat now (not live yet, or not found). Checking again every minute.',
  youtubeEnded: () => 'The live chat of this video has ended. Add the bridge again for the next stream.',
  youtubeChatOff: () => 'Live chat is turned off for this video on YouTube.',
  youtubeQuota: () => "The API key's daily YouTube quota is used up: chat comes back when it resets (midnight Pacific time), or add the bridge again with another key.",
  youtubeKeyRejected: () => 'YouTube does not accept this API key: check it in Google Cloud Console (YouTube Data API v3 enabled) and add the bridge again.',
  youtubeKeyUnreadable: () => 'The API key cannot be read on this computer (another computer or keychain): remove the bridge and add it again.',
  youtubeKeyForbidden: () => 'YouTube refuses this key for live chat (is the YouTube Data API v3 enabled for it, and the chat public?).',
  youtubeSlowDown: () => 'YouTube asks to slow down. Retrying.',
  youtubeHttp: (p: BridgeProblemParams) => `YouTube answered ${p.status}${p.detail}. Retrying.`,
} satisfies Record<string, (p: BridgeProblemParams) => string>;

/** Every problem a bridge can report. */
export type BridgeProblemCode = keyof typeof ENGLISH;

/** Every code, for the test that each has its sentence in both languages. */
export const BRIDGE_PROBLEM_CODES = Object.keys(ENGLISH) as BridgeProblemCode[];

/** A bridge's last problem: the code and values the windows translate, and the English sentence. */
export interface BridgeProblem {
  code: BridgeProblemCode;
  params: BridgeProblemParams;
  message: string;
}

/** Builds a problem with its English sentence. */
export function bridgeProblem(code: BridgeProblemCode, params: BridgeProblemParams = {}): BridgeProblem {
  return { code, params, message: ENGLISH[code](params) };
}

/** Why adding a bridge was refused, as a key each window says in its language (`refusal.<key>`). */
export type BridgeRefusalKey = 'bridgeLimit' | 'notTwitchChannel' | 'notYouTubeVideo' | 'youtubeKeyNeeded' | 'obaNotAddress' | 'obaNotWs' | 'obaNoPort' | 'obaNotLocal';
