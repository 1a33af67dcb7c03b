import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@app/config';
import type { ApiRole } from '../auth/api-role';

/** Who the caller is: what the dashboard needs to choose its pages. */
export class MeDto {
  @ApiProperty({ description: "The API key's name (anonymous when the ledger runs open)" })
  name!: string;

  @ApiProperty({ enum: ROLES, description: 'The role of the key (admin when open)' })
  role!: ApiRole;

  @ApiProperty({
    description: 'What events record as actor for this caller',
    example: 'ci-team:analyst',
  })
  actor!: string;

  @ApiProperty({ description: 'True when no keys are configured (the ledger runs open)' })
  open!: boolean;
}
