// Names in a runbook: node references (a name or `$var`), VM names, NIC names, var names.
import { z } from 'zod';
import { coded, describeInput } from './coded-message.js';

export const varNamePattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A node by name (`HV02`) or through a var (`$victim`). */
export const nodeRefSchema = z
  .string({ error: (issue) => coded('invalid-value', `expected a node name or $var, got ${describeInput(issue.input)}`) })
  .regex(/^(\$[A-Za-z_][A-Za-z0-9_-]*|[^$\s][^\s]*)$/, { error: 'expected a node name (HV01) or a var ($victim)' })
  .meta({ id: 'NodeRef', description: 'A node name (HV01) or a var declared under `vars:` ($victim).', examples: ['$victim', 'HV01'] });

export const vmNameSchema = z
  .string({ error: (issue) => coded('invalid-value', `expected a VM name, got ${describeInput(issue.input)}`) })
  .min(1)
  .meta({ description: 'A VM name as the cluster shows it (VM0001 on the simulated target).' });

export const nicNameSchema = z
  .string({ error: (issue) => coded('invalid-value', `expected a network adapter name, got ${describeInput(issue.input)}`) })
  .min(1)
  .meta({ description: 'A network adapter of the node (NIC1 on the simulated target).' });

export const varNameSchema = z
  .string()
  .regex(varNamePattern, { error: 'a var name is letters, digits, _ and -, starting with a letter' });

/** `name` of a runbook: lowercase letters, digits, '-'. */
export const runbookNameSchema = z
  .string({ error: (issue) => coded('invalid-value', `expected the runbook's name, got ${describeInput(issue.input)}`) })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'a runbook name is lowercase letters, digits and -, e.g. quarantine-drain-clear' })
  .meta({ description: 'The runbook name: lowercase letters, digits, -.' });
