// A small seeded PRNG (mulberry32) whose whole state is one number, so the simulator stays
// deterministic for a seed and its state can be exported as plain data.

/** Advances the generator state and returns [next state, a float in [0, 1)]. */
export function nextRandom(state: number): [number, number] {
  const s = (state + 0x6d2b79f5) >>> 0;
  let t = s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return [s, value];
}

/** Initial generator state for a seed (any finite number; fractional parts are folded in). */
export function seedState(seed: number): number {
  return (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
}
