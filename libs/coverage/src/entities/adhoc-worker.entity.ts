import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An election ad-hoc worker, identified by NIK (personal data: never logged, never echoed by the API). */
@Entity({ name: 'adhoc_worker' })
export class AdHocWorkerEntity {
  /** stored as a number (16 digits, the first not 0; migration RegistryNikBigint); pg returns it as its string */
  @PrimaryColumn({ name: 'nik', type: 'bigint' })
  nik!: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName!: string;

  /** L (laki-laki) or P (perempuan), as on the KTP; consistent with the NIK (day + 40 for women). */
  @Column({ name: 'sex', type: 'char', length: 1 })
  sex!: 'L' | 'P';

  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ name: 'phone', type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
