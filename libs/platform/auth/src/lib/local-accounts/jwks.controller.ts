import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../guard/public.decorator';
import { PublishedJwk, TokenIssuer } from './token-issuer';

/** Where the other services (AUTH_JWKS_URL) fetch the key that verifies local tokens. */
@ApiTags('auth')
@Controller('.well-known')
export class JwksController {
  constructor(private readonly issuer: TokenIssuer) {}

  @Public()
  @Get('jwks.json')
  // Verifiers cache keys anyway; a short max-age keeps a key rotation quick to propagate.
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): { keys: PublishedJwk[] } {
    return this.issuer.jwks();
  }
}
