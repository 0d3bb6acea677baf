import { CampaignCommand, decideCampaign, CampaignLookup } from '@hailong/intake/domain';
import { Actor } from '@hailong/platform/auth';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { refusingWith422 } from '../http/rule-refusal';
import { staffActor } from '../http/staff-actor';
import { CampaignRecord, CampaignStore } from './campaign-store';

/** Loads a campaign under lock, decides a command against it, stores and publishes what follows, in one transaction. */
@Injectable()
export class CampaignLifecycleRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CampaignStore,
  ) {}

  async run(
    campaignId: string,
    command: CampaignCommand,
    actor: Actor,
    correlationId: string,
    lookup: (manager: EntityManager) => Promise<CampaignLookup> = async () => ({
      questionnaireExists: () => true,
      unitValidity: () => ({ validFrom: '0000-01-01', validTo: null }),
    }),
  ): Promise<CampaignRecord> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.store.load(manager, campaignId, 'update');
      const resolved = await lookup(manager);
      const events = refusingWith422(() => decideCampaign(command, state, resolved));
      await this.store.append(manager, events, staffActor(actor), correlationId);
      return (await this.store.load(manager, campaignId)) as CampaignRecord;
    });
  }
}
