import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, renderScreen, signInAs } from '../testing/render';
import { TabletsPage } from './tablets-page';

const DEVICE = '22222222-2222-4222-8222-222222222222';
const tablet = (revokedAt: string | null = null) => ({
  deviceId: DEVICE,
  label: 'Working group 3 — tablet 1',
  enrolledAt: '2026-11-28T02:00:00.000Z',
  enrolledBy: 'admin',
  revokedAt,
  revokedBy: revokedAt ? 'admin' : null,
});

describe('TabletsPage', () => {
  beforeEach(() => signInAs('admin', ['admin']));
  afterEach(() => vi.unstubAllGlobals());

  it('enrols a tablet by its name and shows its device id and credential once, then lists it as in use', async () => {
    const listed: unknown[] = [];
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        if (path === '/api/intake/tablets' && init?.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          listed.push(tablet());
          return json(201, { ...tablet(), credential: 'c'.repeat(43) });
        }
        if (path === '/api/intake/tablets') return json(200, { tablets: listed });
        return json(404, {});
      }),
    );
    await renderScreen(<TabletsPage />, { path: '/tablets', language: 'en' });
    expect(await screen.findByText('No tablet enrolled yet.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(await screen.findByText('Required.')).toBeTruthy();
    expect(posted).toEqual([]);

    fireEvent.change(screen.getByLabelText('Tablet name'), { target: { value: '  Working group 3 — tablet 1 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    expect((await screen.findByTestId('enrolled-credential')).textContent).toBe('c'.repeat(43));
    expect(screen.getByTestId('enrolled-device-id').textContent).toBe(DEVICE);
    expect(posted).toEqual([{ label: 'Working group 3 — tablet 1' }]);
    const row = (await screen.findByRole('rowheader', { name: 'Working group 3 — tablet 1' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('In use')).toBeTruthy();
  });

  it('revokes a tablet only after confirmation, and then shows it revoked with no button', async () => {
    let revoked = false;
    const revokeCalls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        if (path === `/api/intake/tablets/${DEVICE}/revoke`) {
          revokeCalls.push(path);
          revoked = true;
          return json(200, tablet('2026-11-28T03:00:00.000Z'));
        }
        if (path === '/api/intake/tablets') return json(200, { tablets: [tablet(revoked ? '2026-11-28T03:00:00.000Z' : null)] });
        return json(404, {});
      }),
    );
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await renderScreen(<TabletsPage />, { path: '/tablets', language: 'en' });
    const button = await screen.findByRole('button', { name: 'Revoke “Working group 3 — tablet 1”' });
    fireEvent.click(button);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(revokeCalls).toEqual([]);

    confirm.mockReturnValue(true);
    fireEvent.click(button);
    expect(await screen.findByText('“Working group 3 — tablet 1” is revoked.')).toBeTruthy();
    expect(revokeCalls).toHaveLength(1);
    await screen.findByText(/^Revoked /);
    expect(screen.queryByRole('button', { name: /^Revoke “/ })).toBeNull();
  });
});
