import { AUTH_ENTITIES } from '../../../auth/src/user.entity';
import { COVERAGE_ENTITIES } from '../../../coverage/src/entities';
import { ClaimEventEntity } from './claim-event.entity';
import { CLAIM_LIFECYCLE_ENTITIES } from './claim-lifecycle.entities';
import { ClaimEntity } from './claim.entity';
import { IncidentEntity } from './incident.entity';

export * from './claim-event.entity';
export * from './claim-lifecycle.entities';
export * from './claim.entity';
export * from './incident.entity';

export const ENTITIES = [
  IncidentEntity,
  ClaimEntity,
  ClaimEventEntity,
  ...COVERAGE_ENTITIES,
  ...CLAIM_LIFECYCLE_ENTITIES,
  ...AUTH_ENTITIES,
];
