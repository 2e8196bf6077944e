import { Module } from '@nestjs/common';

// the booking domain module (filled in by the booking issue)
@Module({})
export class BookingModule {}
