import { uuidv7 } from 'uuidv7';

/** Ids are UUIDv7: time-ordered, so primary-key indexes stay append-mostly. */
export const newId = (): string => uuidv7();
