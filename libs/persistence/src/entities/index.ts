import { ClaimEventEntity } from './claim-event.entity';
import { ClaimEntity } from './claim.entity';
import { IncidentEntity } from './incident.entity';

export * from './claim-event.entity';
export * from './claim.entity';
export * from './incident.entity';

export const ENTITIES = [IncidentEntity, ClaimEntity, ClaimEventEntity];
