/**
 * Items grouped by a key, each group in the order the items came. An item whose key is
 * `undefined` is left out. Each item is appended to its group, never by copying the group again,
 * so thousands of rows of one key (a report's visits of a centre) stay linear.
 */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K | undefined): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
