import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStorageStore } from '../auth/session';
import { json, renderScreen, signInAs } from '../testing/render';
import { ImportPage } from './import-page';
import type { ImportReport } from './import-api';

const CAMPAIGN = '11111111-1111-4111-8111-111111111111';
/** A surveyor's session, as the sign-in page leaves it. */
function signInAsSurveyor() {
  signInAs('surveyor-1', ['surveyor']);
  expect(sessionStorageStore.load()).not.toBeNull();
}

const report: ImportReport = {
  importId: 'imp-1',
  campaignId: CAMPAIGN,
  format: 'csv',
  rows: [
    { row: 2, formNumber: 'P-1', outcome: 'accepted', responseId: 'r-1' },
    { row: 3, formNumber: 'P-2', outcome: 'duplicate', responseId: 'r-0' },
    {
      row: 4,
      formNumber: 'P-3',
      outcome: 'refused',
      errors: [{ field: 'procedure', rule: 'procedure-unknown', reason: 'not in the catalogue', reasonVi: 'không có trong danh mục' }],
    },
  ],
  summary: { rows: 3, accepted: 1, duplicates: 1, refused: 1 },
  complete: true,
  stopped: null,
};

describe('ImportPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uploads the chosen file as its own body and opens the report on the refused rows, with field and reason', async () => {
    signInAsSurveyor();
    const calls: { path: string; init?: RequestInit }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        calls.push({ path, init });
        if (path === '/api/intake/campaigns')
          return json(200, {
            campaigns: [
              { campaignId: CAMPAIGN, nameVi: 'Đợt giấy', nameEn: 'Paper', status: 'open', methods: ['paper'] },
              { campaignId: 'closed', nameVi: 'Đợt cũ', nameEn: 'Old', status: 'closed', methods: ['paper'] },
            ],
          });
        if (path === `/api/intake/campaigns/${CAMPAIGN}/imports`) return json(200, report);
        return json(404, {});
      }),
    );
    await renderScreen(<ImportPage />, { path: '/imports' });
    const select = await screen.findByLabelText('Đợt khảo sát');
    await screen.findByRole('option', { name: 'Đợt giấy' });
    expect(screen.queryByRole('option', { name: 'Đợt cũ' })).toBeNull();
    fireEvent.change(select, { target: { value: CAMPAIGN } });

    fireEvent.click(screen.getByRole('button', { name: 'Nhập tệp' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Chọn một tệp .csv hoặc .xlsx.');

    const file = new File(['formNumber,unit\nP-1,26\n'], 'phieu.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('Tệp phiếu (CSV hoặc XLSX)'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Nhập tệp' }));

    expect(await screen.findByText('3 dòng: 1 nhận mới, 1 trùng (đã nhập trước đó), 1 bị từ chối.')).toBeTruthy();
    const upload = calls.find((c) => c.init?.method === 'POST');
    expect(upload?.init?.body).toBe(file);
    expect((upload?.init?.headers as Record<string, string>)['content-type']).toBe('text/csv');
    // Refused rows first: only row 4 is listed until another filter is chosen.
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['4']);
    expect(rows[0].textContent).toContain('procedure: không có trong danh mục');
    fireEvent.click(screen.getByRole('radio', { name: 'Tất cả' }));
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getByRole('rowheader').textContent),
    ).toEqual(['2', '3', '4']);
  }, 20000);

  it('shows a refused file’s reasons by field, in English too', async () => {
    signInAsSurveyor();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) =>
        path === '/api/intake/campaigns'
          ? json(200, { campaigns: [{ campaignId: CAMPAIGN, nameVi: 'Đợt giấy', nameEn: 'Paper', status: 'open', methods: ['paper'] }] })
          : json(400, {
              statusCode: 400,
              message: 'the header row is not the campaign’s layout',
              messageVi: 'dòng tiêu đề không đúng mẫu',
              errors: [{ field: 'header', reason: 'missing column formNumber', reasonVi: 'thiếu cột formNumber' }],
            }),
      ),
    );
    await renderScreen(<ImportPage />, { path: '/imports', language: 'en' });
    await screen.findByRole('option', { name: 'Paper' });
    fireEvent.change(screen.getByLabelText('Campaign'), { target: { value: CAMPAIGN } });
    fireEvent.change(screen.getByLabelText('File of forms (CSV or XLSX)'), {
      target: { files: [new File(['x'], 'forms.xlsx')] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import the file' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was refused; no row was written:');
    expect(alert.textContent).toContain('header: missing column formNumber');
  });
});
