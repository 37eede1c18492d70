import { Module } from '@nestjs/common';
import {
  ClaimCommands,
  ClaimsService,
  DocumentsService,
  HttpBankGateway,
  PAYMENT_GATEWAY,
  PaymentsService,
} from '@sigap/claims';
import { Env } from '@sigap/config';
import { DOCUMENT_STORAGE, LocalDiskStorage } from '@sigap/storage';
import path from 'node:path';
import { IncidentsController } from '../incidents/incidents.controller';
import { TrackingController } from '../tracking/tracking.controller';
import { TrackingService } from '../tracking/tracking.service';
import { ClaimAccessService } from './claim-access.service';
import { ClaimsController } from './claims.controller';

/** Incidents, claims (work queue, case, commands, documents) and family tracking. */
@Module({
  controllers: [IncidentsController, ClaimsController, TrackingController],
  providers: [
    ClaimsService,
    ClaimCommands,
    DocumentsService,
    PaymentsService,
    ClaimAccessService,
    TrackingService,
    {
      provide: PAYMENT_GATEWAY,
      inject: [Env],
      useFactory: (env: Env) =>
        new HttpBankGateway(env.BANK_GATEWAY_URL, env.BANK_TIMEOUT_MS, env.BANK_API_KEY),
    },
    {
      provide: DOCUMENT_STORAGE,
      inject: [Env],
      useFactory: (env: Env) => new LocalDiskStorage(path.resolve(env.DOCUMENTS_DIR)),
    },
  ],
})
export class ClaimsApiModule {}
