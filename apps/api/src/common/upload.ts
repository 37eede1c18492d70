import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  createParamDecorator,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';

/** A document as uploaded: its bytes and what the client said about them (checked later by the bytes). */
export interface UploadedDocument {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

type UploadRequest = FastifyRequest & { uploadedDocument?: UploadedDocument };

/**
 * Reads a multipart/form-data upload (@fastify/multipart, limits set where it is registered: one file of at most
 * MAX_DOCUMENT_BYTES, five fields): the file part named `file` is held for the handler (`@UploadedDocumentFile()`),
 * the other fields become the body the DTO is validated against. A file over the limit is refused with 413 before
 * its rest is read; a file under another name with 400. A request that is not multipart passes on untouched (the
 * handler then says a file is required).
 */
@Injectable()
export class DocumentUploadInterceptor implements NestInterceptor {
  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<UploadRequest>();
    if (!req.isMultipart()) return next.handle();
    const fields: Record<string, string> = {};
    try {
      await this.read(req, fields);
    } catch (err) {
      throw unreadable(err);
    }
    req.body = fields;
    return next.handle();
  }

  private async read(req: UploadRequest, fields: Record<string, string>): Promise<void> {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || req.uploadedDocument) {
          part.file.resume();
          throw new BadRequestException({
            errors: [{ field: part.fieldname, message: 'one file is expected, in the field "file"' }],
          });
        }
        const buffer = await part.toBuffer();
        req.uploadedDocument = {
          originalname: part.filename,
          mimetype: part.mimetype,
          size: buffer.length,
          buffer,
        };
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
  }
}

/**
 * What went wrong reading a multipart body, as the client's error: our own refusals and the limits of
 * @fastify/multipart (413, they carry a status) as they are; anything the parser itself throws (no boundary in the
 * Content-Type, a body cut short, a malformed part) is the body's fault: 400, without the parser's text.
 */
function unreadable(err: unknown): unknown {
  if (err instanceof HttpException) return err;
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return err;
  return new BadRequestException({
    errors: [
      {
        field: 'body',
        message: 'not a readable multipart/form-data body (a boundary in the Content-Type, complete parts)',
      },
    ],
  });
}

/** The file read by DocumentUploadInterceptor, or undefined when none was sent. */
export const UploadedDocumentFile = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): UploadedDocument | undefined =>
    ctx.switchToHttp().getRequest<UploadRequest>().uploadedDocument,
);
