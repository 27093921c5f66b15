// The generated JSON Schemas: committed up to date, and they accept what the loader accepts.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, schemaFileText } from '../../src/runbook/json-schemas.js';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** A validator for one generated schema (strict, except that `oneOf: [{ required: [k] }]` names keys defined beside it). */
function validator(file: 'runbook.schema.json' | 'target.schema.json') {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(jsonSchemas()[file] as object);
}

async function yamlFiles(dir: string): Promise<string[]> {
  return (await readdir(repo(dir))).filter((f) => f.endsWith('.yaml')).map((f) => repo(`${dir}/${f}`));
}

describe('the committed JSON Schemas', () => {
  it.each(['runbook.schema.json', 'target.schema.json'] as const)('schema/%s is what drill schema generates', async (file) => {
    expect(await readFile(repo(`schema/${file}`), 'utf8')).toBe(schemaFileText(jsonSchemas()[file]));
  });
});

describe('the runbook schema', () => {
  const validate = validator('runbook.schema.json');

  it('accepts the contract example and every shipped runbook', async () => {
    const files = [repo('test/fixtures/runbooks/good/quarantine-drain-clear.yaml'), ...(await yamlFiles('runbooks'))];
    for (const file of files) {
      const ok = validate(load(await readFile(file, 'utf8')));
      expect({ file, errors: ok ? null : validate.errors }).toEqual({ file, errors: null });
    }
  });

  it('rejects a misspelt field, an unknown fault and a bare number', () => {
    const base = { runbook: 'x', steps: [{ wait: '30s' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, steps: [{ wait: '30s', expect: [{ node: 'HV01', becomes: 'Up', whithin: '1m' }] }] })).toBe(false);
    expect(validate({ ...base, steps: [{ inject: 'crash-cluster-servce', node: 'HV01' }] })).toBe(false);
    expect(validate({ ...base, steps: [{ wait: 30 }] })).toBe(false);
  });

  it('tells editors the rules of exactly one: step kind, subject, predicate', () => {
    const step = (s: object) => validate({ runbook: 'x', steps: [s] });
    expect(step({ inject: 'crash-cluster-service', do: 'clear-quarantine', node: 'HV01' })).toBe(false);
    expect(step({ node: 'HV01' })).toBe(false);
    expect(step({ wait: '1m', expect: [{ node: 'HV01', vm: 'VM0001', becomes: 'Up', within: '1m' }] })).toBe(false);
    expect(step({ wait: '1m', expect: [{ node: 'HV01', becomes: 'Up', stays: 'Up', within: '1m' }] })).toBe(false);
    expect(step({ wait: '1m', expect: [{ node: 'HV01', becomes: 'Up', within: '1m' }] })).toBe(true);
  });

  it('carries descriptions for editors', () => {
    const schema = jsonSchemas()['runbook.schema.json'] as { definitions: Record<string, { description?: string }> };
    expect(schema.definitions['Duration']?.description).toMatch(/cluster\.heartbeatTimeout/);
    expect(schema.definitions['Step']?.description).toMatch(/inject, do or wait/);
  });
});

describe('the target schema', () => {
  const validate = validator('target.schema.json');

  it('accepts the shipped target files', async () => {
    for (const file of await yamlFiles('targets')) {
      const ok = validate(load(await readFile(file, 'utf8')));
      expect({ file, errors: ok ? null : validate.errors }).toEqual({ file, errors: null });
    }
  });

  it('rejects an unknown driver and a simulated field on a real cluster', () => {
    expect(validate({ target: 't', driver: 'simulatd' })).toBe(false);
    expect(validate({ target: 't', driver: 'powershell', cluster: 'c', seed: 1 })).toBe(false);
  });
});
