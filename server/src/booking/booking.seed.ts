import type { DataSource } from 'typeorm';

// the booking module's reference data (not demo data): runs on every seed, so it must be idempotent.
// Returns a one-line summary for the seed command's output.
export async function seedBookingReference(_ds: DataSource): Promise<string | null> {
  return null;
}
