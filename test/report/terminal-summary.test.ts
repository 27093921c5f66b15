// The terminal summary tells the same story as the other reports: verdict, key timings against their
// windows with by how much a miss missed, and every expectation that did not pass.
import { describe, expect, it } from 'vitest';
import { renderTerminalSummary } from '../../src/report/terminal-summary.js';
import { loadJournal } from '../fixtures/journals/index.js';

describe('renderTerminalSummary', () => {
  it('shows the failed drain, how late it was, and the skipped clear with its own mark', () => {
    const text = renderTerminalSummary(loadJournal('failing'), { color: false });
    expect(text.split('\n')[0]).toMatch(/^FAILED quarantine-drain-clear on simulated-slow-migration .*\(exit 1\)$/);
    expect(text).toContain('12 passed, 1 failed, 0 inconclusive, 1 skipped');
    expect(text).toMatch(/✗ time to drain +reached after 12m07\.2s, 2m07\.2s late; window within 10m/);
    expect(text).toMatch(/– time to clear +skipped: step 3 failed/);
    expect(text).toMatch(/✓ time to isolation +reached after 10s/);
    expect(text).not.toContain('\x1b[');
  });

  it('colours marks only when asked', () => {
    const text = renderTerminalSummary(loadJournal('failing'), { color: true });
    expect(text).toContain('\x1b[31mFAILED\x1b[0m');
    expect(text).toContain('\x1b[31m✗\x1b[0m time to drain');
  });

  it('lists inconclusive expectations of an aborted run with a question mark', () => {
    const text = renderTerminalSummary(loadJournal('aborted'), { color: false });
    expect(text.split('\n')[0]).toMatch(/^ABORTED csv-storage-loss .*\(exit 3\)$/);
    expect(text.match(/^ {4}\? /gm)).toHaveLength(3);
  });

  it('passes quietly', () => {
    const text = renderTerminalSummary(loadJournal('passing'), { color: false });
    expect(text).toContain('14 passed, 0 failed, 0 inconclusive, 0 skipped');
    expect(text).not.toMatch(/[✗?]/);
  });
});
