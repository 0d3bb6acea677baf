export function platformPersistence(): string {
  return 'platform-persistence';
}
