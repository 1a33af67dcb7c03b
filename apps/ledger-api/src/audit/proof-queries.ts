import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const POSITION = /^[1-9][0-9]{0,39}$/;

export class InclusionProofQuery {
  @ApiProperty({ description: "The event's position in the log (a decimal string)", example: '42' })
  @Matches(POSITION, { message: 'position must be the position of an event (a decimal string)' })
  position!: string;

  @ApiPropertyOptional({
    description: 'The tree size to prove inclusion in; default: the latest signed checkpoint',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be a whole number' })
  @Min(1, { message: 'treeSize must be at least 1' })
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({
    description: 'The smaller tree size (e.g. of a checkpoint kept earlier)',
    minimum: 1,
  })
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(1, { message: 'from must be at least 1' })
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiPropertyOptional({
    description: 'The larger tree size; default: the latest signed checkpoint',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'to must be a whole number' })
  @Min(1, { message: 'to must be at least 1' })
  @Max(Number.MAX_SAFE_INTEGER)
  to?: number;
}
