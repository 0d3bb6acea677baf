export function platformAuth(): string {
  return 'platform-auth';
}
