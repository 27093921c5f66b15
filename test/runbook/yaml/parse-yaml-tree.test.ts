import { describe, expect, it } from 'vitest';
import { parseYamlTree } from '../../../src/runbook/yaml/parse-yaml-tree.js';
import { fieldPositionAt, keyPositionAt, positionAt, toPlain } from '../../../src/runbook/yaml/yaml-locate.js';
import type { YamlNode } from '../../../src/runbook/yaml/yaml-tree.js';

function tree(text: string): YamlNode {
  const parsed = parseYamlTree(text, 'f.yaml', 'a runbook');
  if (parsed.root === undefined) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.root;
}

const lineCol = (p: { line: number; column: number }) => `${p.line}:${p.column}`;

describe('positions of YAML nodes', () => {
  const text = [
    '# comment',
    'runbook: x',
    'steps:',
    '  - name: "quoted"',
    '    expect:',
    '      - { node: $victim, within: 2 * cluster.heartbeatTimeout }',
    'anchor: &a 30s',
    'alias: *a',
    'empty:',
  ].join('\n');
  const root = tree(text);

  it('maps block and flow values to their line and column', () => {
    expect(lineCol(positionAt(root, ['runbook']))).toBe('2:10');
    expect(lineCol(positionAt(root, ['steps']))).toBe('4:3');
    expect(lineCol(positionAt(root, ['steps', 0]))).toBe('4:5');
    expect(lineCol(positionAt(root, ['steps', 0, 'name']))).toBe('4:11');
    expect(lineCol(positionAt(root, ['steps', 0, 'expect', 0]))).toBe('6:9');
    expect(lineCol(positionAt(root, ['steps', 0, 'expect', 0, 'within']))).toBe('6:34');
  });

  it('maps keys, and a missing field to its mapping', () => {
    expect(lineCol(keyPositionAt(root, ['steps', 0], 'expect'))).toBe('5:5');
    expect(lineCol(fieldPositionAt(root, ['steps', 0, 'expect', 0, 'node']))).toBe('6:11');
    expect(lineCol(fieldPositionAt(root, ['steps', 0, 'nothing']))).toBe('4:5');
    expect(lineCol(positionAt(root, ['steps', 3]))).toBe('4:3');
  });

  it('positions anchored values at the anchor and resolves aliases', () => {
    expect(lineCol(positionAt(root, ['anchor']))).toBe('7:9');
    expect(toPlain(root)).toMatchObject({ anchor: '30s', alias: '30s', empty: null });
  });

  it('keeps where the characters of a one-line scalar start, for pointing into expressions', () => {
    const within = root.kind === 'mapping' ? root.entries[1] : undefined;
    expect(within?.key).toBe('steps');
    const parsed = tree('a: "2 * x"\nb: plain text\nc: |\n  block\n');
    if (parsed.kind !== 'mapping') throw new Error('mapping expected');
    const [a, b, c] = parsed.entries.map((e) => e.value);
    expect(a?.kind === 'scalar' && a.contentAt !== undefined ? lineCol(a.contentAt) : '').toBe('1:5');
    expect(b?.kind === 'scalar' && b.contentAt !== undefined ? lineCol(b.contentAt) : '').toBe('2:4');
    expect(c?.kind === 'scalar' ? c.contentAt : 'none').toBeUndefined();
  });

  it('resolves plain scalars by the YAML 1.2 core schema and keeps quoted ones as text', () => {
    expect(toPlain(tree('a: 30\nb: "30"\nc: true\nd: ~\ne: 1.5\nf: 0x10'))).toEqual({ a: 30, b: '30', c: true, d: null, e: 1.5, f: 16 });
  });

  it('keeps a key named __proto__ as an ordinary field', () => {
    const plain = toPlain(tree('__proto__: 1\n')) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
  });
});

describe('YAML problems', () => {
  it('reports a syntax error at its position', () => {
    expect(parseYamlTree('a: [1,\nb: 2', 'f.yaml', 'a runbook').diagnostics).toEqual([
      { file: 'f.yaml', line: 2, column: 1, code: 'yaml-syntax', message: 'YAML syntax error: deficient indentation' },
    ]);
  });

  it('reports every duplicate key at its second occurrence and keeps the first value', () => {
    const parsed = parseYamlTree('a: 1\nb: 2\na: 3\nb: 4\n', 'f.yaml', 'a runbook');
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "3:1 duplicate key 'a' (first at line 1)",
      "4:1 duplicate key 'b' (first at line 2)",
    ]);
    expect(parsed.root === undefined ? undefined : toPlain(parsed.root)).toEqual({ a: 1, b: 2 });
  });

  it.each(['', '# nothing\n', '---\n', '~\n'])('reports an empty file (%j)', (text) => {
    expect(parseYamlTree(text, 'f.yaml', 'a runbook').diagnostics).toEqual([
      { file: 'f.yaml', line: 1, column: 1, code: 'empty-file', message: 'the file is empty: expected a runbook' },
    ]);
  });

  it('reports a second document', () => {
    const parsed = parseYamlTree('a: 1\n---\nb: 2\n', 'f.yaml', 'a runbook');
    expect(parsed.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '3:1 a file holds one YAML document: remove the second "---" and what follows',
    ]);
  });

  it('reports an alias to an unknown anchor', () => {
    const parsed = parseYamlTree('a: 1\nb: *nowhere\n', 'f.yaml', 'a runbook');
    expect(parsed.diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/nowhere/)]));
  });
});
