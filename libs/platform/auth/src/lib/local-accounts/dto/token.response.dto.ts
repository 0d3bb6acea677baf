import { ApiProperty } from '@nestjs/swagger';
import { IssuedToken } from '../token-issuer';

export class TokenResponse implements IssuedToken {
  @ApiProperty({
    description: 'EdDSA-signed JWT to send as "Authorization: Bearer <token>"',
  })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({
    description: 'Seconds until the token expires',
    example: 3600,
  })
  expiresIn!: number;
}
