import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, renderScreen, signInAs } from '../testing/render';
import { ReinspectionPage } from './reinspection-page';

const CAMPAIGN = '11111111-1111-4111-8111-111111111111';
const RESPONSE = '22222222-2222-4222-8222-222222222222';
const QUESTIONS = [
  { itemId: 'A1', vi: 'Biển hiệu rõ ràng', en: 'Clear signs' },
  { itemId: 'A2', vi: 'Đủ ghế chờ', en: 'Enough seats' },
  { itemId: 'A3', vi: 'Nơi gửi xe', en: 'Parking' },
];

/** The re-inspector's work list: one response of Tích Sơn, with its latest verdict if any. */
const workList = (verdict: string | null) => ({
  assignments: [
    {
      responseId: RESPONSE,
      campaignId: CAMPAIGN,
      unit: { nameVi: 'Công an phường Tích Sơn', nameEn: 'Tich Son Ward Police' },
      verdict: verdict ? { verdict, recordedAt: '2026-11-28T01:00:00Z' } : null,
    },
  ],
  questions: { [CAMPAIGN]: QUESTIONS },
});

const figure = (responses: number, index: number) => ({
  responses,
  overall: { index, interval: { lower: index - 0.1, upper: index + 0.05 } },
});

describe('ReinspectionPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives a re-inspector their work list: the phone number on request, then a verdict posted for that response', async () => {
    signInAs('reinspector-1', ['re-inspector']);
    const calls: { path: string; init?: RequestInit }[] = [];
    let verdict: string | null = null;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        calls.push({ path, init });
        if (path === '/api/audit/reinspection/assignments') return json(200, workList(verdict));
        if (path === `/api/intake/responses/${RESPONSE}/contact`)
          return json(200, { state: 'readable', contact: { name: 'Nguyễn Văn An', phone: '+84912345678', email: null } });
        if (path === `/api/audit/reinspection/responses/${RESPONSE}/verdicts`) {
          verdict = JSON.parse(String(init?.body)).verdict;
          return json(201, {});
        }
        if (path === '/api/intake/campaigns') return json(200, { campaigns: [] });
        return json(404, {});
      }),
    );
    await renderScreen(<ReinspectionPage />, { path: '/reinspection' });
    const row = (await screen.findByText('Công an phường Tích Sơn')).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Xem số điện thoại' }));
    expect(await within(row).findByText('Nguyễn Văn An +84912345678')).toBeTruthy();
    fireEvent.change(within(row).getByRole('combobox', { name: 'Kết quả' }), { target: { value: 'respondent-denies' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Ghi kết quả' }));
    expect(await within(row).findByText('Người trả lời phủ nhận')).toBeTruthy();
    expect(verdict).toBe('respondent-denies');
    const posted = calls.find((c) => c.path.endsWith('/verdicts'));
    expect(posted?.init?.method).toBe('POST');
  });

  it('records “answers differ” with the answers given again, keyed against the campaign’s questions', async () => {
    signInAs('reinspector-1', ['re-inspector']);
    let posted: unknown = null;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init?: RequestInit) => {
        if (path === '/api/audit/reinspection/assignments') return json(200, workList(posted ? 'answers-differ' : null));
        if (path === `/api/audit/reinspection/responses/${RESPONSE}/verdicts`) {
          posted = JSON.parse(String(init?.body));
          return json(201, {});
        }
        if (path === '/api/intake/campaigns') return json(200, { campaigns: [] });
        return json(404, {});
      }),
    );
    await renderScreen(<ReinspectionPage />, { path: '/reinspection', language: 'en' });
    const row = (await screen.findByText('Tich Son Ward Police')).closest('tr') as HTMLElement;
    fireEvent.change(within(row).getByRole('combobox', { name: 'Verdict' }), { target: { value: 'answers-differ' } });
    // Nothing asked again yet: refused here, nothing sent.
    fireEvent.click(within(row).getByRole('button', { name: 'Record' }));
    expect(await screen.findByText('“Answers differ” needs at least one answer given again.')).toBeTruthy();
    expect(posted).toBeNull();

    fireEvent.change(screen.getByLabelText('A1. Clear signs'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('A3. Parking'), { target: { value: 'blank' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Record' }));
    expect(await within(row).findByText('Answers differ')).toBeTruthy();
    expect(posted).toEqual({
      verdict: 'answers-differ',
      recollectedAnswers: [
        { itemId: 'A1', level: 2 },
        { itemId: 'A3', level: null },
      ],
    });
  });

  it('shows a campaign’s published and re-inspected figures side by side', async () => {
    signInAs('viewer-1', ['viewer']);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        if (path === '/api/intake/campaigns')
          return json(200, {
            campaigns: [{ campaignId: CAMPAIGN, nameVi: 'Khảo sát 2022', nameEn: 'Survey 2022', status: 'closed', methods: ['paper'] }],
          });
        if (path === `/api/audit/reinspection/campaigns/${CAMPAIGN}/figures`)
          return json(200, {
            status: 're-inspected',
            verdicts: {},
            campaign: { key: 'campaign', nameVi: null, nameEn: null, published: figure(29, 0.8), reinspected: figure(27, 0.75) },
            byUnit: [
              {
                key: 'unit:x',
                nameVi: 'Công an phường Liên Bảo',
                nameEn: 'Lien Bao',
                published: figure(17, 0.9),
                reinspected: figure(15, 0.85),
              },
            ],
          });
        return json(404, {});
      }),
    );
    await renderScreen(<ReinspectionPage />, { path: '/reinspection' });
    await screen.findByRole('option', { name: 'Khảo sát 2022' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Đợt khảo sát đã đóng' }), { target: { value: CAMPAIGN } });
    const row = (await screen.findByText('Công an phường Liên Bảo')).closest('tr') as HTMLElement;
    expect(within(row).getByText('17 → 15')).toBeTruthy();
    expect(screen.getByText('Đợt khảo sát đã được phúc tra.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Kết thúc phúc tra' })).toBeNull();
  });
});
