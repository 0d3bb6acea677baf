import { Roles } from '@hailong/contracts';
import { DirectoryView } from '@hailong/directory/view';
import { Actor, AllowRoles, confinedUnitOf, CurrentActor, outsideYourUnit } from '@hailong/platform/auth';
import { todayInVietnam } from '@hailong/platform/http';
import { Controller, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { decryptPersonalData } from '../../../personal-data/personal-data.cipher';
import { RespondentKeyStore } from '../../../personal-data/respondent-key-store';
import { ResponseStore } from '../../response-store';

/**
 * Who may read a respondent's personal data here: the admin. A re-inspector reads only the contact
 * details of a response assigned to them, through GET /responses/{id}/contact, which records each reading.
 */
const PERSONAL_DATA_READERS: readonly string[] = [Roles.admin];

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class GetResponseController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly responses: ResponseStore,
    private readonly keys: RespondentKeyStore,
    private readonly directory: DirectoryView,
  ) {}

  /**
   * A response, its status and, for the admin, its personal data decrypted (re-inspectors read contact
   * details through /contact) —
   * `erased` once the respondent's key was destroyed, for everyone.
   */
  @Get(':responseId')
  @AllowRoles(Roles.campaignManager, Roles.auditor, Roles.reinspector, Roles.admin)
  async get(@Param('responseId', new ParseUUIDPipe()) responseId: string, @CurrentActor() actor: Actor) {
    const manager = this.dataSource.manager;
    const row = await this.responses.byId(manager, responseId.toLowerCase());
    if (!row) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such response',
        messageVi: 'không có phiếu này',
        errors: [{ field: 'responseId', reason: 'no such response', reasonVi: 'không có phiếu này' }],
      });
    }
    // Staff tied to a unit read responses of their unit and the units below it, as it was structured
    // on the service date or as it is today.
    const own = confinedUnitOf(actor);
    if (own !== null) {
      const dates = [...(row.service_date ? [row.service_date] : []), todayInVietnam()];
      let within = false;
      for (const date of dates) within ||= await this.directory.isWithin(manager, row.unit_id, own, date);
      if (!within) throw outsideYourUnit('responseId');
    }
    let personal: Record<string, unknown> = { state: 'none' };
    if (row.personal && row.respondent_key_id) {
      const stored = await this.keys.find(manager, row.respondent_key_id);
      if (stored.state !== 'live') personal = { state: 'erased' };
      else if (!actor.roles.some((r) => PERSONAL_DATA_READERS.includes(r))) personal = { state: 'sealed' };
      else personal = { state: 'readable', ...decryptPersonalData(stored.key, row.response_id, row.personal) };
    }
    return {
      responseId: row.response_id,
      kind: row.kind,
      status: row.status,
      replaces: row.replaces,
      replacedBy: row.replaced_by,
      statusReason: row.status_reason,
      statusChangedBy: row.status_changed_by,
      campaignId: row.campaign_id,
      unitId: row.unit_id,
      channel: row.channel,
      questionnaire: row.questionnaire_id ? { questionnaireId: row.questionnaire_id, version: row.questionnaire_version } : null,
      procedureId: row.procedure_id,
      serviceDate: row.service_date,
      collectedBy: row.collected_by,
      form: { startedAt: row.form_started_at?.toISOString() ?? null, finishedAt: row.form_finished_at?.toISOString() ?? null },
      answers: row.answers,
      expectations: row.expectations,
      profileGroups: row.profile_groups,
      respondentKeyId: row.respondent_key_id,
      keyedBy: row.actor_id,
      acceptedAt: row.accepted_at.toISOString(),
      personal,
    };
  }
}
