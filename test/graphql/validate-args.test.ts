import { ArgumentValidationError } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { ProductFilter } from '../../src/modules/catalog/catalog.inputs.js';
import { validateArguments } from '../../src/graphql/validate-args.js';

describe('argument validation (class-validator, imported once)', () => {
  const filter = (yearFrom: number) => Object.assign(new ProductFilter(), { yearFrom });

  it('refuses a constraint broken on a class or the class it extends, naming the field', async () => {
    const error = await validateArguments(filter(1800)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArgumentValidationError);
    expect((error as ArgumentValidationError).extensions.validationErrors).toEqual([expect.objectContaining({ property: 'yearFrom' })]);
  });

  it('checks every object of a list, and lets everything else through', async () => {
    await expect(validateArguments([filter(1984), filter(1800)])).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArguments([filter(1984), null, 3])).resolves.toBeUndefined();
    // Missing optional fields are not checked; scalars and objects of undecorated classes need no check.
    await expect(validateArguments(new ProductFilter())).resolves.toBeUndefined();
    await expect(validateArguments({ yearFrom: 1800 })).resolves.toBeUndefined();
    await expect(validateArguments('text')).resolves.toBeUndefined();
  });

  it('remembers values that passed, never ones that failed', async () => {
    // The same failing value fails every time, also after an equal-looking valid one of another year.
    await expect(validateArguments(filter(1985))).resolves.toBeUndefined();
    await expect(validateArguments(filter(1985))).resolves.toBeUndefined();
    await expect(validateArguments(filter(1799))).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArguments(filter(1799))).rejects.toBeInstanceOf(ArgumentValidationError);
    await expect(validateArguments([filter(1985), filter(1799)])).rejects.toBeInstanceOf(ArgumentValidationError);
  });
});
