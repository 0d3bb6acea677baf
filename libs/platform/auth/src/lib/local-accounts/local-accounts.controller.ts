import { Body, Controller, Get, Header, HttpCode, HttpStatus, Inject, Logger, Optional, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, Roles } from '@hailong/contracts';
import { CurrentActor } from '../guard/current-actor.decorator';
import { Public } from '../guard/public.decorator';
import { AllowRoles } from '../guard/roles.decorator';
import { ACCOUNT_UNITS, AccountUnits } from '../auth.constants';
import { accountUnitRefused, invalidCredentials } from '../http-errors';
import { Actor } from '../tokens/actor';
import { CreateAccountRequest } from './dto/create-account.request.dto';
import { CreatedAccountResponse } from './dto/created-account.response.dto';
import { TokenRequest } from './dto/token.request.dto';
import { TokenResponse } from './dto/token.response.dto';
import { LocalAccountsService } from './local-accounts.service';
import { requestBodyValidation } from './request-validation.pipe';
import { TokenIssuer } from './token-issuer';

@ApiTags('auth')
@Controller('auth')
export class LocalAccountsController {
  private readonly logger = new Logger(LocalAccountsController.name);

  constructor(
    private readonly accounts: LocalAccountsService,
    private readonly issuer: TokenIssuer,
    @Optional()
    @Inject(ACCOUNT_UNITS)
    private readonly units: AccountUnits | null = null,
  ) {}

  /** Exchanges a username and password for an access token. */
  @Public()
  @Post('token')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  async token(@Body(requestBodyValidation) body: TokenRequest): Promise<TokenResponse> {
    const account = await this.accounts.authenticate(body.username, body.password);
    if (!account) {
      throw invalidCredentials();
    }
    return this.issuer.issue(account);
  }

  @AllowRoles(Roles.admin)
  @Post('accounts')
  async createAccount(
    @Body(requestBodyValidation) body: CreateAccountRequest,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedAccountResponse> {
    const status = body.unitId && this.units ? await this.units.statusToday(body.unitId) : 'current';
    if (body.unitId && status !== 'current') throw accountUnitRefused(body.unitId, status);
    const account = await this.accounts.create({
      username: body.username,
      password: body.password,
      displayName: body.displayName,
      roles: body.roles,
      unitId: body.unitId ?? null,
    });
    this.logger.log(`Account "${account.username}" (${account.id}) created by ${actor.id}`);
    return {
      id: account.id,
      username: account.username,
      roles: account.roles,
      unitId: account.unitId,
    };
  }

  /** Who the token says the caller is. */
  @AllowRoles(...ALL_ROLES)
  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
