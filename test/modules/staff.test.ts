import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Product } from '../../src/modules/catalog/product.entity.js';
import { Employee } from '../../src/modules/staff/employee.entity.js';
import { EngineerProduct } from '../../src/modules/staff/engineer-product.entity.js';
import { Engineer } from '../../src/modules/staff/engineer.entity.js';
import { Manager } from '../../src/modules/staff/manager.entity.js';
import { User } from '../../src/modules/wiki/user.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { headersFor, type Who } from '../support/auth.js';

type Node = {
  __typename: string;
  id: string;
  name: string;
  hiredOn: string;
  manager: { name: string } | null;
  user: { name: string } | null;
  specialty?: string;
  department?: string;
  certifiedProducts?: { totalCount: number; nodes: { name: string }[] };
  reports?: { totalCount: number; nodes: { name: string }[] };
};
type List = { employees: { totalCount: number; nodes: Node[] } };
const STAFF = `query($kind: EmployeeKind, $filter: EmployeeFilter) {
  employees(first: 50, kind: $kind, filter: $filter) {
    totalCount
    nodes {
      __typename id name hiredOn manager { name } user { name }
      ... on Engineer { specialty certifiedProducts(first: 10) { totalCount nodes { name } } }
      ... on Manager { department reports(first: 10) { totalCount nodes { name } } }
    }
  }
}`;

