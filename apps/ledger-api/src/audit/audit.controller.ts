import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  ChainVerification,
  LedgerExport,
  RelationshipReplay,
  RelationshipReplayAnswer,
  StreamHistory,
  StreamHistoryPage,
  VerificationReport,
} from '@app/ledger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblem } from '../errors/api-problem.decorator';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import {
  ExportQuery,
  RelationshipStateQuery,
  StreamHistoryQuery,
  VerifyQuery,
} from './audit-queries';

export interface StreamHistoryAnswer extends StreamHistoryPage {
  /** Link to the next page, or null on the last one. */
  next: string | null;
}

/** The auditor's view of the log: history, replay, verification and export, straight from the store. */
@ApiTags('audit')
@Roles('auditor')
@ApiProblem(400, 'A parameter fails validation')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly history: StreamHistory,
    private readonly replay: RelationshipReplay,
    private readonly verification: ChainVerification,
    private readonly ledgerExport: LedgerExport,
  ) {}

  @Get('streams/:streamId')
  @ApiOperation({
    summary: "A stream's events with metadata and hashes, in order, a page at a time",
  })
  @ApiOkResponse({
    description: '{streamId, events, nextRevision, next}: a page of the stream, in order',
  })
  @ApiProblem(404, 'No such stream')
  async stream(
    @Param('streamId') streamId: string,
    @Query() query: StreamHistoryQuery,
  ): Promise<StreamHistoryAnswer> {
    const page = await this.history.page(streamId, query.fromRevision, query.limit);
    const next =
      page.nextRevision === null
        ? null
        : `/v1/audit/streams/${encodeURIComponent(streamId)}?fromRevision=${page.nextRevision}` +
          (query.limit === undefined ? '' : `&limit=${query.limit}`);
    return { ...page, next };
  }

  @Get('relationships/:id/state')
  @ApiOperation({
    summary: "A relationship's state replayed from its events up to asOf or revision",
    description:
      'Folds the stream in order with the domain evolve and stops at the first event recorded ' +
      'after asOf (inclusive of asOf), or after the given revision; answers the events it used.',
  })
  @ApiOkResponse({ description: 'The replayed state and the events it was folded from' })
  @ApiProblem(404, 'No such relationship or revision')
  async relationshipState(
    @Param('id') id: string,
    @Query() query: RelationshipStateQuery,
  ): Promise<RelationshipReplayAnswer> {
    if (query.asOf !== undefined && query.revision !== undefined) {
      throw new RequestValidationFailed([
        { field: 'revision', messages: ['give asOf or revision, not both'] },
      ]);
    }
    return this.replay.replay(id, { asOf: query.asOf, revision: query.revision });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the hash chains of one stream or the whole log' })
  @ApiOkResponse({
    description:
      '{valid, eventsChecked, streamsChecked, failures:[{streamId, revision, reason, detail}], failuresTruncated}',
  })
  @ApiProblem(404, 'No such stream (with streamId)')
  async verify(@Query() query: VerifyQuery): Promise<VerificationReport> {
    return this.verification.verify({ streamId: query.streamId });
  }

  @Get('export')
  @ApiOperation({
    summary: 'Every event after fromPosition (exclusive) as NDJSON, streamed',
    description:
      'One event per line, in log order, in the shape of the stream history. Check it with ' +
      'docs/verify-export.mjs; the encoding is in docs/integrity.md.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'One event per line (NDJSON), streamed' })
  async exportLog(@Query() query: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    // The first page is read before the answer starts, so a refused fromPosition (or a store
    // that cannot read) is still a problem answer rather than a 200 cut short.
    const lines = this.ledgerExport.ndjson({ fromPosition: query.fromPosition });
    const first = await lines.next();
    // Readable.from pulls the next chunk only when the socket has taken the last one, so a
    // slow client slows the reads instead of filling memory.
    const body = Readable.from(withFirst(first, lines), { objectMode: false });
    void reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  }
}

/** The lines again, starting with the one already taken. */
async function* withFirst(
  first: IteratorResult<string, void>,
  rest: AsyncGenerator<string, void, undefined>,
): AsyncGenerator<string, void, undefined> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}
