import type { ZodType } from 'zod';

/**
 * Checks a form with one of the shared contract schemas before sending it, giving the same messages
 * the API would; returns field -> first message (empty when valid).
 */
export function validate(schema: ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.');
    out[field] ??= humanize(issue.message);
  }
  return out;
}

export function humanize(message: string): string {
  if (/expected string to have >=1 character|received undefined/i.test(message)) return 'Required';
  if (/^invalid email/i.test(message)) return 'Enter a valid email address';
  return message.charAt(0).toUpperCase() + message.slice(1);
}
