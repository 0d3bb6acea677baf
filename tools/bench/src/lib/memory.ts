import { readFileSync } from 'node:fs';

export interface ServiceMemory {
  /** Largest VmRSS seen while sampling, MB. */
  peakRssMb: number;
  /** Largest VmHWM the kernel reported (the process's own peak, reset when it restarts), MB. */
  peakHwmMb: number;
}

const kbOf = (status: string, field: string): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
};

/**
 * Samples each service's /proc/<pid>/status (VmRSS, VmHWM) every `intervalMs`, keeping the peaks per
 * service for the scenario under way and over the whole run. A restarted service is followed by its new pid.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  private scenario = 'setup';
  readonly byScenario = new Map<string, Map<string, ServiceMemory>>();

  constructor(
    private readonly pids: () => Record<string, number | undefined>,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Samples from now on count toward this scenario. */
  enter(scenario: string): void {
    this.sample();
    this.scenario = scenario;
    this.sample();
  }

  sample(): void {
    for (const [service, pid] of Object.entries(this.pids())) {
      if (!pid) continue;
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue; // stopped between two samples
      }
      const rss = kbOf(status, 'VmRSS') / 1024;
      const hwm = kbOf(status, 'VmHWM') / 1024;
      const perService = this.byScenario.get(this.scenario) ?? new Map<string, ServiceMemory>();
      this.byScenario.set(this.scenario, perService);
      const seen = perService.get(service) ?? { peakRssMb: 0, peakHwmMb: 0 };
      perService.set(service, { peakRssMb: Math.max(seen.peakRssMb, rss), peakHwmMb: Math.max(seen.peakHwmMb, hwm) });
    }
  }

  /** Per service, the largest RSS sampled in any scenario and the scenario it was in. */
  peaks(): Map<string, { rssMb: number; hwmMb: number; scenario: string }> {
    const result = new Map<string, { rssMb: number; hwmMb: number; scenario: string }>();
    for (const [scenario, perService] of this.byScenario) {
      for (const [service, m] of perService) {
        const seen = result.get(service);
        if (!seen || m.peakRssMb > seen.rssMb)
          result.set(service, { rssMb: m.peakRssMb, hwmMb: Math.max(m.peakHwmMb, seen?.hwmMb ?? 0), scenario });
        else seen.hwmMb = Math.max(seen.hwmMb, m.peakHwmMb);
      }
    }
    return result;
  }
}
