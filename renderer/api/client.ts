import { createClient } from '../../shared/api/client';
import { bridge } from './bridge';

/** The one typed client the views use. */
export const client = createClient(bridge);
