export const COUNTER_SETTINGS = Symbol('COUNTER_SETTINGS');

export interface CounterSettings {
  /** Where the citizen form lives; the token goes in the fragment, which browsers never send to a server or its logs. */
  readonly formUrl: string;
  readonly defaultValidMinutes: number;
  readonly windowSeconds: number;
  readonly perAddress: number;
  readonly perToken: number;
  /** Proxies in front of intake whose X-Forwarded-For entries are trusted (0: the socket's address). */
  readonly trustedProxyHops: number;
}

const whole = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) => {
  const raw = env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  return value;
};

/** Read once at start-up; a bad value stops the service. */
export function counterSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CounterSettings {
  const formUrl = env['COUNTER_FORM_URL'] ?? 'http://127.0.0.1:4200/counter';
  if (!/^https?:\/\/[^\s#]+$/.test(formUrl)) throw new Error(`COUNTER_FORM_URL must be an http(s) URL without a fragment, got ${formUrl}`);
  return {
    formUrl,
    defaultValidMinutes: whole(env, 'COUNTER_TOKEN_VALID_MINUTES', 72 * 60, 1, 30 * 24 * 60),
    windowSeconds: whole(env, 'COUNTER_RATE_WINDOW_SECONDS', 60, 1, 3600),
    perAddress: whole(env, 'COUNTER_RATE_PER_ADDRESS', 60, 1, 100_000),
    perToken: whole(env, 'COUNTER_RATE_PER_TOKEN', 10, 1, 10_000),
    trustedProxyHops: whole(env, 'INTAKE_TRUSTED_PROXY_HOPS', 0, 0, 10),
  };
}
