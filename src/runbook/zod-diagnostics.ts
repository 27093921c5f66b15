// Turns zod issues into diagnostics a user can act on: positioned at the offending node, in our words,
// with the nearest known name for anything misspelt.
import type { z } from 'zod';
import type { Diagnostic, DiagnosticCode } from '../errors/drill-error.js';
import { decode, describeInput } from './schema/coded-message.js';
import { knownFieldSeparator } from './schema/strict-fields.js';
import { didYouMean } from './suggest.js';
import { fieldPositionAt, keyPositionAt, nodeAt, positionAt } from './yaml/yaml-locate.js';
import type { TextPosition, YamlNode, YamlPath } from './yaml/yaml-tree.js';

type Issue = z.core.$ZodIssue;

/** Where the document lives and how to point into it. */
export interface DiagnosticContext {
  readonly file: string;
  readonly root: YamlNode;
}

/** Maps every issue of a parse at `basePath` of the document to diagnostics. */
export function diagnosticsFromIssues(issues: readonly Issue[], context: DiagnosticContext, basePath: YamlPath = []): Diagnostic[] {
  return issues.flatMap((issue) => fromIssue(issue, context, [...basePath, ...issue.path]));
}

function fromIssue(issue: Issue, context: DiagnosticContext, path: YamlPath): Diagnostic[] {
  const at = (position: TextPosition, code: DiagnosticCode, message: string): Diagnostic => ({
    file: context.file,
    line: position.line,
    column: position.column,
    code,
    message,
  });
  const decoded = decode(issue.message);
  const absent = issue.input === undefined && !nodeAt(context.root, path).complete && typeof path.at(-1) === 'string';
  if (absent && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value')) {
    return [at(fieldPositionAt(context.root, path), 'missing-field', `missing field '${String(path.at(-1))}'`)];
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = decoded.code === 'unknown-field' ? decoded.message.split(knownFieldSeparator) : [];
      return issue.keys.map((key) =>
        at(keyPositionAt(context.root, path, key), 'unknown-field', `unknown field '${key}'${didYouMean(key, known)}`),
      );
    }
    case 'invalid_union':
      return fromUnion(issue, context, path, at);
    case 'invalid_key':
      return issue.issues.map((inner) =>
        at(keyPositionAt(context.root, path.slice(0, -1), String(path.at(-1))), 'invalid-value', `'${String(path.at(-1))}': ${decode(inner.message).message}`),
      );
    case 'invalid_type':
      if (decoded.code !== undefined) return [at(positionAt(context.root, path), decoded.code, decoded.message)];
      return [at(positionAt(context.root, path), 'invalid-value', `expected ${expectedName(issue.expected)}, got ${describeInput(issue.input)}`)];
    case 'invalid_value': {
      if (decoded.code !== undefined) return [at(positionAt(context.root, path), decoded.code, decoded.message)];
      const options = issue.values.map(String);
      const got = describeInput(issue.input);
      const hint = typeof issue.input === 'string' ? didYouMean(issue.input, options) : '';
      return [at(positionAt(context.root, path), 'invalid-value', hint === '' ? `expected one of ${options.join(', ')}, got ${got}` : `${got} is not valid${hint}`)];
    }
    case 'too_small':
      return [at(positionAt(context.root, path), 'invalid-value', `${subjectOf(path)}${tooSmall(issue)}`)];
    case 'too_big':
      return [at(positionAt(context.root, path), 'invalid-value', `${subjectOf(path)}must be at most ${String(issue.maximum)}`)];
    case 'custom': {
      const params = (issue.params ?? {}) as { diagnostic?: DiagnosticCode; offset?: number };
      const node = nodeAt(context.root, path).node;
      const position =
        params.offset !== undefined && node.kind === 'scalar' && node.contentAt !== undefined
          ? { ...node.contentAt, column: node.contentAt.column + params.offset }
          : node.at;
      return [at(position, params.diagnostic ?? decoded.code ?? 'invalid-value', decoded.message)];
    }
    default:
      return [at(positionAt(context.root, path), decoded.code ?? 'invalid-value', decoded.message)];
  }
}

/**
 * A union failed: report the branch whose shape matched (a mapping for a mapping, a list for a list),
 * so the user hears about the misspelt field rather than "expected a string".
 */
function fromUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  context: DiagnosticContext,
  path: YamlPath,
  at: (p: TextPosition, c: DiagnosticCode, m: string) => Diagnostic,
): Diagnostic[] {
  if (issue.errors.length === 0 && issue.discriminator !== undefined && 'options' in issue) {
    // A discriminated union whose tag (transport `kind`) is none of its options.
    const options = (issue.options ?? []).map(String);
    const tagPath = path.at(-1) === issue.discriminator ? path : [...path, issue.discriminator];
    const tag = nodeAt(context.root, tagPath);
    const got = tag.complete && tag.node.kind === 'scalar' ? tag.node.text : undefined;
    const message = got === undefined ? `missing field '${issue.discriminator}' (${options.join(' or ')})` : `expected one of ${options.join(', ')}, got '${got}'`;
    return [at(positionAt(context.root, tagPath), got === undefined ? 'missing-field' : 'invalid-value', message)];
  }
  const shapeMismatch = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || (i.code === 'invalid_value' && decode(i.message).code === undefined));
  const matched = issue.errors.find((branch) => branch.length > 0 && !branch.some(shapeMismatch));
  if (matched !== undefined) return matched.flatMap((inner) => fromIssue(inner, context, [...path, ...inner.path]));
  const coded = issue.errors.flat().find((i) => i.path.length === 0 && decode(i.message).code !== undefined && decode(i.message).code !== 'invalid-value');
  if (coded !== undefined) return fromIssue(coded, context, path);
  const expected = [...new Set(issue.errors.flat().filter((i) => i.path.length === 0).map(expectedOf))].filter((e) => e !== '');
  return [at(positionAt(context.root, path), 'invalid-value', `expected ${expected.join(' or ')}, got ${describeInput(issue.input)}`)];
}

const expectedOf = (i: Issue): string =>
  i.code === 'invalid_type' ? expectedName(i.expected) : i.code === 'invalid_value' ? i.values.map(String).join(' or ') : '';

function expectedName(expected: string): string {
  switch (expected) {
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'string':
      return 'text';
    default:
      return expected;
  }
}

/** `'repeat' ` for a message about the field at `path`, or nothing for a list entry. */
const subjectOf = (path: YamlPath): string => (typeof path.at(-1) === 'string' ? `'${String(path.at(-1))}' ` : '');

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = Number(issue.minimum);
  if (issue.origin === 'array') return min === 1 ? 'needs at least one entry' : `needs ${min} entries`;
  if (issue.origin === 'string') return 'must not be empty';
  return `must be at least ${min}`;
}
