import { ApiProperty } from '@nestjs/swagger';

export class CheckpointKeyAnswer {
  @ApiProperty({
    description: "The checkpoint origin (the log's name)",
    example: 'localhost/service-relationship-ledger',
  })
  origin!: string;

  @ApiProperty({ enum: ['ed25519'] })
  algorithm!: 'ed25519';

  @ApiProperty({ description: 'Base64 of the 32-byte Ed25519 public key' })
  publicKey!: string;

  @ApiProperty({
    description: 'The C2SP note verifier key: <name>+<key hash>+<base64(0x01 ‖ public key)>',
  })
  verifierKey!: string;
}

export class InclusionProofAnswer {
  @ApiProperty({ description: "The event's leaf index (0 is the first event of the log)" })
  leafIndex!: number;

  @ApiProperty({ description: 'The tree size the proof is for' })
  treeSize!: number;

  @ApiProperty({ description: "Base64 of SHA-256(0x00 ‖ the event's 32-byte hash)" })
  leafHash!: string;

  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.3 audit path, base64, leaf first' })
  hashes!: string[];
}

export class ConsistencyProofAnswer {
  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.4 consistency proof, base64' })
  hashes!: string[];
}
