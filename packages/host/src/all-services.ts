import { SERVICE_NAMES, loadService } from './services.ts';

/** Every service module, loaded: for the processes that need them all (embedded shop, gateway). */
export const SERVICES = await Promise.all(SERVICE_NAMES.map(loadService));
