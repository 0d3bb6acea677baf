import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { KEY_ID } from '../../portal-signature';

export class CreateSigningKeyRequestDto {
  @ApiProperty({ example: 'portal-2026-11', description: 'Names the key in the portal’s requests; never reused' })
  @Matches(KEY_ID)
  keyId!: string;
}
