import { Roles } from '@hailong/contracts';
import { AllowRoles, RequestWithActor } from '@hailong/platform/auth';
import { badRequest, correlationIdOf } from '@hailong/platform/http';
import { applyDecorators, createParamDecorator, ExecutionContext, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { UnitCommandRequest } from './unit-command.runner';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /units/:unitId/<action>`: a change to one unit, by a directory editor or an admin, based on `If-Match`. */
export function UnitChangeEndpoint(action: string) {
  return applyDecorators(
    Post(`:unitId/${action}`),
    HttpCode(200),
    AllowRoles(Roles.directoryEditor, Roles.admin),
    ApiTags('units'),
    ApiBearerAuth(),
    ApiParam({ name: 'unitId', format: 'uuid' }),
    ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the unit as last read; 412 if it changed since' }),
  );
}

/** Everything a unit change needs from the HTTP request: the unit, If-Match, the actor, the correlation id, the response for the ETag. */
export const UnitChange = createParamDecorator((_: unknown, context: ExecutionContext): UnitCommandRequest => {
  const request = context.switchToHttp().getRequest<RequestWithActor & { params: Record<string, string> }>();
  const unitId = request.params['unitId'];
  if (!UUID.test(unitId)) {
    throw badRequest([{ field: 'unitId', reason: `${unitId} is not a UUID`, reasonVi: `unitId ${unitId} không phải là mã UUID` }]);
  }
  if (!request.actor) throw new Error('@UnitChange() used on an endpoint without @AllowRoles()');
  const ifMatch = request.headers['if-match'];
  return {
    unitId,
    ifMatch: Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch,
    actor: request.actor,
    correlationId: correlationIdOf(request.headers),
    response: context.switchToHttp().getResponse<Response>(),
  };
});
