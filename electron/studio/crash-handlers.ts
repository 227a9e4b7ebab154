/** The logging a crash report needs (the hub's Logger fits). */
interface CrashLog {
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Exit code of a process that ended on an unexpected error (BSD's EX_SOFTWARE), so its supervisor restarts it. */
export const CRASH_EXIT_CODE = 70;

/**
 * Makes an unexpected error end the process loudly: it is logged with the process's role and the error's stack, then
 * the process exits with {@link CRASH_EXIT_CODE} for its supervisor to restart. Node would otherwise print a bare stack
 * (uncaught exception) and a studio child could die without a line in the studio's log.
 */
export function installCrashHandlers(log: CrashLog, processName: string): void {
  const crash = (kind: string) => (err: unknown) => {
    const error = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
    try {
      log.error(`${processName} process crashed (${kind}); its supervisor restarts it`, { process: processName, err: error });
    } finally {
      process.exit(CRASH_EXIT_CODE);
    }
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled promise rejection'));
}
