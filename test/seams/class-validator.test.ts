import { IsOptional, MaxLength, Min } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { declaresConstraints } from '../../src/seams/class-validator.js';
import { installedVersion } from './installed.js';

const CHECKED = '0.15.x';
const INSTALLED = installedVersion('class-validator');
const assumption = (what: string) =>
  `class-validator seam (src/seams/class-validator.ts), checked on class-validator ${CHECKED}, installed ${INSTALLED}: getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) ${what}`;

class Unconstrained {
  name?: string;
}

class Constrained {
  @MaxLength(3)
  name?: string;
}

class OnlyOptional {
  @IsOptional()
  name?: string;
}

class Inherits extends Constrained {
  note?: string;
}

class Own extends Unconstrained {
  @Min(1)
  count?: number;
}

describe(`class-validator seam (class-validator ${INSTALLED}, checked on ${CHECKED})`, () => {
  it('finds the constraints a class declares', () => {
    expect(declaresConstraints(Constrained), assumption("returns a decorated property's constraints")).toBe(true);
    expect(declaresConstraints(Own), assumption("returns a subclass's own constraints")).toBe(true);
    // @IsOptional is metadata too: such a class is validated, as TypeGraphQL would (it only costs).
    expect(declaresConstraints(OnlyOptional), assumption('returns @IsOptional as metadata')).toBe(true);
  });

  it("finds a parent class's constraints", () => {
    expect(declaresConstraints(Inherits), assumption('returns the constraints of the classes a class extends')).toBe(true);
  });

  it('finds none on a class without decorators', () => {
    expect(declaresConstraints(Unconstrained), assumption('returns nothing for an undecorated class')).toBe(false);
    expect(declaresConstraints(Object), assumption('returns nothing for Object')).toBe(false);
  });
});
