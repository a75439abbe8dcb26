/**
 * Codes that come from outside the program — district data, an import file, a server's or a data
 * layer's error — may be ones the catalogue has no words for (a newer desk, an older server, a
 * typo in a file). `t()` takes only keys the catalogue has, so such a code is first looked up here:
 * its key when the catalogue words it, else null and the screen shows the code itself.
 */

/** The dotted paths of a catalogue's groups of messages: 'category', 'sync.errors', … */
export type GroupPath<Catalogue> = {
  [K in keyof Catalogue & string]: Catalogue[K] extends string
    ? never
    : K | `${K}.${GroupPath<Catalogue[K]>}`;
}[keyof Catalogue & string];

/** The group a dotted path names. */
type GroupAt<Catalogue, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? Head extends keyof Catalogue
    ? GroupAt<Catalogue[Head], Rest>
    : never
  : Path extends keyof Catalogue
    ? Catalogue[Path]
    : never;

/**
 * The keys of the messages (not of subgroups) directly in a group: `${Path}.${code}`; of each group
 * when `Path` is a union of them.
 */
export type KeyIn<Catalogue, Path extends string> = Path extends string
  ? {
      [K in keyof GroupAt<Catalogue, Path> & string]: GroupAt<Catalogue, Path>[K] extends string
        ? `${Path}.${K}`
        : never;
    }[keyof GroupAt<Catalogue, Path> & string]
  : never;

const isGroup = (node: unknown): node is Record<string, unknown> =>
  typeof node === 'object' && node !== null;

/** The key of `code` in the group `path` of `catalogue`; null when the group has no such words. */
export function keyIn<Catalogue extends object, Path extends GroupPath<Catalogue>>(
  catalogue: Catalogue,
  path: Path,
  code: string,
): KeyIn<Catalogue, Path> | null {
  const walk = (from: unknown, parts: string[]) => {
    let node = from;
    for (const part of parts)
      node = isGroup(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    return node;
  };
  const group = walk(catalogue, path.split('.'));
  // A code is worded either under its own name (`'idCard.checksum': …`) or, when it is dotted,
  // in subgroups of the group (`person: { view: … }` for `person.view`), as i18next reads keys.
  const worded =
    isGroup(group) &&
    ((Object.hasOwn(group, code) && typeof group[code] === 'string') ||
      typeof walk(group, code.split('.')) === 'string');
  // The cast is what the check above proves: the group has a message under this very code.
  return worded ? (`${path}.${code}` as KeyIn<Catalogue, Path>) : null;
}
