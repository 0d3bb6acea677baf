import { gatewayConfigFromEnv } from './app/config';
import { createGateway } from './app/gateway';

function main() {
  const config = gatewayConfigFromEnv(process.env);
  const server = createGateway(config).listen(config.port, config.host, () => {
    const routes = config.upstreams.map((u) => `/api/${u.name} → ${u.url}`).join(', ');
    console.log(
      `gateway on http://${config.host}:${config.port}: web app from ${config.webRoot}; ${routes}; /auth → ${config.upstreams[0].url}`,
    );
  });
  // Node ends a request still arriving after 5 minutes; a large file import arrives for longer.
  server.requestTimeout = config.importTimeoutMs;
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
