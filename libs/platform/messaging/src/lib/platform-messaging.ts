export function platformMessaging(): string {
  return 'platform-messaging';
}
