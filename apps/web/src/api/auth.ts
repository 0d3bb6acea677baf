import { API, apiPost } from './http';

export interface IssuedToken {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

/** The directory's local issuer (POST /auth/token), reached through the gateway. */
export const authApi = {
  signIn: (username: string, password: string) => apiPost<IssuedToken>(`${API.auth}/token`, { username, password }),
};
