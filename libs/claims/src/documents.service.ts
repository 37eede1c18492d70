import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DocumentState } from '@sigap/workflows';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface RecordUploadCommand {
  claimNumber: string;
  documentCode: string;
  uploadedBy: string;
  /** the file's bytes (checksummed here) or its precomputed sha256 */
  content?: Buffer;
  checksumSha256?: string;
  fileName?: string;
  contentType?: string;
  storageRef?: string;
}

/** Documents: the checklist and review states (an activity), and each upload (who, when, checksum). */
@Injectable()
export class DocumentsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async recordDocuments({
    claimNumber,
    documents,
  }: {
    claimNumber: string;
    documents: DocumentState[];
  }): Promise<void> {
    for (const d of documents) {
      await this.ds.query(
        `INSERT INTO claim_document (claim_number, code, label, requirement, supplier, status, upload_id, reason, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (claim_number, code) DO UPDATE SET status = EXCLUDED.status, upload_id = EXCLUDED.upload_id,
           reason = EXCLUDED.reason, updated_at = now()`,
        [
          claimNumber,
          d.code,
          d.label,
          d.requirement,
          d.supplier,
          d.status,
          d.uploadId ?? null,
          d.reason ?? null,
        ],
      );
    }
  }

  /** Stores the upload's record; returns its id for the documentUploaded signal. */
  async recordUpload(cmd: RecordUploadCommand): Promise<{ uploadId: string; checksumSha256: string }> {
    const checksum = cmd.content
      ? createHash('sha256').update(cmd.content).digest('hex')
      : cmd.checksumSha256;
    if (!checksum || !/^[0-9a-f]{64}$/.test(checksum))
      throw new Error('an upload needs its content or a sha256 checksum');
    const [row] = await this.ds.query(
      `INSERT INTO claim_document_upload (claim_number, document_code, uploaded_by, file_name, content_type, size_bytes, checksum_sha256, storage_ref)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        cmd.claimNumber,
        cmd.documentCode,
        cmd.uploadedBy,
        cmd.fileName ?? null,
        cmd.contentType ?? null,
        cmd.content?.length ?? null,
        checksum,
        cmd.storageRef ?? null,
      ],
    );
    return { uploadId: row.id, checksumSha256: checksum };
  }
}
