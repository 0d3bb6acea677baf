import { registerSW } from 'virtual:pwa-register';

/**
 * Installs the service worker that precaches the built app, so the tablet app opens without a network.
 * A new version waits until the next visit instead of reloading a page someone is typing in.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}
