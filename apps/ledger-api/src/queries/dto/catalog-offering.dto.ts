import { ApiProperty } from '@nestjs/swagger';
import { WarrantyDto, WarrantyRevisionDto } from './service-level.dto';

/** An offering of the service catalog with the warranty in force. */
export class CatalogOfferingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ type: String, nullable: true }) providerName!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() targetConsumerGroup!: string;
  @ApiProperty({ type: [String] }) goods!: string[];
  @ApiProperty({ type: [String] }) resourceAccess!: string[];
  @ApiProperty({ type: [String] }) serviceActions!: string[];
  @ApiProperty({ type: [String] }) utility!: string[];
  @ApiProperty({
    type: WarrantyDto,
    description: 'In force now: the revision with the latest effectiveFrom at or before now',
  })
  warranty!: WarrantyDto;
  @ApiProperty({ type: [WarrantyRevisionDto], description: 'Every warranty stated, in order' })
  warranties!: WarrantyRevisionDto[];
  @ApiProperty({ enum: ['published', 'retired'] }) status!: 'published' | 'retired';
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revisedAt!: string | null;
  @ApiProperty() revisions!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) retirementReason!: string | null;
}

export class CatalogPageDto {
  @ApiProperty({ type: [CatalogOfferingDto] }) items!: CatalogOfferingDto[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
