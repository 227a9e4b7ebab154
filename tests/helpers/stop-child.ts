/**
 * Stops a child the tests started (nginx, Xvfb, ffmpeg) the way the engine stops its own: `signal`, then SIGKILL after
 * `graceMs`. nginx: SIGTERM is its fast shutdown (SIGQUIT would wait for live RTMP sessions to end). ffmpeg: SIGINT ends
 * the FLV cleanly.
 */
export { stopProcess as stopChild } from '../../electron/core/engine/stop-process';
