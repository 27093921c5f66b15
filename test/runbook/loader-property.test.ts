// Random mutations of valid runbooks never crash the loader: the answer is always a checked runbook
// or positioned diagnostics that point inside the file.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load-runbook.js';
import { parseTargetFile } from '../../src/runbook/load-target-file.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const sources = [
  readFileSync(repo('test/fixtures/runbooks/good/quarantine-drain-clear.yaml'), 'utf8'),
  ...readdirSync(repo('runbooks'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(repo(`runbooks/${f}`), 'utf8')),
];

const targetSources = readdirSync(repo('targets'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(repo(`targets/${f}`), 'utf8'));

/** Diagnostics that name the file, say something, and point inside the text. */
function expectPositioned(diagnostics: readonly { file: string; line: number; column: number; message: string }[], text: string): void {
  expect(diagnostics.length).toBeGreaterThan(0);
  const lines = text.split('\n').length;
  for (const d of diagnostics) {
    expect(d.file).toBe('mutated.yaml');
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines + 1);
    expect(d.column).toBeGreaterThanOrEqual(1);
  }
}

/** The loader's contract: no exception; a runbook, or diagnostics inside the text. */
function assertWellFormedAnswer(text: string): void {
  const result = parseRunbook(text, 'mutated.yaml');
  if (result.ok) {
    expect(result.runbook.steps.length).toBeGreaterThan(0);
    return;
  }
  expectPositioned(result.diagnostics, text);
}

/** Text-level edits: delete, insert, duplicate or swap lines, re-indent. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '- ', '{', '[', '"', '$', '  ', '\n', '&a', '*a', '0', 'cluster.', '*')) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer T> ? T : never;

function applyText(text: string, m: TextMutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate-line': {
      const at = m.at % lines.length;
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    }
    case 'swap-lines': {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'indent': {
      const at = m.at % lines.length;
      const line = lines[at] ?? '';
      lines[at] = m.by >= 0 ? ' '.repeat(m.by) + line : line.replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}

/** Structure-level edits on the parsed document: drop a key, replace a value, rename a key. */
const valueArb = fc.oneof(
  fc.constantFrom('30s', '2 * cluster.heartbeatTimeout', 'Up', '$victim', 'HV01', 'all', 'live', 'crash-cluster-service', '', 'never'),
  fc.integer({ min: -3, max: 100 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.constantFrom('Up', 'Normal', 'Running', 'x'), { maxLength: 3 }),
);
const structuralMutation = fc.record({ pick: fc.nat(), op: fc.constantFrom('drop', 'replace', 'rename'), value: valueArb, name: fc.constantFrom('whithin', 'node', 'vms', 'count', 'inject', 'do', 'wait', 'is', 'for', 'between') });
type StructuralMutation = typeof structuralMutation extends fc.Arbitrary<infer T> ? T : never;

/** Every (container, key) slot of a document, depth first. */
function slots(value: unknown, out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

function applyStructural(text: string, m: StructuralMutation): string {
  const doc = load(text);
  const all = slots(doc);
  const slot = all[m.pick % Math.max(1, all.length)];
  if (slot === undefined) return text;
  const { parent, key } = slot;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (m.op === 'drop') parent.splice(key, 1);
    else parent[key] = m.value;
  } else if (!Array.isArray(parent) && typeof key === 'string') {
    const old = parent[key];
    if (m.op !== 'replace') delete parent[key];
    if (m.op === 'replace') parent[key] = m.value;
    if (m.op === 'rename') parent[m.name] = old;
  }
  return dump(doc);
}

describe('the loader under random mutation', () => {
  it('answers every text mutation with a runbook or positioned diagnostics', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        assertWellFormedAnswer(mutations.reduce(applyText, sources[index] ?? ''));
      }),
      { numRuns: 300 },
    );
  });

  it('answers every structural mutation with a runbook or positioned diagnostics', () => {
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(structuralMutation, { minLength: 1, maxLength: 3 }), (index, mutations) => {
        assertWellFormedAnswer(mutations.reduce(applyStructural, sources[index] ?? ''));
      }),
      { numRuns: 300 },
    );
  });

  it('answers every text mutation of a target file with a config or positioned diagnostics', () => {
    fc.assert(
      fc.property(fc.nat({ max: targetSources.length - 1 }), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        const text = mutations.reduce(applyText, targetSources[index] ?? '');
        const result = parseTargetFile(text, 'mutated.yaml');
        if (!result.ok) expectPositioned(result.diagnostics, text);
      }),
      { numRuns: 300 },
    );
  });

  it('loads the unmutated sources', () => {
    for (const text of sources) expect(parseRunbook(text, 'r.yaml').ok).toBe(true);
  });
});
