import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One field of a request body that failed validation. */
export class FieldProblem {
  @ApiProperty({ example: 'warranty.availabilityTarget' })
  field!: string;

  @ApiProperty({ type: [String], example: ['availabilityTarget must not be greater than 100'] })
  messages!: string[];
}

/** RFC 9457 problem details, served as `application/problem+json` for every error. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:ledger:problem:rule-violated' })
  type!: string;

  @ApiProperty({ example: 'Domain rule violated' })
  title!: string;

  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({ example: 'relationship 3f0c… has ended' })
  detail!: string;

  @ApiProperty({ example: '/v1/relationships/3f0c…/outputs' })
  instance!: string;

  @ApiPropertyOptional({ description: 'Stable code of the broken rule (409 only)' })
  rule?: string;

  @ApiPropertyOptional({ type: [FieldProblem], description: 'Fields that failed (400 only)' })
  errors?: FieldProblem[];
}