/** The staff hierarchy: Employee with Engineer and Manager, mapped table-per-type. */
describe('staff (Employee, Engineer, Manager)', () => {
  let t: TestApp;
  const tokens = new Map<Who, Record<string, string>>();
  const as = (who: Who) => headersFor(t, who, tokens);
  const em = () => t.app.orm.em.fork();
  let seq = 0;
  const uniq = (s: string) => `${s} ${++seq}`;

  beforeAll(async () => {
    t = await startTestApp();
    // The demo links employees to these accounts when they exist at seeding; link them here too.
    for (const who of ['basic', 'editor'] as const) await as(who);
    const e = em();
    for (const [name, user] of [
      ['Dieter Kranz', 'editor'],
      ['Ken Pixel', 'basic'],
    ]) {
      const employee = await e.findOneOrFail(Employee, { name: name! });
      employee.user = await e.findOneOrFail(User, { name: user! });
    }
    await e.flush();
  });
  afterAll(() => t?.close());

  it("lists the demo staff, each as its concrete type, with the subtype's own fields and links", async () => {
    for (const strategy of ['lazy', 'batched', 'eager']) {
      const res = await t.gql<List>(STAFF, {}, { ...(await as('basic')), 'x-loading-strategy': strategy });
      expect(res.errors, strategy).toBeUndefined();
      const byName = new Map(res.data!.employees.nodes.map((n) => [n.name, n]));
      expect(res.data!.employees.totalCount).toBe(5);
      expect(byName.get('Dieter Kranz')).toMatchObject({
        __typename: 'Manager',
        department: 'Workshop',
        hiredOn: '2017-09-18',
        manager: { name: 'Grace Holloway' },
        user: { name: 'editor' },
        reports: { totalCount: 3, nodes: [{ name: 'Ada Solder' }, { name: 'Ken Pixel' }, { name: 'Rosa Byte' }] },
      });
      expect(byName.get('Grace Holloway')).toMatchObject({ __typename: 'Manager', manager: null, reports: { totalCount: 1, nodes: [{ name: 'Dieter Kranz' }] } });
      expect(byName.get('Ada Solder')).toMatchObject({
        __typename: 'Engineer',
        specialty: 'Disk drives and recapping',
        user: null,
        certifiedProducts: { totalCount: 3, nodes: [{ name: 'Amiga 1200' }, { name: 'Amiga 500' }, { name: 'Atari 520ST' }] },
      });
      expect(byName.get('Rosa Byte')!.certifiedProducts).toEqual({ totalCount: 0, nodes: [] });
      expect(byName.get('Ken Pixel')!.user).toEqual({ name: 'basic' });
      // Batched: the viewer, page, count, managers (Engineers and Managers in one batch), wiki
      // accounts, reports + their count, certifications + their count. Eager joins the wiki
      // accounts into the page (managers have their own statement: see staffPlans). A fixed
      // number however many employees the page holds.
      if (strategy === 'batched') expect(res.extensions!.sql).toEqual({ statements: 9, strategy });
      if (strategy === 'eager') expect(res.extensions!.sql).toEqual({ statements: 8, strategy });
    }
  });

  it('filters by kind, name and manager', async () => {
    const basic = await as('basic');
    const engineers = await t.gql<List>(STAFF, { kind: 'ENGINEER' }, basic);
    expect(engineers.data!.employees.nodes.map((n) => n.__typename)).toEqual(['Engineer', 'Engineer', 'Engineer']);
    const managers = await t.gql<List>(STAFF, { kind: 'MANAGER' }, basic);
    expect(managers.data!.employees.nodes.map((n) => n.name)).toEqual(['Dieter Kranz', 'Grace Holloway']);
    const dieter = managers.data!.employees.nodes.find((n) => n.name === 'Dieter Kranz')!;
    const reports = await t.gql<List>(STAFF, { filter: { managerId: dieter.id, nameContains: 'PIX' } }, basic);
    expect(reports.data!.employees.nodes.map((n) => n.name)).toEqual(['Ken Pixel']);
  });

  it('is for signed-in users only, in the list and through node(id:)', async () => {
    const anonymous = await t.gql<List>(STAFF, {});
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const ada = await em().findOneOrFail(Engineer, { name: 'Ada Solder' });
    const q = `query($id: ID!) { node(id: $id) { __typename ... on Engineer { name specialty } } }`;
    expect((await t.gql(q, { id: ada.nodeId })).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(q, { id: ada.nodeId }, await as('basic'))).data).toEqual({ node: { __typename: 'Engineer', name: 'Ada Solder', specialty: 'Disk drives and recapping' } });
  });

  it('hires, changes and deletes staff (editors), keeping each subtype row with its employee', async () => {
    const editor = await as('editor');
    const products = await em().find(Product, { name: { $in: ['Amiga 500', 'BBC Micro'] } }, { orderBy: { name: 'asc' } });
    const boss = await t.gql<{ createManager: { manager: Node } }>(
      `mutation($input: CreateManagerInput!) { createManager(input: $input) { manager { __typename id name department hiredOn manager { name } } } }`,
      { input: { name: uniq('Boss'), hiredOn: '2024-02-29', department: 'Restoration', managerId: (await em().findOneOrFail(Manager, { name: 'Grace Holloway' })).nodeId } },
      editor,
    );
    expect(boss.errors).toBeUndefined();
    expect(boss.data!.createManager.manager).toMatchObject({ __typename: 'Manager', department: 'Restoration', hiredOn: '2024-02-29', manager: { name: 'Grace Holloway' } });
    const bossId = boss.data!.createManager.manager.id;

    const hired = await t.gql<{ createEngineer: { engineer: Node } }>(
      `mutation($input: CreateEngineerInput!) { createEngineer(input: $input) { engineer { id name specialty manager { name } certifiedProducts { nodes { name } } } } }`,
      { input: { name: uniq('Fixer'), hiredOn: '2024-03-01', specialty: 'Floppy drives', managerId: bossId, certifiedProductIds: products.map((p) => p.nodeId) } },
      editor,
    );
    expect(hired.errors).toBeUndefined();
    const engineer = hired.data!.createEngineer.engineer;
    expect(engineer.certifiedProducts!.nodes).toEqual([{ name: 'Amiga 500' }, { name: 'BBC Micro' }]);
    expect(engineer.manager).toEqual({ name: boss.data!.createManager.manager.name });

    const changed = await t.gql<{ updateEngineer: { engineer: Node } }>(
      `mutation($input: UpdateEngineerInput!) { updateEngineer(input: $input) { engineer { specialty manager { name } certifiedProducts { nodes { name } } } } }`,
      { input: { employeeId: engineer.id, specialty: 'Tape decks', managerId: null, certifiedProductIds: [products[1]!.nodeId] } },
      editor,
    );
    expect(changed.data!.updateEngineer.engineer).toEqual({ specialty: 'Tape decks', manager: null, certifiedProducts: { nodes: [{ name: 'BBC Micro' }] } });

    // Deleting the manager: the subtype row goes with the employee, the reports stay, unassigned.
    const reportId = (
      await t.gql<{ createEngineer: { engineer: { id: string } } }>(
        `mutation($input: CreateEngineerInput!) { createEngineer(input: $input) { engineer { id } } }`,
        { input: { name: uniq('Report'), hiredOn: '2024-03-02', specialty: 'Joysticks', managerId: bossId } },
        editor,
      )
    ).data!.createEngineer.engineer.id;
    const gone = await t.gql(`mutation($id: ID!) { deleteEmployee(input: { employeeId: $id }) { deletedId } }`, { id: bossId }, editor);
    expect(gone.data).toEqual({ deleteEmployee: { deletedId: bossId } });
    const e = em();
    const bossKey = Number(Buffer.from(bossId, 'base64url').toString().split(':')[1]);
    expect(await e.count(Manager, { id: bossKey })).toBe(0);
    const rows = await e.getConnection().execute<{ n: number | string }[]>(`select count(*) as n from managers where id = ${bossKey}`);
    expect(Number(rows[0]!.n)).toBe(0);
    const report = await e.findOneOrFail(Engineer, { name: { $like: 'Report %' } });
    expect(report.nodeId).toBe(reportId);
    expect(report.manager).toBeNull();

    // Deleting an engineer removes their certifications, never the products.
    const fixerKey = Number(Buffer.from(engineer.id, 'base64url').toString().split(':')[1]);
    await t.gql(`mutation($id: ID!) { deleteEmployee(input: { employeeId: $id }) { deletedId } }`, { id: engineer.id }, editor);
    expect(await em().count(EngineerProduct, { engineer: fixerKey })).toBe(0);
    expect(await em().count(Product, { name: 'BBC Micro' })).toBe(1);
  });

  it('refuses reporting cycles, a shared wiki account, a manager id that is not a manager, and cleared required fields', async () => {
    const editor = await as('editor');
    const e = em();
    const [grace, dieter, ada] = await Promise.all([
      e.findOneOrFail(Manager, { name: 'Grace Holloway' }),
      e.findOneOrFail(Manager, { name: 'Dieter Kranz' }),
      e.findOneOrFail(Engineer, { name: 'Ada Solder' }),
    ]);
    const UPDATE = `mutation($input: UpdateManagerInput!) { updateManager(input: $input) { manager { name } } }`;
    const cycle = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, managerId: dieter.nodeId } }, editor);
    expect(cycle.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.managerId' });
    const self = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, managerId: grace.nodeId } }, editor);
    expect(self.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.managerId' });
    const editorUser = await e.findOneOrFail(User, { name: 'editor' });
    const shared = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, userId: editorUser.nodeId } }, editor);
    expect(shared.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.userId' });
    const notManager = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, managerId: ada.nodeId } }, editor);
    expect(notManager.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.managerId' });
    const cleared = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, department: null } }, editor);
    expect(cleared.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.department' });
    const badDate = await t.gql(UPDATE, { input: { employeeId: grace.nodeId, hiredOn: '2023-02-30' } }, editor);
    expect(badDate.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    // Nothing changed.
    const after = await em().findOneOrFail(Manager, { name: 'Grace Holloway' }, { populate: ['user'] });
    expect([after.manager, after.user, after.department]).toEqual([null, null, 'Operations']);
    // Basic users cannot hire.
    const basic = await t.gql(`mutation { createManager(input: { name: "X", hiredOn: "2024-01-01", department: "Y" }) { manager { id } } }`, {}, await as('basic'));
    expect(basic.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
