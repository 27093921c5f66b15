// Memory sizes (`8GiB`, `512MiB`) and link speeds (`10Gbps`) of target files, as bytes and bits per second.

const memoryUnits: Readonly<Record<string, number>> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
};

const bandwidthUnits: Readonly<Record<string, number>> = { bps: 1, Kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 };

export type ParsedSize = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** `<number><unit>` with one of `units`; the message lists the units when the text is not one. */
function parseWithUnits(text: string, units: Readonly<Record<string, number>>, example: string, what: string): ParsedSize {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text);
  const unit = match?.[2];
  const factor = unit === undefined ? undefined : units[unit];
  if (match === null || factor === undefined) {
    return { ok: false, message: `'${text}' is not a ${what}: write a number and one of ${Object.keys(units).join(', ')}, e.g. ${example}` };
  }
  const value = Number(match[1]) * factor;
  return value > 0 ? { ok: true, value: Math.round(value) } : { ok: false, message: `a ${what} must be more than 0` };
}

export const parseMemory = (text: string): ParsedSize => parseWithUnits(text, memoryUnits, '8GiB', 'memory size');
export const parseBandwidth = (text: string): ParsedSize => parseWithUnits(text, bandwidthUnits, '10Gbps', 'bandwidth');
