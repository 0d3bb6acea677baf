/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The dev server (nx serve web) sends API calls to the gateway, so the browser sees one origin there too.
const gateway = process.env['HAILONG_GATEWAY_URL'] ?? 'http://127.0.0.1:3100';

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/web',
  server: {
    port: 4200,
    host: '127.0.0.1',
    proxy: { '/api': gateway, '/auth': gateway },
  },
  preview: { port: 4300, host: '127.0.0.1' },
  plugins: [
    react(),
    // The tablet app (working groups) must install and open offline: the service worker precaches the built
    // app; API calls are never cached by it (queued responses will live in IndexedDB, not in a cache).
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Hài Lòng — đo lường sự hài lòng',
        short_name: 'Hài Lòng',
        description: 'Đo lường sự hài lòng của người dân và tổ chức với cơ quan công an giải quyết thủ tục hành chính',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#143a7b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/auth\//, /^\/health\//, /^\/\.well-known\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    reportCompressedSize: false,
  },
  test: {
    name: 'web',
    watch: false,
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    reporters: ['default'],
  },
});
