import { Body, Controller, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CommandAnswer, CommandContext } from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { CommandMeta } from './command-context.decorator';
import { CommandRoute } from './command-route.decorator';
import { IdParams } from './dto/common.dto';
import { DeliverOutputDto } from './dto/relationship.dto';

/** Set to `1` to register the benchmark's baseline route (never in production). */
export const BENCH_BASELINE_ENV = 'LEDGER_BENCH_BASELINE_ROUTE';

/**
 * The benchmark's baseline: the same guard, DTO validation, header parsing and answer shape as
 * `POST /v1/relationships/:id/outputs`, without touching the store. `npm run bench:http`
 * compares the real route against it.
 */
@ApiExcludeController()
@Roles('service')
@Controller('v1/bench/relationships')
export class BenchBaselineController {
  private position = 0;

  @CommandRoute({ path: ':id/outputs', summary: 'Benchmark baseline (no store)' })
  deliverOutput(
    @Param() { id }: IdParams,
    @Body() body: DeliverOutputDto,
    @CommandMeta() context: CommandContext,
  ): CommandAnswer {
    this.position += 1;
    return {
      id,
      streamId: `relationship-${id}`,
      revision: body.description.length + (context.expectedRevision ?? 0),
      position: String(this.position),
      outputId: id,
    };
  }
}
