import type { EntityManager } from '@mikro-orm/sql';
import { hasRole } from '../../graphql/auth.js';
import { AppError, ErrorCode } from '../../errors.js';
import { assertNameFree, findByGlobalId } from '../../graphql/mutation.js';
import type { CreatePageInput, DeletePageInput, MovePageInput, UpdatePageInput } from './page.inputs.js';
import { Page } from './page.entity.js';
import { Role, type User } from './user.entity.js';

async function findPage(tx: EntityManager, id: string): Promise<Page> {
  return findByGlobalId(tx, Page, id, 'input.pageId');
}

/** Basic users may change only their own pages; editors and admins any page. */
function assertMayEdit(page: Page, viewer: User): void {
  if (page.creator.id !== viewer.id && !hasRole(viewer.role, Role.EDITOR)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'Only its creator or an editor may change this page');
  }
}

async function findParent(tx: EntityManager, id: string | null | undefined): Promise<Page | null> {
  if (id == null) return null;
  return findByGlobalId(tx, Page, id, 'input.parentId');
}

/** Wiki page writes. Each runs inside the mutation's transaction (`tx`). */
export const pageWrites = {
  async create(tx: EntityManager, viewer: User, input: CreatePageInput): Promise<Page> {
    await assertNameFree(tx, Page, input.name);
    const page = tx.create(Page, { name: input.name, data: input.data, creator: viewer, parent: await findParent(tx, input.parentId) });
    await tx.flush();
    return page;
  },

  async update(tx: EntityManager, viewer: User, input: UpdatePageInput): Promise<Page> {
    const page = await findPage(tx, input.pageId);
    assertMayEdit(page, viewer);
    if (input.name != null && input.name !== page.name) {
      await assertNameFree(tx, Page, input.name, { except: page.id });
      page.name = input.name;
    }
    if (input.data != null) page.data = input.data;
    page.updatedAt = new Date();
    return page;
  },

  async remove(tx: EntityManager, viewer: User, input: DeletePageInput): Promise<string> {
    const page = await findPage(tx, input.pageId);
    assertMayEdit(page, viewer);
    const id = page.nodeId;
    // Children stay, as top-level pages (fk_pages_parent_id_pages: on delete set null).
    await tx.nativeDelete(Page, { id: page.id });
    return id;
  },

  async move(tx: EntityManager, viewer: User, input: MovePageInput): Promise<Page> {
    const page = await findPage(tx, input.pageId);
    assertMayEdit(page, viewer);
    const parent = await findParent(tx, input.parentId);
    // Walk up from the new parent: meeting the page itself would close a cycle.
    for (let node: Page | null = parent; node; node = node.parent ? await tx.findOneOrFail(Page, node.parent.id) : null) {
      if (node.id === page.id) {
        throw new AppError(ErrorCode.BAD_USER_INPUT, 'A page cannot be moved under itself or one of its descendants', { field: 'input.parentId' });
      }
    }
    page.parent = parent;
    page.updatedAt = new Date();
    return page;
  },
};
