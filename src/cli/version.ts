// The version of drill, read once from package.json (recorded in every journal).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const drillVersion: string = pkg.version;
