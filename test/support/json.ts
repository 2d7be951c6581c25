// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of HTTP answers, read by assertions
export type Json = any;
