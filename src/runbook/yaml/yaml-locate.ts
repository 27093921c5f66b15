// From the positioned tree to what the schema checks (plain values) and back (a path to a position).
import type { TextPosition, YamlMapping, YamlNode, YamlPath } from './yaml-tree.js';

/** The plain JavaScript value of a node (objects, arrays, scalars), as the zod schemas expect. */
export function toPlain(node: YamlNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'sequence':
      return node.items.map(toPlain);
    case 'mapping': {
      const object: Record<string, unknown> = {};
      // defineProperty: a key named `__proto__` stays an ordinary (unknown) field.
      for (const entry of node.entries) {
        Object.defineProperty(object, entry.key, { value: toPlain(entry.value), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

/** The node at `path`, and how far along the path it got (a missing field stops at its mapping). */
export function nodeAt(root: YamlNode, path: YamlPath): { readonly node: YamlNode; readonly complete: boolean } {
  let node = root;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}

function child(node: YamlNode, segment: PropertyKey): YamlNode | undefined {
  if (node.kind === 'sequence' && typeof segment === 'number') return node.items[segment];
  if (node.kind === 'mapping') return node.entries.find((e) => e.key === String(segment))?.value;
  return undefined;
}

/** The position of the value at `path`, or of the nearest enclosing node that exists. */
export function positionAt(root: YamlNode, path: YamlPath): TextPosition {
  return nodeAt(root, path).node.at;
}

/** The position of a key inside the mapping at `path` (where an unknown field is written). */
export function keyPositionAt(root: YamlNode, path: YamlPath, key: string): TextPosition {
  const { node, complete } = nodeAt(root, path);
  if (!complete || node.kind !== 'mapping') return node.at;
  return findEntry(node, key)?.keyAt ?? node.at;
}

/** The position of the key whose value is at `path` (`within:` rather than its value), or the value's. */
export function fieldPositionAt(root: YamlNode, path: YamlPath): TextPosition {
  const last = path.at(-1);
  if (typeof last !== 'string') return positionAt(root, path);
  const parent = nodeAt(root, path.slice(0, -1));
  if (!parent.complete || parent.node.kind !== 'mapping') return parent.node.at;
  return findEntry(parent.node, last)?.keyAt ?? parent.node.at;
}

const findEntry = (mapping: YamlMapping, key: string) => mapping.entries.find((e) => e.key === key);
