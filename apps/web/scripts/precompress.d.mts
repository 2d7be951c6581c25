/** Precompresses every compressible file of dir (.br and .gz beside it); returns how many copies it wrote. */
export function precompress(dir: string): Promise<number>;
