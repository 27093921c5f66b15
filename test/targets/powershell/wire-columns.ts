// Test helper: rows -> columns, as the agent's ConvertTo-DrillColumns turns shaped rows into one array
// per field (every key present, in the given order, even when there are no rows).
export function columns<K extends string>(rows: readonly Readonly<Record<K, unknown>>[], keys: readonly K[]): Record<K, unknown[]> {
  const out = {} as Record<K, unknown[]>;
  for (const key of keys) out[key] = rows.map((r) => r[key]);
  return out;
}
