/** Closes gracefully on SIGINT/SIGTERM; a second signal forces the exit. */
export function installShutdownSignals(close: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        process.stderr.write(`Shutdown after ${signal} failed: ${(err as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
