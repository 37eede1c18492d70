import { BadRequestException, Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLAIM_NUMBER_PATTERN, ClaimsService, ClaimView } from '@sigap/claims';

@ApiTags('claims')
@Controller('api/v1/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get(':claimNumber')
  @ApiOperation({ summary: 'A claim: stage, incident facts and timeline, from the read model' })
  get(@Param('claimNumber') claimNumber: string): Promise<ClaimView> {
    if (!CLAIM_NUMBER_PATTERN.test(claimNumber)) {
      throw new BadRequestException({
        errors: [{ field: 'claimNumber', message: 'claimNumber must look like SGP-2026-000042' }],
      });
    }
    return this.claims.getClaim(claimNumber);
  }
}
