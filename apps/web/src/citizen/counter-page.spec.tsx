import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../testing/render';
import { CounterPage } from './counter-page';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const RESPONSE_ID = '3f1c2a7e-0b5d-4c1e-9a2f-8d7e6c5b4a39';
const scale = [1, 2, 3, 4, 5].map((level) => ({ level, vi: `Mức ${level} vi`, en: `Level ${level} en` }));
const visit = {
  unitId: 'u',
  campaignId: 'c',
  procedureId: 'id-card',
  serviceDate: '2026-11-27',
  expiresAt: '2026-11-30T00:00:00Z',
  used: false,
  unit: { nameVi: 'Công an phường Vĩnh Yên', nameEn: 'Vinh Yen ward police' },
  procedure: { vi: 'Cấp thẻ căn cước', en: 'Identity card' },
  form: {
    titleVi: 'Phiếu',
    titleEn: 'Form',
    ratingScale: scale,
    factors: [
      {
        id: 'A',
        vi: 'Tiếp cận dịch vụ',
        en: 'Access',
        items: [
          { id: 'A1', vi: 'Nơi ngồi chờ đủ chỗ', en: 'Enough seats' },
          { id: 'A2', vi: 'Dễ tìm bộ phận một cửa', en: 'Easy to find' },
        ],
      },
    ],
  },
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve(routes: Record<string, (init: RequestInit) => Response>) {
  const calls: { path: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init: RequestInit) => {
      calls.push({ path, init });
      const route = routes[`${init.method} ${path}`];
      return route ? route(init) : json(404, { statusCode: 404 });
    }),
  );
  return calls;
}

describe('CounterPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens the visit with the token in a header, names each rating by its question, and shows the receipt when sent', async () => {
    const calls = serve({
      'GET /api/intake/counter/visit': () => json(200, visit),
      'POST /api/intake/counter/ratings': () =>
        json(201, { responseId: RESPONSE_ID, created: true, receiptPath: `/api/audit/receipts/${RESPONSE_ID}` }),
      [`GET /api/audit/receipts/${RESPONSE_ID}`]: () =>
        json(200, { responseId: RESPONSE_ID, ledger: 'survey-intake', sequence: 42, hash: 'ab'.repeat(32), status: 'awaiting-checkpoint' }),
    });
    await renderScreen(<CounterPage />, { path: `/counter#t=${TOKEN}` });
    expect(await screen.findByText('Công an phường Vĩnh Yên')).toBeTruthy();
    expect(calls[0].path).toBe('/api/intake/counter/visit');
    expect((calls[0].init.headers as Record<string, string>)['x-visit-token']).toBe(TOKEN);

    // Each item is a group named by its question; each level a radio named by its label.
    const item = screen.getByRole('group', { name: 'Nơi ngồi chờ đủ chỗ' });
    fireEvent.click(within(item).getByRole('radio', { name: /Mức 5 vi/ }));
    expect(screen.getByText('Đã trả lời 1/2 câu')).toBeTruthy();
    // The consent notice comes before any contact field, which appears only with consent.
    expect(screen.queryByLabelText('Số điện thoại')).toBeNull();
    fireEvent.click(screen.getByLabelText('Tôi đồng ý để lại thông tin liên hệ cho mục đích trên'));
    fireEvent.change(screen.getByLabelText('Số điện thoại'), { target: { value: '0912 345 678' } });
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Cảm ơn bạn! Đánh giá đã được ghi nhận.' })).toBeTruthy();
    const sent = calls.find((c) => c.init.method === 'POST');
    expect((sent?.init.headers as Record<string, string>)['x-visit-token']).toBe(TOKEN);
    const body = JSON.parse(String(sent?.init.body));
    expect(body.answers).toEqual([
      { itemId: 'A1', level: 5 },
      { itemId: 'A2', level: null },
    ]);
    expect(body.contact).toEqual({ consent: true, phone: '0912345678' });
    expect(screen.getByText(RESPONSE_ID)).toBeTruthy();
    expect(await screen.findByText('survey-intake #42')).toBeTruthy();
  }, 20000);

  it('sends the very same form again after a lost answer, so intake answers with the response it took', async () => {
    let attempts = 0;
    const bodies: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string, init: RequestInit) => {
        if (path === '/api/intake/counter/visit') return json(200, visit);
        if (path === '/api/intake/counter/ratings') {
          bodies.push(String(init.body));
          if (++attempts === 1) throw new TypeError('Failed to fetch');
          return json(200, { responseId: RESPONSE_ID, created: false, receiptPath: `/api/audit/receipts/${RESPONSE_ID}` });
        }
        return json(404, {});
      }),
    );
    await renderScreen(<CounterPage />, { path: `/counter#t=${TOKEN}` });
    fireEvent.click(within(await screen.findByRole('group', { name: 'Nơi ngồi chờ đủ chỗ' })).getByRole('radio', { name: /Mức 3 vi/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Không kết nối được máy chủ');
    await new Promise((resolve) => setTimeout(resolve, 20));
    fireEvent.click(screen.getByRole('button', { name: 'Gửi đánh giá' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Cảm ơn bạn! Đánh giá đã được ghi nhận.' })).toBeTruthy();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
  }, 20000);

  it('asks for an answer before sending anything', async () => {
    const calls = serve({ 'GET /api/intake/counter/visit': () => json(200, visit) });
    await renderScreen(<CounterPage />, { path: `/counter#t=${TOKEN}` });
    fireEvent.click(await screen.findByRole('button', { name: 'Gửi đánh giá' }));
    expect(await screen.findByRole('button', { name: 'Hãy trả lời ít nhất một câu hỏi.' })).toBeTruthy();
    expect(calls.filter((c) => c.init.method === 'POST')).toEqual([]);
  });

  it.each([
    [410, { statusCode: 410 }, 'Mã lượt giao dịch này đã hết hạn'],
    [401, { statusCode: 401 }, 'Mã lượt giao dịch không hợp lệ'],
  ])('says so plainly when the token is refused with %i', async (status, body, text) => {
    serve({ 'GET /api/intake/counter/visit': () => json(status, body) });
    await renderScreen(<CounterPage />, { path: `/counter#t=${TOKEN}` });
    expect((await screen.findByRole('alert')).textContent).toContain(text);
  });

  it('says a used token was used, in English too, and asks nothing without a token', async () => {
    serve({ 'GET /api/intake/counter/visit': () => json(200, { ...visit, used: true }) });
    await renderScreen(<CounterPage />, { path: `/counter#t=${TOKEN}`, language: 'en' });
    expect((await screen.findByRole('alert')).textContent).toContain('This visit has already been rated');
  });

  it('without a token in the link, sends the citizen back to the QR code and calls nothing', async () => {
    const calls = serve({});
    await renderScreen(<CounterPage />, { path: '/counter' });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('thiếu mã lượt giao dịch'));
    expect(calls).toEqual([]);
  });
});
