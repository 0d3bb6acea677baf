import { ContactDetailsAccessed, createEvent, Roles } from '@hailong/contracts';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId } from '@hailong/platform/http';
import { OutboxWriter } from '@hailong/platform/messaging';
import { Controller, ForbiddenException, Get, NotFoundException, Param, ParseUUIDPipe } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { staffActor } from '../../../http/staff-actor';
import { decryptPersonalData } from '../../../personal-data/personal-data.cipher';
import { RespondentKeyStore } from '../../../personal-data/respondent-key-store';
import { ResponseStore } from '../../response-store';

const notAssigned = () =>
  new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    message: 'this response is assigned to another re-inspector',
    messageVi: 'phiếu này được phân công cho người phúc tra khác',
    errors: [{ field: 'responseId', reason: 'not assigned to you for a back-check', reasonVi: 'không được phân công cho bạn phúc tra' }],
  });

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class GetContactController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly responses: ResponseStore,
    private readonly keys: RespondentKeyStore,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * The contact details of a sampled respondent, decrypted for the one re-inspector the audit assigned
   * the response to (BackCheckAssigned) and nobody else; every reading is a ContactDetailsAccessed
   * event, written in the transaction that decrypts.
   */
  @Get(':responseId/contact')
  @AllowRoles(Roles.reinspector)
  @ApiOperation({
    summary: 'A sampled respondent’s contact details, for the re-inspector assigned to re-contact them (each reading is an event)',
    description:
      '403 when the response is assigned to another re-inspector; 404 when it is not (or not yet, at intake) assigned to anyone.',
  })
  async get(
    @Param('responseId', new ParseUUIDPipe()) responseId: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const id = responseId.toLowerCase();
    return this.dataSource.transaction(async (manager) => {
      const [assignment]: { sample_id: string; campaign_id: string; reinspector_id: string }[] = await manager.query(
        `SELECT sample_id, campaign_id, reinspector_id FROM intake.backcheck_assignments WHERE response_id = $1`,
        [id],
      );
      // Not under back-check at all: 404, as for the audit's verdicts; someone else's back-check: 403.
      if (!assignment) {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: 'this response is not assigned for a back-check',
          messageVi: 'phiếu này chưa được phân công phúc tra',
          errors: [{ field: 'responseId', reason: 'not assigned for a back-check', reasonVi: 'chưa được phân công phúc tra' }],
        });
      }
      if (assignment.reinspector_id !== actor.id) throw notAssigned();
      const row = await this.responses.byId(manager, id);
      if (!row) {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: 'no such response',
          messageVi: 'không có phiếu này',
          errors: [{ field: 'responseId', reason: 'no such response', reasonVi: 'không có phiếu này' }],
        });
      }
      let outcome: 'readable' | 'erased' | 'none' = 'none';
      let contact = null;
      if (row.personal && row.respondent_key_id) {
        const stored = await this.keys.find(manager, row.respondent_key_id);
        if (stored.state === 'live') {
          contact = decryptPersonalData(stored.key, row.response_id, row.personal).contact;
          outcome = contact ? 'readable' : 'none';
        } else outcome = 'erased';
      }
      const event = createEvent(
        ContactDetailsAccessed,
        id,
        {
          responseId: id,
          unitId: row.unit_id,
          campaignId: row.campaign_id,
          sampleId: assignment.sample_id,
          reinspectorId: actor.id,
          outcome,
        },
        { source: 'survey-intake', actor: staffActor(actor), correlationId },
      );
      await this.outbox.append(manager, [event]);
      return { responseId: id, state: outcome, contact, accessEventId: event.id };
    });
  }
}
