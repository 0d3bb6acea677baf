import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '../testing/render';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('labels both fields in Vietnamese and asks for them before calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    await renderScreen(<SignInPage />, { path: '/sign-in' });
    expect(screen.getByLabelText('Tên đăng nhập')).toBeTruthy();
    expect(screen.getByLabelText('Mật khẩu').getAttribute('type')).toBe('password');
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    expect(await screen.findByText('Nhập tên đăng nhập và mật khẩu.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says the username or password is wrong when the issuer answers 401, and keeps no token', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ statusCode: 401, message: 'Wrong username or password' }), { status: 401 })),
    );
    await renderScreen(<SignInPage />, { path: '/sign-in', language: 'en' });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'not-the-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong username or password.')).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });
});
