const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/audit'),
    clean: true,
    // Every entry's exports on module.exports, so worker threads can load figure-worker.js.
    library: { type: 'commonjs2' },
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // The re-inspection team's commands (tools/audit/README.md): dist/apps/audit/cli/*.js.
      additionalEntryPoints: [
        { entryName: 'cli/verify-ledger', entryPath: './src/cli/verify-ledger.ts' },
        { entryName: 'cli/verify-receipt', entryPath: './src/cli/verify-receipt.ts' },
        { entryName: 'cli/export-topics', entryPath: './src/cli/export-topics.ts' },
        { entryName: 'cli/replay-campaign', entryPath: './src/cli/replay-campaign.ts' },
        { entryName: 'cli/redraw-sample', entryPath: './src/cli/redraw-sample.ts' },
        // Bootstraps run in worker threads (startFigureWorkers): dist/apps/audit/figure-worker.js.
        { entryName: 'figure-worker', entryPath: './src/figure-worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
    }),
  ],
};
