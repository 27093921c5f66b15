// Where each value of a YAML document sits in its source, so a schema problem found on the loaded data
// can be reported as `file:line:column`. Built from js-yaml's event stream (source offsets).
// NOTE for the lead: written for drills.yaml before src/runbook/ had a loader; unify with it later.
import { EVENT_ID, YAMLException, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { Diagnostic, SourcePosition } from '../errors/drill-error.js';

/** Position of one node of the document and of its children (by mapping key or sequence index). */
interface PositionNode {
  readonly offset: number;
  /** Offset of the key naming this node in its parent mapping, when it has one. */
  readonly keyOffset?: number;
  readonly children: Map<string | number, PositionNode>;
}

/** A parsed YAML document with the positions of its values. */
export interface PositionedDocument {
  readonly file: string;
  readonly data: unknown;
  /** Position of the value at `path`, or of its nearest existing ancestor. */
  at(path: readonly PropertyKey[]): SourcePosition;
  /** Position of the key at the end of `path` (its value's position when it has no key). */
  keyAt(path: readonly PropertyKey[]): SourcePosition;
}

/** The result of parsing: a document, or the syntax problem as a diagnostic. */
export type ParsedYaml = { readonly ok: true; readonly doc: PositionedDocument } | { readonly ok: false; readonly diagnostic: Diagnostic };

/** Parses one YAML document and records where each of its values starts. */
export function parseYamlWithPositions(source: string, file: string): ParsedYaml {
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(source, { filename: file });
    const docs = constructFromEvents(events, { source, filename: file });
    if (docs.length > 1) {
      return { ok: false, diagnostic: { file, line: 1, column: 1, code: 'yaml-syntax', message: 'expected one YAML document, found several' } };
    }
    data = docs[0];
  } catch (error) {
    return { ok: false, diagnostic: syntaxDiagnostic(error, file) };
  }
  if (data === undefined || data === null) {
    return { ok: false, diagnostic: { file, line: 1, column: 1, code: 'empty-file', message: 'the file is empty' } };
  }
  const root = buildTree(events, source);
  const lines = lineStarts(source);
  const toPosition = (offset: number): SourcePosition => positionOf(lines, offset, file);
  return {
    ok: true,
    doc: {
      file,
      data,
      at: (path) => toPosition(descend(root, path).node.offset),
      keyAt: (path) => {
        const found = descend(root, path);
        return toPosition(found.complete ? (found.node.keyOffset ?? found.node.offset) : found.node.offset);
      },
    },
  };
}

/** Turns a js-yaml exception (0-based mark) into a positioned diagnostic. */
function syntaxDiagnostic(error: unknown, file: string): Diagnostic {
  if (error instanceof YAMLException) {
    const line = (error.mark?.line ?? 0) + 1;
    const column = (error.mark?.column ?? 0) + 1;
    const duplicate = error.reason.includes('duplicated mapping key');
    return { file, line, column, code: duplicate ? 'duplicate-key' : 'yaml-syntax', message: error.reason };
  }
  return { file, line: 1, column: 1, code: 'yaml-syntax', message: error instanceof Error ? error.message : String(error) };
}

/** Follows `path` as far as the document goes; `complete` says whether all of it exists. */
function descend(root: PositionNode, path: readonly PropertyKey[]): { node: PositionNode; complete: boolean } {
  let node = root;
  for (const key of path) {
    const child = node.children.get(typeof key === 'number' ? key : String(key));
    if (!child) return { node, complete: false };
    node = child;
  }
  return { node, complete: true };
}

/** Walks the flat event stream once, nesting mappings and sequences, keyed like the loaded data. */
function buildTree(events: readonly Event[], source: string): PositionNode {
  let root: PositionNode = { offset: 0, children: new Map() };
  type Frame = { node: PositionNode; kind: 'mapping' | 'sequence' | 'document'; index: number; pendingKey?: { name: string; offset: number } };
  const stack: Frame[] = [{ node: root, kind: 'document', index: 0 }];
  const attach = (offset: number): PositionNode => {
    const frame = stack[stack.length - 1]!;
    if (frame.kind === 'document') {
      root = { offset, children: new Map() };
      return root;
    }
    if (frame.kind === 'sequence') {
      const node: PositionNode = { offset, children: new Map() };
      frame.node.children.set(frame.index++, node);
      return node;
    }
    const key = frame.pendingKey!;
    frame.pendingKey = undefined;
    const node: PositionNode = { offset, keyOffset: key.offset, children: new Map() };
    frame.node.children.set(key.name, node);
    return node;
  };
  const isKeySlot = (): boolean => {
    const frame = stack[stack.length - 1]!;
    return frame.kind === 'mapping' && frame.pendingKey === undefined;
  };
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (isKeySlot()) {
          // A complex key: record nothing under it, but keep the nesting balanced.
          stack.push({ node: { offset: event.start, children: new Map() }, kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', index: 0 });
          stack[stack.length - 2]!.pendingKey = { name: '', offset: event.start };
          break;
        }
        const node = attach(event.start);
        stack.push({ node, kind: event.type === EVENT_ID.MAPPING ? 'mapping' : 'sequence', index: 0 });
        break;
      }
      case EVENT_ID.SCALAR: {
        if (isKeySlot()) {
          stack[stack.length - 1]!.pendingKey = { name: getScalarValue(source, event), offset: event.valueStart };
        } else {
          attach(startOfScalar(event));
        }
        break;
      }
      case EVENT_ID.ALIAS:
        if (isKeySlot()) stack[stack.length - 1]!.pendingKey = { name: '', offset: event.anchorStart };
        else attach(event.anchorStart);
        break;
      case EVENT_ID.POP:
        if (stack.length > 1) stack.pop();
        break;
      default:
        break;
    }
  }
  return root;
}

/** A quoted scalar starts at its opening quote, one character before its value. */
function startOfScalar(event: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): number {
  const quoted = event.style === 2 || event.style === 3;
  const start = event.tagStart >= 0 ? event.tagStart : event.anchorStart >= 0 ? event.anchorStart : event.valueStart;
  return quoted && start === event.valueStart ? Math.max(0, start - 1) : start;
}

/** Offsets at which each line starts, for offset → line/column. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a source offset (binary search over line starts). */
function positionOf(lines: readonly number[], offset: number, file: string): SourcePosition {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - lines[lo]! + 1 };
}
