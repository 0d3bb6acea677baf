import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Each spec renders into a fresh document and starts with empty storage.
afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
