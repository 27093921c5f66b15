// Subjects, written as one key beside the predicate: node, nodes, vm, vms.
import { z } from 'zod';
import { strictFields } from './strict-fields.js';
import { nodeRefSchema, vmNameSchema } from './names-schema.js';

export const vmFilterSchema = strictFields({
    on: nodeRefSchema.optional().describe('The VMs owned by this node when the step starts (fixed for the step).'),
    storage: z.enum(['csv', 'smb']).optional().describe('csv: cluster shared volumes (block storage); smb: SMB 3 / Scale-Out File Server.'),
    resilient: z.boolean().optional().describe('Covered by compute resiliency (configuration version 8.0 or later).'),
  })
  .meta({ id: 'VmFilter', description: 'A set of VMs: on a node, on a kind of storage, resilient or not.' });

/** The subject keys; exactly one must be present (checked by the builder). */
export const subjectFields = {
  node: nodeRefSchema.optional().describe('One node: a name or $var.'),
  nodes: z.union([z.literal('all'), z.array(nodeRefSchema).min(1)]).optional().describe('all, or a list of nodes.'),
  vm: vmNameSchema.optional().describe('One VM by name.'),
  vms: z.union([z.literal('all'), vmFilterSchema]).optional().describe('all, or { on, storage, resilient }.'),
};

export const subjectKeys = Object.keys(subjectFields) as (keyof typeof subjectFields)[];
export type VmFilterInput = z.output<typeof vmFilterSchema>;
