/**
 * Waits for `condition` while a load of concurrent clients runs; fails with the load's error if
 * it fails first, or after `timeoutMs`.
 */
export async function untilDuring(
  condition: () => boolean,
  load: Promise<unknown>,
  timeoutMs = 60_000,
): Promise<void> {
  let failure: Error | undefined;
  load.catch(
    (error: unknown) => (failure = error instanceof Error ? error : new Error(String(error))),
  );
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (failure !== undefined) throw failure;
    if (Date.now() > deadline) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls an asynchronous `condition` until it holds; fails after `timeoutMs`. */
export async function untilAsync(
  condition: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
