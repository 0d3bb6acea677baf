/**
 * Named crash points for the fault tests: with HAILONG_FAULT=<point> the process kills itself with
 * SIGKILL at that point, exactly as a power cut would, so recovery is tested on the real code path.
 */
export type FaultPoint = 'relay-after-send' | 'consumer-after-commit';

export function crashIfFaultInjected(point: FaultPoint): void {
  if (process.env['HAILONG_FAULT'] === point) {
    process.kill(process.pid, 'SIGKILL');
  }
}
