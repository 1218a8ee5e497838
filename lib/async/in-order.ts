/**
 * Array helpers for async callbacks, one item after another: a database write per item keeps the
 * items' order (the ids they get), and inside a transaction the statements do not interleave.
 * Array.prototype.filter/every with an async callback would test a Promise (always truthy).
 */
export async function mapInOrder<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i++) results.push(await fn(items[i], i));
  return results;
}

export async function flatMapInOrder<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R[]>): Promise<R[]> {
  return (await mapInOrder(items, fn)).flat();
}

export async function filterInOrder<T>(items: readonly T[], fn: (item: T, index: number) => Promise<boolean>): Promise<T[]> {
  const kept: T[] = [];
  for (let i = 0; i < items.length; i++) if (await fn(items[i], i)) kept.push(items[i]);
  return kept;
}

export async function everyInOrder<T>(items: readonly T[], fn: (item: T, index: number) => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < items.length; i++) if (!(await fn(items[i], i))) return false;
  return true;
}

export async function forEachInOrder<T>(items: readonly T[], fn: (item: T, index: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i++) await fn(items[i], i);
}
