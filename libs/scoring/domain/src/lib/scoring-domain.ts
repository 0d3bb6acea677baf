export function scoringDomain(): string {
  return 'scoring-domain';
}
