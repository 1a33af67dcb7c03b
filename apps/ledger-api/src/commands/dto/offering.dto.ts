import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsNumber, Max, Min, ValidateNested } from 'class-validator';
import { MAX_NAME, OptionalUuid, Text, TextList, Uuid } from './field-decorators';

/** Warranty: the agreed requirements the offering will meet. */
export class WarrantyDto {
  @ApiProperty({
    description: 'Agreed availability in percent',
    minimum: 0,
    maximum: 100,
    example: 99.9,
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  availabilityTarget!: number;
}

/** A formal description of services for a target consumer group. */
export class OfferingDescriptionDto {
  @Text('Name of the offering', MAX_NAME, 'Managed PostgreSQL')
  name!: string;

  @Text('The consumer group it is for', MAX_NAME, 'product teams')
  targetConsumerGroup!: string;

  @TextList('Goods (ownership transferred to the consumer)', ['database licence'])
  goods!: string[];

  @TextList('Access to resources (ownership stays with the provider)', ['managed cluster'])
  resourceAccess!: string[];

  @TextList('Service actions performed by the provider', ['backups', 'patching'])
  serviceActions!: string[];

  @TextList('Utility: what the service does (fit for purpose)', ['stores relational data'])
  utility!: string[];

  @ApiProperty({ type: WarrantyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => WarrantyDto)
  warranty!: WarrantyDto;
}

export class PublishOfferingDto extends OfferingDescriptionDto {
  @OptionalUuid('Client-chosen id (the create is then idempotent); the server makes one if absent')
  id?: string;

  @Uuid('The provider organization (registered)')
  providerId!: string;
}

/** Replaces the whole description. */
export class ReviseOfferingDto extends OfferingDescriptionDto {}
