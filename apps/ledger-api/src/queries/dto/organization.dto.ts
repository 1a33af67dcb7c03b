import { ApiProperty } from '@nestjs/swagger';
import { PartyDto } from './relationship-summary.dto';

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationDto] }) items!: OrganizationDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** One relationship seen from one of its parties. */
export class RelationshipOfOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: PartyDto, description: 'The other party' }) counterparty!: PartyDto;
  @ApiProperty({ enum: ['active', 'ended'] }) status!: 'active' | 'ended';
  @ApiProperty({ type: [String] }) offerings!: string[];
  @ApiProperty() breaches!: number;
  @ApiProperty({ type: Number, nullable: true }) averageValueScore!: number | null;
  @ApiProperty({ format: 'date-time' }) establishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
}

export class OrganizationRelationshipsDto {
  @ApiProperty({ description: 'All of them' }) total!: number;
  @ApiProperty({
    type: [RelationshipOfOrganizationDto],
    description: 'The most recently established, up to 200 (page the rest with /v1/relationships)',
  })
  items!: RelationshipOfOrganizationDto[];
}

export class OrganizationDetailDto extends OrganizationDto {
  @ApiProperty({ type: OrganizationRelationshipsDto }) asProvider!: OrganizationRelationshipsDto;
  @ApiProperty({ type: OrganizationRelationshipsDto }) asConsumer!: OrganizationRelationshipsDto;
}
