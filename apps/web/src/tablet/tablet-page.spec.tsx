import 'fake-indexeddb/auto';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../testing/render';
import { TabletQueue } from './tablet-queue';
import { TabletPage } from './tablet-page';
import { Assignment, tabletStorage } from './tablet-setup';

const scale = [1, 2, 3, 4, 5].map((level) => ({ level, vi: `Mức ${level}`, en: `Level ${level}` }));
const assignment: Assignment = {
  campaign: { campaignId: '11111111-1111-4111-8111-111111111111', nameVi: 'Đợt thực địa', nameEn: 'Field campaign' },
  unit: { unitId: '22222222-2222-4222-8222-222222222222', nameVi: 'Công an phường Tích Sơn', nameEn: 'Tich Son' },
  questions: {
    titleVi: 'Phiếu',
    titleEn: 'Form',
    ratingScale: scale,
    factors: [{ id: 'A', vi: 'Tiếp cận', en: 'Access', items: [{ id: 'A1', vi: 'Nơi chờ đủ chỗ', en: 'Enough seats' }] }],
  },
  procedures: [{ id: 'id-card', vi: 'Cấp thẻ căn cước', en: 'Identity card' }],
};

describe('TabletPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('saves a finished form to the device’s queue without any network call, and asks for the procedure first', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    tabletStorage.saveAssignment(assignment);
    await renderScreen(<TabletPage />, { path: '/tablet' });
    expect(await screen.findByText('Chưa có phiếu nào trên máy.')).toBeTruthy();

    fireEvent.click(within(screen.getByRole('group', { name: 'Nơi chờ đủ chỗ' })).getByRole('radio', { name: /Mức 4/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu phiếu vào máy' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Chọn thủ tục đã giải quyết.');

    fireEvent.change(screen.getByLabelText('Thủ tục'), { target: { value: 'id-card' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu phiếu vào máy' }));
    expect(await screen.findByText('Chờ gửi: 1')).toBeTruthy();
    expect(screen.getByText('Đã lưu phiếu trên máy. Đang chờ gửi: 1.')).toBeTruthy();
    // Not signed in and no device: nothing is sent, the form waits on the device.
    expect(fetchMock).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Gửi ngay' }) as HTMLButtonElement).disabled).toBe(true);

    const queue = await TabletQueue.open();
    const [entry] = await queue.all();
    queue.close();
    expect(entry.status).toBe('queued');
    expect(entry.response).toMatchObject({
      campaignId: assignment.campaign.campaignId,
      unitId: assignment.unit.unitId,
      procedureId: 'id-card',
      answers: [{ itemId: 'A1', level: 4 }],
    });
    expect(entry.tabletResponseId).toMatch(/^[0-9a-f-]{36}$/);
  }, 20000);

  it('refuses a device id or credential that cannot be one, before storing anything', async () => {
    await renderScreen(<TabletPage />, { path: '/tablet', language: 'en' });
    fireEvent.change(screen.getByLabelText('Device id'), { target: { value: 'tablet-1' } });
    fireEvent.change(screen.getByLabelText('Device credential'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save device' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The device id is a UUID and the credential has 43 characters.');
    expect(tabletStorage.device()).toBeNull();
  });
});
