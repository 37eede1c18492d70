import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';
import type { Role } from './roles';

export const IS_PUBLIC = 'sigap:isPublic';
export const ROLES = 'sigap:roles';

/** No login needed (health, docs, login itself, family tracking). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the handler (ADMIN is not implied: list it where it belongs). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated principal of the request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal,
);
