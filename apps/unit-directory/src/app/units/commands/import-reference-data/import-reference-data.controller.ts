import { Roles } from '@hailong/contracts';
import {
  ImportFormatError,
  ImportPlan,
  planAdminUnitsImport,
  planCommuneMergers,
  planDistrictDissolution,
  planProvinceReorganization,
  UnitHistory,
} from '@hailong/directory/domain';
import { Actor, AllowRoles, CurrentActor } from '@hailong/platform/auth';
import { CorrelationId, unprocessable } from '@hailong/platform/http';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { DirectoryWriter } from '../../store/directory-writer';
import {
  DissolveDistrictPoliceRequestDto,
  ImportAdminUnitsRequestDto,
  ImportCommuneMergersRequestDto,
  ImportProvinceReorganizationRequestDto,
} from './import-reference-data.request.dto';

/**
 * The reorganisations of the police structure, imported from reference files. Each import is planned
 * against the directory as it stands (so importing the same file twice changes nothing), decided like
 * any other edit, and written all or nothing; a dry run returns the same report and writes nothing.
 */
@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportReferenceDataController {
  constructor(private readonly writer: DirectoryWriter) {}

  @Post('admin-units')
  @HttpCode(200)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  adminUnits(@Body() body: ImportAdminUnitsRequestDto, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    return this.run(
      (units) => planAdminUnitsImport(units, body.csv, { validFrom: body.validFrom }, randomUUID),
      body,
      actor,
      correlationId,
    );
  }

  @Post('commune-mergers')
  @HttpCode(200)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  communeMergers(@Body() body: ImportCommuneMergersRequestDto, @CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    return this.run(
      (units) => planCommuneMergers(units, body.csv, { effectiveDate: body.effectiveDate }, randomUUID),
      body,
      actor,
      correlationId,
    );
  }

  @Post('district-dissolution')
  @HttpCode(200)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  districtDissolution(
    @Body() body: DissolveDistrictPoliceRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const options = { provinceCode: body.provinceCode, effectiveDate: body.effectiveDate };
    return this.run((units) => planDistrictDissolution(units, options, randomUUID), body, actor, correlationId);
  }

  @Post('province-reorganization')
  @HttpCode(200)
  @AllowRoles(Roles.directoryEditor, Roles.admin)
  provinceReorganization(
    @Body() body: ImportProvinceReorganizationRequestDto,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ) {
    const options = { effectiveDate: body.effectiveDate };
    return this.run((units) => planProvinceReorganization(units, body.csv, options, randomUUID), body, actor, correlationId);
  }

  private async run(
    plan: (units: readonly UnitHistory[]) => ImportPlan,
    options: { dryRun?: boolean },
    actor: Actor,
    correlationId: string,
  ) {
    let report: ImportPlan['report'] | null = null;
    try {
      const { events } = await this.writer.execute(
        (log) => {
          const planned = plan(log.histories());
          report = planned.report;
          return planned.commands;
        },
        { actor, correlationId, dryRun: options.dryRun === true },
      );
      return { dryRun: options.dryRun === true, events: events.length, report };
    } catch (error) {
      if (error instanceof ImportFormatError) {
        const where = error.line === null ? { en: '', vi: '' } : { en: `line ${error.line}: `, vi: `dòng ${error.line}: ` };
        throw unprocessable([
          {
            field: error.field,
            rule: 'import-format',
            line: error.line,
            reason: `${where.en}${error.reason}`,
            reasonVi: `${where.vi}${error.reasonVi}`,
          },
        ]);
      }
      throw error;
    }
  }
}
