import { Injectable } from '@nestjs/common';
import { argon2id, hash, verify } from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes), which meet OWASP's minimum. */
@Injectable()
export class PasswordHasher {
  // Verified against when the username is unknown, so a miss costs as long as a wrong password.
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, { type: argon2id });
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A hash argon2 cannot read matches nothing.
      return false;
    }
  }

  /** Spends the same effort as {@link verify} and always answers no. */
  async verifyNothing(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy password that no account has');
    await this.verify(await this.decoy, password);
    return false;
  }
}
