import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '@sigap/auth';
import { rateLimitFromEnv } from '@sigap/config';
import { CLAIM_NUMBER_PATTERN, ClaimCommands } from '@sigap/claims';
import { DOCUMENT_STORAGE, type DocumentStorage } from '@sigap/storage';
import { storeUpload } from '../claims/claims.controller';
import { DocumentUploadDto } from '../claims/dto';
import { DocumentUploadInterceptor, type UploadedDocument, UploadedDocumentFile } from '../common/upload';
import { TrackingService, TrackingView } from './tracking.service';

const CODE = /^[2-9A-HJKMNP-Z]{10}$/;

/** Family tracking: no login, the claim number and the tracking code handed over by the reporter. */
@ApiTags('tracking')
@Controller('api/v1/track')
@UseGuards(ThrottlerGuard)
export class TrackingController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly commands: ClaimCommands,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  @Public()
  @Get(':claimNumber')
  @Throttle({ default: { limit: rateLimitFromEnv('TRACK_RATE_LIMIT_PER_MINUTE'), ttl: 60000 } })
  @ApiOperation({
    summary:
      'Stage, timeline, documents expected from the family and payout of one claim (Bahasa Indonesia first)',
  })
  @ApiQuery({ name: 'code', required: false, description: 'the tracking code, as carried by a shared link' })
  @ApiTooManyRequestsResponse({
    description: 'too many lookups from this client, or wrong codes for this claim',
  })
  track(
    @Param('claimNumber') claimNumber: string,
    @Headers('x-tracking-code') header?: string,
    @Query('code') query?: string,
  ): Promise<TrackingView> {
    return this.tracking.track(claimNumber, checked(claimNumber, header ?? query));
  }

  @Public()
  @Post(':claimNumber/documents')
  @HttpCode(201)
  @Throttle({ default: { limit: 20, ttl: 60000 } })
  @UseInterceptors(DocumentUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentCode', 'file'],
      properties: {
        documentCode: { type: 'string', example: 'HEIR_KTP' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({
    summary: 'The family uploads a document it is asked for (PDF, JPEG or PNG, at most 10 MB)',
  })
  async upload(
    @Param('claimNumber') claimNumber: string,
    @Body() dto: DocumentUploadDto,
    @Headers('x-tracking-code') header?: string,
    @UploadedDocumentFile() file?: UploadedDocument,
  ) {
    const view = await this.tracking.track(claimNumber, checked(claimNumber, header));
    return storeUpload(
      this.storage,
      this.commands,
      view.claimNumber,
      dto.documentCode,
      'family',
      file,
      (d) => d.supplier === 'FAMILY' && (d.status === 'MISSING' || d.status === 'REJECTED'),
    );
  }
}

function checked(claimNumber: string, rawCode: string | undefined): string {
  const code = (rawCode ?? '').replace(/[\s-]/g, '').toUpperCase();
  const errors = [];
  if (!CLAIM_NUMBER_PATTERN.test(claimNumber)) {
    errors.push({ field: 'claimNumber', message: 'claimNumber must look like SGP-2026-000042' });
  }
  if (!CODE.test(code))
    errors.push({ field: 'code', message: 'the tracking code has 10 letters and digits' });
  if (errors.length) throw new BadRequestException({ errors });
  return code;
}
