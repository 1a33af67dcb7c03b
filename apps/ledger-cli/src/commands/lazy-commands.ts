/*
 * Each command's module (and what it needs: Nest's decorators, the projections, the domain)
 * is loaded only when that command runs, so `ledger --help` and a usage error start in a
 * fraction of the time. The signatures are the commands' own.
 */
type Loader<F> = () => Promise<F>;

function lazy<A extends unknown[], R>(load: Loader<(...args: A) => Promise<R>>) {
  return async (...args: A): Promise<R> => (await load())(...args);
}

export const verifyCommand = lazy(async () => (await import('./verify.command')).verifyCommand);
export const exportCommand = lazy(async () => (await import('./export.command')).exportCommand);
export const replayCommand = lazy(async () => (await import('./replay.command')).replayCommand);
export const rebuildCommand = lazy(async () => (await import('./rebuild.command')).rebuildCommand);
export const checkpointCommand = lazy(
  async () => (await import('./checkpoint.command')).checkpointCommand,
);
export const evidenceCommand = lazy(
  async () => (await import('./evidence.command')).evidenceCommand,
);
export const verifyAgainstCommand = lazy(
  async () => (await import('./verify-against.command')).verifyAgainstCommand,
);

/** The Merkle log and checkpoints of the target (AuditLog.open), loaded with what it needs. */
export async function openAuditLog(
  ...args: Parameters<typeof import('../audit-log').AuditLog.open>
): Promise<import('../audit-log').AuditLog> {
  return (await import('../audit-log')).AuditLog.open(...args);
}

export const importCommand = lazy(async () => (await import('./import.command')).importCommand);

/** The ledger's HTTP application on the data dir, for `import` (loads the whole API). */
export async function openInProcessSender(
  ...args: Parameters<
    typeof import('../import/in-process-command-sender').InProcessCommandSender.open
  >
): Promise<import('../import/command-sender').CommandSender> {
  return (await import('../import/in-process-command-sender')).InProcessCommandSender.open(...args);
}
