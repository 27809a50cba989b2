import type { EntityManager } from '@mikro-orm/sql';
import { Manager } from '../src/modules/staff/manager.entity.js';

export interface ManagerRow {
  name: string;
  hiredOn: string;
  department: string;
  /** Index of an earlier row this manager reports to; null for none. */
  boss: number | null;
}

/**
 * Managers in order, each flushed before any later one refers to it: MikroORM 7.2's
 * table-per-type inserts drop a reference to an employee inserted in the same flush (manager_id
 * stays null). Shared by the demo and the scaled seeder.
 */
export async function createManagers(tx: EntityManager, rows: ManagerRow[]): Promise<Manager[]> {
  const managers: Manager[] = [];
  for (const { boss, ...fields } of rows) {
    managers.push(tx.create(Manager, { ...fields, manager: boss === null ? null : managers[boss]! }));
    await tx.flush();
  }
  return managers;
}
