import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  OnApplicationShutdown,
} from '@nestjs/common';
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { isStorageFullError, StorageFull } from '@app/event-store';
import { HealthConditions } from './health-conditions';
import { DISK } from './readiness-indicators';

/** What `/health/ready` says while the store cannot write. */
export const DISK_FULL_REASON =
  'the disk of the data dir is full: commands answer 507 until space is freed; reads go on';
/** How often, while full, a small write tries whether space has come back. */
const PROBE_EVERY_MS = 1_000;
/** The probe's size: about what one command writes with its journal. */
const PROBE_BYTES = 64 * 1024;

/**
 * Watches the write path for a full disk: the first write that finds no space marks the
 * ledger not ready (`disk`), and from then on a small file write in the data dir probes every
 * second; once it fits (or a command is stored) the ledger is ready again, without a restart.
 */
@Injectable()
export class StorageWatch implements NestInterceptor, OnApplicationShutdown {
  private probe: NodeJS.Timeout | undefined;

  constructor(
    private readonly conditions: HealthConditions,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.switchToHttp().getRequest<{ method?: string }>().method;
    return next.handle().pipe(
      tap(() => {
        if (method === 'POST' && this.probe) this.spaceReturned();
      }),
      catchError((error: unknown) => {
        if (error instanceof StorageFull || isStorageFullError(error)) this.diskFull();
        return throwError(() => error);
      }),
    );
  }

  onApplicationShutdown(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = undefined;
  }

  private diskFull(): void {
    this.conditions.down(DISK, DISK_FULL_REASON);
    if (this.probe) return;
    this.probe = setInterval(() => void this.tryWrite(), PROBE_EVERY_MS);
    this.probe.unref();
  }

  private spaceReturned(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = undefined;
    this.conditions.up(DISK);
  }

  private async tryWrite(): Promise<void> {
    const file = join(this.config.dataDir, '.space-probe');
    try {
      await writeFile(file, Buffer.alloc(PROBE_BYTES));
      this.spaceReturned();
    } catch {
      // still full
    } finally {
      await unlink(file).catch(() => undefined);
    }
  }
}
