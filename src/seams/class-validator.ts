/**
 * Seam: class-validator (checked on class-validator 0.15.x, 0.15.1 installed).
 *
 * The only file that reads class-validator's metadata storage. Contract test:
 * test/seams/class-validator.test.ts.
 *
 * Assumption: `getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)` (target
 * schema, `always`, `strictGroups`: an internal method whose parameters changed in 0.14) returns
 * the constraints a class declares, its parent classes' included, and none for a class without
 * decorators.
 *
 * Why no public API: class-validator offers no way to ask whether a class declares constraints;
 * validating the object itself is the cost this check spares (src/graphql/validate-args.ts).
 */
import { getMetadataStorage } from 'class-validator';

/** Whether `type` or a class it extends declares any class-validator constraint. */
export function declaresConstraints(type: Function): boolean {
  return getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
}
