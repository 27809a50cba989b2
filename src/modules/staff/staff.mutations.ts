import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { DeletePayload, payload, runMutation } from '../../graphql/mutation.js';
import { Role } from '../wiki/user.entity.js';
import { Engineer } from './engineer.entity.js';
import { Manager } from './manager.entity.js';
import * as inputs from './staff.mutation-inputs.js';
import { staffWrites } from './staff.writes.js';

const CreateEngineerPayload = payload('CreateEngineerPayload', 'engineer', Engineer);
const UpdateEngineerPayload = payload('UpdateEngineerPayload', 'engineer', Engineer);
const CreateManagerPayload = payload('CreateManagerPayload', 'manager', Manager);
const UpdateManagerPayload = payload('UpdateManagerPayload', 'manager', Manager);

/** Staff management: editors and admins. */
@Authorized(Role.EDITOR)
@Resolver()
export class StaffMutations {
  @Mutation(() => CreateEngineerPayload, { description: 'Hires an engineer (editors).' })
  async createEngineer(@Arg('input', () => inputs.CreateEngineerInput) input: inputs.CreateEngineerInput, @Ctx() ctx: Context) {
    return { engineer: await runMutation(ctx, (tx) => staffWrites.createEngineer(tx, input)) };
  }

  @Mutation(() => UpdateEngineerPayload, { description: 'Changes an engineer (editors).' })
  async updateEngineer(@Arg('input', () => inputs.UpdateEngineerInput) input: inputs.UpdateEngineerInput, @Ctx() ctx: Context) {
    return { engineer: await runMutation(ctx, (tx) => staffWrites.updateEngineer(tx, input)) };
  }

  @Mutation(() => CreateManagerPayload, { description: 'Hires a manager (editors).' })
  async createManager(@Arg('input', () => inputs.CreateManagerInput) input: inputs.CreateManagerInput, @Ctx() ctx: Context) {
    return { manager: await runMutation(ctx, (tx) => staffWrites.createManager(tx, input)) };
  }

  @Mutation(() => UpdateManagerPayload, { description: 'Changes a manager (editors).' })
  async updateManager(@Arg('input', () => inputs.UpdateManagerInput) input: inputs.UpdateManagerInput, @Ctx() ctx: Context) {
    return { manager: await runMutation(ctx, (tx) => staffWrites.updateManager(tx, input)) };
  }

  @Mutation(() => DeletePayload, { description: "Deletes an engineer or a manager; a manager's reports stay, reporting to no one (editors)." })
  async deleteEmployee(@Arg('input', () => inputs.DeleteEmployeeInput) input: inputs.DeleteEmployeeInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return { deletedId: await runMutation(ctx, (tx) => staffWrites.deleteEmployee(tx, input)) };
  }
}
