import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Role } from '@hailong/contracts';

/**
 * A login at the local issuer. No schema here: TypeORM puts entities without one in the
 * DataSource's `schema`, so the hosting service decides where the table lives.
 */
@Entity({ name: 'staff_accounts' })
export class StaffAccount {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Stored lower-cased, so logins are case-insensitive and unique regardless of case. */
  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** argon2id, PHC string format (algorithm and parameters travel with the hash). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
