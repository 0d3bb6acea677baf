/** Usernames are compared lower-cased; letters, digits, `.`, `_`, `-`, 3 to 64 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export const PASSWORD_MIN_LENGTH = 12;

// Bounds the argon2 work an anonymous caller can ask for.
export const PASSWORD_MAX_LENGTH = 256;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
