import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
import { COUNTER_SETTINGS, CounterSettings } from './counter-config';
import { RateLimiter } from './rate-limiter';
import { tokenHash } from './visit-token-store';

export const VISIT_TOKEN_HEADER = 'x-visit-token';

/**
 * The caller's address: the socket's, or — behind `hops` trusted proxies — the X-Forwarded-For entry
 * the outermost trusted proxy saw (entries further left can be written by anyone).
 */
export function clientAddress(request: Request, hops: number): string {
  const socket = request.socket.remoteAddress ?? 'unknown';
  if (hops === 0) return socket;
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? forwarded[0] ?? socket;
}

/** The public citizen endpoints: so many calls per address and per token in each window, across every intake process. */
@Injectable()
export class CitizenRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(COUNTER_SETTINGS) private readonly settings: CounterSettings,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const token = request.headers[VISIT_TOKEN_HEADER];
    const buckets = [{ key: `address:${clientAddress(request, this.settings.trustedProxyHops)}`, limit: this.settings.perAddress }];
    // The token's hash, never the token: the counters are as harmless to read as the token table.
    if (typeof token === 'string' && token) buckets.push({ key: `token:${tokenHash(token)}`, limit: this.settings.perToken });
    const over = await this.limiter.hit(buckets, this.settings.windowSeconds);
    if (!over) return true;
    const field = over.key.startsWith('token:') ? VISIT_TOKEN_HEADER : 'address';
    context.switchToHttp().getResponse<Response>().setHeader('retry-after', String(over.retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `too many requests from this ${field === 'address' ? 'address' : 'visit token'}: try again in ${over.retryAfterSeconds} s`,
        messageVi: `quá nhiều yêu cầu từ ${field === 'address' ? 'địa chỉ' : 'mã lượt giao dịch'} này: thử lại sau ${over.retryAfterSeconds} giây`,
        errors: [{ field, reason: 'rate limit reached', reasonVi: 'vượt giới hạn tần suất' }],
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
