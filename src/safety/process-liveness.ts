// Whether a process id still names a live process on this host: a lock or a run whose process died is
// stale. Signal 0 checks existence without touching the process; EPERM means it exists (another user).
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
