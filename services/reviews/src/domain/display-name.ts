/**
 * How a review is signed in public: the author's first name and the initial of their last, as
 * "Ada L." for "Ada Lovelace", so that a review does not publish a customer's full name. A single
 * name is shown as it is; no name at all is null.
 */
export function displayName(registered: string | null): string | null {
  const words = (registered ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return null;
  const first = words[0];
  if (words.length === 1) return first;
  const initial = [...words.at(-1)!][0].toLocaleUpperCase();
  return `${first} ${initial}.`;
}
