// Colours of the HTML report: the Okabe-Ito palette, distinguishable with every common colour-vision
// deficiency; verdicts also differ by shape (check, cross, question mark) so colour is never the only cue.
import type { ExpectationVerdict } from '../../engine/journal.js';
import type { LaneState, MarkerKind } from '../timeline.js';

export const laneColour: Readonly<Record<LaneState, string>> = {
  Up: '#cde8da',
  Isolated: '#E69F00',
  Down: '#3d3d3d',
  Quarantined: '#CC79A7',
  Joining: '#56B4E9',
  Paused: '#F0E442',
  Unknown: '#b8b8b8',
};

/** What each lane colour means, for the legend. */
export const laneMeaning: Readonly<Record<LaneState, string>> = {
  Up: 'Up and Normal',
  Isolated: 'Isolated (out of membership, VMs unmonitored)',
  Down: 'Down',
  Quarantined: 'Quarantined (draining or drained)',
  Joining: 'Joining',
  Paused: 'Paused (drained by an operator)',
  Unknown: 'Unknown (cannot be queried)',
};

export const verdictColour: Readonly<Record<ExpectationVerdict, string>> = {
  pass: '#009E73',
  fail: '#D55E00',
  inconclusive: '#6f6f6f',
  skipped: '#a8a8a8',
};

export const verdictSymbol: Readonly<Record<ExpectationVerdict, string>> = {
  pass: '✓',
  fail: '✗',
  inconclusive: '?',
  skipped: '–',
};

export const windowColour = '#0072B2';
export const vmCountColour = '#0072B2';

export const markerColour: Readonly<Record<MarkerKind, string>> = {
  inject: '#111111',
  action: '#0072B2',
  undo: '#6f6f6f',
  abort: '#D55E00',
  error: '#D55E00',
};
