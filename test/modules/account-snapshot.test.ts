import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { authChecker } from '../../src/graphql/auth.js';
import { fieldPlans } from '../../src/graphql/schema.js';
import { Role, User } from '../../src/modules/wiki/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor } from '../support/auth.js';

/**
 * Role checks read a copy of the account taken when the request read it from the primary. A later
 * read in the same request may merge an older copy of the same user over viewer()'s entity (a
 * replica that has not replayed a demotion, as a page's creator): that must not raise a role.
 */
describe('the account role checks read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await headersFor(t, 'editor', new Map());
  });
  afterAll(() => t?.close());

  it('is not changed by a later, older copy of the same user merged into the request', async () => {
    const em = t.app.orm.em.fork();
    const editor = await em.findOneOrFail(User, { name: 'editor' });
    editor.role = Role.BASIC; // demoted on the primary
    await em.flush();
    const ctx = createContext({
      orm: t.app.orm,
      logger: t.app.logger,
      plans: fieldPlans,
      strategy: 'batched',
      sql: { statements: 0 },
      auth: { userId: editor.id, role: Role.EDITOR, stamp: editor.tokenStamp },
      clientAddress: 'test',
      services: {} as never,
    });
    expect(await ctx.account()).toEqual({ id: editor.id, name: 'editor', role: Role.BASIC });
    // A replica's copy from before the demotion, loaded later in the request (refresh, as relation loads do).
    ctx.em.merge(User, { id: editor.id, name: 'editor', role: Role.EDITOR, tokenStamp: editor.tokenStamp }, { refresh: true });
    expect((await ctx.viewer())!.role).toBe(Role.EDITOR);
    expect(await ctx.account()).toEqual({ id: editor.id, name: 'editor', role: Role.BASIC });
    await expect(authChecker({ context: ctx, root: {}, args: {}, info: {} as never }, [Role.EDITOR])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
