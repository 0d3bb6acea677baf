import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NetworkError } from '../api/http';
import { renderScreen } from '../testing/render';
import { QueryStatus } from './query-status';

describe('QueryStatus', () => {
  it('says it is loading while the first answer is awaited', async () => {
    await renderScreen(<QueryStatus query={{ isLoading: true, error: null, refetch: vi.fn() }} />, { language: 'en' });
    expect(screen.getByRole('status').textContent).toBe('Loading…');
  });

  it('shows the failure with a retry that asks the query again', async () => {
    const refetch = vi.fn();
    await renderScreen(<QueryStatus query={{ isLoading: false, error: new NetworkError(new TypeError('fetch failed')), refetch }} />, {
      language: 'en',
    });
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('shows nothing once the data is there', async () => {
    await renderScreen(
      <div data-testid="frame">
        <QueryStatus query={{ isLoading: false, error: null, refetch: vi.fn() }} />
      </div>,
      { language: 'en' },
    );
    expect(screen.getByTestId('frame').childElementCount).toBe(0);
  });
});
