import { CaseFileEntity } from './entities/case-file.entity';
import { CaseLogEntity } from './entities/case-log.entity';

// the case kit's TypeORM entities; registered in database/entities.ts
export const CASES_ENTITIES: Function[] = [CaseFileEntity, CaseLogEntity];
