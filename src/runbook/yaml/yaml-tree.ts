// A YAML document as a tree of nodes that remember where they were written, so every problem found
// later (by the schema or by the checks) can be reported at the line and column of the offending node.

/** 1-based line and column of a node, and its offset into the text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

interface NodeBase {
  readonly at: TextPosition;
}

export interface YamlScalar extends NodeBase {
  readonly kind: 'scalar';
  /** The value under the YAML 1.2 core schema: string, number, boolean or null. */
  readonly value: string | number | boolean | null;
  /** The scalar's text as written (decoded), e.g. `2 * cluster.heartbeatTimeout`. */
  readonly text: string;
  /**
   * Where the scalar's characters start, when offsets inside it map one-to-one onto columns
   * (a plain or quoted scalar on one line); lets a message point into an expression.
   */
  readonly contentAt: TextPosition | undefined;
}

export interface YamlEntry {
  readonly key: string;
  readonly keyAt: TextPosition;
  readonly value: YamlNode;
}

export interface YamlMapping extends NodeBase {
  readonly kind: 'mapping';
  readonly entries: readonly YamlEntry[];
}

export interface YamlSequence extends NodeBase {
  readonly kind: 'sequence';
  readonly items: readonly YamlNode[];
}

export type YamlNode = YamlScalar | YamlMapping | YamlSequence;

/** A path into a document as zod reports it: mapping keys and sequence indexes. */
export type YamlPath = readonly PropertyKey[];
