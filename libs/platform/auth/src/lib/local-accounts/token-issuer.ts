import { Inject, Injectable } from '@nestjs/common';
import { AUTH_SETTINGS } from '../auth.constants';
import { AUTH_ENV, AuthConfigError } from '../config/auth.config';
import { AuthSettings, SigningKey } from '../config/auth-settings';
import { Ed25519PublicJwk } from '../tokens/signing-keys';
import { signAccessToken } from '../tokens/token-signing';
import { StaffAccount } from './staff-account.entity';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

export interface PublishedJwk extends Ed25519PublicJwk {
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

/** Signs access tokens for local accounts and publishes the matching public key. */
@Injectable()
export class TokenIssuer {
  private readonly key: SigningKey;

  constructor(@Inject(AUTH_SETTINGS) private readonly settings: AuthSettings) {
    if (!settings.signing) {
      throw new AuthConfigError(
        `The local issuer needs ${AUTH_ENV.signingKeyPem} (an Ed25519 private key, PKCS8 PEM)`,
      );
    }
    this.key = settings.signing;
  }

  async issue(account: StaffAccount): Promise<IssuedToken> {
    const expiresIn = this.settings.tokenTtlSeconds;
    const accessToken = await signAccessToken(
      this.key.privateKey,
      {
        sub: account.id,
        roles: account.roles,
        unitId: account.unitId,
        name: account.displayName,
      },
      {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        expiresInSeconds: expiresIn,
        kid: this.key.kid,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  jwks(): { keys: PublishedJwk[] } {
    return {
      keys: [
        { ...this.key.publicJwk, kid: this.key.kid, use: 'sig', alg: 'EdDSA' },
      ],
    };
  }
}
