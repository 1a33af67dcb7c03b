import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsUUID } from 'class-validator';
import { OptionalText } from './field-decorators';

/** `:id` of a command route. */
export class IdParams {
  @ApiProperty({ description: 'The aggregate id', format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** Body of commands that only may say why (retire, end, reject). */
export class ReasonDto {
  @OptionalText('Why, in a sentence')
  reason?: string | null;
}

/** Body of commands that carry nothing (approve, implement): `{}` or no body. */
export class EmptyDto {
  // class-validator refuses a class without any rule (forbidUnknownValues); this rule only
  // makes the class known, so every property sent is refused as not whitelisted.
  @Equals(undefined)
  readonly none?: undefined;
}

/** What every accepted command answers; `ETag` carries the same revision. */
export class CommandAnswerDto {
  @ApiProperty({ format: 'uuid', description: 'The aggregate id' })
  id!: string;

  @ApiProperty({ example: 'relationship-3f0c6c1e-…', description: '`<category>-<id>`' })
  streamId!: string;

  @ApiProperty({ example: 4, description: "The stream's 0-based revision after the append" })
  revision!: number;

  @ApiProperty({ example: '1287', description: 'Global position of the last appended event' })
  position!: string;
}

export class OutputAnswerDto extends CommandAnswerDto {
  @ApiProperty({ format: 'uuid' })
  outputId!: string;
}

/** Commands that create an entity inside a relationship answer its id under its own name. */
export class EntityAnswerDto extends CommandAnswerDto {
  @ApiPropertyOptional({ format: 'uuid' }) stakeholderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) consumptionId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) outcomeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) costId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) riskId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) measurementId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) reviewId?: string;
}
