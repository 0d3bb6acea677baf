import { DEFAULT_SIGNAL_SETTINGS, fabricationSignals, latestVerdicts, SignalSettings } from '@hailong/audit/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReinspectionStore } from '../../reinspection.store';
import { SignalsQueryDto } from './get-signals.query.dto';

export const settingsOf = (query: SignalsQueryDto): SignalSettings => ({
  minimumFormSeconds: query.minimumFormSeconds ?? DEFAULT_SIGNAL_SETTINGS.minimumFormSeconds,
  burstGapSeconds: query.burstGapSeconds ?? DEFAULT_SIGNAL_SETTINGS.burstGapSeconds,
  burstMinimumSize: query.burstMinimumSize ?? DEFAULT_SIGNAL_SETTINGS.burstMinimumSize,
  identicalMinimumSize: query.identicalMinimumSize ?? DEFAULT_SIGNAL_SETTINGS.identicalMinimumSize,
});

@Injectable()
export class SignalsService {
  constructor(private readonly store: ReinspectionStore) {}

  /** Signals over every counted response of the campaign, late ones too: fabrication does not wait for the close. */
  async compute(manager: EntityManager, campaignId: string, settings: SignalSettings) {
    await this.store.campaign(manager, campaignId);
    const responses = await this.store.responses(manager, campaignId, false);
    const verdicts = latestVerdicts(await this.store.verdicts(manager, campaignId));
    const unitOf = new Map(responses.map((r) => [r.responseId, r.unitId]));
    const { sources, signals } = fabricationSignals(responses, verdicts, settings);
    return {
      campaignId,
      settings,
      responses: responses.length,
      sources,
      signals: signals.map((s) => ({ ...s, unitIds: [...new Set(s.responseIds.map((id) => unitOf.get(id) as string))].sort() })),
    };
  }
}
