import { gatewayConfigFromEnv } from './config';

describe('gatewayConfigFromEnv', () => {
  it('defaults to the local platform: port 3100, the four services on 3101–3104, the web build under dist/', () => {
    const config = gatewayConfigFromEnv({}, '/repo');
    expect(config.port).toBe(3100);
    expect(config.host).toBe('127.0.0.1');
    expect(config.webRoot).toBe('/repo/dist/apps/web');
    expect(config.upstreams.map((u) => [u.name, u.url])).toEqual([
      ['directory', 'http://127.0.0.1:3101'],
      ['intake', 'http://127.0.0.1:3102'],
      ['scoring', 'http://127.0.0.1:3103'],
      ['audit', 'http://127.0.0.1:3104'],
    ]);
  });

  it('takes every address from the environment and drops a trailing slash from service URLs', () => {
    const config = gatewayConfigFromEnv(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        WEB_ROOT: '/srv/web',
        DIRECTORY_URL: 'http://unit-directory:3101/',
        INTAKE_URL: 'http://survey-intake:3102',
        SCORING_URL: 'https://scoring.internal',
        AUDIT_URL: 'http://audit:3104/base/',
      },
      '/repo',
    );
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', webRoot: '/srv/web' });
    expect(config.upstreams.map((u) => u.url)).toEqual([
      'http://unit-directory:3101',
      'http://survey-intake:3102',
      'https://scoring.internal',
      'http://audit:3104/base',
    ]);
  });

  it('refuses a bad port and a non-http service URL, naming both at once', () => {
    expect(() => gatewayConfigFromEnv({ PORT: '70000', SCORING_URL: 'ftp://scoring' })).toThrow(
      /PORT must be a port number[\s\S]*SCORING_URL must be an http\(s\) URL/,
    );
  });

  it('refuses a service URL with a query string, which the proxy would silently drop', () => {
    expect(() => gatewayConfigFromEnv({ AUDIT_URL: 'http://audit:3104/?x=1' })).toThrow(/AUDIT_URL/);
  });
});
