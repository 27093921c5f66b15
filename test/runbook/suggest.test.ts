import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearest, unknownName } from '../../src/runbook/suggest.js';

describe('suggestions for misspelt names', () => {
  it('measures edit distance', () => {
    expect(editDistance('whithin', 'within')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests the one close name, ignoring case', () => {
    expect(nearest('whithin', ['within', 'between', 'for'])).toBe('within');
    expect(nearest('isolated', ['Isolated', 'Quarantined'])).toBe('Isolated');
    expect(didYouMean('observ', ['observe', 'settle'])).toBe(", did you mean 'observe'?");
  });

  it('suggests nothing when several are as close, or none is close', () => {
    expect(nearest('HV05', ['HV01', 'HV02', 'HV03'])).toBeUndefined();
    expect(nearest('banana', ['within', 'between'])).toBeUndefined();
  });

  it('suggests the only name that contains a shortened one', () => {
    expect(nearest('partition', ['partition-node', 'fail-nic'])).toBe('partition-node');
    expect(nearest('node', ['drain-node', 'resume-node'])).toBeUndefined();
  });

  it('lists short candidate lists when nothing is close', () => {
    expect(unknownName('driver', 'docker', ['simulated', 'powershell'])).toBe("unknown driver 'docker' (one of simulated, powershell)");
    expect(unknownName('VM', 'x', Array.from({ length: 20 }, (_, i) => `VM${i}`))).toBe("unknown VM 'x'");
  });
});
