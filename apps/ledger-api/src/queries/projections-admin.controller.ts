import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFound } from '@app/domain';
import { ProjectionReport, ProjectionRuntime, RebuildProgress } from '@app/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiProblem } from '../errors/api-problem.decorator';
import { ProjectionListAnswerDto, RebuildAnswerDto } from './projection-answers.dto';

/** Operators watch and rebuild projections. */
@ApiTags('operations')
@Roles('admin')
@Controller('v1/admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly projections: ProjectionRuntime) {}

  @Get()
  @ApiOperation({
    summary: "Each projection's checkpoint, lag in events, status and rebuild progress",
  })
  @ApiOkResponse({ description: 'Every projection', type: ProjectionListAnswerDto })
  async list(): Promise<{ projections: ProjectionReport[] }> {
    return { projections: await this.projections.reports() };
  }

  @Post(':name/rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Rebuild one projection from the start, aside; queries answer from the current copy until the new one has caught up and is swapped in',
  })
  @ApiAcceptedResponse({
    description: 'Rebuild started (or already running): its progress',
    type: RebuildAnswerDto,
  })
  @ApiProblem(404, 'No such projection')
  rebuild(@Param('name') name: string): { name: string; rebuild: RebuildProgress } {
    if (!this.projections.has(name)) throw new NotFound('projection', name);
    return { name, rebuild: this.projections.rebuild(name) };
  }
}
