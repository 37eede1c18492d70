import { Body, Controller, HttpCode, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClaimsService } from '@sigap/claims';
import { CreateIncidentDto, FiledClaimDto } from './create-incident.dto';

/** Incidents may be reported with a little clock skew, but never from the future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

@ApiTags('incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Report an incident during duty; opens a claim and starts its workflow' })
  @ApiCreatedResponse({ type: FiledClaimDto })
  async create(@Body() dto: CreateIncidentDto): Promise<FiledClaimDto> {
    const occurredAt = new Date(dto.occurredAt);
    if (occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw new UnprocessableEntityException({
        errors: [{ field: 'occurredAt', message: 'occurredAt lies in the future' }],
      });
    }
    return this.claims.fileIncident({ ...dto, occurredAt });
  }
}
