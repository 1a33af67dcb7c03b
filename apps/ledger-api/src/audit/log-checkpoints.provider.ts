import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Provider,
} from '@nestjs/common';
import { openCheckpointStore } from '@app/composition';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import {
  CheckpointStore,
  MERKLE_LOG,
  MerkleLog,
  NoteSigner,
  resolveSigningKey,
  verifierKeyText,
} from '@app/event-store';
import { LOG_CHECKPOINTS, LogCheckpoints, systemClock } from '@app/ledger';

/** The signer and the kept checkpoints, opened once per process. */
export class CheckpointKeeping {
  readonly store: CheckpointStore;
  readonly signer: NoteSigner;
  readonly keySource: string;

  constructor(readonly config: LedgerConfig) {
    this.store = openCheckpointStore(config.dataDir);
    const resolved = resolveSigningKey({
      configuredKey: config.signingKey,
      dataDir: config.dataDir,
      keyName: config.logOrigin,
      create: true,
    });
    if (resolved === undefined) throw new Error('no checkpoint signing key');
    this.signer = resolved.signer;
    this.keySource = resolved.source;
  }
}

/**
 * Says the verifier key at start, signs a checkpoint whenever the log has grown, at most once
 * per LEDGER_CHECKPOINT_INTERVAL_MS (0: only when one is asked for), and closes the store.
 */
@Injectable()
export class CheckpointSchedule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keeping: CheckpointKeeping,
    @Inject(LOG_CHECKPOINTS) private readonly checkpoints: LogCheckpoints,
  ) {}

  onApplicationBootstrap(): void {
    const { config, signer, keySource } = this.keeping;
    const where =
      keySource === 'configured' ? 'LEDGER_SIGNING_KEY' : 'the data dir (checkpoint-signing.key)';
    this.logger.log(
      `checkpoints of ${config.logOrigin} are signed with the key from ${where}; ` +
        `verifier key: ${verifierKeyText(signer)}`,
    );
    if (config.checkpointIntervalMs > 0) {
      this.timer = setInterval(() => void this.signIfGrown(), config.checkpointIntervalMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.keeping.store.close();
  }

  private async signIfGrown(): Promise<void> {
    try {
      await this.checkpoints.signIfGrown();
    } catch (error) {
      this.logger.error(`signing a checkpoint failed: ${String(error)}`);
    }
  }
}

export const LOG_CHECKPOINT_PROVIDERS: Provider[] = [
  {
    provide: CheckpointKeeping,
    useFactory: (config: LedgerConfig) => new CheckpointKeeping(config),
    inject: [LEDGER_CONFIG],
  },
  {
    provide: LOG_CHECKPOINTS,
    useFactory: (keeping: CheckpointKeeping, merkle: MerkleLog) =>
      new LogCheckpoints(
        merkle,
        keeping.store,
        keeping.signer,
        keeping.config.logOrigin,
        keeping.config.checkpointIntervalMs,
        systemClock,
      ),
    inject: [CheckpointKeeping, MERKLE_LOG],
  },
  CheckpointSchedule,
];
