import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode } from '../../errors.js';
import { findByGlobalId } from '../../graphql/mutation.js';
import { fromGlobalId } from '../../graphql/node.js';
import { Product } from '../catalog/product.entity.js';
import { User } from '../wiki/user.entity.js';
import { Employee } from './employee.entity.js';
import { Engineer } from './engineer.entity.js';
import { Manager } from './manager.entity.js';
import type { CreateEngineerInput, CreateManagerInput, DeleteEmployeeInput, UpdateEngineerInput, UpdateManagerInput } from './staff.mutation-inputs.js';

/** Deeper chains than this are refused: a reporting line is short, and the walk stays bounded. */
const MAX_CHAIN = 64;

/** The manager to report to, refusing one that (directly or up the chain) reports to `self`. */
async function managerFor(tx: EntityManager, id: string | null, self?: Employee): Promise<Manager | null> {
  if (id === null) return null;
  const manager = await findByGlobalId(tx, Manager, id, 'input.managerId');
  for (let m: Employee | null = manager, depth = 0; m; m = m.manager, depth++) {
    await tx.populate(m, ['manager']);
    if (self && m.id === self.id) {
      throw new AppError(ErrorCode.CONFLICT, 'An employee cannot report to themself, directly or through their reports', { field: 'input.managerId' });
    }
    if (depth > MAX_CHAIN) throw new AppError(ErrorCode.CONFLICT, `A reporting line may be at most ${MAX_CHAIN} managers deep`, { field: 'input.managerId' });
  }
  return manager;
}

/** The wiki account to link, refusing one already linked to another employee. */
async function userFor(tx: EntityManager, id: string | null, self?: Employee): Promise<User | null> {
  if (id === null) return null;
  const user = await findByGlobalId(tx, User, id, 'input.userId');
  const holder = await tx.findOne(Employee, { user, ...(self ? { id: { $ne: self.id } } : {}) });
  if (holder) throw new AppError(ErrorCode.CONFLICT, `The account "${user.name}" is already linked to another employee`, { field: 'input.userId' });
  return user;
}

async function products(tx: EntityManager, ids: string[]): Promise<Product[]> {
  return Promise.all(ids.map((id, i) => findByGlobalId(tx, Product, id, `input.certifiedProductIds[${i}]`)));
}

type Changes = { name?: string | null; hiredOn?: string | null; managerId?: string | null; userId?: string | null };

/** Refuses null for fields an employee must have: an update omits a field to keep it. */
function refuseCleared<I extends object>(input: I, required: (keyof I & string)[]): void {
  const cleared = required.find((field) => input[field] === null);
  if (cleared) throw new AppError(ErrorCode.BAD_USER_INPUT, `${cleared} cannot be cleared: omit it to keep it`, { field: `input.${cleared}` });
}

/** What every kind of employee is created with, links checked. */
async function newEmployeeFields(tx: EntityManager, input: { name: string; hiredOn: string; managerId?: string | null; userId?: string | null }) {
  return {
    name: input.name,
    hiredOn: input.hiredOn,
    manager: await managerFor(tx, input.managerId ?? null),
    user: await userFor(tx, input.userId ?? null),
  };
}

/** Applies the common changes: omitted (undefined) keeps, null clears a link; a required field cannot be null. */
async function applyChanges(tx: EntityManager, employee: Employee, input: Changes): Promise<void> {
  refuseCleared(input, ['name', 'hiredOn']);
  if (input.name != null) employee.name = input.name;
  if (input.hiredOn != null) employee.hiredOn = input.hiredOn;
  if (input.managerId !== undefined) employee.manager = await managerFor(tx, input.managerId, employee);
  if (input.userId !== undefined) employee.user = await userFor(tx, input.userId, employee);
}

/** Staff writes. Each runs inside the mutation's transaction (`tx`). */
export const staffWrites = {
  async createEngineer(tx: EntityManager, input: CreateEngineerInput): Promise<Engineer> {
    const engineer = tx.create(Engineer, { ...(await newEmployeeFields(tx, input)), specialty: input.specialty });
    engineer.certifiedProducts.set(await products(tx, input.certifiedProductIds ?? []));
    await tx.flush();
    return engineer;
  },

  async updateEngineer(tx: EntityManager, input: UpdateEngineerInput): Promise<Engineer> {
    const engineer = await findByGlobalId(tx, Engineer, input.employeeId, 'input.employeeId');
    await applyChanges(tx, engineer, input);
    refuseCleared(input, ['specialty']);
    if (input.specialty != null) engineer.specialty = input.specialty;
    if (input.certifiedProductIds != null) {
      await engineer.certifiedProducts.init();
      engineer.certifiedProducts.set(await products(tx, input.certifiedProductIds));
    }
    await tx.flush();
    return engineer;
  },

  async createManager(tx: EntityManager, input: CreateManagerInput): Promise<Manager> {
    const manager = tx.create(Manager, { ...(await newEmployeeFields(tx, input)), department: input.department });
    await tx.flush();
    return manager;
  },

  async updateManager(tx: EntityManager, input: UpdateManagerInput): Promise<Manager> {
    const manager = await findByGlobalId(tx, Manager, input.employeeId, 'input.employeeId');
    await applyChanges(tx, manager, input);
    refuseCleared(input, ['department']);
    if (input.department != null) manager.department = input.department;
    await tx.flush();
    return manager;
  },

  /** Deletes an engineer or a manager (its subtype row goes with it: on delete cascade). */
  async deleteEmployee(tx: EntityManager, input: DeleteEmployeeInput): Promise<string> {
    const { type } = fromGlobalId(input.employeeId, 'input.employeeId');
    const entity = type === 'Manager' ? Manager : type === 'Engineer' ? Engineer : null;
    if (!entity) throw new AppError(ErrorCode.BAD_USER_INPUT, `Argument "input.employeeId" must be the id of an Engineer or a Manager, got the id of a ${type}`, { field: 'input.employeeId' });
    const employee = await findByGlobalId<Employee>(tx, entity, input.employeeId, 'input.employeeId');
    await tx.nativeDelete(Employee, { id: employee.id });
    return employee.nodeId;
  },
};
