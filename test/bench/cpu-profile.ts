import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** A CPU profile being taken of this process; `stop()` writes it, readable as `--cpu-prof`'s. */
export interface CpuProfile {
  stop(): Promise<void>;
}

/**
 * Starts a CPU profile of part of a bench (a window, one timed command) that `stop()` writes to
 * `file`; with no file, profiles nothing. Sampling every `intervalUs` microseconds.
 */
export async function startCpuProfile(
  file: string | undefined,
  intervalUs = 100,
): Promise<CpuProfile> {
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: intervalUs });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
