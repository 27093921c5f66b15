// What every builder needs: where the document is, how to point into it, and where problems go.
import type { Diagnostic, DiagnosticCode, SourcePosition } from '../../errors/drill-error.js';
import { parseDuration } from '../duration.js';
import type { Duration, NodeRef } from '../model.js';
import { didYouMean } from '../suggest.js';
import { fieldPositionAt, keyPositionAt, nodeAt, positionAt, toPlain } from '../yaml/yaml-locate.js';
import { flowText } from './condition-text.js';
import type { YamlNode, YamlPath } from '../yaml/yaml-tree.js';

export class BuildContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Vars declared under `vars:`, in order (names without `$`). */
  readonly varNames: readonly string[];

  constructor(
    readonly file: string,
    readonly root: YamlNode,
    varNames: readonly string[],
  ) {
    this.varNames = varNames;
  }

  /** The position of the value at `path`. */
  at(path: YamlPath): SourcePosition {
    const p = positionAt(this.root, path);
    return { file: this.file, line: p.line, column: p.column };
  }

  /** The position of the key whose value is at `path` (`within:` rather than `30s`). */
  keyAt(path: YamlPath): SourcePosition {
    const p = fieldPositionAt(this.root, path);
    return { file: this.file, line: p.line, column: p.column };
  }

  /** The position of `key` in the mapping at `path`. */
  fieldAt(path: YamlPath, key: string): SourcePosition {
    const p = keyPositionAt(this.root, path, key);
    return { file: this.file, line: p.line, column: p.column };
  }

  /** The value at `path` printed as the user wrote it (their key order), for condition texts. */
  writtenText(path: YamlPath): string {
    return flowText(toPlain(nodeAt(this.root, path).node));
  }

  /** The keys of the mapping at `path` in the order written (the schema's output has its own order). */
  writtenKeys(path: YamlPath): readonly string[] {
    const { node } = nodeAt(this.root, path);
    return node.kind === 'mapping' ? node.entries.map((e) => e.key) : [];
  }

  report(position: SourcePosition, code: DiagnosticCode, message: string): void {
    this.diagnostics.push({ ...position, code, message });
  }

  /** A duration the schema already accepted, parsed into the model with its position. */
  duration(text: string, path: YamlPath): Duration | undefined {
    const parsed = parseDuration(text, this.at(path));
    if (parsed.ok) return parsed.duration;
    this.report(this.at(path), parsed.error.code, parsed.error.message);
    return undefined;
  }

  /** `$victim` or `HV02` as a NodeRef; an undeclared var is reported (with the nearest declared one). */
  nodeRef(text: string, path: YamlPath): NodeRef {
    const at = this.at(path);
    if (!text.startsWith('$')) return { kind: 'name', name: text, at };
    const name = text.slice(1);
    if (!this.varNames.includes(name)) {
      const hint = didYouMean(name, this.varNames).replace(/'([^']+)'\?$/, "'$$$1'?");
      const declared = this.varNames.length === 0 ? ' (no vars are declared under vars:)' : '';
      this.report(at, 'unknown-var', `unknown var '$${name}'${hint}${hint === '' ? declared : ''}`);
    }
    return { kind: 'var', var: name, at };
  }
}

/** `$victim` / `HV02`, as written. */
export const nodeRefText = (ref: NodeRef): string => (ref.kind === 'var' ? `$${ref.var}` : ref.name);
