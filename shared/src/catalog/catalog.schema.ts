import { z } from 'zod';

// catalog module: request and response schemas (filled in by the catalog issue)
export const catalogPlaceholder = z.never().optional();
