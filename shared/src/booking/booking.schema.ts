import { z } from 'zod';

// booking module: request and response schemas (filled in by the booking issue)
export const bookingPlaceholder = z.never().optional();
