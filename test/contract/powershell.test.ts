// The target contract on the PowerShell target, end to end through the fake pwsh (which speaks the
// agent's protocol backed by the simulator). Run time is virtual: each request carries the run clock's
// time and the fake advances its simulator to it.
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { fakeTarget } from '../targets/powershell/fake-pwsh.js';
import { describeTargetContract, type ContractHarness } from './target-contract.js';

const throughFakePwsh = async (): Promise<ContractHarness> => {
  const clock = new VirtualClock();
  const target = fakeTarget(clock);
  return { target, pass: async (ms) => clock.advanceTo(clock.now() + ms) };
};

describeTargetContract('powershell (through the fake pwsh, default simulated cluster)', throughFakePwsh);
