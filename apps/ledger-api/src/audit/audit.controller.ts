import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  ChainVerification,
  LedgerExport,
  LOG_CHECKPOINTS,
  LogCheckpoints,
  RelationshipReplay,
  RelationshipReplayAnswer,
  StreamHistory,
  StreamHistoryPage,
  VerificationReport,
} from '@app/ledger';
import { verifierKeyText } from '@app/event-store';
import { Roles } from '../auth/roles.decorator';
import {
  RelationshipReplayAnswerDto,
  StreamHistoryAnswerDto,
  VerificationReportDto,
} from './audit-answers.dto';
import { ApiProblem } from '../errors/api-problem.decorator';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import { LogProofs } from './log-proofs';
import { CheckpointKeeping } from './log-checkpoints.provider';
import {
  CheckpointKeyAnswer,
  ConsistencyProofAnswer,
  InclusionProofAnswer,
} from './proof-answers.dto';
import { ConsistencyProofQuery, InclusionProofQuery } from './proof-queries';
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
    private readonly proofs: LogProofs,
    private readonly keeping: CheckpointKeeping,
    @Inject(LOG_CHECKPOINTS) private readonly checkpoints: LogCheckpoints,
  ) {}

  @Get('streams/:streamId')
  @ApiOperation({
    summary: "A stream's events with metadata and hashes, in order, a page at a time",
  })
  @ApiOkResponse({
    description: 'A page of the stream, in order',
    type: StreamHistoryAnswerDto,
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
  @ApiOkResponse({
    description: 'The replayed state and the events it was folded from',
    type: RelationshipReplayAnswerDto,
  })
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
    description: 'What was checked and every break found',
    type: VerificationReportDto,
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
  @ApiOkResponse({
    description: 'One event per line (NDJSON), streamed; each line an AuditEvent',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
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

  @Get('checkpoint')
  @ApiOperation({
    summary: 'The latest signed checkpoint of the Merkle log (C2SP tlog-checkpoint, signed note)',
    description:
      'Keep it outside the ledger: a later consistency proof from it shows that nothing recorded ' +
      'before it was changed, removed or reordered. A new one is signed when the log has grown, ' +
      'at most every LEDGER_CHECKPOINT_INTERVAL_MS. Format: docs/integrity.md.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: '<origin>\\n<tree size>\\n<base64 root>\\n\\n— <key name> <base64 signature>\\n',
    schema: { type: 'string' },
  })
  @Header('content-type', 'text/plain; charset=utf-8')
  @Header('cache-control', 'no-store')
  async checkpoint(): Promise<string> {
    return (await this.checkpoints.latest()).note;
  }

  @Get('checkpoint/key')
  @ApiOperation({ summary: 'The key that verifies the checkpoints' })
  @ApiOkResponse({ type: CheckpointKeyAnswer })
  checkpointKey(): CheckpointKeyAnswer {
    const { signer, config } = this.keeping;
    return {
      origin: config.logOrigin,
      algorithm: 'ed25519',
      publicKey: signer.publicKey.toString('base64'),
      verifierKey: verifierKeyText(signer),
    };
  }

  @Get('proofs/inclusion')
  @ApiOperation({
    summary: 'An RFC 9162 inclusion proof of the event at a position in the first treeSize events',
  })
  @ApiOkResponse({ type: InclusionProofAnswer })
  @ApiProblem(404, 'No event at that position in the Merkle log')
  async inclusionProof(@Query() query: InclusionProofQuery): Promise<InclusionProofAnswer> {
    return this.proofs.inclusion(query.position, query.treeSize);
  }

  @Get('proofs/consistency')
  @ApiOperation({
    summary:
      'An RFC 9162 consistency proof that the tree of `from` events is a prefix of the tree of `to`',
  })
  @ApiOkResponse({ type: ConsistencyProofAnswer })
  async consistencyProof(@Query() query: ConsistencyProofQuery): Promise<ConsistencyProofAnswer> {
    return this.proofs.consistency(query.from, query.to);
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
