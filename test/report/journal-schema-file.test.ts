// schema/journal.schema.json: committed as `drill schema` generates it, and it accepts the journals real
// runs write (checked with a JSON Schema validator, independently of the zod schema it came from).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { allJsonSchemas } from '../../src/cli/schema.js';
import { schemaFileText } from '../../src/runbook/json-schemas.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { loadTargetFile } from '../../src/runbook/load-target-file.js';
import { runUnderSafety } from '../../src/safety/run-under-safety.js';

const repo = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

describe('the journal schema', () => {
  it.each(Object.keys(allJsonSchemas()))('schema/%s is what drill schema generates', (file) => {
    expect(fs.readFileSync(repo(`schema/${file}`), 'utf8')).toBe(schemaFileText(allJsonSchemas()[file]));
  });

  it('accepts the journal of a real failing run, and rejects one without its verdict', async () => {
    const runbook = await loadRunbook(repo('runbooks/isolation-recovery.yaml'));
    const target = await loadTargetFile(repo('targets/simulated.yaml'));
    if (!runbook.ok || !target.ok) throw new Error('shipped files do not load');
    const config = target.target.config;
    if (config.driver !== 'simulated') throw new Error('expected the simulated default');
    const buggy = { ...target.target, config: { ...config, bugs: ['frozen-after-isolation' as const] } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-schema-'));
    const lockDir = process.env['DRILL_LOCK_DIR'];
    process.env['DRILL_LOCK_DIR'] = path.join(dir, 'locks'); // not the machine-wide lock other drills may hold
    const { journal } = await runUnderSafety(runbook.runbook, buggy, { runsDir: path.join(dir, 'runs') }).finally(() => {
      if (lockDir === undefined) delete process.env['DRILL_LOCK_DIR'];
      else process.env['DRILL_LOCK_DIR'] = lockDir;
    });
    expect(journal.verdict).toBe('fail');
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(repo('schema/journal.schema.json'), 'utf8')) as object);
    const data = JSON.parse(JSON.stringify(journal)) as Record<string, unknown>;
    expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    delete data['verdict'];
    expect(validate(data)).toBe(false);
  });
});
