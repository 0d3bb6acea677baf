import { EventEnvelope, ResponseCorrected, ResponseData, ResponseSubmitted, ResponseVoided } from '@hailong/contracts';
import { SampleCandidate } from './sampling';

/** The response events that decide which responses of a campaign a back-check draws from. */
export const POPULATION_EVENT_TYPES: readonly string[] = [ResponseSubmitted.type, ResponseVoided.type, ResponseCorrected.type];

/**
 * The responses a back-check sample of a campaign is drawn from, from the log alone: every response
 * accepted while the campaign was open (not late), less those voided or replaced by a correction,
 * plus the corrections' replacements. Events must come in log order per unit (one partition each),
 * which the topic's key guarantees. The audit service keeps the same set in its tables; this lets
 * anyone redraw a recorded sample away from the platform.
 */
export function samplePopulation(events: Iterable<EventEnvelope>, campaignId: string): SampleCandidate[] {
  const counted = new Map<string, SampleCandidate>();
  const lateIds = new Set<string>();
  const candidateOf = (r: ResponseData): SampleCandidate => ({
    responseId: r.responseId,
    unitId: r.unitId,
    collector: r.collectedBy ? `${r.collectedBy.kind}:${r.collectedBy.id}` : null,
    channel: r.channel,
  });
  for (const event of events) {
    if (event.type === ResponseSubmitted.type) {
      const data = event.data as ResponseData & { late?: boolean };
      if (data.campaignId !== campaignId) continue;
      if (data.late) lateIds.add(data.responseId);
      else counted.set(data.responseId, candidateOf(data));
    } else if (event.type === ResponseVoided.type) {
      counted.delete((event.data as { responseId: string }).responseId);
    } else if (event.type === ResponseCorrected.type) {
      const data = event.data as { responseId: string; replacement: ResponseData };
      if (data.replacement.campaignId !== campaignId) continue;
      const wasOnTime = counted.delete(data.responseId);
      if (wasOnTime) counted.set(data.replacement.responseId, candidateOf(data.replacement));
      else if (lateIds.has(data.responseId)) lateIds.add(data.replacement.responseId);
    }
  }
  return [...counted.values()];
}
