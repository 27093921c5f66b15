// Conditions and other small values printed back the way a user writes them in flow YAML.

/** `Isolated`, `[Up, Normal]`, `{ state: Up, isolated: false }`, `{ count: { not: Up, above: 1 } }`. */
export function flowText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{ ${entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')} }`;
  }
  return String(value);
}
