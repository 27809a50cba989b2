import { AppError, ErrorCode } from '../../errors.js';

/** How long a new password must be: 8 characters in development, 12 in production. */
export interface PasswordPolicy {
  minLength: number;
}

export const MAX_PASSWORD_LENGTH = 200;

export function passwordPolicy(production: boolean): PasswordPolicy {
  return { minLength: production ? 12 : 8 };
}

/** What is wrong with a new password under the policy, in words for its owner; undefined if nothing. */
export function passwordProblem(password: string, policy: PasswordPolicy): string | undefined {
  // Counted in code points, as a person counts characters.
  const length = [...password].length;
  if (length < policy.minLength) return `the password must be at least ${policy.minLength} characters long (it has ${length})`;
  if (length > MAX_PASSWORD_LENGTH) return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  if (password.trim() === '') return 'the password must not be blank';
  return undefined;
}

/** BAD_USER_INPUT naming the field when a new password breaks the policy. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy, field: string): void {
  const problem = passwordProblem(password, policy);
  if (problem) throw new AppError(ErrorCode.BAD_USER_INPUT, problem.charAt(0).toUpperCase() + problem.slice(1), { field });
}
