import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from './problem-details.filter';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, '$1 is not an accepted field'),
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** whitelist + forbidNonWhitelisted: unknown fields are refused by name, never silently dropped. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // one clear message per field: the first rule it breaks
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException({ errors: flatten(errors) }),
  });
}

/** Free-text fields: see plain-text.ts (markup, script, control characters and SQL shapes are refused). */
export { PlainText, PlainTextValues, PLAIN_TEXT_RULES } from './plain-text';
