import { cpus, freemem, loadavg, release, totalmem } from 'node:os';

/** What the figures came from: they mean little without it. */
export function machineInfo(chromiumVersion: string | null): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGb: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
  };
}
