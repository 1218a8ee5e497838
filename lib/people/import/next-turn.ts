/**
 * Lets everything waiting on the event loop run (I/O first: a check-in that has
 * arrived) before a long piece of work goes on. Server only.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
