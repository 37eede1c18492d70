import {
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  HttpCode,
  Post,
  Req,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, inScope, type Principal, Role, Roles } from '@sigap/auth';
import { ClaimsService, IdempotencyKeyBusyError, IdempotencyKeyReusedError } from '@sigap/claims';
import { isValidNik } from '@sigap/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiIdempotencyKey, idempotencyKeyOf, requestHash } from '../common/idempotency';
import { CreateIncidentDto, FiledClaimDto } from './create-incident.dto';

/** Incidents may be reported with a little clock skew, but never from the future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @HttpCode(201)
  @Roles(Role.KPU_OPERATOR, Role.ADMIN)
  @ApiIdempotencyKey()
  @ApiOperation({
    summary:
      'Report an incident during duty (KPU staff, in their region); opens a claim and starts its workflow',
  })
  @ApiCreatedResponse({ type: FiledClaimDto })
  async create(
    @CurrentUser() p: Principal,
    @Body() dto: CreateIncidentDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<FiledClaimDto> {
    const key = idempotencyKeyOf(req.headers);
    const occurredAt = new Date(dto.occurredAt);
    const errors = [];
    if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      errors.push({ field: 'occurredAt', message: 'occurredAt lies in the future' });
    }
    // the 16 digits were checked by the DTO; here the date and region parts (never the current region list)
    if (!isValidNik(dto.workerNik, occurredAt.toISOString().slice(0, 10))) {
      errors.push({
        field: 'workerNik',
        message: 'workerNik is not a valid NIK (birth date or region part)',
      });
    }
    if (errors.length) throw new UnprocessableEntityException({ errors });
    if (!inScope(p, dto.regionCode)) {
      throw new ForbiddenException(`region ${dto.regionCode} is outside your scope`);
    }
    const cmd = { ...dto, occurredAt };
    if (key === undefined) return this.claims.fileIncident(cmd);
    try {
      // the key, the claim and the answer in one transaction; a retry gets the first answer's JSON text
      const answer = await this.claims.fileIncidentOnce(cmd, {
        scope: `file-incident:${p.userId}`.slice(0, 64),
        key,
        requestHash: requestHash(req.body),
      });
      res.status(answer.statusCode);
      return JSON.parse(answer.response) as FiledClaimDto;
    } catch (err) {
      if (err instanceof IdempotencyKeyReusedError) {
        throw new UnprocessableEntityException({
          errors: [{ field: 'Idempotency-Key', message: err.message }],
        });
      }
      if (err instanceof IdempotencyKeyBusyError) throw new ConflictException(err.message);
      throw err;
    }
  }
}
