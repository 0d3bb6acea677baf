import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, Repository } from 'typeorm';
import { Role } from '@hailong/contracts';
import { usernameTaken } from '../http-errors';
import { normalizeUsername } from './account-rules';
import { PasswordHasher } from './password-hasher';
import { StaffAccount } from './staff-account.entity';

export interface NewStaffAccount {
  username: string;
  password: string;
  displayName: string;
  roles: readonly Role[];
  unitId: string | null;
}

const UNIQUE_VIOLATION = '23505';

/** Stores local accounts and checks their credentials. */
@Injectable()
export class LocalAccountsService {
  constructor(
    @InjectRepository(StaffAccount)
    private readonly accounts: Repository<StaffAccount>,
    private readonly hasher: PasswordHasher,
  ) {}

  /** The account these credentials open, or null; a disabled account opens nothing. */
  async authenticate(
    username: string,
    password: string,
  ): Promise<StaffAccount | null> {
    const account = await this.accounts.findOneBy({
      username: normalizeUsername(username),
    });
    if (!account) {
      await this.hasher.verifyNothing(password);
      return null;
    }
    const matches = await this.hasher.verify(account.passwordHash, password);
    return matches && !account.disabled ? account : null;
  }

  /** @throws ConflictException (409) when the username is taken. */
  async create(input: NewStaffAccount): Promise<StaffAccount> {
    const account = await this.newAccount(input);
    try {
      await this.accounts.insert(account);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw usernameTaken(account.username);
      }
      throw error;
    }
    return account;
  }

  /**
   * Creates the account unless its username exists, and says whether it did. The insert ignores
   * conflicts so two processes starting together cannot both create it or fail on each other.
   */
  async createIfAbsent(input: NewStaffAccount): Promise<boolean> {
    if (
      await this.accounts.existsBy({
        username: normalizeUsername(input.username),
      })
    ) {
      return false;
    }
    const account = await this.newAccount(input);
    const result = await this.accounts
      .createQueryBuilder()
      .insert()
      .values(account)
      .orIgnore()
      .returning(['id'])
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  private async newAccount(input: NewStaffAccount): Promise<StaffAccount> {
    return this.accounts.create({
      id: randomUUID(),
      username: normalizeUsername(input.username),
      displayName: input.displayName,
      passwordHash: await this.hasher.hash(input.password),
      roles: [...new Set(input.roles)],
      unitId: input.unitId,
      disabled: false,
    });
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code ===
      UNIQUE_VIOLATION
  );
}
