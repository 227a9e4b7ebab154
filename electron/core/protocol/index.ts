/** The studio protocol: commands, events, results and their runtime validation. */
export * from './commands';
export * from './events';
export * from './results';
export * from './validate';
