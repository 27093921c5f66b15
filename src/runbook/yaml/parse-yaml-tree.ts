// Builds a positioned YAML tree from js-yaml's event parser (which gives every node's source offset),
// reporting syntax errors, duplicate keys, empty files and extra documents as positioned diagnostics.
import {
  CORE_SCHEMA,
  EVENT_ID,
  SCALAR_STYLE,
  YAMLException,
  getScalarValue,
  parseEvents,
  type Event,
  type ScalarEvent,
} from 'js-yaml';
import type { Diagnostic, DiagnosticCode } from '../../errors/drill-error.js';
import { SourceLines } from './source-lines.js';
import type { TextPosition, YamlEntry, YamlNode, YamlScalar } from './yaml-tree.js';

export interface ParsedYaml {
  /** The document's root, or undefined when the text could not be parsed or is empty. */
  readonly root: YamlNode | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/** More aliases than a hand-written runbook needs is an attack (billion laughs), not a runbook. */
const maxAliases = 100;

/** Parses one YAML document into a positioned tree; `what` names the file kind in the empty-file message. */
export function parseYamlTree(text: string, file: string, what: string): ParsedYaml {
  const lines = new SourceLines(text);
  const diagnostic = (code: DiagnosticCode, at: TextPosition, message: string): Diagnostic => ({
    file,
    line: at.line,
    column: at.column,
    code,
    message,
  });
  let events: Event[];
  try {
    events = parseEvents(text, { filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? { line: error.mark.line + 1, column: error.mark.column + 1, offset: error.mark.position } : lines.at(0);
    return { root: undefined, diagnostics: [diagnostic('yaml-syntax', at, `YAML syntax error: ${error.reason}`)] };
  }
  const builder = new TreeBuilder(text, lines, events, diagnostic);
  const root = builder.document();
  if (root === undefined || (root.kind === 'scalar' && root.value === null)) {
    return { root: undefined, diagnostics: [diagnostic('empty-file', lines.at(0), `the file is empty: expected ${what}`)] };
  }
  return { root, diagnostics: builder.diagnostics };
}

type MakeDiagnostic = (code: DiagnosticCode, at: TextPosition, message: string) => Diagnostic;

/** Walks the flat event stream once, building nodes and remembering anchors for aliases. */
class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private index = 0;
  private lastOffset = 0;
  private aliases = 0;
  private readonly anchors = new Map<string, YamlNode>();

  constructor(
    private readonly text: string,
    private readonly lines: SourceLines,
    private readonly events: readonly Event[],
    private readonly diagnostic: MakeDiagnostic,
  ) {}

  /** The first document's content; a second document is reported, not read. */
  document(): YamlNode | undefined {
    const start = this.events[this.index];
    if (start?.type !== EVENT_ID.DOCUMENT) return undefined;
    this.index += 1;
    const root = this.events[this.index]?.type === EVENT_ID.POP ? undefined : this.node();
    this.index += 1; // the document's POP
    if (this.events[this.index]?.type === EVENT_ID.DOCUMENT) {
      const second = this.events[this.index + 1];
      const offset = second !== undefined && 'anchorStart' in second ? this.startOf(second) : this.text.length;
      this.diagnostics.push(
        this.diagnostic('yaml-syntax', this.lines.at(offset < 0 ? this.lastOffset : offset), 'a file holds one YAML document: remove the second "---" and what follows'),
      );
    }
    return root;
  }

  private node(): YamlNode {
    const event = this.events[this.index];
    this.index += 1;
    if (event === undefined) throw new Error('YAML event stream ended inside a node');
    switch (event.type) {
      case EVENT_ID.SCALAR:
        return this.remember(event, this.scalar(event));
      case EVENT_ID.SEQUENCE: {
        const at = this.position(this.startOf(event));
        const items: YamlNode[] = [];
        while (this.events[this.index]?.type !== EVENT_ID.POP) items.push(this.node());
        this.index += 1;
        return this.remember(event, { kind: 'sequence', at, items });
      }
      case EVENT_ID.MAPPING: {
        const at = this.position(this.startOf(event));
        return this.remember(event, { kind: 'mapping', at, entries: this.entries() });
      }
      case EVENT_ID.ALIAS: {
        const name = this.text.slice(event.anchorStart, event.anchorEnd);
        const at = this.position(event.anchorStart - 1);
        this.aliases += 1;
        const target = this.anchors.get(name);
        if (target === undefined || this.aliases > maxAliases) {
          this.diagnostics.push(
            this.diagnostic('yaml-syntax', at, target === undefined ? `unknown alias '*${name}'` : `more than ${maxAliases} aliases`),
          );
          return { kind: 'scalar', at, value: null, text: '', contentAt: undefined };
        }
        return target;
      }
      default:
        throw new Error(`unexpected YAML event ${event.type}`);
    }
  }

  /** Key/value pairs up to the mapping's POP; a repeated key is reported at its second occurrence. */
  private entries(): YamlEntry[] {
    const entries: YamlEntry[] = [];
    const seen = new Map<string, TextPosition>();
    while (this.events[this.index]?.type !== EVENT_ID.POP) {
      const keyNode = this.node();
      const value = this.node();
      if (keyNode.kind !== 'scalar') {
        this.diagnostics.push(this.diagnostic('invalid-value', keyNode.at, 'a key must be a plain name, not a list or a mapping'));
        continue;
      }
      const key = keyNode.text;
      const first = seen.get(key);
      if (first !== undefined) {
        this.diagnostics.push(this.diagnostic('duplicate-key', keyNode.at, `duplicate key '${key}' (first at line ${first.line})`));
        continue;
      }
      seen.set(key, keyNode.at);
      entries.push({ key, keyAt: keyNode.at, value });
    }
    this.index += 1;
    return entries;
  }

  private scalar(event: ScalarEvent): YamlScalar {
    const empty = event.valueStart < 0;
    const text = empty ? '' : getScalarValue(this.text, event);
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
    const at = empty ? this.position(-1) : this.position(this.startOf(event));
    const raw = empty ? '' : this.text.slice(event.valueStart, event.valueEnd);
    const oneToOne = !empty && (event.style === SCALAR_STYLE.PLAIN || quoted) && raw === text && !raw.includes('\n');
    const tag = event.tagStart < 0 ? '' : this.text.slice(event.tagStart, event.tagEnd);
    const value = this.resolve(text, event.style === SCALAR_STYLE.PLAIN && !empty, tag, empty);
    return { kind: 'scalar', at, value, text, contentAt: oneToOne ? this.position(event.valueStart) : undefined };
  }

  /** Plain scalars resolve by the core schema (numbers, booleans, null); everything else is text. */
  private resolve(text: string, plain: boolean, tag: string, empty: boolean): YamlScalar['value'] {
    if (tag === '!!str' || tag === '!') return text;
    if (empty && tag === '') return null;
    if (!plain && tag === '') return text;
    const resolved = CORE_SCHEMA.resolveImplicitScalarTag(text).value;
    return typeof resolved === 'string' || typeof resolved === 'number' || typeof resolved === 'boolean' || resolved === null
      ? resolved
      : text;
  }

  private remember<N extends YamlNode>(event: Event, node: N): N {
    if ('anchorStart' in event && event.anchorStart >= 0) this.anchors.set(this.text.slice(event.anchorStart, event.anchorEnd), node);
    return node;
  }

  /** Where a node starts: its anchor or tag if written first, the opening quote of a quoted scalar. */
  private startOf(event: Event): number {
    const starts: number[] = [];
    if ('anchorStart' in event && event.anchorStart >= 0) starts.push(event.anchorStart - 1);
    if ('tagStart' in event && event.tagStart >= 0) starts.push(event.tagStart);
    if ('start' in event && event.start >= 0) starts.push(event.start);
    if ('valueStart' in event && event.valueStart >= 0) {
      const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
      starts.push(quoted ? event.valueStart - 1 : event.valueStart);
    }
    return starts.length === 0 ? -1 : Math.min(...starts);
  }

  /** A position for an offset; an absent value (`key:` with nothing after it) takes the last seen one. */
  private position(offset: number): TextPosition {
    if (offset >= 0) this.lastOffset = offset;
    return this.lines.at(offset >= 0 ? offset : this.lastOffset);
  }
}
