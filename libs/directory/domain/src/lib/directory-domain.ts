export function directoryDomain(): string {
  return 'directory-domain';
}
